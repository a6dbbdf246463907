"""Debrief charts: the truth of a round drawn with matplotlib (Agg), off screen.

`import matplotlib` costs ~380 ms, so it happens inside the functions, on first use.
Figures come from game.look.figures (never pyplot, whose global state is neither thread-
nor process-safe); stakeholders are drawn in game.look.palette's colours, as in the game.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from game.i18n import number, tr, turn_word
from game.look.figures import BOLD, MARKERS, dress, figure
from game.look.palette import BORDER, CAPACITY, CARD, DIM_TEXT, GAP, INK, OKABE_ITO, REPORTED
from game.model.step import in_syndrome
from game.session.atomic_file import write_atomically
from game.session.debrief import (
    RoundSeries,
    compare_policies,
    key_moments,
    series,
)
from game.session.debrief.breakdown import score_breakdown
from game.session.debrief.explain import summary

if TYPE_CHECKING:
    import pygame
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from game.session.savefile import Attempt
    from game.session.session import Session

TRUE = INK  # the truth is drawn in ink, what IT reported in colour
TICK_SIZE = 15  # tick and axis labels, at design size: the screen's body text
# Finds below this (points) round to 0.0 in tenths: no label on their bar.
SHOWN_FOUND = 0.05
UPRIGHT_LABELS_FROM = 10  # more bars than this: the rework chart's labels stand upright
# The capacity chart's parts by catalogue key of their names (the planner's colours);
# the keys spelt out, so that a search of the code finds every key the catalogue has.
CAPACITY_KEYS = {
    "chart.capacity.build": CAPACITY["build"],
    "chart.capacity.people": CAPACITY["people"],
    "chart.capacity.project": CAPACITY["project"],
}


def _ticks(top: float, most: int, whole: bool = False) -> list[float]:
    """Round tick values from 0 (from one step for turns) to `top`, at most `most` of them.
    Fixed ticks instead of a tick locator halve the drawing time of a chart."""
    steps = [s * 10.0**e for e in range(-1, 4) for s in (1, 2, 5)]
    step = next(s for s in steps if top / s <= most and (not whole or s >= 1))
    return [float(v) for v in np.arange(step if whole else 0.0, top + 1e-9, step)]


def _style(ax: Axes, data: RoundSeries, fs: float, label: str, deadline: int | None) -> None:
    """Dark panel, big ticks, a whole-turn x axis up to the deadline: readable from afar.
    Ticks and labels in the screen's body size (15 at design size), so that they grow with
    the text size as the words beside the chart do."""
    dress(ax, TICK_SIZE * fs)
    ax.set_xlabel(
        turn_word(label), color=INK, fontsize=TICK_SIZE * fs, loc="left"
    )  # the right is the deadline's
    last = max(int(data.turns.max(initial=1)), deadline or 1)
    ax.set_xlim(0.4, last + 0.6)
    ax.set_xticks(_ticks(last, 7, whole=True))
    ax.grid(axis="y", color=BORDER, linewidth=0.8)


def _percent(ax: Axes) -> None:
    from matplotlib.ticker import PercentFormatter

    ax.set_ylim(0.0, 1.05)
    ax.set_yticks([0.0, 0.5, 1.0])
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def _progress(ax: Axes, data: RoundSeries, fs: float, _: list[str], deadline: int | None) -> None:
    """True progress (solid, thick) over what IT reported (dashed), the gap shaded."""
    t, rep, tru = data.turns, data.reported, data.true
    ax.fill_between(t, tru, rep, where=rep > tru, color=GAP, alpha=0.55, lw=0)
    ax.plot(t, rep, color=REPORTED, ls="--", lw=2.5 * fs)
    ax.plot(t, tru, color=TRUE, lw=4 * fs)
    _percent(ax)
    if deadline is not None:
        ax.axvline(deadline, color=INK, lw=1.5, ls=":", zorder=1)
        # Named in the x label's row, ending at its line: centred under the line, the word
        # stuck out past the plot's right edge (playtest 3).
        below: dict[str, Any] = {
            "xycoords": ("data", "axes fraction"),
            "textcoords": "offset points",
        }
        ax.annotate(
            tr("chart.deadline"),
            (deadline, 0),
            (2, -(TICK_SIZE + 8) * fs),
            ha="right",
            va="top",
            fontsize=TICK_SIZE * fs,
            annotation_clip=False,
            **below,
            **BOLD,
        )
    if t.size:
        ends = [(rep[-1], tr("chart.reported"), REPORTED), (tru[-1], tr("chart.true"), TRUE)]
        _end_labels(ax, t[-1], ends, fs)
    syndrome = np.flatnonzero(in_syndrome(rep, tru))
    if syndrome.size:
        k = int(syndrome[0])
        ax.annotate(
            tr("chart.syndrome"),
            xy=(t[k], (rep[k] + tru[k]) / 2),
            # Late in a round the lower right is empty: the true line is high by then.
            xytext=(0.97, 0.1),
            textcoords="axes fraction",
            ha="right",
            fontsize=15 * fs,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": CARD, "edgecolor": "none"},
            arrowprops={"arrowstyle": "->", "color": INK, "lw": 1.5},
            **BOLD,
        )


def _end_labels(ax: Axes, x: float, labels: list[tuple[float, str, str]], fs: float) -> None:
    """Name two lines right of their last points (a legend would cover them), pushed
    apart vertically when the ends are close."""
    bottom, top = ax.get_ylim()
    gap = 18 * fs * (top - bottom) / (ax.get_position().height * ax.figure.bbox.height)
    (high, *named_high), (low, *named_low) = sorted(labels, reverse=True)
    if high - low < gap:
        high, low = (high + low + gap) / 2, (high + low - gap) / 2
    for y, (name, colour) in ((high, named_high), (low, named_low)):
        ax.annotate(
            name,
            (x, y),
            (8 * fs, 0),
            textcoords="offset points",
            va="center",
            fontsize=15 * fs,
            annotation_clip=False,
            **(BOLD | {"color": colour}),
        )


def _trust(ax: Axes, data: RoundSeries, fs: float, colours: list[str], _: int | None) -> None:
    """One line per stakeholder, in their colour and with their own marker."""
    every = max(1, data.turns.size // 8)  # a marker every few turns keeps the lines readable
    for s, name in enumerate(data.names):
        ax.plot(
            data.turns,
            data.trust[:, s],
            color=colours[s % len(colours)],
            lw=2.5 * fs,
            marker=MARKERS[s % len(MARKERS)],
            markersize=8 * fs,
            markevery=every,
            label=name,
        )
    _percent(ax)
    ax.legend(
        fontsize=13 * fs, frameon=False, labelcolor=INK, loc="center left", bbox_to_anchor=(1, 0.5)
    )


def _capacity(ax: Axes, data: RoundSeries, fs: float, _: list[str], __: int | None) -> None:
    """Where each turn's points went: stacked build / people / project."""
    from matplotlib.patches import Patch

    bottom = np.zeros(data.turns.size)
    parts = (data.build_points, data.relation_points, data.project_points)
    for colour, points in zip(CAPACITY_KEYS.values(), parts, strict=True):
        ax.bar(data.turns, points, bottom=bottom, color=colour, width=0.8)
        bottom = bottom + points
    top = max(float(bottom.max(initial=0.0)), 1.0)
    ax.set_ylim(0, top * 1.35)  # headroom for the legend
    ax.set_yticks(_ticks(top, 4))
    # Explicit handles: before the first turn there are no bars to take colours from.
    handles = [Patch(color=colour, label=tr(key)) for key, colour in CAPACITY_KEYS.items()]
    ax.legend(
        handles=handles,
        fontsize=13 * fs,
        frameon=False,
        labelcolor=INK,
        loc="upper center",
        ncol=3,
        handlelength=1.0,
        columnspacing=1.0,
    )


