"""The comparative debrief of a live round, built and served by the host.

Once the round is over (the facilitator ended it, or every team has finished), the host
writes each team's round that has at least one week as the result file `play --workshop`
writes offline (game.session.results.result_record) into `STATE/results/`, then runs the
`debrief` command on that folder, which writes today's page into `STATE/debrief/`. So the
live debrief is the offline one, from the host's replayed games, and the facilitator can
also show it as slides (`run_game.py debrief STATE/results --show`).

The page is built in a process of its own, for two reasons: its charts take matplotlib a
few seconds, which on the host's event loop would stall every team's request; and the
page builder (game.facilitator) sits beside game.live in the layers, not below it.

A browser cannot send the facilitator's token when it loads a page, so the page is served
under `/debrief/<key>/`, a random key made at the host's start and given only in the
answer to the facilitator's `POST /api/debrief`: it lets one read the debrief, nothing else.
"""

import asyncio
import base64
import hashlib
import html
import json
import re
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from game.live.errors import RefusedError
from game.live.room import Room
from game.session.atomic_file import write_text_atomic
from game.session.results import result_record

RESULTS = "results"  # under the state folder: one result file a team
PAGE = "debrief"  # under the state folder: index.html and charts/
BUILD_SECONDS = 120.0  # the debrief command is stopped past this
# The `debrief` command of the installed game, run by the interpreter that runs the host.
COMMAND = "import sys; from game.cli.main import main; sys.exit(main(sys.argv[1:]))"
TYPES = {".html": "text/html; charset=utf-8", ".png": "image/png"}
_INLINE = re.compile(r"<(style|script)>(.*?)</\1>", re.DOTALL)
NONE = "'none'"
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


@dataclass(frozen=True)
class Built:
    version: int  # the room's version the page was built from
    teams: list[str]


def write_results(room: Room, folder: Path) -> list[str]:
    """Each team's round with at least one week as a result file in `folder` (one file a
    team, replaced atomically when the team has played on); the teams' names."""
    folder.mkdir(parents=True, exist_ok=True)
    workshop = {"turn_timer": room.workshop.turn_timer, "finished": float(round(time.time()))}
    names = []
    for game in room.teams.values():
        if not game.week:
            continue  # nothing to compare: the charts need at least one week
        record = result_record(game.session, room.workshop.scenario_ref, workshop)
        # The team's name stays out of the file name: it is the team's own text.
        text = json.dumps(record, indent=1, ensure_ascii=False)
        write_text_atomic(folder / f"team-{game.id:03d}.json", text)
        names.append(game.name)
    return names


async def run_debrief(results: Path, out: Path) -> None:
    """`debrief RESULTS --out OUT` in a process of its own; 500 when it fails."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", COMMAND, "debrief", str(results), "--out", str(out),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        _, err = await asyncio.wait_for(process.communicate(), BUILD_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise RefusedError(500, "debrief_failed", "building the debrief took too long") from None
    if process.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise RefusedError(500, "debrief_failed", f"the debrief command failed: {last[0][:300]}")


class Debriefs:
    """The round's debrief: built on the facilitator's request, again when anything has
    changed since (a team handing in its last weeks after the end), served under `key`."""

    def __init__(self, room: Room, state: Path | None) -> None:
        self.room = room
        # No state folder (an in-process test's host): a temporary one, made on first use.
        self._state = state
        self.key = secrets.token_urlsafe(24)
        self.built: Built | None = None
        self._lock = asyncio.Lock()

    @property
    def state(self) -> Path:
        if self._state is None:
            self._state = Path(tempfile.mkdtemp(prefix="odd-duck-debrief-"))
        return self._state

    @property
    def url(self) -> str:
        return f"/debrief/{self.key}/index.html"

    async def build(self) -> dict[str, object]:
        """Write the results and build the page unless it is up to date; the answer of
        `POST /api/debrief`. 409 while the round is not over or no team has a week."""
        if not self.room.round_over:
            raise RefusedError(
                409, "not_over", "end the round first (or wait until every team has finished)"
            )
        async with self._lock:  # one build at a time; the second caller gets its result
            version = self.room.version
            if self.built is None or self.built.version != version:
                names = write_results(self.room, self.state / RESULTS)
                if not names:
                    raise RefusedError(
                        409, "no_weeks", "no team has played a week: there is nothing to compare"
                    )
                await run_debrief(self.state / RESULTS, self.state / PAGE)
                self.built = Built(version, names)
        results = self.state / RESULTS
        return {
            "url": self.url,
            "teams": self.built.teams,
            "results": str(results),
            "slides": f'python run_game.py debrief "{results}" --show',
            "version": self.built.version,
        }

    def file(self, key: str, name: str) -> tuple[bytes, str] | None:
        """A file of the built page (index.html or charts/NAME.png) and its type; None for
        a wrong key, a path outside the page, or before the first build."""
        if self.built is None or not secrets.compare_digest(key, self.key):
            return None
        parts = name.split("/")
        if not (name == "index.html" or (len(parts) == 2 and parts[0] == "charts")):
            return None
        if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
            return None
        path = self.state / PAGE / name  # the key matched: built, so the folder exists
        kind = TYPES.get(path.suffix)
        if kind is None or not path.is_file():
            return None
        return path.read_bytes(), kind


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def page_policy(page: bytes) -> str:
    """The debrief page's Content-Security-Policy: nothing from elsewhere, and only its own
    inline style, style attributes (the teams' colours) and script, by their hashes: the
    ones the page builder wrote, nothing else."""
    text = page.decode("utf-8", "replace")
    hashes: dict[str, set[str]] = {"style": set(), "script": set()}
    for kind, body in _INLINE.findall(text):
        hashes[kind].add(_hash(body))
    attributes = {_hash(html.unescape(v)) for v in _STYLE_ATTRIBUTE.findall(text)}
    style = sorted(hashes["style"])
    if attributes:  # style="..." attributes need 'unsafe-hashes' besides their hashes
        style += ["'unsafe-hashes'", *sorted(attributes)]
    script = sorted(hashes["script"])
    return (
        "default-src 'none'; img-src 'self'; "
        f"style-src {' '.join(style or [NONE])}; script-src {' '.join(script or [NONE])}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
