"""Why a stock moved: the parts of one clipped update, each term's share of the change.

The rules add several terms to a stock (trust, sponsor support) and clip the sum to
its bounds. The week report, the key moments and "through their eyes" tell the
players why it moved, with figures that add up to the change they see: where the
clip cut the sum, the side it cut is scaled down in proportion (a clip at the top
keeps less of the gains, a clip at the bottom less of the losses).
"""

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


def apportion(parts: F64, change: F64, residual_to: int | None = None) -> F64:
    """The parts (..., K) of one update scaled so that they add up to `change` (...).

    `residual_to` names the term that takes whatever scaling cannot explain: a bound
    that itself moved during the update (a rejection lowers the trust ceiling).
    """
    gains = np.maximum(parts, 0.0)
    losses = np.minimum(parts, 0.0)
    gained, lost = gains.sum(axis=-1), -losses.sum(axis=-1)
    net = gained - lost
    keep_gains = np.where(
        (net > change) & (gained > 0),
        np.clip((change + lost) / np.where(gained > 0, gained, 1.0), 0.0, 1.0),
        1.0,
    )
    keep_losses = np.where(
        (net < change) & (lost > 0),
        np.clip((gained - change) / np.where(lost > 0, lost, 1.0), 0.0, 1.0),
        1.0,
    )
    out: F64 = gains * keep_gains[..., None] + losses * keep_losses[..., None]
    if residual_to is not None:
        out[..., residual_to] += change - out.sum(axis=-1)
    return out