def _rework(ax: Axes, data: RoundSeries, fs: float, _: list[str], __: int | None) -> None:
    """Points of faults found each turn: rework the team's tests found and defects the
    owners' acceptance tests found (sent back or signed off with them). These are the
    week reports' figures ("found 0.4 pts of rework", "0.8 pts of defects"), so each bar
    is labelled in their rounding (tenths); not the board's larger "to redo", which adds
    the premium of fixing late."""
    bars = ax.bar(data.turns, data.rework_found, color=GAP, width=0.8)
    labels = [number(v, 1) if v >= SHOWN_FOUND else "" for v in data.rework_found]
    # Many narrow bars: the labels stand upright, or neighbours run together (playtest 10
    # read "0.90.90.8" in an exported round of 15 weeks).
    upright = len(data.turns) > UPRIGHT_LABELS_FROM
    ax.bar_label(
        bars, labels=labels, color=INK, fontsize=13 * fs, padding=2, rotation=90 if upright else 0
    )
    top = max(float(data.rework_found.max(initial=0.0)), 1.0)
    ax.set_ylim(0, top * (1.35 if upright else 1.2))  # headroom for the labels
    ax.set_yticks(_ticks(top, 4))
    ax.set_ylabel(tr("chart.points"), color=INK, fontsize=14 * fs)


