"""What to change first, in a facilitator's words: the levers they set in the scenario.

A balance warning names model coefficients (docs/MODEL.md) because that is where the rule
lives. A facilitator who wrote the scenario thinks in work, capacity, weeks and people, and
those are what fix most first drafts (68 points of work for 200 of capacity is fixed by
adding work, not by any coefficient). So each problem the quick check finds is first told
as these levers, with the scenario's current values; the plain tables are in
docs/SCENARIOS.md, "What to change when the balance check warns".
"""

from collections.abc import Iterable

from game.scenario.schema import Scenario

DOCS = 'docs/SCENARIOS.md, "What to change when the balance check warns"'

# Problem kinds, in the order a facilitator should try them: an overpowered action of their
# own first (it makes everything else easy), then the big levers.
ORDER = (
    "overpowered",
    "spare",
    "easy",
    "relationship_only",
    "delivery_only",
    "hard",
    "dead",
    "neglect",
    "spam",
    "state_blind",
)


def _span(values: Iterable[float]) -> str:
    numbers = list(values)
    if not numbers:
        return "unset"
    low, high = min(numbers), max(numbers)
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _work(sc: Scenario) -> str:
    return f"{sum(p.size for p in sc.packages):g} points in {len(sc.packages)} packages"


def _people(sc: Scenario, trait: str) -> str:
    return _span(getattr(s.traits, trait) for s in sc.stakeholders)


def lever_text(kind: str, sc: Scenario, subject: str = "", spare: bool = False) -> str:
    """One problem and the levers that fix it; `subject` names the person or action.
    `spare`: the time-to-spare line is shown too, so work and weeks are not repeated."""
    more_work = f"add work (packages[].size or more packages; now {_work(sc)})"
    less_time = (
        f"or cut the team's capacity (team.capacity, now {sc.team.capacity:g} a week)"
        f" or the weeks (deadline, now week {sc.deadline})"
    )
    demanding = (
        f"make people less patient (traits.patience, now {_people(sc, 'patience')}) and more"
        f" hype-prone (traits.hype_susceptibility, now {_people(sc, 'hype_susceptibility')})"
    )
    texts = {
        "spare": f"The team has time to spare: {more_work}, {less_time}.",
        "easy": f"Winning takes no judgement: {demanding}."
        if spare
        else f"Winning takes no judgement: {more_work}, {less_time}; or {demanding}.",
        "relationship_only": "A team that mostly talks still builds enough to do well:"
        f" {more_work}, {less_time}.",
        "delivery_only": f"Building alone does well because people forgive neglect: {demanding}.",
        "hard": "Even good play rarely wins: remove work (packages[].size; now"
        f" {_work(sc)}), add capacity (team.capacity, now {sc.team.capacity:g}) or weeks"
        f" (deadline, now week {sc.deadline}), or make people more patient (traits.patience,"
        f" now {_people(sc, 'patience')}).",
        "overpowered": f"The action '{subject}' does too much for its cost: lower its effects"
        " (actions[].effects) or raise its cost (actions[].cost).",
        "dead": f"The action '{subject}' is never worth its points: raise its effects"
        " (actions[].effects), lower its cost (actions[].cost), or remove it.",
        "neglect": f"Neglecting {subject} costs too little: make them less patient"
        " (traits.patience) or quicker to lose trust (traits.erosion_rate).",
        "spam": "One action works on everyone: give people different tastes"
        " (stakeholders[].preferences, e.g. workshop: 0.5 for one, demo: 1.5 for another).",
        "state_blind": "A fixed routine works as well as reading the board: make people differ"
        " more in patience, hype and preferences, so each needs something else.",
    }
    return texts[kind]


def first_levers(found: Iterable[tuple[str, str]], sc: Scenario) -> list[str]:
    """The lever lines for (kind, subject) problems, biggest levers first, each once."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for kind, subject in found:
        if (kind, subject) not in seen:
            seen.add((kind, subject))
            unique.append((kind, subject))
    spare = any(kind == "spare" for kind, _ in unique)
    if spare:  # the same levers as time to spare: said once
        unique = [ks for ks in unique if ks[0] != "relationship_only"]
    unique.sort(key=lambda ks: ORDER.index(ks[0]))
    return [lever_text(kind, sc, subject, spare) for kind, subject in unique]
