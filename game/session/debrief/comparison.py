"""What the built-in policies would have scored on the player's own luck."""

from dataclasses import dataclass

from game.model import outcome
from game.policies import POLICIES
from game.session.runner import play
from game.session.session import Session


@dataclass(frozen=True)
class Comparison:
    """What a built-in policy scored on the same seed and game id."""

    policy: str
    score: float
    grade: str


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
        grade = params.scoring.grade_name(result.grade[0])
        out.append(Comparison(name, float(result.score[0]), grade))
    return out
