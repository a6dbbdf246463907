"""Why a stock moved: the parts of one clipped update, each term's share of the change.

The rules add several terms to a stock (trust, sponsor support) and clip the sum to
its bounds. The week report, the key moments and "through their eyes" tell the
players why it moved, with figures that add up to the change they see: where the
clip cut the sum, the side it cut is scaled down in proportion (a clip at the top
keeps less of the gains, a clip at the bottom less of the losses).
"""

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel
from game.model.scalar import clip, maximum, minimum, row_sum

F64 = npt.NDArray[np.float64]


def apportion(parts: F64, change: F64, residual_to: int | None = None) -> F64:
    """The parts (..., K) of one update scaled so that they add up to `change` (...).

    `residual_to` names the term that takes whatever scaling cannot explain: a bound
    that itself moved during the update (a rejection lowers the trust ceiling).
    """
    k = parts.shape[-1]
    rows = np.ascontiguousarray(parts, dtype=np.float64).reshape(-1, k)
    changes = np.ascontiguousarray(change, dtype=np.float64).reshape(-1)
    out: F64 = _apportion(rows, changes, -1 if residual_to is None else residual_to)
    return out.reshape(parts.shape)


@kernel("f8[:, ::1](f8[:, ::1], f8[::1], i8)")
def _apportion(parts: F64, change: F64, residual_to: int) -> F64:
    m, k = parts.shape
    out = np.empty((m, k))
    gains, losses = np.empty(k), np.empty(k)
    for row in range(m):
        if change[row] == 0 and _all_zero(parts[row]):
            # Nothing moved and nothing pushed (most stakeholders most turns): every part
            # +0.0, as the scaling below would give (a -0.0 part scales to +0.0 too).
            for j in range(k):
                out[row, j] = 0.0
            continue
        for j in range(k):
            gains[j] = maximum(parts[row, j], 0.0)
            losses[j] = minimum(parts[row, j], 0.0)
        gained = lost = 0.0
        keep_gains = keep_losses = 1.0
        # The gains, the losses, then the scaled row (for a residual): one loop, so that
        # `row_sum` is compiled in once, not three times (each copy costs compile time).
        for which in range(3):
            if which == 2:
                for j in range(k):
                    out[row, j] = gains[j] * keep_gains + losses[j] * keep_losses
                if residual_to < 0:
                    break
            total = row_sum(gains if which == 0 else (losses if which == 1 else out[row]))
            if which == 0:
                gained = total
            elif which == 1:
                lost = -total
                net = gained - lost
                if net > change[row] and gained > 0:
                    keep_gains = clip((change[row] + lost) / gained, 0.0, 1.0)
                if net < change[row] and lost > 0:
                    keep_losses = clip((gained - change[row]) / lost, 0.0, 1.0)
            else:
                out[row, residual_to] += change[row] - total
    return out


@kernel("b1(f8[::1])")
def _all_zero(values: F64) -> bool:
    """Whether every number is 0.0 or -0.0 (NaN is not)."""
    nonzero = False
    for i in range(values.shape[0]):
        nonzero |= values[i] != 0  # no branch: a row is a handful of numbers
    return not nonzero
