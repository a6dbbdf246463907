"""Key moments in pages: as few pages as the panel needs, filled evenly.

Filling each page as full as it goes leaves a near-empty page behind a long moment or at
the end ("9 moments, then 3"; at projector size "5, 2, 3, 2"). So the pages are first
counted by filling them full, then the smallest height that still needs no more pages is
searched, and the moments are filled up to that: the same pages, shared out evenly."""

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


def even_pages(heights: Sequence[int], room: int, fewest: int = 3) -> list[int]:
    """The number of items on each page: no more pages than filling each page full, and
    the fullest page as low as it can be while every page but the last holds at least
    `fewest` items (a page of one or two moments reads as the end of the list); when no
    fill height gives that, the evenest pages. Empty `heights`: one empty page."""
    if not heights:
        return [0]
    pages = len(_fill(heights, room))
    low, high = max(1, min(max(heights), room)), max(room, max(heights))
    while low < high:  # the smallest fill height that needs no more pages
        mid = (low + high) // 2
        if len(_fill(heights, mid)) <= pages:
            high = mid
        else:
            low = mid + 1
    for height in range(low, max(room, low) + 1):  # a few hundred cheap fills at most
        counts = _fill(heights, height)
        if len(counts) == pages and all(n >= fewest for n in counts[:-1]):
            return counts
    return _fill(heights, low)
