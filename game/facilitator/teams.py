"""The teams of a workshop as the comparative debrief shows them: one colour, one marker
and one short label per team, shared by every chart and the HTML report; and what the
debrief says about the round as a whole (the scenario's learning goals and facilitator
notes, the seed and date, a warning when the teams did not play the same round)."""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.i18n import tr
from game.look.figures import GLYPHS, MARKERS
from game.look.palette import COLOUR_NAMES, OKABE_ITO
from game.scenario.errors import Diagnostic
from game.scenario.yaml_source import Mark
from game.session.bounded_json import JsonFileError, read_json
from game.session.results import MAX_BYTES, ResultsError, TeamResult

F64 = npt.NDArray[np.float64]
# Rooms name teams after colours, and a team "Red" drawn in blue would confuse everyone.
COLOUR_WORDS = {word: colour for colour, words in COLOUR_NAMES.items() for word in words}
SERIES = ("turns", "true", "reported", "build_points", "relation_points", "project_points")


@dataclass(frozen=True)
class Team:
    """One team's round, with its look in the debrief."""

    result: TeamResult
    label: str  # unique among the teams and short enough for a chart
    colour: str
    marker: str
    turns: F64
    true: F64
    reported: F64
    trust: dict[str, F64]  # stakeholder id -> trust after each turn
    capacity: tuple[float, float, float]  # build, people, project points over the round

    @property
    def glyph(self) -> str:
        """The team's marker as a character, to name the team in text as in the charts."""
        return GLYPHS[self.marker]


def verdict(result: TeamResult) -> str:
    """'won', 'lost', 'cancelled' or 'stopped' (the round ended before the team's game
    did): a word, so that the outcome is never colour alone."""
    if result.cancelled:
        return "cancelled"
    if not result.finished:
        return "stopped"
    return "won" if result.won else "lost"


def ranks(scores: Sequence[float]) -> list[int]:
    """Each score's place on the leaderboard, in the order given: equal scores share a
    place and the next one skips ahead (competition ranking: 1, 2, 2, 4)."""
    return [1 + sum(other > score for other in scores) for score in scores]


def team_colours(names: Sequence[str]) -> list[str]:
    """A team named after a colour gets it (first come); the others take the free colours
    in order. Past seven teams colours repeat: the markers still tell the lines apart."""
    named: dict[int, str] = {}
    for k, name in enumerate(names):
        for word in re.findall(r"[a-z]+", name.lower()):
            colour = COLOUR_WORDS.get(word)
            if colour and colour not in named.values():
                named[k] = colour
                break
    free = [c for c in OKABE_ITO if c not in named.values()]
    spare = iter(free + [OKABE_ITO[k % len(OKABE_ITO)] for k in range(len(names))])
    return [named[k] if k in named else next(spare) for k in range(len(names))]


def team_labels(names: Sequence[str], most: int = 18) -> list[str]:
    """Names cut to `most` characters, a repeated one numbered: 'Blue', 'Blue (2)'."""
    short = [n if len(n) <= most else n[: most - 1].rstrip() + "…" for n in names]
    out = []
    for k, label in enumerate(short):
        before = short[:k].count(label)
        out.append(f"{label} ({before + 1})" if before else label)
    return out


def _broken(result: TeamResult, problem: str) -> ResultsError:
    message = f"the per-turn series cannot be read ({problem})"
    return ResultsError([Diagnostic(Mark(str(result.path), 1, 1), ("series",), message, "")])


