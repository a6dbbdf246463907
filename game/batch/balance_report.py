"""Write a BalanceReport as report.md with its charts."""

from pathlib import Path

import numpy as np

from game.batch import zoo_report
from game.batch.balance import BUILT_IN, MIN_RATIO, BalanceReport
from game.batch.charts import LEGEND, Figures, save
from game.batch.levers import DOCS
from game.look.palette import INK, OKABE_ITO
from game.scenario.loader import scenario_digest


def write(report: BalanceReport, out: Path) -> Path:
    """Write report.md, lesson.png, tornado.png, search.png and zoo.png into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    figs = Figures()
    _lesson_chart(figs, report, out / "lesson.png")
    if report.sensitivity:
        _tornado(figs, report, out / "tornado.png")
    _search_chart(figs, report, out / "search.png")
    if report.zoo is not None:
        zoo_report.chart(figs, report.zoo, out / "zoo.png")
    path = out / "report.md"
    path.write_text(_markdown(report), encoding="utf-8")
    return path


def _markdown(r: BalanceReport) -> str:
    sc = r.scenario
    settings = ", ".join(f"{k} {v:,}" for k, v in r.settings.items())
    lines = [
        f"# Balance report: {sc.title} (`{sc.id}`)",
        "",
        f"Seed {r.seed}; {settings}; scenario sha256 `{scenario_digest(sc)[:16]}`.",
        "",
    ]
    verdict = (
        "**A degenerate strategy was found.**" if r.degenerate else "No degenerate strategy found."
    )
    lines += [verdict, ""]
    if r.workload is not None:
        lines += [f"**Workload:** {r.workload.sentence()}", ""]
    if r.levers:
        lines += [f"**What to change first** (the plain tables: {DOCS}):", ""]
        lines += [f"- {lever}" for lever in r.levers] + [""]
    lines += [
        "## 1. Does the lesson hold?",
        "",
        f"{r.games:,} games per policy on shared seeds.",
        "",
        "| policy | mean score | 95 % CI | median | win | cancelled | rework share |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in BUILT_IN:
        s = r.lesson[name]
        low, high = s["score"]["ci95"]
        lines.append(
            f"| {name} | {s['score']['mean']:.1f} | {low:.1f}–{high:.1f}"
            f" | {s['score']['percentiles']['p50']:.1f} | {s['rates']['win']:.0%}"
            f" | {s['rates']['cancelled']:.0%} | {s['rework_share']:.2f} |"
        )
    bal = r.lesson["balanced"]["score"]["mean"]
    ratios = {p: bal / max(r.lesson[p]["score"]["mean"], 1e-9) for p in BUILT_IN[1:]}
    lines += [
        "",
        "Balanced ÷ " + ", ".join(f"{p}: **{v:.2f}×**" for p, v in ratios.items()) + ".",
        "",
        "![scores](lesson.png)",
        "",
    ]
    lines += [
        "## 2. Is there a dominant degenerate strategy?",
        "",
        "A cross-entropy search over a parametric policy, played on games of its own, reached"
        f" {r.search.best_score:.1f}. Judged on the lesson's games, which it never saw, it beats"
        f" balanced by **{r.lead[1]:+.0%}** (95 % CI {r.lead[0]:+.0%} to {r.lead[2]:+.0%})."
        f" The best policy known is **{_best_name(r)}**"
        f" ({r.best_score:.1f}); it spends **{r.best_share:.0%}** of its points on relationships.",
        "",
        "The search's settings:",
        "",
        "| setting | value |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v:.2f} |" for k, v in r.search.best.describe().items()]
    lines += [
        "",
        "The best known policy's non-build points by action:",
        "",
        "| action | share |",
        "|---|---:|",
    ]
    lines += [
        f"| {k} | {v:.0%} |" for k, v in sorted(r.best_actions.items(), key=lambda kv: -kv[1])
    ]
    lines += ["", "![search](search.png)", ""]
    if r.zoo is not None:
        lines += zoo_report.markdown(r.zoo)
    lines += ["Flags:", ""] + ([f"- ⚠ {f}" for f in r.flags] or ["- none"]) + [""]
    lines += ["## 3. How sensitive is it?", ""]
    if r.sensitivity:
        variants = r.sensitivity[1:]
        weak = [
            x for x in variants if min(x["ratio_delivery"], x["ratio_relationship"]) < MIN_RATIO
        ]
        lines += [
            f"Every model coefficient at ×0.5 and ×2 (clipped to its range; a variant clipped back"
            f" to the base is left out): {len(variants)} variants. Balanced"
            f" keeps ≥ {MIN_RATIO}× each extreme under "
            + (
                "**every** change." if not weak else f"all but **{len(weak)}** changes (see notes)."
            ),
            "",
            "![tornado](tornado.png)",
            "",
        ]
    else:
        lines += ["(skipped)", ""]
    lines += [
        "## 4. Too easy, too hard?",
        "",
        ", ".join(f"{p} wins {r.lesson[p]['rates']['win']:.0%}" for p in BUILT_IN) + ".",
        "",
    ]
    lines += ["## Notes", ""] + ([f"- {n}" for n in r.notes] or ["- none"]) + [""]
    return "\n".join(lines)


def _best_name(r: BalanceReport) -> str:
    return "the one found" if r.best_name == "search" else "balanced"


def _lesson_chart(figs: Figures, r: BalanceReport, path: Path) -> None:
    fig, ax = figs.subplots(figsize=(8, 4))
    means = [r.lesson[p]["score"]["mean"] for p in BUILT_IN]
    lows = [m - r.lesson[p]["score"]["ci95"][0] for m, p in zip(means, BUILT_IN, strict=True)]
    ax.barh(BUILT_IN, means, xerr=lows, color=OKABE_ITO[:3], ecolor=INK, capsize=4)
    who = "found by the search" if r.best_name == "search" else "balanced"
    ax.axvline(
        r.best_score, color=OKABE_ITO[5], ls="--", label=f"best known ({who}) {r.best_score:.1f}"
    )
    ax.set(title="Mean score per policy (95 % CI)", xlabel="score", xlim=(0, 100))
    ax.invert_yaxis()
    ax.legend(**LEGEND)
    save(fig, path)


def _tornado(figs: Figures, r: BalanceReport, path: Path) -> None:
    base = r.sensitivity[0]["balanced"]  # the unchanged scenario on the same games
    lower: dict[str, tuple[float, str]] = {}
    upper: dict[str, tuple[float, str]] = {}
    for row in r.sensitivity[1:]:
        side = lower if float(row["factor"][1:]) < 1 else upper
        side[row["coefficient"]] = (row["balanced"] - base, row["factor"])
    names_all = sorted(
        set(lower) | set(upper),
        key=lambda n: -(abs(lower.get(n, (0.0, ""))[0]) + abs(upper.get(n, (0.0, ""))[0])),
    )
    ranked = names_all[:20]
    fig, ax = figs.subplots(figsize=(9, 0.35 * len(ranked) + 1.5))
    y = np.arange(len(ranked))
    ax.barh(
        y - 0.2,
        [lower.get(n, (0.0, ""))[0] for n in ranked],
        0.4,
        color=OKABE_ITO[1],
        label="lowered (×0.5 or to its bound)",
    )
    ax.barh(
        y + 0.2,
        [upper.get(n, (0.0, ""))[0] for n in ranked],
        0.4,
        color=OKABE_ITO[5],
        label="raised (×2 or to its bound)",
    )
    labels = [f"{n} ({lower.get(n, (0, '–'))[1]}, {upper.get(n, (0, '–'))[1]})" for n in ranked]
    ax.set_yticks(y, labels)
    ax.axvline(0, color=INK, lw=0.8)
    ax.invert_yaxis()
    shown = f"top {len(ranked)} of {len(names_all)}" if len(names_all) > len(ranked) else "all"
    ax.set(
        title=f"Balanced's score change ({shown} coefficients; base {base:.1f})",
        xlabel="score change",
    )
    ax.legend(**LEGEND)
    save(fig, path)


def _search_chart(figs: Figures, r: BalanceReport, path: Path) -> None:
    fig, ax = figs.subplots(figsize=(7, 3.5))
    ax.plot(
        np.arange(1, len(r.search.history) + 1),
        r.search.history,
        color=OKABE_ITO[0],
        lw=2,
        marker="o",
        label="best found (on the search's own games)",
    )
    ax.axhline(r.lesson["balanced"]["score"]["mean"], color=OKABE_ITO[2], ls="--", label="balanced")
    ax.set(title="Policy search", xlabel="iteration", ylabel="mean score")
    ax.legend(**LEGEND)
    save(fig, path)
