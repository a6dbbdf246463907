"""The workshop's teams overlaid in charts, drawn with matplotlib (Agg) off screen.

A team keeps one colour and one marker in every chart (`teams`), and the HTML report's
leaderboard and moments columns use the same colours. Figures come from
game.look.figures (never pyplot: its global state is not thread-safe); matplotlib is
imported on first use (~380 ms). No pygame here: `render_charts` hands out RGBA bytes
that a viewer turns into surfaces with `pygame.image.frombuffer(data, size, "RGBA")`.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.facilitator import chart_draw
from game.facilitator.teams import Team, stakeholders, teams
from game.look.figures import BOLD, dress, figure, plain
from game.session.atomic_file import write_atomically
from game.session.results import TeamResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes

REPORT_FONT = 1.3  # the HTML report's font scale: its charts sit beside 22-28 px text
CHART_FILE = re.compile(r"(score|capacity|progress|trust-[\w-]+)\.png")  # what write_charts owns


@dataclass(frozen=True)
class _Chart:
    title: str
    short: str  # the title when the whole one does not fit
    draw: Callable[[Axes, list[Team], float], None]
    left: str  # what is beside the axes: a kind of `_margin`
    right: str
    top: float = 50  # pixels at font scale 1: the title, and the capacity legend below it


def _margin(kind: str, ts: list[Team], fs: float) -> float:
    """Pixels beside the axes for what is drawn there (~0.62 em a letter in DejaVu Sans)."""
    longest = max((len(t.label) for t in ts), default=4)
    return {
        "names": 18 * fs * (0.62 * longest + 2.4),  # the team names, then their swatches
        "legend": 16 * fs * (0.64 * max(longest, 8) + 4.5),
        "ticks": 74 * fs,  # "100%"
        "score": 90 * fs,  # "100 · A" right of a full bar
        "edge": 24 * fs,
    }[kind]


def _charts(results: Sequence[TeamResult], trust_legends: bool = True) -> dict[str, _Chart]:
    """Every chart by file stem, in page order: score, capacity, progress, trust-<id>..."""
    right = "legend" if trust_legends else "edge"
    out = {
        "score": _Chart("Score", "Score", chart_draw.score, "names", "score", top=80),
        "capacity": _Chart(
            "Where the capacity went", "Capacity", chart_draw.capacity, "names", "edge", top=80
        ),
        "progress": _Chart(
            "Progress: true (solid) vs reported (dashed)",
            "Progress",
            chart_draw.progress,
            "ticks",
            "legend",
        ),
    }
    for sid, name, role in stakeholders(results):
        title = f"Trust · {name}, {role}" if role else f"Trust · {name}"
        trust = chart_draw.trust(sid, trust_legends)
        out[trust_chart(sid)] = _Chart(title, f"Trust · {name}", trust, "ticks", right)
    return out


def trust_chart(sid: str) -> str:
    """The name (file stem) of stakeholder `sid`'s trust chart."""
    return "trust-" + (re.sub(r"[^\w-]+", "-", sid).strip("-") or "stakeholder")


def chart_titles(results: Sequence[TeamResult]) -> dict[str, str]:
    """Every chart's title by name, in page order (the names of `write_charts`)."""
    return {name: chart.title for name, chart in _charts(results).items()}


def display_size(name: str, n_teams: int, font_scale: float = REPORT_FONT) -> tuple[int, int]:
    """The size, in CSS pixels, at which the HTML report shows chart `name`."""
    if name in ("score", "capacity"):
        return 740, round((120 + 60 * max(n_teams, 1)) * font_scale)
    return (1500, 720) if name == "progress" else (740, 500)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    # A team name in a script DejaVu Sans lacks is drawn as boxes: one warning per glyph
    # would bury the command's output.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        yield


def _figure(chart: _Chart, ts: list[Team], size: tuple[int, int], fs: float, scale: float) -> Any:
    """The chart drawn into a dark figure of `size` x `scale` pixels; returns its canvas."""
    w, h = size
    fig, canvas = figure(size, scale)
    # Fixed pixel margins: constrained layout costs ~50 ms a chart and moves the axes.
    left, right = _margin(chart.left, ts, fs), _margin(chart.right, ts, fs)
    fig.subplots_adjust(
        left=left / w, right=1 - right / w, bottom=62 * fs / h, top=1 - chart.top * fs / h
    )
    ax = fig.add_subplot()
    dress(ax, 16 * fs)
    fits = max(int((w - 20) / (13.5 * fs)), 8)  # letters of a 22 px title across the figure
    title = plain(_fitted_title(chart, fits))
    fig.text(10 / w, 1 - 8 / h, title, va="top", fontsize=22 * fs, **BOLD)
    chart.draw(ax, ts, fs)
    return canvas


def _fitted_title(chart: _Chart, fits: int) -> str:
    """The chart's title in at most `fits` letters: whole, else cut after what the short
    title says ("Trust · Omar Haddad, Head of Custo…": a playtest saw some trust charts
    with the role and others without), else the short one, cut if need be."""
    if len(chart.title) <= fits:
        return chart.title
    room = fits - 1 - len(chart.short)
    if chart.title.startswith(chart.short) and room >= 8:
        return chart.title[: fits - 1].rstrip(" ,") + "…"
    if len(chart.short) <= fits:
        return chart.short
    return chart.short[: fits - 1] + "…"


def render_charts(
    results: Sequence[TeamResult], size: tuple[int, int], font_scale: float = 1.0
) -> dict[str, tuple[bytes, tuple[int, int]]]:
    """Every chart (names as in `write_charts`) as RGBA bytes of exactly `size` pixels.
    Tens of ms a chart: draw once when a viewer opens, never per frame."""
    ts, out = teams(results), {}
    for name, chart in _charts(results).items():
        canvas = _figure(chart, ts, size, font_scale, 1.0)
        with _quiet():
            canvas.draw()
        out[name] = (bytes(canvas.buffer_rgba()), size)
        canvas.figure.clear()
    return out


def write_charts(
    results: Sequence[TeamResult],
    folder: Path,
    font_scale: float = REPORT_FONT,
    scale: float = 2.0,
    trust_legends: bool = True,
) -> dict[str, Path]:
    """Write every chart as `folder/<name>.png` (each atomically, readable by all), at
    `display_size` x `scale` pixels so that a projector shows it sharp; returns {name: path}
    in page order. Chart files of an earlier report that this one has not drawn are
    removed; no other file in `folder` is touched. Without `trust_legends` the trust charts
    leave the teams to a legend beside them (the HTML report's)."""
    folder.mkdir(parents=True, exist_ok=True)
    ts, written = teams(results), {}
    for name, chart in _charts(results, trust_legends).items():
        size = display_size(name, len(ts), font_scale)
        canvas = _figure(chart, ts, size, font_scale, scale)
        path = folder / f"{name}.png"
        with _quiet():
            write_atomically(path, canvas.print_png)
        canvas.figure.clear()
        written[name] = path
    for old in folder.iterdir():
        if CHART_FILE.fullmatch(old.name) and old not in written.values():
            old.unlink()  # e.g. the trust chart of a stakeholder of another scenario
    return written
