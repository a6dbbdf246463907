"""N games of one scenario behind the environments: one call of the model a week.

Both environments are views of this: the single environment is N = 1, the vector
environment N = num_envs. What it adds to the model is what Gymnasium asks for and the
game does not know, written once here:

- **Reward**: potential-based shaping (Ng, Harada & Russell 1999) with the score proxy
  Φ = the model's provisional score (`outcome(state).score`: accepted value net of
  defects x verdict x schedule x budget, 0-100) while a game runs, and Φ = 0 once it
  has ended. A played week earns Φ(after) - Φ(before), and the week that ends the
  game also earns the final score. Φ is 0 at the start (nothing accepted), so an
  episode's return is exactly its final score (less any refusal penalties), and the
  shaping leaves the best strategy unchanged.
- **Illegal plans** are refused, never repaired: a plan that `validate_plan` rejects
  is not played (the game stays exactly as it was), earns -REFUSAL_PENALTY, and
  `illegal` names why (the model's own message). After `max_refusals` refusals in
  one episode the episode is truncated, so a policy cannot stall a game forever.
"""

from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt

from game.model import Params, PlanError, State, new_state, outcome, step, validate_plan

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]

# What a refused plan costs, in points of the 0-100 score.
REFUSAL_PENALTY = 1.0
# Refusals in one episode after which it is truncated.
MAX_REFUSALS = 10


@dataclass(frozen=True)
class _Limits:
    """What validate_plan reads (PlanLimits): refused games are skipped like finished ones."""

    done: B8
    capacity: F64


@dataclass(frozen=True)
class Week:
    """The result of one week of N games."""

    reward: F64
    terminated: B8  # the game ended this week
    truncated: B8  # the episode was cut after too many refusals
    illegal: list[str]  # why each game's plan was refused, "" where it was played
    played: B8  # the week was played (not refused, not already over)


class Games:
    """The state of N games of one run seed and what the environments keep beside it."""

    def __init__(self, params: Params, n_games: int, max_refusals: int = MAX_REFUSALS) -> None:
        if max_refusals < 1:
            raise ValueError("max_refusals must be at least 1")
        self.params, self.max_refusals = params, max_refusals
        self.seed = 0
        self.state: State = new_state(params, np.zeros(n_games, dtype=np.int64), 0)
        self.refusals = np.zeros(n_games, dtype=np.int64)
        self.truncated = np.zeros(n_games, dtype=np.bool_)
        self.potential = np.zeros(n_games)
        self.scores = np.zeros(n_games)  # outcome's score of the current state, kept

    @property
    def ended(self) -> B8:
        """Games whose episode is over: ended by the rules or truncated."""
        result: B8 = self.state.done | self.truncated
        return result

    def start(self, rows: npt.ArrayLike, game_ids: npt.ArrayLike) -> None:
        """Start `game_ids` of the run seed `self.seed` in `rows` (their opening state)."""
        rows = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        fresh = new_state(self.params, game_ids, self.seed)
        if rows.shape[0] == self.state.n_games and (rows == np.arange(rows.shape[0])).all():
            self.state = fresh
        else:
            self.state = _splice(self.state, rows, fresh)
        self.refusals[rows] = 0
        self.truncated[rows] = False
        opening = outcome(fresh, self.params).score
        self.scores[rows] = opening
        self.potential[rows] = np.where(fresh.done, 0.0, opening)

    def score(self) -> F64:
        """The provisional score of running games, the final score of ended ones."""
        return self.scores.copy()

    def play(self, plan: F64) -> Week:
        """Play one week of every running game with `plan` (N, A, T) in points.

        Games already over are left as they are (reward 0). Raises ValueError for a
        plan of the wrong shape or type: that is a bug of the caller, not a move.
        """
        before = self.state
        illegal = ["" for _ in range(before.n_games)]
        refused = np.zeros(before.n_games, dtype=np.bool_)
        skip = self.ended.copy()
        # The model names one offending game at a time; ask again without it.
        while True:
            try:
                validate_plan(plan, _Limits(skip | refused, before.capacity), self.params)
                break
            except PlanError as exc:
                if exc.row is None:
                    raise ValueError(str(exc)) from None
                refused[exc.row] = True
                illegal[exc.row] = str(exc).split(": ", 1)[-1]
        # Refused games sit this week out as finished games do: the rules skip them.
        resting = skip | refused
        after, _ = step(replace(before, done=before.done | resting), plan, self.params)
        after.done = np.where(resting, before.done, after.done)
        played = ~resting
        terminated = played & after.done
        final = outcome(after, self.params).score
        potential = np.where(after.done, 0.0, final)
        reward = np.where(played, potential - self.potential, 0.0)
        reward = np.where(terminated, reward + final, reward)
        reward = np.where(refused, -REFUSAL_PENALTY, reward)
        self.refusals += refused
        truncated = refused & (self.refusals >= self.max_refusals)
        self.truncated |= truncated
        self.potential = np.where(played, potential, self.potential)
        self.state = after
        self.scores = final
        return Week(reward, terminated, truncated, illegal, played)


def _splice(state: State, rows: I64, fresh: State) -> State:
    """`state` with `rows` replaced by the games of `fresh`, in order."""
    new = state.copy()
    for f in fields(new):
        getattr(new, f.name)[rows] = getattr(fresh, f.name)
    return new
