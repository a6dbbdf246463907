"""The audit's result: every check, as a plain-text table and as markdown with every CI."""

from dataclasses import dataclass, field

from game.batch.audit.numbers import Cell, Check

# The checks, by number: the markdown's section headings.
SECTIONS = {
    "1": "Balanced beats each extreme",
    "2": "The 90 % syndrome belongs to delivery_first",
    "3": "Neglecting a stakeholder costs rework on their packages",
    "4": "No cynical shortcut beats balanced",
    "5": "The policy search finds no degenerate strategy",
    "6": "No dead action, and no action worth spamming",
    "7": "Positional power, favours and testing",
    "8": "Reading the board pays",
    "9": "The hype (ai-hype)",
    "10": "All four complaints are heard (crm-rollout)",
    "11": "A first-timer can win the tutorial",
}
RULE_WIDTH = 40


@dataclass(frozen=True)
class AuditReport:
    """Every check of the lesson audit over `scenarios`, on `games` shared games each."""

    scenarios: tuple[str, ...]
    games: int
    seed: int
    workers: int
    search: bool
    checks: tuple[Check, ...]
    elapsed: float  # seconds
    digests: tuple[str, ...] = ()  # sha256 of each validated scenario, in `scenarios` order
    settings: dict[str, dict[str, float]] = field(default_factory=dict)  # the search's knobs

    @property
    def passed(self) -> bool:
        """True when no check failed (a skipped check does not fail)."""
        return all(check.passed is not False for check in self.checks)

    def failures(self) -> list[Check]:
        return [check for check in self.checks if check.passed is False]

    def failure_lines(self) -> list[str]:
        """One line per failing check, naming each failing number with its 95 % CI."""
        return [
            f"{check.key} {check.title}: "
            + "; ".join(f"{c.scenario} {_subject(c)} {c.number.full()}" for c in check.culprits())
            for check in self.failures()
        ]

    def command(self) -> str:
        """The command line that repeats this audit."""
        line = (
            f"python tools/lesson_audit.py --games {self.games} --seed {self.seed}"
            f" --workers {self.workers} --scenarios {' '.join(self.scenarios)}"
        )
        return line + ("" if self.search else " --no-search")

    def text(self) -> str:
        """The plain-text table: per check and scenario the number nearest to failing."""
        header = ["", "check", *self.scenarios, "result"]
        rows = [header] + [
            [
                check.key,
                _clip(check.title),
                *(_cell(check, s) for s in self.scenarios),
                _result(check),
            ]
            for check in self.checks
        ]
        widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
        lines = [
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        fails = self.failures()
        summary = (
            f"{len(self.checks) - len(fails)} of {len(self.checks)} checks pass"
            f" ({sum(c.passed is None for c in self.checks)} skipped)."
        )
        head = (
            f"Lesson audit: {len(self.scenarios)} scenarios × {self.games:,} games, seed"
            f" {self.seed}, search {'on' if self.search else 'off'}, {self.elapsed:.0f} s"
        )
        failing = ["Failing:", *(f"  {line}" for line in self.failure_lines())] if fails else []
        return "\n".join([head, "", *lines, "", summary, *failing]) + "\n"

    def markdown(self) -> str:
        """The report: a summary table, then every number of every check with its 95 % CI."""
        verdict = (
            "PASS" if self.passed else f"FAIL: {len(self.failures())} of {len(self.checks)} checks"
        )
        out = [
            "# Lesson audit",
            "",
            f"`{self.command()}`",
            "",
            f"{len(self.scenarios)} scenarios, {self.games:,} games per policy on shared game"
            f" ids 0–{self.games - 1:,}, seed {self.seed}, search {'on' if self.search else 'off'};"
            f" {self.elapsed:.0f} s. **{verdict}.**",
            "",
        ]
        if self.digests:
            out += ["| scenario | sha256 |", "|---|---|"]
            out += [
                f"| {s} | `{d[:16]}` |" for s, d in zip(self.scenarios, self.digests, strict=True)
            ]
            out.append("")
        out += ["## Summary", "", *self._summary(), ""]
        for key, title in SECTIONS.items():
            checks = [c for c in self.checks if c.key.rstrip("abc") == key]
            if checks:
                out += [f"## {key}. {title}", ""]
                for check in checks:
                    out += _section(check)
        if self.settings:
            out += ["## The search's best policy, per scenario", ""]
            for scenario, knobs in self.settings.items():
                words = ", ".join(f"{name} {value:g}" for name, value in knobs.items())
                out += [f"- **{scenario}**: {words}."]
            out.append("")
        return "\n".join(out)

    def _summary(self) -> list[str]:
        rows = [
            "| check | rule | " + " | ".join(self.scenarios) + " | result |",
            "|---|---|" + "---|" * len(self.scenarios) + "---|",
        ]
        for check in self.checks:
            cells = " | ".join(_md(_cell(check, s)) for s in self.scenarios)
            rows.append(f"| {check.key} | {_md(check.title)} | {cells} | {_result(check)} |")
        return rows


def _clip(text: str) -> str:
    return text if len(text) <= RULE_WIDTH else text[: RULE_WIDTH - 1] + "…"


def _subject(cell: Cell) -> str:
    return f"{cell.subject} ({cell.note})" if cell.note else cell.subject


def _mark(check: Check, cell: Cell) -> str:
    if cell.ok is None:
        return ""
    if cell.ok:
        return " ok"
    return " no" if check.need is not None else " FAIL"


def _cell(check: Check, scenario: str) -> str:
    cell = check.headline(scenario)
    return "" if cell is None else cell.number.text() + _mark(check, cell)


def _result(check: Check) -> str:
    return {True: "PASS", False: "FAIL", None: "skip"}[check.passed]


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _section(check: Check) -> list[str]:
    rule = check.rule[:1].upper() + check.rule[1:]
    head = f"**{check.key} {_md(check.title)}: {_result(check)}.** {_md(rule)}"
    if check.skipped:
        return [head + f" Skipped: {check.skipped}.", ""]
    rows = [
        head,
        "",
        "| scenario | subject | value | 95 % CI | verdict | behind it |",
        "|---|---|---|---|---|---|",
    ]
    for c in check.cells:
        behind = "; ".join(f"{label} {n.full()}" for label, n in c.extra)
        verdict = _mark(check, c).strip() or "context"
        rows.append(
            f"| {c.scenario} | {_md(_subject(c))} | {c.number.text()} | {c.number.ci_text()}"
            f" | {verdict} | {_md(behind)} |"
        )
    return [*rows, ""]