def teams(results: Sequence[TeamResult]) -> list[Team]:
    """The teams in the order given, each with its colour, marker and label. Raises
    ResultsError, naming the file, when a result's per-turn series is unusable."""
    names = [r.name for r in results]
    looks = zip(team_colours(names), team_labels(names), strict=True)
    out = []
    for k, (r, (colour, label)) in enumerate(zip(results, looks, strict=True)):
        try:
            data = r.record["series"]
            # A NaN was written as null; numpy reads None back as NaN in a float array.
            cols = {key: np.asarray(data[key], dtype=np.float64) for key in SERIES}
            trust = {str(s): np.asarray(v, dtype=np.float64) for s, v in data["trust"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _broken(r, str(exc)) from None
        if (
            len({a.shape for a in [*cols.values(), *trust.values()]}) != 1
            or cols["turns"].ndim != 1
        ):
            raise _broken(r, "the series have different lengths")
        build, people, project = (
            float(np.nansum(cols[f"{part}_points"])) for part in ("build", "relation", "project")
        )
        out.append(
            Team(
                r,
                label,
                colour,
                MARKERS[k % len(MARKERS)],
                cols["turns"],
                cols["true"],
                cols["reported"],
                trust,
                (build, people, project),
            )
        )
    return out


def stakeholders(results: Sequence[TeamResult]) -> list[tuple[str, str, str]]:
    """(id, name, role) of each stakeholder of the scenario the teams played (all teams
    played the same one: load_results checks); the role may be empty."""
    record = results[0].record
    try:
        people = record["scenario"].get("stakeholders") or [
            {"id": sid, "name": sid} for sid in record["series"]["trust"]
        ]
        return [
            (str(p["id"]), str(p.get("name") or p["id"]), str(p.get("role") or "")) for p in people
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        where = Mark(str(results[0].path), 1, 1)
        message = f"the stakeholders cannot be read ({exc})"
        raise ResultsError([Diagnostic(where, ("scenario", "stakeholders"), message)]) from None


# --- The round as a whole ------------------------------------------------------------------
MAX_GOALS = 20
MAX_TEXT = 2000
_UNDRAWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # control characters, not newlines


@dataclass(frozen=True)
class Guide:
    """What the scenario's author wrote for the facilitator (empty when there is none)."""

    learning_goals: tuple[str, ...]
    facilitator_notes: str


def _clean(value: object) -> str:
    return _UNDRAWABLE.sub("", value)[:MAX_TEXT].strip() if isinstance(value, str) else ""


def scenario_guide(results: Sequence[TeamResult]) -> Guide:
    """The learning goals and facilitator notes of the scenario the teams played.

    The checked record keeps only what every consumer needs; the goals and notes come
    from the scenario's content saved whole in the first team's file (read again, with
    the same size bound, and trusted no further than as plain text)."""
    scenario = results[0].record.get("scenario") or {}
    goals, notes = scenario.get("learning_goals"), scenario.get("facilitator_notes")
    if goals is None and notes is None:
        try:
            data = read_json(results[0].path, MAX_BYTES)
            content = data["scenario"]["content"]
            goals, notes = content.get("learning_goals"), content.get("facilitator_notes")
        except (JsonFileError, OSError, KeyError, TypeError, AttributeError):
            goals, notes = [], ""
    listed = goals if isinstance(goals, list) else []
    cleaned = (_clean(goal) for goal in listed[:MAX_GOALS])
    return Guide(tuple(goal for goal in cleaned if goal), _clean(notes))


def played_on(result: TeamResult) -> dt.date | None:
    """The day the team finished: recorded in the file, else the file's time stamp."""
    finished = (result.record.get("workshop") or {}).get("finished")
    try:
        stamp = float(finished) if finished is not None else result.path.stat().st_mtime
        return dt.datetime.fromtimestamp(stamp).date()
    except (OSError, ValueError, OverflowError):
        return None


def _grouped(results: Sequence[TeamResult], key: str) -> dict[str, list[str]]:
    """Team names by the value of `key` ('seed' or the scenario's sha256), in order."""
    out: dict[str, list[str]] = {}
    labels = team_labels([r.name for r in results])
    for label, r in zip(labels, results, strict=True):
        value = str(r.seed) if key == "seed" else str(r.record["scenario"]["sha256"])[:8]
        out.setdefault(value, []).append(label)
    return out


def round_facts(results: Sequence[TeamResult]) -> str:
    """'Seed 12 · played 2026-12-03': the round every team played, in one line."""
    seeds = sorted({r.seed for r in results})
    days = sorted({d for d in (played_on(r) for r in results) if d is not None})
    parts = [tr("debrief.page.seeds" if len(seeds) > 1 else "debrief.page.seed",
                seed=", ".join(str(s) for s in seeds))]  # fmt: skip
    if days:
        when = days[0].isoformat()
        if len(days) > 1:
            when += f" – {days[-1].isoformat()}"
        parts.append(tr("debrief.page.date", date=when))
    return " · ".join(parts)


def round_warnings(results: Sequence[TeamResult]) -> list[str]:
    """Why the teams' results are not quite comparable: different seeds (other luck) or
    different versions of the scenario (edited between rounds); each names the teams."""
    out = []
    for key, message in (
        ("seed", "debrief.page.warn_seeds"),
        ("sha", "debrief.page.warn_versions"),
    ):
        groups = _grouped(results, key)
        if len(groups) > 1:
            which = "; ".join(f"{value}: {', '.join(names)}" for value, names in groups.items())
            out.append(tr(message, groups=which))
    return out
