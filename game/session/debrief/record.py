"""A whole round as JSON-ready data: what a save file holds, and the debrief's truth.

The record is what the debrief's export writes and what a workshop result file
(game/session/results.py) is built on.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

import numpy as np

from game import i18n
from game.model import outcome
from game.model.observe import MOOD_NAMES
from game.model.rules.stakeholders import COMPLAINTS, NO_COMPLAINT
from game.session.debrief.breakdown import OWN, ScoreBreakdown, score_breakdown
from game.session.debrief.moments import key_moments
from game.session.debrief.series import series
from game.session.savefile import Attempt, to_record
from game.session.session import Session

FORMAT = "odd-duck-round"


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


def _breakdown(session: Session, breakdown: ScoreBreakdown) -> dict[str, Any]:
    """The score package by package: its share of the 100 points, what it kept, the points
    lost to each cause and its own worst cause (game/session/debrief/breakdown.py)."""
    ids = [p.id for p in session.scenario.packages]
    return {
        "score": breakdown.score,
        "packages": [
            {
                "package": ids[p.package],
                "potential": p.potential,
                "earned": p.earned,
                "lost": {cause.value: points for cause, points in p.lost.items()},
                "cause": None if p.cause is None else p.cause.value,
                "clarity": p.clarity,
                "owner_trust": p.owner_trust,
                "rework_found": p.rework_found,
                "rejections": p.rejections,
            }
            for p in breakdown.packages
        ],
        "own_causes": [cause.value for cause in OWN],
    }


def rework_story(session: Session) -> dict[str, list[float]]:
    """Per turn played, the faults found, by who found them and what became of them, and
    the work to redo after the turn. Named apart, as on the screens (issue 10):

    - `team_found`: rework the team's own tests found (the week report's "rework found");
    - `rejected_found`: defects an owner's acceptance test found in a package they sent
      back (the report's "pts of defects" of a rejection);
    - `accepted_defects`: defects found in a package signed off with them ("known
      defects"); the three add up to the debrief chart's `series.rework_found`;
    - `to_redo`: the work waiting to be redone after the turn (the board's "to redo"),
      more than what was found, since fixing late costs more than building right.
    """
    logs = [log for log in session.logs if log.active[0]]
    after = [*session.observations[1:], session.observe()][: len(logs)]

    def total(values: Any) -> float:
        return float(np.asarray(values, dtype=np.float64).sum())

    return {
        "team_found": [total(log.rework_found[0]) for log in logs],
        "rejected_found": [total(log.acceptance_found[0] * log.rejected[0]) for log in logs],
        "accepted_defects": [total(log.acceptance_found[0] * log.accepted[0]) for log in logs],
        "to_redo": [total(seen.package_redo[0]) for seen in after],
    }


def round_record(
    session: Session, scenario_ref: str, attempts: Sequence[Attempt] = ()
) -> dict[str, Any]:
    """The whole round as JSON-ready data: `json.dumps` works and no value is NaN.

    It holds what a save file holds (so the round can be replayed, with the team's earlier
    `attempts` at it) and the debrief's truth, the score's breakdown included.
    """
    record = to_record(session, scenario_ref, attempts)
    record["format"] = FORMAT
    record["scenario"]["title"] = session.scenario.title
    record["observations"] = [_observation(session, k) for k in range(len(session.observations))]
    result = outcome(session.state, session.params)
    ends = {f.name: getattr(result, f.name)[0] for f in fields(result)}
    ends["grade"] = session.params.scoring.grade_name(result.grade[0])
    ids = [s.id for s in session.scenario.stakeholders]
    ends["signoff_delay"] = dict(zip(ids, result.signoff_delay[0], strict=True))
    # A round stopped before its end (a live round the facilitator ended) is no loss:
    # the comparative debrief says so (playtest 9 read "0 · F · ✗ lost").
    ends["finished"] = bool(session.done)
    record["outcome"] = ends
    record["breakdown"] = _breakdown(session, score_breakdown(session))
    data = asdict(series(session))
    data["trust"] = {sid: data["trust"][:, s] for s, sid in enumerate(ids)}
    record["series"] = data
    record["rework"] = rework_story(session)
    record["key_moments"] = [asdict(m) for m in key_moments(session)]
    record["language"] = i18n.language()  # the language the key moments are written in
    plain: dict[str, Any] = _plain(record)
    return plain


def round_stem(session: Session) -> str:
    """'<scenario>-<team>-seed<seed>': the file name of a round's exports and results."""
    team = re.sub(r"[^\w-]+", "-", session.team).strip("-") or "team"  # letters of any script
    return f"{session.scenario.id}-{team}-seed{session.seed}"
