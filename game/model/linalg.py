"""Contractions that give the same bits whatever the batch size.

BLAS (behind `@`, `dot`, `einsum` with optimize) picks kernels and summation
orders by matrix shape, so game i of a batch of 10,000 could differ in the last
bit from the same game played alone. These helpers sum in one fixed order, one
elementwise numpy operation per term of the (small) contracted axis, so each
game's result depends only on that game's numbers.
"""

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


def contract(a: npt.NDArray[np.generic], b: npt.NDArray[np.generic]) -> F64:
    """`a @ b` for a (N, K) and b (K,) or (K, M), summed over k = 0, 1, ... in order."""
    left: F64 = a.astype(np.float64, copy=False)
    right: F64 = b.astype(np.float64, copy=False)
    vector = right.ndim == 1
    b2 = right[:, None] if vector else right
    out = np.zeros((left.shape[0], b2.shape[1]), dtype=np.float64)
    # Terms whose row of b is all zero add +-0.0 to finite sums, which changes no bit.
    for k in np.flatnonzero(b2.any(axis=1)):
        out += left[:, k, None] * b2[None, k, :]
    return out[:, 0] if vector else out
