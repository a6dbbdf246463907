"""The teams of a workshop as the comparative debrief shows them: one colour, one marker
and one short label per team, shared by every chart and the HTML report."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.look.figures import GLYPHS, MARKERS
from game.look.palette import COLOUR_NAMES, OKABE_ITO
from game.scenario.errors import Diagnostic
from game.scenario.yaml_source import Mark
from game.session.results import ResultsError, TeamResult

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
    """'won', 'lost' or 'cancelled': a word, so that the outcome is never colour alone."""
    return "cancelled" if result.cancelled else ("won" if result.won else "lost")


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
