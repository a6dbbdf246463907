"""Turn a plan into channel intensities: what the team's points amount to."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel, Target
from game.model.linalg import contract
from game.model.params import Params
from game.model.plan import overtime_points

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Intensity:
    """A plan resolved into effects per channel."""

    build: F64  # (N, P) build effort points per package
    stakeholder: F64  # (C, N, S) channel intensity per stakeholder (preferences applied)
    project: F64  # (N, C) project-wide channel intensity
    contacted: B8  # (N, S) any relationship action this turn
    overtime: F64  # (N,) extra capacity points
    points_build: F64  # (N,) points on package actions
    points_relations: F64  # (N,) points on stakeholder actions
    points_project: F64  # (N,) points on project actions other than overtime

    def saturated(self, channel: Channel) -> F64:
        """1 - exp(-intensity): contact saturates within a turn; spamming one action pays less."""
        result: F64 = -np.expm1(-self.stakeholder[channel])
        return result


def point_split(totals: F64, params: Params) -> tuple[F64, F64, F64]:
    """Points on building, on people and on the project (overtime aside), from points per
    action (..., A): each shaped (...). The one place that sorts actions into the three."""
    kind = params.action_target
    is_overtime = params.action_effect[:, Channel.OVERTIME] > 0
    build: F64 = totals @ (kind == Target.PACKAGE).astype(np.float64)
    people: F64 = totals @ (kind == Target.STAKEHOLDER).astype(np.float64)
    project: F64 = totals @ ((kind == Target.PROJECT) & ~is_overtime).astype(np.float64)
    return build, people, project


def resolve(plan: F64, totals: F64, params: Params) -> Intensity:
    """Resolve a validated plan (N, A, T), with its points per action (N, A)."""
    kind, effect, count = params.action_target, params.action_effect, params.legal_count
    n, s, p = plan.shape[0], params.n_stakeholders, params.n_packages
    inverse = 1.0 / params.action_cost
    build = np.zeros((n, p))
    stakeholder = np.zeros((effect.shape[1], n, s))
    contacted = np.zeros((n, s), dtype=np.bool_)
    # Talking to someone counts as contact; going over their head does not.
    personal = np.delete(effect, Channel.ESCALATE, axis=1).sum(axis=1) > 0
    # One action at a time, in catalogue order, so the sums do not depend on the batch.
    for a in range(params.n_actions):
        if not totals[:, a].any():
            continue  # nobody used it: adding zeros would change no bit
        uses = plan[:, a, : count[a]] * inverse[a]
        if kind[a] == Target.PACKAGE:
            build += uses * effect[a, Channel.BUILD]
        elif kind[a] == Target.STAKEHOLDER:
            weighted = uses * params.preference[None, :, a]
            # Only the channels this action touches: adding +0.0 elsewhere changes no bit.
            for c in np.flatnonzero(effect[a]):
                stakeholder[c] += weighted * effect[a, c]
            if personal[a]:
                contacted |= uses > 0
    on_project = kind == Target.PROJECT
    points_build, points_relations, points_project = point_split(totals, params)
    return Intensity(
        build=build,
        stakeholder=stakeholder,
        project=contract(totals[:, on_project] * inverse[on_project], effect[on_project]),
        contacted=contacted,
        overtime=overtime_points(totals, params),
        points_build=points_build,
        points_relations=points_relations,
        points_project=points_project,
    )