Draw = Callable[["Axes", RoundSeries, float, list[str], "int | None"], None]
# Each chart's catalogue key of its title, and how it is drawn.
CHARTS: dict[str, tuple[str, Draw]] = {
    "progress": ("chart.progress", _progress),
    "trust": ("chart.trust", _trust),
    "capacity": ("chart.capacity", _capacity),
    "rework": ("chart.rework", _rework),
}
# The built-in policies' names, for the debrief screen and its exported page alike.
POLICY_KEYS = {
    "balanced": "policy.balanced",
    "delivery_first": "policy.delivery_first",
    "relationship_first": "policy.relationship_first",
}


def policy_name(policy: str) -> str:
    """A fixed strategy's name in the window's language (its id if it has none)."""
    key = POLICY_KEYS.get(policy)
    return tr(key) if key else policy


def chart_surfaces(
    data: RoundSeries,
    size: tuple[int, int],
    colours: list[str],
    font_scale: float = 1.0,
    deadline: int | None = None,
    turn_label: str = "week",
) -> dict[str, pygame.Surface]:
    """The debrief charts "progress", "trust", "capacity" and "rework", each a surface of
    exactly `size` pixels; `colours` are the stakeholders' colours in scenario order.
    Costs tens of ms a chart: draw once when the debrief opens, never per frame."""
    import pygame

    fs, (w, h) = font_scale, size
    longest = max((len(n) for n in data.names), default=4)
    # Right margins hold the trust legend and the progress lines' names (~0.62 em a letter).
    right = {"trust": 13 * fs * (0.62 * longest + 4), "progress": 15 * fs * 6.2}
    out = {}
    for name, (key, draw) in CHARTS.items():
        title = tr(key)
        fig, canvas = figure(size)
        # Fixed pixel margins: constrained layout would cost ~50 ms a chart.
        fig.subplots_adjust(
            left=62 * fs / w,
            right=1 - right.get(name, 14) / w,
            bottom=50 * fs / h,
            top=1 - 36 * fs / h,
        )
        ax = fig.add_subplot()
        _style(ax, data, fs, turn_label, deadline)
        # The title starts at the figure's edge, not the axes', so a long one still fits.
        fig.text(8 / w, 1 - 6 / h, title, va="top", fontsize=20 * fs, **BOLD)
        draw(ax, data, fs, colours, deadline)
        canvas.draw()
        # frombuffer shares matplotlib's memory: copy before the figure goes away.
        out[name] = pygame.image.frombuffer(canvas.buffer_rgba(), size, "RGBA").copy()
        fig.clear()
    return out


def report_png(
    session: Session,
    path: Path,
    size: tuple[int, int] = (1600, 1000),
    attempts: Sequence[Attempt] = (),
) -> None:
    """One facilitator page (see report_figure), written atomically (temp file, rename)."""
    fig, canvas = report_figure(session, size, attempts)
    try:
        write_atomically(path, canvas.print_png)
    finally:
        fig.clear()


