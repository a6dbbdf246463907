"""A Dask cluster for the cluster tests: two worker processes of one thread each, on
loopback only (its dashboard too, on a free port); and a port nothing listens on."""

import socket
from typing import Any


def local_cluster() -> Any:
    """A LocalCluster to use as a context manager (it closes its workers on exit)."""
    import distributed  # the [cluster] extra: the tests that need it skip without it

    return distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )


def free_port() -> int:
    """A loopback port free now (nothing answers there)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
