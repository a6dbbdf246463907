"""The end-of-round debrief as data: the true story of one game, its key moments,
what the built-in policies would have scored on the same luck, and a JSON export.

Headless (numpy only): the charts that draw this data live in game/ui/charts.py.
The key moments' sentences come from the UI's catalogue (game/i18n, keys "moment.*"),
in the language in effect when they are made.
"""

import json
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from game import i18n
from game.i18n import number, ordinal, percent, tr
from game.model import Channel, outcome
from game.model.observe import MOOD_NAMES
from game.model.rules.stakeholders import COMPLAINTS, NO_COMPLAINT
from game.model.state import ACCEPTED
from game.model.step import in_syndrome
from game.policies import POLICIES
from game.session.atomic_file import write_text_atomic
from game.session.runner import play
from game.session.savefile import to_record
from game.session.session import Session
from game.session.transcript import MINOR_REWORK, first_names
from game.session.week import complaint_text

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
FORMAT = "odd-duck-round"
BIG_REWORK = 1.0  # points found at once that make a key moment

# How much each kind of moment matters in a debrief.
_WEIGHT = {
    "end": 100, "syndrome": 90, "rejection": 80, "escalation": 70, "forced": 65,
    "event": 60, "complaint": 50, "rework": 40, "acceptance": 30,
}  # fmt: skip
MOMENT_KINDS = tuple(_WEIGHT)  # what a key moment's `kind` may be
# Each repeat of a kind counts for less, so that ten rejections do not hide everything else.
_REPEAT = 15


@dataclass(frozen=True)
class RoundSeries:
    """Per-turn truth of one (N = 1) game, T turns played: arrays (T,), trust (T, S)."""

    turns: I64  # 1-based
    reported: F64
    true: F64
    trust: F64
    build_points: F64
    relation_points: F64
    project_points: F64
    rework_found: F64  # team-found plus acceptance-found, summed over packages
    names: tuple[str, ...]  # stakeholders' first names


@dataclass(frozen=True)
class Moment:
    """One thing worth talking about in the debrief."""

    turn: int  # 1-based
    kind: str
    text: str
    stakeholder: int | None


@dataclass(frozen=True)
class Comparison:
    """What a built-in policy scored on the same seed and game id."""

    policy: str
    score: float
    grade: str


def series(session: Session) -> RoundSeries:
    """The per-turn arrays of every turn played so far (all empty before the first)."""
    logs = [log for log in session.logs if log.active[0]]
    S = session.params.n_stakeholders

    def col(name: str) -> F64:
        return np.array([float(getattr(log, name)[0]) for log in logs], dtype=np.float64)

    return RoundSeries(
        turns=np.array([int(log.turn[0]) + 1 for log in logs], dtype=np.int64),
        reported=col("reported_progress"),
        true=col("true_progress"),
        trust=np.array([log.trust_after[0] for log in logs], dtype=np.float64).reshape(-1, S),
        build_points=col("points_build"),
        relation_points=col("points_relations"),
        project_points=col("points_project"),
        rework_found=np.array(
            [float(log.rework_found[0].sum() + log.acceptance_found[0].sum()) for log in logs],
            dtype=np.float64,
        ),
        names=tuple(first_names(session.scenario)),
    )


def _pct(x: float) -> str:
    return percent(x)


