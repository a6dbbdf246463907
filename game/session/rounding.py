"""Whole numbers that add up: the rounding the week report and the debrief show.

Rounding each part on its own once showed 67 + 17 + 12 + 4.3 = 100.3 on the debrief's
bar, and '−1 from the team's pace' for a 0.4-point leftover in the week report.
"""

import math


def whole_parts(exact: list[float], total: int) -> list[int]:
    """`exact` rounded to whole numbers that sum to `total` (largest remainder): each
    rounded down, then the units still missing (or extra) go to the largest (or smallest)
    remainders."""
    whole = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda k: exact[k] - whole[k], reverse=True)
    missing = total - sum(whole)
    for k in (order if missing > 0 else order[::-1])[: abs(missing)]:
        whole[k] += 1 if missing > 0 else -1
    return whole


def percent_parts(amounts: list[float], before: float, after: float) -> list[int]:
    """The parts of a share's change from `before` to `after`, in whole percentage points
    that add up to the change as its two rounded figures show it ('62% to 60%': -2)."""
    total = round(100 * after) - round(100 * before)
    return whole_parts([100 * a for a in amounts], total)
