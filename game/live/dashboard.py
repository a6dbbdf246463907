"""The facilitator's dashboard as the host serves it: one HTML page, its script and its style
(game/live/static/, shipped in the package), and the debrief's files, each with the
headers that keep a browser strict.

The page needs nothing from the network: no CDN, no font, no build step. Its script comes
as a file, never inline, so the Content-Security-Policy can forbid every inline script;
the script builds every text with `textContent`, so a team's name or a message is shown
as text whatever it holds. The facilitator's token never reaches the server in a URL: the
link the host prints carries it in the fragment (`#token=...`), which browsers do not
send; the page moves it into sessionStorage and out of the address bar.
"""

from importlib import resources
from importlib.resources.abc import Traversable

from starlette.responses import Response

# Found through the package, as game/data's files are: an installed copy has no checkout.
STATIC = resources.files("game.live").joinpath("static")
PAGE = "dashboard.html"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def load_static(folder: Traversable = STATIC) -> dict[str, tuple[bytes, str]]:
    """The dashboard's files by name, with their types, read once at the host's start."""
    found = {}
    for item in folder.iterdir():
        suffix = "." + item.name.rpartition(".")[2]
        if suffix in TYPES and item.is_file():
            found[item.name] = (item.read_bytes(), TYPES[suffix])
    return found


def strict(body: bytes, kind: str, policy: str = POLICY) -> Response:
    """An answer with the dashboard's security headers."""
    return Response(body, media_type=kind, headers={**HEADERS, "Content-Security-Policy": policy})
