"""How long a workshop round takes, and the facilitator's run-sheet, from a scenario.

A first-time team needs about two to three minutes a turn (newcomer playtests: reading the
week report, talking it over, planning). The round is planned to the deadline; a late team
plays on, at most to the scenario's last turn. The run-sheet puts the two pauses where the
lessons show: after the opening turns (who has nobody spoken to yet?) and when reported
progress nears 90 % a few turns before the deadline.
"""

from dataclasses import dataclass

from game.scenario.schema import Scenario

MINUTES_PER_TURN = (2, 3)  # a first-time team, low and high
BRIEFING = (5, 10)  # the story read aloud, the screen explained
PAUSE = (5, 10)  # one discussion break
DEBRIEF = (20, 30)
OPENING_TURNS = 3  # played without interruption before the first pause
LATE_PAUSE_BEFORE = 4  # the second pause: this many turns before the deadline


@dataclass(frozen=True)
class Phase:
    """One block of the workshop: what happens, for how long (low, high minutes)."""

    name: str
    minutes: tuple[int, int]
    what: str


def round_minutes(turns: int) -> tuple[int, int]:
    """Minutes of play for `turns` turns at a first-time team's pace."""
    low, high = MINUTES_PER_TURN
    return turns * low, turns * high


def round_length(scenario: Scenario) -> str:
    """ "13 weeks: about 26–39 minutes", planned to the deadline, with the overrun."""
    low, high = round_minutes(scenario.deadline)
    label = scenario.turn_label
    text = f"{scenario.deadline} {label}s: about {low}–{high} minutes"
    extra = scenario.turns - scenario.deadline
    if extra > 0:
        text += f" (a late team may play {extra} more {label}s, up to {round_minutes(extra)[1]}"
        text += " minutes)"
    return text


def _pause_turns(scenario: Scenario) -> tuple[int, int]:
    """The turns after which to pause: early, and near the deadline (never before the first)."""
    first = min(OPENING_TURNS, max(1, scenario.deadline - 1))
    second = max(first + 1, scenario.deadline - LATE_PAUSE_BEFORE)
    return first, second


def run_sheet(scenario: Scenario) -> list[Phase]:
    """The workshop's phases in order, timed for a first-time group."""
    label = scenario.turn_label
    first, second = _pause_turns(scenario)
    last = scenario.deadline
    phases = [
        Phase(
            "Briefing",
            BRIEFING,
            "Read the story and the goal aloud; show the people cards and the rules page.",
        ),
        Phase(
            f"Play {label}s 1–{first}",
            round_minutes(first),
            "Let the teams find their feet without interruption.",
        ),
        Phase(
            f"Pause after {label} {first}",
            PAUSE,
            "Ask each team whom they have not spoken to yet, and what that person believes"
            " about the project.",
        ),
    ]
    if second < last:
        phases += [
            Phase(
                f"Play {label}s {first + 1}–{second}",
                round_minutes(second - first),
                "Watch for a team that builds flat out and reports 80–90 % done.",
            ),
            Phase(
                f"Pause after {label} {second}",
                PAUSE,
                "Compare reported with true progress: how much is really done? (In a second"
                " round, let the teams look through the line managers' eyes: Ctrl+Shift+V.)",
            ),
        ]
    start = second + 1 if second < last else first + 1
    if start <= last:
        phases.append(
            Phase(
                f"Play {label}s {start}–{last}",
                round_minutes(last - start + 1),
                "To the deadline; a late team plays on while the others wait for the debrief.",
            )
        )
    phases.append(
        Phase(
            "Debrief",
            DEBRIEF,
            "run_game.py debrief on the results folder; the questions below, one team at a time.",
        )
    )
    return phases


def total_minutes(phases: list[Phase]) -> tuple[int, int]:
    return sum(p.minutes[0] for p in phases), sum(p.minutes[1] for p in phases)
