"""Counter-based random numbers: a pure function of (seed, game, turn, slot).

Every draw is splitmix64 applied to a per-game key plus a counter, so game i of
a batch sees exactly the numbers it would see when played alone, and two
policies run on the same seeds meet the same luck. There is no hidden state.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TO_UNIT = np.float64(2.0**-53)
# Each turn owns a block of counters this wide; no scenario draws this many per turn.
TURN_STRIDE = 1 << 20
_POLICY_SALT = np.uint64(0xD1B54A32D192ED03)
# Policies draw from a separate stream so that their randomness never shifts the model's.
POLICY_STREAM = 1 << 40


def _mix(z: U64) -> U64:
    """splitmix64's finaliser of every number of `z` (a new array)."""
    flat = np.ascontiguousarray(z, dtype=np.uint64).reshape(-1)
    with np.errstate(over="ignore"):  # as plain Python (NUMBA_DISABLE_JIT) uint64 wraps too
        result: U64 = _mix_all(flat).reshape(np.shape(z))
    return result


@kernel("u8[::1](u8[::1])")
def _mix_all(z: U64) -> U64:
    out = np.empty_like(z)
    for i in range(z.shape[0]):
        out[i] = mix(z[i])
    return out


@kernel("u8(u8)", inline=True)
def mix(z: np.uint64) -> np.uint64:
    """splitmix64's finaliser of one number (uint64 arithmetic wraps)."""
    z ^= z >> _S30
    z *= _M1
    z ^= z >> _S27
    z *= _M2
    z ^= z >> _S31
    return z


def game_keys(seed: int, game_ids: npt.ArrayLike) -> U64:
    """One 64-bit key per game from the run's seed and the games' ids."""
    ids = np.asarray(game_ids, dtype=np.uint64)
    seed_key = _mix(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64) + _GOLDEN)
    return _mix((ids * _GOLDEN) ^ seed_key)


@kernel("u8(u8)")
def policy_key(key: np.uint64) -> np.uint64:
    """A game's key for policies (`Observation.rng_key`), derived one-way from the model's
    so that a policy cannot replay its draws."""
    return mix(key ^ _POLICY_SALT)


def uniforms(
    keys: U64,
    turns: npt.NDArray[np.int64],
    n_slots: int,
    stream: int = 0,
    skip: npt.NDArray[np.bool_] | None = None,
    first: int = 0,
) -> F64:
    """Uniform draws in [0, 1), shape (N, n_slots), for each game's current turn.

    Args:
        keys: per-game keys from `game_keys`, shape (N,).
        turns: each game's turn, shape (N,); each turn has its own counter block.
        n_slots: how many draws; the caller keeps a fixed slot layout.
        stream: offset that separates independent users (model, policies).
        skip: games (N,) that need no draws (a game that had ended): theirs are 0.0.
        first: the slot of the first draw (`draw` gives any one slot alone).
    """
    out = np.empty((keys.shape[0], n_slots))
    with np.errstate(over="ignore"):  # as plain Python (NUMBA_DISABLE_JIT) uint64 wraps too
        _uniforms(
            np.ascontiguousarray(keys, dtype=np.uint64),
            np.ascontiguousarray(turns, dtype=np.int64),
            np.uint64(stream),
            np.zeros(keys.shape[0], dtype=np.bool_) if skip is None else skip,
            first,
            out,
        )
    return out


@kernel("void(u8[::1], i8[::1], u8, b1[::1], i8, f8[:, ::1])")
def _uniforms(
    keys: U64,
    turns: npt.NDArray[np.int64],
    stream: np.uint64,
    skip: npt.NDArray[np.bool_],
    first: int,
    out: F64,
) -> None:
    for g in range(keys.shape[0]):
        if skip[g]:
            out[g] = 0.0
            continue
        for slot in range(out.shape[1]):
            out[g, slot] = draw(keys[g], turns[g], stream, first + slot)


@dataclass(frozen=True)
class Slots:
    """A block of slots of every game's turn, for a kernel to `draw` from one at a time
    where it needs a number (slot `first + j` of game g: `uniforms(...)[g, first + j]`)."""

    keys: U64  # (N,) from `game_keys`
    turns: I64  # (N,) the turn being played
    first: int
    stream: int = 0

    def kernel_args(self) -> tuple[U64, I64, np.uint64, int]:
        """What a kernel takes for them: keys, turns, stream and first slot."""
        return self.keys, self.turns, np.uint64(self.stream), self.first


@kernel("f8(u8, i8, u8, i8)")
def draw(key: np.uint64, turn: int, stream: np.uint64, slot: int) -> float:
    """One game's draw in one slot of its turn, as `uniforms` gives it: a kernel that needs
    a draw only now and then takes it here, when it needs it (counter-based: a slot's
    number does not depend on which others were drawn)."""
    base = np.uint64(turn) * np.uint64(TURN_STRIDE) + stream
    z = mix(key + (base + np.uint64(slot)) * _GOLDEN)
    return float(z >> _S11) * _TO_UNIT
