"""The strategy zoo as a section of the balance report: a table, its flags and a chart."""

from pathlib import Path

import numpy as np

from game.batch.charts import LEGEND, Figures, save
from game.batch.zoo import BLIND_CLOSE, LEAD, SPAM_CLOSE, ZooResult, ZooRow
from game.look.palette import INK, OKABE_ITO


def markdown(result: ZooResult) -> list[str]:
    """Lines of the zoo's section: what was played, a table best first, the flags."""
    lines = [
        "### The strategy zoo",
        "",
        f"{len(result.rows)} cynical strategies against balanced ({result.balanced_mean:.1f},"
        f" wins {result.balanced_win_rate:.0%}) on the same {result.games:,} games. Flagged:"
        f" a strategy ahead of balanced by more than {LEAD:.0%} (the whole 95 % CI), a spam"
        f" strategy above {SPAM_CLOSE:.0%} of balanced, the best state-blind strategy within"
        f" {1 - BLIND_CLOSE:.0%} of balanced, escalation above balanced.",
        "",
        "| strategy | what it does | mean | × balanced (95 % CI) | win"
        " | minus balanced (95 % CI) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in sorted(result.rows, key=lambda r: -r.ratio):
        low, high = row.ratio_ci
        d = row.vs_balanced
        lines.append(
            f"| {_label(row)} | {row.description} | {row.mean:.1f}"
            f" | {row.ratio:.2f} ({low:.2f}–{high:.2f}) | {row.win_rate:.0%}"
            f" | {d.mean:+.1f} ({d.low:+.1f} to {d.high:+.1f}) |"
        )
    found = result.flags()
    lines += ["", "Zoo flags:", ""]
    lines += [f"- {'⚠' if f.sure else '?'} {f.text}" for f in found] or ["- none"]
    lines += ["", "![zoo](zoo.png)", ""]
    return lines


def _label(row: ZooRow) -> str:
    tags = (["spam"] if row.spam else []) + (["state-blind"] if row.state_blind else [])
    return f"`{row.name}`" + (f" ({', '.join(tags)})" if tags else "")


def chart(figs: Figures, result: ZooResult, path: Path) -> None:
    """Each strategy's score as a share of balanced's, with its 95 % CI and the flag lines."""
    rows = sorted(result.rows, key=lambda r: -r.ratio)
    fig, ax = figs.subplots(figsize=(9, 0.28 * len(rows) + 1.6))
    y = np.arange(len(rows))
    ratios = np.array([r.ratio for r in rows])
    errors = np.abs(np.array([r.ratio_ci for r in rows]).T - ratios)
    colours = [
        OKABE_ITO[5] if r.spam else OKABE_ITO[1] if r.state_blind else OKABE_ITO[2] for r in rows
    ]
    ax.barh(y, ratios, xerr=errors, color=colours, ecolor=INK, capsize=2)
    ax.set_yticks(y, [r.name for r in rows])
    for x, style in ((SPAM_CLOSE, ":"), (BLIND_CLOSE, "--"), (1.0, "-"), (1.0 + LEAD, "--")):
        ax.axvline(x, color=INK, lw=0.8, ls=style)
    ax.invert_yaxis()
    ax.set(title="Strategy zoo: score ÷ balanced (95 % CI)", xlabel="× balanced")
    from matplotlib.patches import Patch

    kinds = [(OKABE_ITO[5], "spam"), (OKABE_ITO[1], "state-blind"), (OKABE_ITO[2], "other")]
    ax.legend(
        handles=[Patch(color=c, label=label) for c, label in kinds],
        loc="lower right",
        **LEGEND,
    )
    save(fig, path)
