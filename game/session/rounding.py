"""Whole numbers that add up: the rounding the week report and the debrief show.

Rounding each part on its own once showed 67 + 17 + 12 + 4.3 = 100.3 on the debrief's
bar, and '−1 from the team's pace' for a 0.4-point leftover in the week report.
"""

import math
from collections.abc import Sequence


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


# Below this a fraction is a float's noise, not part of a point worth rounding up.
NOISE = 1e-9


def value_percents(values: Sequence[float]) -> list[int]:
    """Each package's share of the project's value in whole percents that add up to 100,
    the one figure the board, the week report and the debrief all show: rounding each on
    its own once showed 33 % at a sign-off and 32 % in the debrief for the same package.
    The shares are cut to nine places first, so that two callers whose values differ by
    a float's noise break ties alike."""
    total = float(sum(values))
    if total <= 0:
        return [0] * len(values)
    return whole_parts([round(100.0 * float(v) / total, 9) for v in values], 100)


def table_rounding(
    values: Sequence[Sequence[float]], row_totals: Sequence[int], column_totals: Sequence[int]
) -> list[list[int]] | None:
    """Whole numbers near a table of `values` whose rows add up to `row_totals` and whose
    columns add up to `column_totals`; None when no such rounding exists.

    Each cell is its floor or its ceiling, a cell with no fraction is never moved, and of
    all such roundings this one is the nearest to `values` (the least total error): the
    cells rounded up are chosen as a minimum-cost flow from the rows' missing units to the
    columns', a cell costing 1 − 2 × its fraction (Cox's controlled rounding of a
    two-way table)."""
    n_rows, n_cols = len(values), len(column_totals)
    whole = [[math.floor(v + NOISE) for v in row] for row in values]
    fraction = [
        [v - w for v, w in zip(row, wrow, strict=True)]
        for row, wrow in zip(values, whole, strict=True)
    ]
    row_left = [total - sum(row) for total, row in zip(row_totals, whole, strict=True)]
    col_left = [
        total - sum(whole[i][j] for i in range(n_rows)) for j, total in enumerate(column_totals)
    ]
    if min(row_left + col_left, default=0) < 0 or sum(row_left) != sum(col_left):
        return None
    up = [[False] * n_cols for _ in range(n_rows)]
    for _ in range(sum(row_left)):
        path = _cheapest_path(fraction, up, row_left, col_left)
        if path is None:
            return None
        first_row, last_col = path[0][0], path[-1][1]
        for i, j, rounds_up in path:
            up[i][j] = rounds_up
        row_left[first_row] -= 1
        col_left[last_col] -= 1
    return [
        [w + int(u) for w, u in zip(wrow, urow, strict=True)]
        for wrow, urow in zip(whole, up, strict=True)
    ]


def _cheapest_path(
    fraction: list[list[float]], up: list[list[bool]], row_left: list[int], col_left: list[int]
) -> list[tuple[int, int, bool]] | None:
    """One more unit from a row still short to a column still short, along the cheapest
    path of the residual graph (Bellman-Ford: the costs may be negative): a row reaches a
    column by rounding a cell up, a column reaches a row by taking a cell's rounding back.
    Returns the cells it changes, as (row, column, rounded up now), in path order."""
    n_rows, n_cols = len(fraction), len(col_left)
    inf = math.inf
    # Nodes: rows 0..n_rows-1, columns n_rows..n_rows+n_cols-1.
    cost = [0.0 if left > 0 else inf for left in row_left] + [inf] * n_cols
    came: list[tuple[int, int] | None] = [None] * (n_rows + n_cols)
    for _ in range(n_rows + n_cols):
        changed = False
        for i in range(n_rows):
            for j in range(n_cols):
                step = 1.0 - 2.0 * fraction[i][j]
                if (
                    not up[i][j]
                    and fraction[i][j] > NOISE
                    and cost[i] + step < cost[n_rows + j] - NOISE
                ):
                    cost[n_rows + j], came[n_rows + j] = cost[i] + step, (i, j)
                    changed = True
                elif up[i][j] and cost[n_rows + j] - step < cost[i] - NOISE:
                    cost[i], came[i] = cost[n_rows + j] - step, (i, j)
                    changed = True
        if not changed:
            break
    ends = [j for j in range(n_cols) if col_left[j] > 0 and cost[n_rows + j] < inf]
    if not ends:
        return None
    node = n_rows + min(ends, key=lambda j: (cost[n_rows + j], j))
    path: list[tuple[int, int, bool]] = []
    while (cell := came[node]) is not None:
        if len(path) > n_rows + n_cols:  # a cycle: float noise in the costs; give up
            return None
        i, j = cell
        if node >= n_rows:  # reached column j from row i: round (i, j) up
            path.append((i, j, True))
            node = i
        else:  # reached row i from column j: take (i, j)'s rounding back
            path.append((i, j, False))
            node = n_rows + j
    path.reverse()
    return path
