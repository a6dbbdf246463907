"""Key moments in pages: as few pages as the panel needs, filled evenly.

Filling each page as full as it goes leaves a near-empty page behind a long moment or at
the end ("9 moments, then 3"; at projector size "5, 2, 3, 2"). So the pages are first
counted by filling them full; then, of every way to cut the moments into that many pages
that each fit, the one whose thinnest page holds the most moments is taken (a page of two
read as a page left over, issue 10), and of those the one with the lowest tallest page."""

import itertools
from collections.abc import Sequence


def _fill(heights: Sequence[int], room: int) -> list[int]:
    """How many items each page takes when each is filled up to `room` (an item taller
    than `room` gets a page of its own)."""
    counts: list[int] = []
    used = 0
    for height in heights:
        if counts and counts[-1] and used + height <= room:
            counts[-1] += 1
            used += height
        else:
            counts.append(1)
            used = height
    return counts


def even_pages(heights: Sequence[int], room: int) -> list[int]:
    """The number of items on each page: no more pages than filling each page full; of
    the ways to cut the items into that many pages that each fit in `room` (an item
    taller than `room` alone on its page), the one with the most items on its thinnest
    page, then the lowest tallest page. Empty `heights`: one empty page."""
    if not heights:
        return [0]
    greedy = _fill(heights, room)
    pages, n = len(greedy), len(heights)
    best, best_key = greedy, _key(heights, greedy, room)
    # A key moments list is a dozen at most: a few hundred cuts to try.
    for cuts in itertools.combinations(range(1, n), pages - 1):
        counts = [b - a for a, b in itertools.pairwise((0, *cuts, n))]
        key = _key(heights, counts, room)
        if key is not None and (best_key is None or key > best_key):
            best, best_key = counts, key
    return best


def _key(heights: Sequence[int], counts: list[int], room: int) -> tuple[int, int] | None:
    """How good a cut into pages of `counts` items is (higher is better): the items on its
    thinnest page, then the height of its tallest, lower first; None if a page of more
    than one item is taller than `room`."""
    tallest, start = 0, 0
    for count in counts:
        height = sum(heights[start : start + count])
        if count > 1 and height > room:
            return None
        tallest, start = max(tallest, height), start + count
    return min(counts), -tallest
