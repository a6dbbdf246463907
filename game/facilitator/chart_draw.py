"""The overlay charts' drawing, one function a chart: each fills a styled Axes with every
team's data, in the team's colour and marker (see team_charts for the figures around them).

matplotlib is imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from game.facilitator.teams import Team
from game.look.figures import BOLD, DASHED, DPI, plain
from game.look.palette import BORDER, CAPACITY, INK

if TYPE_CHECKING:
    from matplotlib.axes import Axes

F64 = npt.NDArray[np.float64]


def team_axis(ax: Axes, ts: list[Team], fs: float) -> F64:
    """Best team on top, named on the left beside its marker in its colour."""
    from matplotlib.transforms import ScaledTranslation

    y = np.arange(len(ts), dtype=np.float64)[::-1]
    ax.set_yticks(y, [plain(t.label) for t in ts], fontsize=18 * fs)
    ax.tick_params(axis="y", length=0, pad=30 * fs)
    ax.set_ylim(-0.6, len(ts) - 0.4)
    shift = ScaledTranslation(-15 * fs / DPI, 0, ax.figure.dpi_scale_trans)
    where = ax.get_yaxis_transform() + shift  # x in axes fractions, y in data
    for yk, t in zip(y, ts, strict=True):
        ax.plot([0.0], [yk], marker=t.marker, markersize=14 * fs, color=t.colour, transform=where,
                clip_on=False, ls="none")  # fmt: skip
    ax.grid(axis="x", color=BORDER, linewidth=0.8)
    return y


def band(ax: Axes, fs: float) -> tuple[float, float]:
    """Figure coordinates of the row under the title, aligned with the axes' left edge."""
    fig = ax.figure
    return ax.get_position().x0, 1 - 40 * fs * fig.dpi / DPI / fig.bbox.height


def score(ax: Axes, ts: list[Team], fs: float) -> None:
    y = team_axis(ax, ts, fs)
    ax.barh(y, [t.result.score for t in ts], color=[t.colour for t in ts], height=0.62)
    for yk, t in zip(y, ts, strict=True):
        r = t.result
        text = plain(f"{r.score:.0f} · {r.grade}")
        at: dict[str, Any] = {"textcoords": "offset points", "annotation_clip": False}
        ax.annotate(text, (r.score, yk), (8 * fs, 0), va="center", fontsize=17 * fs, **at, **BOLD)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("score (0-100)", color=INK, fontsize=16 * fs, loc="left")
    # Where the capacity chart beside it has its legend: the two charts line up.
    x0, y0 = band(ax, fs)
    ax.figure.text(x0, y0, "score · grade, best team on top", va="top", fontsize=17 * fs, color=INK)


def capacity(ax: Axes, ts: list[Team], fs: float) -> None:
    from matplotlib.patches import Patch

    y, left = team_axis(ax, ts, fs), np.zeros(len(ts))
    widest = max((sum(t.capacity) for t in ts), default=1.0) or 1.0
    number: dict[str, Any] = {"ha": "center", "va": "center", "color": "white", "weight": "bold"}
    for k, colour in enumerate(CAPACITY.values()):
        part = np.array([t.capacity[k] for t in ts])
        ax.barh(y, part, left=left, color=colour, height=0.62)
        for yk, x0, v in zip(y, left, part, strict=True):
            if v >= 0.09 * widest:  # a number only where it fits inside its segment
                ax.text(x0 + v / 2, yk, f"{v:.0f}", fontsize=15 * fs, **number)
        left = left + part
    ax.set_xlim(0, widest * 1.02)
    ax.set_xlabel("capacity points over the round", color=INK, fontsize=16 * fs, loc="left")
    # Under the title, above the bars: between them it would cover a team.
    handles = [Patch(color=c, label=n) for n, c in CAPACITY.items()]
    ax.figure.legend(
        handles=handles, loc="upper left", bbox_to_anchor=band(ax, fs), ncol=3, frameon=False,
        fontsize=17 * fs, labelcolor=INK, handlelength=1.0, columnspacing=1.2, borderaxespad=0,
        borderpad=0,
    )  # fmt: skip


def turn_axis(ax: Axes, ts: list[Team], fs: float) -> None:
    """Whole turns up to the deadline (or the longest round), trust and progress in %."""
    from matplotlib.ticker import PercentFormatter

    record = ts[0].result.record["scenario"]
    deadline = record.get("deadline")
    last = max([int(t.turns.max(initial=1)) for t in ts] + [int(deadline or 1)])
    ax.set_xlim(0.6, last + 0.4)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if last / s <= 13)
    ax.set_xticks(range(step if step > 1 else 1, last + 1, step))
    ax.set_xlabel(
        plain(str(record.get("turn_label", "turn"))), color=INK, fontsize=16 * fs, loc="left"
    )
    ax.set_ylim(0.0, 1.05)
    ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(color=BORDER, linewidth=0.8)
    if deadline:
        ax.axvline(float(deadline), color=INK, lw=1.5, ls=":", zorder=1)
        # Under its tick, in the x label's row: inside the axes it would cover lines.
        below: dict[str, Any] = {"xycoords": ("data", "axes fraction"), "annotation_clip": False}
        ax.annotate("deadline", (float(deadline), 0), (0, -26 * fs), textcoords="offset points",
                    ha="center", va="top", fontsize=15 * fs, **below, **BOLD)  # fmt: skip


def legend(ax: Axes, ts: list[Team], fs: float, extra: list[Any]) -> None:
    """The teams' lines named right of the axes, then `extra` entries."""
    from matplotlib.lines import Line2D

    look: dict[str, Any] = {"lw": 3 * fs, "markersize": 9 * fs}
    handles = [
        Line2D([], [], color=t.colour, marker=t.marker, label=plain(t.label), **look) for t in ts
    ]
    ax.legend(
        handles=handles + extra, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
        fontsize=16 * fs, labelcolor=INK, handlelength=2.2,
    )  # fmt: skip


def progress(ax: Axes, ts: list[Team], fs: float) -> None:
    from matplotlib.lines import Line2D

    turn_axis(ax, ts, fs)
    for t in ts:
        every = max(1, t.turns.size // 8)
        ax.plot(t.turns, t.reported, color=t.colour, lw=2.5 * fs, ls=DASHED)
        mark: dict[str, Any] = {"marker": t.marker, "markersize": 9 * fs, "markevery": every}
        ax.plot(t.turns, t.true, color=t.colour, lw=3.5 * fs, **mark)
    legend(
        ax, ts, fs, [
            Line2D([], [], color="none", label=" "),  # a gap between the teams and the styles
            Line2D([], [], color=INK, lw=3.5 * fs, label="true"),
            Line2D([], [], color=INK, lw=2.5 * fs, ls=DASHED, label="reported"),
        ],
    )  # fmt: skip


def trust(sid: str, with_legend: bool) -> Callable[[Axes, list[Team], float], None]:
    def draw(ax: Axes, ts: list[Team], fs: float) -> None:
        turn_axis(ax, ts, fs)
        for t in ts:
            every = max(1, t.turns.size // 8)
            trust = t.trust.get(sid, np.full(t.turns.shape, np.nan))
            mark: dict[str, Any] = {"marker": t.marker, "markersize": 9 * fs, "markevery": every}
            ax.plot(t.turns, trust, color=t.colour, lw=3 * fs, **mark)
        if with_legend:
            legend(ax, ts, fs, [])

    return draw