def report_figure(
    session: Session, size: tuple[int, int] = (1600, 1000), attempts: Sequence[Attempt] = ()
) -> tuple[Figure, Any]:
    """The facilitator page as a figure and its canvas: title, team, score and where its
    points went, what the built-in policies and the team's earlier `attempts` scored on
    the same luck (named as on the debrief screen), the four charts, the key moments."""
    from game.model import outcome

    data, fs = series(session), size[0] / 1600
    sc, params = session.scenario, session.params
    result = outcome(session.state, params)
    grade = params.scoring.grade_name(result.grade[0])
    verdict = tr(
        "png.cancelled" if result.cancelled[0] else ("png.won" if result.won[0] else "png.lost")
    )
    if not session.done:
        verdict = tr("png.so_far", label=turn_word(sc.turn_label), turn=session.turn)
    fig, canvas = figure(size)
    fig.text(0.02, 0.975, f"ODD DUCK · {sc.title}", fontsize=34 * fs, va="top", **BOLD)
    team = session.team or tr("png.team")
    score = f"{result.score[0]:.0f}"
    line = tr("png.line", team=team, seed=session.seed, score=score, grade=grade, verdict=verdict)
    fig.text(0.02, 0.92, line, fontsize=24 * fs, va="top", color=INK)
    parts = " · ".join(label for _, _, label in summary(score_breakdown(session)))
    fig.text(0.02, 0.88, tr("png.why", parts=parts), fontsize=18 * fs, va="top", color=INK)
    # The policies and the tries in the debrief screen's words: "Balanced: 76 (grade A)".
    others = " · ".join(
        _scored(policy_name(c.policy), c.score, c.grade) for c in compare_policies(session)
    )
    fig.text(0.02, 0.845, tr("png.others", others=others), fontsize=18 * fs, va="top", color=INK)
    if attempts:
        tries = " · ".join(
            _scored(tr("debrief.attempt", n=n), a.score, a.grade)
            for n, a in enumerate(attempts, start=1)
        )
        fig.text(0.02, 0.81, tr("png.tries", tries=tries), fontsize=18 * fs, va="top", color=INK)
    # Room between and right of the charts: the progress lines' names stand right of
    # their axes and the trust legend right of its own, clear of the key moments.
    grid = fig.add_gridspec(2, 2, left=0.05, right=0.56, top=0.72, bottom=0.07)
    grid.update(wspace=0.5, hspace=0.45)
    for k, (key, draw) in enumerate(CHARTS.values()):
        ax = fig.add_subplot(grid[k // 2, k % 2])
        _style(ax, data, fs * 1.1, sc.turn_label, params.deadline)
        ax.set_title(_fitted_title(tr(key)), fontsize=20 * fs, loc="left", **BOLD)
        draw(ax, data, fs * 1.1, list(OKABE_ITO), params.deadline)
    _moments(fig, session, fs)
    canvas.draw()
    return fig, canvas


def _scored(name: str, score: float, grade: str) -> str:
    return tr("debrief.compare.line", policy=name, score=number(score, 0), grade=grade)


def _fitted_title(title: str) -> str:
    """A chart's title on the page in lines of at most ~26 letters: a long one would run
    into the chart beside it."""
    return "\n".join(textwrap.wrap(title, 26)) or title


def _moments(fig: Figure, session: Session, fs: float) -> None:
    """The key moments as a column of wrapped lines: turn, stakeholder swatch, text."""
    x, y = 0.74, 0.74
    label = turn_word(session.scenario.turn_label)
    text: dict[str, Any] = {"color": INK, "va": "top", "fontsize": 17 * fs}
    scale = fs * 1000 / fig.bbox.height  # the steps below are fractions of a 1000 px page

    def height(lines: list[str]) -> float:
        return (0.0205 * len(lines) + 0.016) * scale  # 17 px lines at 1.2 spacing

    # Fewer moments rather than a list cut off at the bottom (the end would go first):
    # key_moments drops the least important ones.
    total = len(key_moments(session))
    for limit in range(10, 0, -1):
        moments = [(m, textwrap.wrap(m.text, 36)) for m in key_moments(session, limit)]
        below = height([""]) if len(moments) < total else 0.0  # the line saying how many
        if sum(height(lines) for _, lines in moments) <= y - 0.03 - below:
            break
    fig.text(
        x - 0.03, y + 0.01, tr("png.moments", label=label), fontsize=26 * fs, va="bottom", **BOLD
    )
    if len(moments) < total:
        # Fewer than the debrief shows: a line under the title says so (playtest 10 missed
        # two, unsaid; in the title itself it ran off the page's edge: playtest 11).
        how_many = tr("png.moments.some", n=len(moments), total=total)
        fig.text(x - 0.03, y, how_many, **(text | {"color": DIM_TEXT}))
        y -= height([how_many])
    for moment, lines in moments:
        who = moment.stakeholder
        swatch = INK if who is None else OKABE_ITO[who % len(OKABE_ITO)]
        fig.text(x - 0.012, y, f"{moment.turn}", ha="right", **text)
        fig.text(x - 0.006, y, "■", **(text | {"color": swatch}))
        fig.text(x + 0.008, y, "\n".join(lines), linespacing=1.2, **text)
        y -= height(lines)
