"""How N games start."""

import numpy as np
import numpy.typing as npt

from game.model.params import Params
from game.model.rng import game_keys
from game.model.rules.stakeholders import satisfaction
from game.model.state import State

F64 = npt.NDArray[np.float64]


def new_state(params: Params, game_ids: npt.ArrayLike, seed: int = 0) -> State:
    """The opening state of the games `game_ids` of a run seeded with `seed`."""
    ids = np.atleast_1d(np.asarray(game_ids, dtype=np.int64))
    n, s, p, e = ids.shape[0], params.n_stakeholders, params.n_packages, params.n_events

    def full(shape: tuple[int, ...], value: float) -> F64:
        return np.full(shape, value, dtype=np.float64)

    def tile(row: F64) -> F64:
        return np.tile(row.astype(np.float64), (n, 1))

    none_i = np.full((n, p), -1, dtype=np.int64)
    trust = tile(params.trust_start)
    state = State(
        key=game_keys(seed, ids),
        game_id=ids,
        turn=np.zeros(n, dtype=np.int64),
        done=np.zeros(n, dtype=np.bool_),
        cancelled=np.zeros(n, dtype=np.bool_),
        end_turn=np.full(n, -1, dtype=np.int64),
        capacity=full((n,), params.capacity),
        budget_spent=full((n,), 0.0),
        sponsor=full((n,), params.sponsor_start),
        fatigue=full((n,), 0.0),
        hype=full((n,), 0.0),
        work_new=tile(params.size),
        work_redo=full((n, p), 0.0),
        correct=full((n, p), 0.0),
        hidden=full((n, p), 0.0),
        hidden_clarity=full((n, p), 0.0),
        defects=full((n, p), 0.0),
        scope=tile(params.size),
        clarity=tile(params.clarity_start),
        status=np.zeros((n, p), dtype=np.int64),
        finish_turn=none_i.copy(),
        handover_turn=none_i.copy(),
        accept_turn=none_i.copy(),
        rejections=np.zeros((n, p), dtype=np.int64),
        trust=trust,
        ceiling=full((n, s), 1.0),
        expectation=full((n, s), 0.0),
        seen=full((n, s), 0.0),
        satisfaction=full((n, s), 0.0),
        since_contact=np.zeros((n, s), dtype=np.int64),
        known_trust=trust.copy(),
        known_satisfaction=full((n, s), 0.0),
        known_expectation=full((n, s), 0.0),
        escalations=np.zeros((n, s), dtype=np.int64),
        friction=full((n, s), 0.0),
        forced=np.zeros(n, dtype=np.int64),
        event_fired=np.zeros((n, e), dtype=np.bool_),
        effort=full((n, p), 0.0),
        flawed=full((n, p), 0.0),
        rework_found=full((n, p), 0.0),
        points_build=full((n,), 0.0),
        points_relations=full((n,), 0.0),
        points_project=full((n,), 0.0),
        known_seen=full((n, s), 0.0),
        syndrome=np.zeros(n, dtype=np.bool_),
    )
    # They start as content as their trust and their (still empty) expectations make them.
    state.satisfaction = satisfaction(state, params)
    state.known_satisfaction = state.satisfaction.copy()
    return state
