"""PNG charts of a batch run (and of the balance report), drawn from summary.json data.

Every figure comes from game.look.figures in the game's look (never pyplot: no global
state), at DPI dots an inch; colours are game.look.palette's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from game.look import figures
from game.look.palette import CAPACITY, INK, OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 110  # a 10 x 5.5 inch chart is 1100 x 605 pixels
TEXT, TITLE = 11, 13  # points
LEGEND: dict[str, Any] = figures.LEGEND | {"fontsize": TEXT}


class Figures:
    """Where batch charts are drawn: pyplot's `subplots` without pyplot's global state.
    Each figure is its own (game.look.figures) with every Axes dressed."""

    def subplots(
        self, nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float], squeeze: bool = True
    ) -> tuple[Figure, Any]:
        fig, _ = figures.figure((figsize[0] * DPI, figsize[1] * DPI), dpi=DPI)
        axes = fig.subplots(nrows, ncols, squeeze=squeeze)
        for ax in np.ravel(axes):
            figures.dress(ax, TEXT)
        return fig, axes

    def close(self, *_: object) -> None:
        """Nothing to close: no figure is kept anywhere but in its caller."""


def save(fig: Figure, path: Path) -> Path:
    """Lay `fig` out tightly, titles at TITLE points, and write it as a PNG at DPI."""
    for ax in fig.axes:
        ax.title.set_fontsize(TITLE)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    return path


def entry_label(entry: dict[str, Any]) -> str:
    # A custom policy is named by its file's name and function, not its whole path.
    policy = Path(entry["policy"]).name if ":" in entry["policy"] else entry["policy"]
    sweep = ", ".join(f"{k}={v}" for k, v in entry["sweep"].items())
    return f"{policy} ({sweep})" if sweep else policy


def _style(k: int) -> dict[str, Any]:
    """Colour k of the palette; past seven entries the line style changes too."""
    n = len(OKABE_ITO)
    return {"color": OKABE_ITO[k % n], "ls": ("-", "--", ":")[(k // n) % 3]}


def draw_all(data: dict[str, Any], histograms: dict[str, np.ndarray], out: Path) -> list[Path]:
    """Write every chart into `out`; returns their paths."""
    figs, entries = Figures(), data["results"]
    return [
        _scores(figs, entries, histograms, out / "scores.png"),
        _trust(figs, entries, out / "trust.png"),
        _progress(figs, entries, out / "progress.png"),
        _capacity(figs, entries, out / "capacity.png"),
    ]


def _scores(
    figs: Figures, entries: list[dict[str, Any]], hists: dict[str, np.ndarray], path: Path
) -> Path:
    fig, ax = figs.subplots(figsize=(10, 5.5))
    centres = np.arange(100) + 0.5  # bins [k, k + 1); 100 itself joins the last one
    peaks = []
    for k, entry in enumerate(entries):
        fine = hists[entry_label(entry)]
        coarse = np.add.reduceat(fine[:-1], np.arange(0, fine.size - 1, 100))
        coarse[-1] += fine[-1]
        share = coarse / max(coarse.sum(), 1)
        peaks.append(float(share.max()))
        ax.step(
            centres,
            share,
            where="mid",
            lw=2,
            **_style(k),
            label=f"{entry_label(entry)}: mean {entry['score']['mean']:.1f}",
        )
    ax.set(
        title="Score distribution", xlabel="score", ylabel="share of games per point", xlim=(0, 100)
    )
    ordered = sorted(peaks)
    if len(ordered) > 1 and ordered[-1] > 3 * ordered[-2]:
        # One spike (random play at 0, say) would flatten every other curve: cut it.
        ax.set_ylim(0, 1.3 * ordered[-2])
        ax.annotate(
            "(a peak is cut off)",
            xy=(0.99, 0.97),
            xycoords="axes fraction",
            ha="right",
            va="top",
            color=INK,
            fontsize=9,
        )
    ax.legend(**LEGEND)
    return save(fig, path)


def _trust(figs: Figures, entries: list[dict[str, Any]], path: Path) -> Path:
    cols = min(len(entries), 3)
    rows = int(np.ceil(len(entries) / cols))
    fig, axes = figs.subplots(rows, cols, figsize=(5.2 * cols, 4 * rows), squeeze=False)
    for ax, entry in zip(axes.ravel(), entries, strict=False):
        for k, (sid, curve) in enumerate(entry["per_turn"]["trust"].items()):
            turns = np.arange(len(curve["mean"]))
            style = _style(k)
            ax.fill_between(
                turns, curve["p10"], curve["p90"], color=style["color"], alpha=0.12, lw=0
            )
            ax.plot(turns, curve["mean"], lw=2, label=sid, **style)
        ax.set(title=f"Trust: {entry_label(entry)}", xlabel="turn", ylabel="trust", ylim=(0, 1))
        ax.legend(**(LEGEND | {"fontsize": 9}))
    for ax in axes.ravel()[len(entries) :]:
        ax.set_visible(False)
    fig.suptitle(
        "Mean trust per stakeholder (band: 10th-90th percentile)", color=INK, fontsize=TITLE
    )
    return save(fig, path)


def _progress(figs: Figures, entries: list[dict[str, Any]], path: Path) -> Path:
    fig, ax = figs.subplots(figsize=(10, 5.5))
    for k, entry in enumerate(entries):
        colour = _style(k)["color"]
        true, reported = (
            entry["per_turn"]["progress"]["true"],
            entry["per_turn"]["progress"]["reported"],
        )
        turns = np.arange(len(true["mean"]))
        ax.plot(turns, reported["mean"], color=colour, lw=1.5, ls="--")
        ax.fill_between(turns, true["p10"], true["p90"], color=colour, alpha=0.15, lw=0)
        ax.plot(turns, true["mean"], color=colour, lw=2.5, label=entry_label(entry))
    ax.axhline(0.9, color=INK, lw=0.8, ls=":")
    ax.annotate(
        "90 %",
        xy=(0.005, 0.905),
        xycoords=("axes fraction", "data"),
        color=INK,
        fontsize=9,
        va="bottom",
    )
    ax.set(
        title="True progress (solid) vs what IT reported (dashed)",
        xlabel="turn",
        ylabel="share of scope",
        ylim=(0, 1),
    )
    ax.legend(**LEGEND)
    return save(fig, path)


def _capacity(figs: Figures, entries: list[dict[str, Any]], path: Path) -> Path:
    fig, ax = figs.subplots(figsize=(10, 5.5))
    labels = [entry_label(e) for e in entries]
    kinds = [  # the planner's colours
        ("build", "building", CAPACITY["build"]),
        ("relations", "relationships", CAPACITY["people"]),
        ("project", "quality, testing, steering", CAPACITY["project"]),
    ]
    bottom = np.zeros(len(entries))
    for key, name, colour in kinds:
        totals = np.array([sum(e["per_turn"]["points"][key]) for e in entries])
        ax.barh(labels, totals, left=bottom, color=colour, label=name)
        bottom += totals
    ax.set(title="Capacity split over the game (points per game)", xlabel="points")
    ax.invert_yaxis()
    ax.legend(**LEGEND, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    return save(fig, path)
