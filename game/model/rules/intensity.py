"""Turn a plan into channel intensities: what the team's points amount to."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model.channels import Channel, Target
from game.model.linalg import contract
from game.model.params import Params

F64 = npt.NDArray[np.float64]
B8 = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Intensity:
    """A plan resolved into effects per channel."""

    build: F64  # (N, P) build effort points per package
    stakeholder: F64  # (N, S, C) channel intensity per stakeholder (preferences applied)
    project: F64  # (N, C) project-wide channel intensity
    contacted: B8  # (N, S) any relationship action this turn
    overtime: F64  # (N,) extra capacity points
    points_build: F64  # (N,) points on package actions
    points_relations: F64  # (N,) points on stakeholder actions
    points_project: F64  # (N,) points on project actions other than overtime

    def saturated(self, channel: Channel) -> F64:
        """1 - exp(-intensity): contact saturates within a turn; spamming one action pays less."""
        result: F64 = -np.expm1(-self.stakeholder[:, :, channel])
        return result


def _contacted(uses: F64, params: Params) -> B8:
    """Talking to someone counts as contact; going over their head does not."""
    personal = (params.action_target == Target.STAKEHOLDER) & (
        np.delete(params.action_effect, Channel.ESCALATE, axis=1).sum(axis=1) > 0
    )
    result: B8 = uses[:, personal, :].sum(axis=1) > 0
    return result


def resolve(plan: F64, params: Params) -> Intensity:
    """Resolve a validated plan (N, A, T) into channel intensities."""
    uses = plan * (1.0 / params.action_cost)[None, :, None]
    kind = params.action_target
    effect = params.action_effect
    s, p = params.n_stakeholders, params.n_packages
    on_packages = kind == Target.PACKAGE
    on_people = kind == Target.STAKEHOLDER
    on_project = kind == Target.PROJECT
    n = plan.shape[0]
    build = np.zeros((n, p))
    stakeholder = np.zeros((n, s, effect.shape[1]))
    # One action at a time, in catalogue order, so the sums do not depend on the batch.
    for a in np.flatnonzero(on_packages):
        build += uses[:, a, :p] * effect[a, Channel.BUILD]
    for a in np.flatnonzero(on_people):
        weighted = uses[:, a, :s] * params.preference[None, :, a]
        stakeholder += weighted[:, :, None] * effect[None, None, a, :]
    project = contract(uses[:, on_project, 0], effect[on_project])
    is_overtime = effect[:, Channel.OVERTIME] > 0
    points = plan.sum(axis=2)
    return Intensity(
        build=build,
        stakeholder=stakeholder,
        project=project,
        contacted=_contacted(uses[:, :, :s], params),
        overtime=contract(points / params.action_cost, effect[:, Channel.OVERTIME]),
        points_build=points[:, on_packages].sum(axis=1),
        points_relations=points[:, on_people].sum(axis=1),
        points_project=points[:, on_project & ~is_overtime].sum(axis=1),
    )
