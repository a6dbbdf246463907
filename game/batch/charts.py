"""PNG charts of a batch run, drawn with matplotlib's Agg backend from summary.json data."""

from pathlib import Path
from typing import Any

import numpy as np

# Okabe-Ito: safe for colour-blind readers (docs/VISUAL.md's palette).
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
BACKGROUND, INK = "#1b1f2a", "#e8e6e3"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "figure.facecolor": BACKGROUND,
            "axes.facecolor": "#2a3142",
            "text.color": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.edgecolor": "#4a5266",
            "font.size": 11,
            "axes.titlesize": 13,
        }
    )
    return plt


def entry_label(entry: dict[str, Any]) -> str:
    # A custom policy is named by its file's name and function, not its whole path.
    policy = Path(entry["policy"]).name if ":" in entry["policy"] else entry["policy"]
    sweep = ", ".join(f"{k}={v}" for k, v in entry["sweep"].items())
    return f"{policy} ({sweep})" if sweep else policy


def _style(k: int) -> dict[str, Any]:
    """Colour k of the palette; past seven entries the line style changes too."""
    return {"color": PALETTE[k % len(PALETTE)], "ls": ("-", "--", ":")[(k // len(PALETTE)) % 3]}


def draw_all(data: dict[str, Any], histograms: dict[str, np.ndarray], out: Path) -> list[Path]:
    """Write every chart into `out`; returns their paths."""
    plt = _pyplot()
    entries = data["results"]
    written = [
        _scores(plt, entries, histograms, out / "scores.png"),
        _trust(plt, entries, out / "trust.png"),
        _progress(plt, entries, out / "progress.png"),
        _capacity(plt, entries, out / "capacity.png"),
    ]
    plt.close("all")
    return written


def _scores(
    plt: Any, entries: list[dict[str, Any]], hists: dict[str, np.ndarray], path: Path
) -> Path:
    fig, ax = plt.subplots(figsize=(10, 5.5))
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
    ax.legend(facecolor="#2a3142", edgecolor="#4a5266")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _trust(plt: Any, entries: list[dict[str, Any]], path: Path) -> Path:
    cols = min(len(entries), 3)
    rows = int(np.ceil(len(entries) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 4 * rows), squeeze=False)
    for ax, entry in zip(axes.ravel(), entries, strict=False):
        for k, (sid, curve) in enumerate(entry["per_turn"]["trust"].items()):
            turns = np.arange(len(curve["mean"]))
            style = _style(k)
            ax.fill_between(
                turns, curve["p10"], curve["p90"], color=style["color"], alpha=0.12, lw=0
            )
            ax.plot(turns, curve["mean"], lw=2, label=sid, **style)
        ax.set(title=f"Trust: {entry_label(entry)}", xlabel="turn", ylabel="trust", ylim=(0, 1))
        ax.legend(fontsize=9, facecolor="#2a3142", edgecolor="#4a5266")
    for ax in axes.ravel()[len(entries) :]:
        ax.set_visible(False)
    fig.suptitle("Mean trust per stakeholder (band: 10th-90th percentile)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _progress(plt: Any, entries: list[dict[str, Any]], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(10, 5.5))
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
    ax.legend(facecolor="#2a3142", edgecolor="#4a5266")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path


def _capacity(plt: Any, entries: list[dict[str, Any]], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(10, 5.5))
    labels = [entry_label(e) for e in entries]
    kinds = [
        ("build", "building", PALETTE[4]),
        ("relations", "relationships", PALETTE[0]),
        ("project", "quality, testing, steering", PALETTE[2]),
    ]
    bottom = np.zeros(len(entries))
    for key, name, colour in kinds:
        totals = np.array([sum(e["per_turn"]["points"][key]) for e in entries])
        ax.barh(labels, totals, left=bottom, color=colour, label=name)
        bottom += totals
    ax.set(title="Capacity split over the game (points per game)", xlabel="points")
    ax.invert_yaxis()
    ax.legend(
        facecolor="#2a3142",
        edgecolor="#4a5266",
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=3,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return path
