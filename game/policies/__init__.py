"""Built-in policies: functions (Observation of N games, Params) -> plan (N, A, T)."""

from game.policies.builtin import POLICIES, Policy, neglecting

__all__ = ["POLICIES", "Policy", "get_policy", "neglecting"]


def get_policy(name: str) -> Policy:
    """A built-in policy by name; KeyError lists the known names."""
    try:
        return POLICIES[name]
    except KeyError:
        known = ", ".join(sorted(POLICIES))
        raise KeyError(f"unknown policy '{name}' (known: {known})") from None
