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


@kernel("void(f8[::1], f8, i8, f8[:, ::1], f8[::1])")
def add_apportioned(parts: F64, change: float, residual_to: int, scratch: F64, total: F64) -> None:
    """The parts (K,) of one update scaled so that they add up to `change`, added to `total`
    (K,): a rule adds each update's parts to the turn's running totals as it makes it.
    `residual_to` (-1: none) names the term that takes whatever scaling cannot explain: a
    bound that itself moved during the update (a rejection lowers the trust ceiling).
    `scratch`: room for two rows (2, K)."""
    k = parts.shape[0]
    if change == 0 and _all_zero(parts):
        # Nothing moved and nothing pushed (most stakeholders most turns): every part
        # +0.0, as the scaling below would give (a -0.0 part scales to +0.0 too).
        for j in range(k):
            total[j] += 0.0
        return
    gains, losses = scratch[0], scratch[1]
    for j in range(k):
        gains[j] = maximum(parts[j], 0.0)
        losses[j] = minimum(parts[j], 0.0)
    gained, lost = row_sum(gains), -row_sum(losses)
    net = gained - lost
    keep_gains = 1.0
    if net > change and gained > 0:
        keep_gains = clip((change + lost) / gained, 0.0, 1.0)
    keep_losses = 1.0
    if net < change and lost > 0:
        keep_losses = clip((gained - change) / lost, 0.0, 1.0)
    for j in range(k):
        gains[j] = gains[j] * keep_gains + losses[j] * keep_losses  # the row's share of it
    if residual_to >= 0:
        gains[residual_to] += change - row_sum(gains)
    for j in range(k):
        total[j] += gains[j]


@kernel("b1(f8[::1])")
def _all_zero(values: F64) -> bool:
    """Whether every number is 0.0 or -0.0 (NaN is not)."""
    nonzero = False
    for i in range(values.shape[0]):
        nonzero |= values[i] != 0  # no branch: a row is a handful of numbers
    return not nonzero