def _candidates(session: Session) -> list[Moment]:
    """Every moment of the game in turn order; inside a turn, causes before consequences."""
    sc, params = session.scenario, session.params
    people, packages, owner = first_names(sc), [p.title for p in sc.packages], params.owner
    forcing = params.action_effect[:, Channel.ESCALATE] > 0
    out: list[Moment] = []
    complained, signed, syndrome = set(), set(), False
    rejections = np.zeros(params.n_packages, dtype=np.int64)

    def add(t: int, kind: str, text: str, who: Any = None) -> None:
        out.append(Moment(t, kind, text, None if who is None else int(who)))

    for log, plan in zip(session.logs, session.plans, strict=True):
        t = int(log.turn[0]) + 1
        for e in np.flatnonzero(log.events[0]):
            add(t, "event", sc.events[e].title)
        for p in np.flatnonzero(log.rework_found[0] >= BIG_REWORK):
            found, clarity = log.rework_found[0, p], _pct(log.rework_cause_clarity[0, p])
            text = tr("moment.rework", found=number(found, 1), package=packages[p], clarity=clarity)
            add(t, "rework", text, owner[p])
        reported, truth = float(log.reported_progress[0]), float(log.true_progress[0])
        if not syndrome and in_syndrome(log.reported_progress, log.true_progress)[0]:
            syndrome = True  # the same test the model uses for state.syndrome
            text = tr("moment.syndrome", reported=_pct(reported), true=_pct(truth))
            add(t, "syndrome", text)
        for s in np.flatnonzero((plan[forcing, : len(people)] > 0).any(axis=0)):
            add(t, "forced", tr("moment.forced", name=people[s]), s)
        for p in np.flatnonzero(log.rejected[0]):
            rejections[p] += 1
            nth = ordinal(int(rejections[p]))
            again = tr("moment.again", nth=nth) if rejections[p] > 1 else ""
            clarity, trust = log.acceptance_cause_clarity[0, p], log.decision_trust[0, p]
            why = tr("moment.rejection.why", clarity=_pct(clarity), trust=_pct(trust))
            text = tr(
                "moment.rejection", name=people[owner[p]], package=packages[p], again=again, why=why
            )
            add(t, "rejection", text, owner[p])
        for p in np.flatnonzero(log.accepted[0]):
            if owner[p] not in signed:
                signed.add(owner[p])
                known = log.acceptance_found[0, p]
                defects = tr("week.signoff.defects", found=number(known, 1))
                note = defects if known >= MINOR_REWORK else ""
                name, package = people[owner[p]], packages[p]
                text = tr("moment.signoff", name=name, package=package, note=note)
                add(t, "acceptance", text, owner[p])
        for s in np.flatnonzero(log.complaint[0] != NO_COMPLAINT):
            if s not in complained:
                complained.add(s)
                said = complaint_text(log.complaint[0, s])
                add(t, "complaint", tr("moment.complaint", name=people[s], complaint=said), s)
        for s in np.flatnonzero(log.escalated[0]):
            support = _pct(log.sponsor[0])
            text = tr("moment.escalation", name=people[s], sponsor=sc.sponsor.name, support=support)
            add(t, "escalation", text, s)
    if session.done and session.logs:
        add(session.turn, "end", _ending(session))
    return out


def _ending(session: Session) -> str:
    result = outcome(session.state, session.params)
    grade = session.params.scoring.grade_names[int(result.grade[0])]
    if result.cancelled[0]:
        why = tr("moment.end.cancelled", sponsor=session.scenario.sponsor.name)
    elif (session.state.status[0] == ACCEPTED).all():
        why = tr("moment.end.delivered")
    else:
        why = tr("moment.end.time")
    return tr("moment.end", why=why, score=number(result.score[0], 0), grade=grade)


def key_moments(session: Session, limit: int = 12) -> list[Moment]:
    """At most `limit` of the most important moments, sorted by turn (cause first within one).

    Importance is the kind's weight, less for each repeat of the same kind, so that the
    debrief shows different kinds of lesson before it shows the same one twice.
    """
    seen: dict[str, int] = {}
    ranked = []
    for index, moment in enumerate(_candidates(session)):
        repeat = seen.get(moment.kind, 0)
        seen[moment.kind] = repeat + 1
        ranked.append((-(_WEIGHT[moment.kind] - _REPEAT * repeat), index, moment))
    kept = sorted(ranked)[: max(limit, 0)]
    kept.sort(key=lambda r: (r[2].turn, r[1]))  # candidates come cause first in a turn
    return [moment for _, _, moment in kept]


