"""One error type for everything the host refuses: an HTTP status, a short code, a message.

The message is meant for a person (a facilitator or a team); `detail` carries what the
host has, e.g. the week it holds when a report arrives out of order, so a client can act.
"""

from typing import Any


class RefusedError(Exception):
    """A request the host will not carry out; nothing was changed."""

    def __init__(
        self, status: int, code: str, message: str, detail: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail or {}

    def body(self) -> dict[str, Any]:
        """The JSON answer: {"error": {"code", "message", ...detail}}."""
        return {"error": {"code": self.code, "message": self.message, **self.detail}}
