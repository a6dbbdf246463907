"""numpy's arithmetic one number at a time, bit for bit, for the compiled kernels.

A kernel that loops over games must give the numbers the vectorised rules gave (the
golden transcripts hold them), down to the sign of a zero, which a transcript prints:
numpy's `maximum` and `minimum` return their second operand on a tie (0.0 for -0.0 and
0.0), its `clip` the value itself; a sum along an array's last axis adds in numpy's
pairwise order (eight running sums), and every reduction starts from +0.0.
"""

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel

F64 = npt.NDArray[np.float64]

# numpy sums blocks of up to this many numbers with eight running sums, longer ones by halves.
_PAIRWISE_BLOCK = 128


@kernel("f8(f8, f8)", inline=True)
def maximum(a: float, b: float) -> float:
    """np.maximum(a, b): NaN wins, and a tie (0.0 against -0.0) gives b."""
    return a if (a > b or a != a) else b


@kernel("f8(f8, f8)", inline=True)
def minimum(a: float, b: float) -> float:
    """np.minimum(a, b): NaN wins, and a tie gives b."""
    return a if (a < b or a != a) else b


@kernel("f8(f8, f8, f8)", inline=True)
def clip(x: float, low: float, high: float) -> float:
    """np.clip(x, low, high): a tie keeps x (-0.0 clipped to [0, 1] stays -0.0)."""
    x = x if (x >= low or x != x) else low
    return x if (x <= high or x != x) else high


@kernel("f8(f8[::1])", inline=True)
def row_sum(values: F64) -> float:
    """`values.sum()` of a contiguous row as numpy adds it (up to 256 numbers)."""
    n = values.shape[0]
    if n <= _PAIRWISE_BLOCK:
        return 0.0 + _pairwise(values, 0, n)
    # numpy halves a longer row, the first half a multiple of eight.
    half = n // 2
    half -= half % 8
    assert n - half <= _PAIRWISE_BLOCK
    return 0.0 + (_pairwise(values, 0, half) + _pairwise(values, half, n))


@kernel("f8(f8[::1], i8, i8)", inline=True)
def _pairwise(values: F64, start: int, stop: int) -> float:
    """numpy's sum of values[start:stop], at most _PAIRWISE_BLOCK of them."""
    n = stop - start
    total: float = 0.0
    if n < 8:
        for i in range(start, stop):
            total += values[i]
        return total
    r0, r1, r2, r3 = values[start], values[start + 1], values[start + 2], values[start + 3]
    r4, r5, r6, r7 = values[start + 4], values[start + 5], values[start + 6], values[start + 7]
    i = start + 8
    whole = stop - n % 8
    while i < whole:
        r0 += values[i]
        r1 += values[i + 1]
        r2 += values[i + 2]
        r3 += values[i + 3]
        r4 += values[i + 4]
        r5 += values[i + 5]
        r6 += values[i + 6]
        r7 += values[i + 7]
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < stop:
        total += values[i]
        i += 1
    return total