def compare_policies(
    session: Session,
    policies: tuple[str, ...] = ("balanced", "delivery_first", "relationship_first"),
) -> list[Comparison]:
    """Each named built-in policy played to the end on the session's seed and game id.

    The model is deterministic, so a policy that the session itself followed scores
    exactly what the session scored.
    """
    params, out = session.params, []
    for name in policies:
        run = play(params, POLICIES[name], [session.game_id], session.seed, record=False)
        result = outcome(run.final, params)
        grade = params.scoring.grade_names[int(result.grade[0])]
        out.append(Comparison(name, float(result.score[0]), grade))
    return out


def _plain(value: Any) -> Any:
    """Numpy scalars and arrays as JSON-ready Python values; NaN and infinities as None."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _observation(session: Session, k: int) -> dict[str, Any]:
    """What the player saw before playing turn k + 1."""
    obs, ids = session.observations[k], [s.id for s in session.scenario.stakeholders]
    said = [None if c == NO_COMPLAINT else COMPLAINTS[c] for c in obs.complaint[0]]
    people = {
        sid: {key: getattr(obs, key)[0, s] for key in ("trust", "expectation", "seen", "vague")}
        | {"mood": MOOD_NAMES[int(obs.mood[0, s])], "complaint": said[s]}
        for s, sid in enumerate(ids)
    }
    return {
        "turn": k + 1,
        "reported_progress": obs.reported_progress[0],
        "budget_left": obs.budget_left[0],
        "sponsor": obs.sponsor[0],
        "stakeholders": people,
    }


def round_record(session: Session, scenario_ref: str) -> dict[str, Any]:
    """The whole round as JSON-ready data: `json.dumps` works and no value is NaN.

    It holds what a save file holds (so the round can be replayed) and the debrief's truth.
    """
    record = to_record(session, scenario_ref)
    record["format"] = FORMAT
    record["scenario"]["title"] = session.scenario.title
    record["observations"] = [_observation(session, k) for k in range(len(session.observations))]
    result = outcome(session.state, session.params)
    ends = {f.name: getattr(result, f.name)[0] for f in fields(result)}
    ends["grade"] = session.params.scoring.grade_names[int(result.grade[0])]
    ids = [s.id for s in session.scenario.stakeholders]
    ends["signoff_delay"] = dict(zip(ids, result.signoff_delay[0], strict=True))
    record["outcome"] = ends
    data = asdict(series(session))
    data["trust"] = {sid: data["trust"][:, s] for s, sid in enumerate(ids)}
    record["series"] = data
    record["key_moments"] = [asdict(m) for m in key_moments(session)]
    record["language"] = i18n.language()  # the language the key moments are written in
    plain: dict[str, Any] = _plain(record)
    return plain


def round_stem(session: Session) -> str:
    """'<scenario>-<team>-seed<seed>': the file name of a round's exports and results."""
    team = re.sub(r"[^\w-]+", "-", session.team).strip("-") or "team"  # letters of any script
    return f"{session.scenario.id}-{team}-seed{session.seed}"


def export_round(
    session: Session,
    scenario_ref: str,
    directory: Path,
    draw_report: Callable[[Session, Path], None],
) -> tuple[Path, Path]:
    """Write `<scenario>-<team>-seed<seed>.json` and, with `draw_report`, a PNG report
    beside it; returns both paths. An earlier export of the same round is kept: a new
    one gets `-2`, `-3`, ... (after "replay from week k" it is a different round).

    The report is drawn by the caller's function (the UI's charts), so that this
    headless module never depends on the window's code.
    """
    base = round_stem(session)
    stem = next(
        name
        for name in (base if n == 1 else f"{base}-{n}" for n in range(1, 10_000))
        if not (directory / f"{name}.json").exists()
    )
    path, png = directory / f"{stem}.json", directory / f"{stem}.png"
    text = json.dumps(round_record(session, scenario_ref), indent=1, ensure_ascii=False)
    write_text_atomic(path, text + "\n")
    draw_report(session, png)
    return path, png
