"""numpy's arithmetic one number at a time, bit for bit, for the compiled kernels.

A kernel that loops over games must give the numbers the vectorised rules gave (the
golden transcripts hold them), down to the sign of a zero, which a transcript prints:
numpy's `maximum` and `minimum` return their second operand on a tie (0.0 for -0.0 and
0.0), its `clip` the value itself; a sum along an array's last axis adds in numpy's
pairwise order (eight running sums), and every reduction starts from +0.0.

Helpers of numbers are plain kernels (the compiler inlines a call that passes numbers);
`row_sum`, which takes an array, is compiled into each kernel that calls it.
"""

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel

F64 = npt.NDArray[np.float64]

# numpy sums blocks of up to this many numbers with eight running sums, longer ones by halves.
_PAIRWISE_BLOCK = 128


@kernel("f8(f8, f8)")
def maximum(a: float, b: float) -> float:
    """np.maximum(a, b): NaN wins, and a tie (0.0 against -0.0) gives b."""
    return a if (a > b or a != a) else b


@kernel("f8(f8, f8)")
def minimum(a: float, b: float) -> float:
    """np.minimum(a, b): NaN wins, and a tie gives b."""
    return a if (a < b or a != a) else b


@kernel("f8(f8, f8, f8)")
def clip(x: float, low: float, high: float) -> float:
    """np.clip(x, low, high) with numbers for bounds: a tie keeps x (-0.0 clipped to [0, 1]
    stays -0.0). With arrays for bounds numpy gives the bound on a tie instead: that is
    minimum(maximum(x, low), high)."""
    x = x if (x >= low or x != x) else low
    return x if (x <= high or x != x) else high


@kernel("f8(f8[::1])", inline=True)
def row_sum(values: F64) -> float:
    """`values.sum()` of a contiguous row as numpy adds it (up to 256 numbers): blocks of up
    to 128 with eight running sums; a longer row in two halves, the first a multiple of 8.
    (One loop over the halves: this is compiled into every kernel that sums a row.)"""
    n = values.shape[0]
    half = n
    if n > _PAIRWISE_BLOCK:
        half = n // 2 - (n // 2) % 8
        assert n - half <= _PAIRWISE_BLOCK
    halves: float = 0.0
    for start, stop in ((0, half), (half, n)):
        size = stop - start
        total: float = 0.0
        if size < 8:
            for i in range(start, stop):
                total += values[i]
        else:
            r0, r1, r2, r3 = values[start], values[start + 1], values[start + 2], values[start + 3]
            r4, r5 = values[start + 4], values[start + 5]
            r6, r7 = values[start + 6], values[start + 7]
            i = start + 8
            whole = stop - size % 8
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
        if half == n:
            return 0.0 + total  # one block: numpy adds it to its starting +0.0
        halves = total if start == 0 else halves + total
    return 0.0 + halves
