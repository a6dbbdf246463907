"""`run_game.py batch`: many headless games, summarised (see docs/BATCH.md)."""

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from game.batch.charts import draw_all, entry_label
from game.batch.policyload import PolicySpecError, resolve_policy
from game.batch.report import TABLE_HEADER, GameRows, summary, table_rows, write_json
from game.batch.run import BatchError, ChunkResult, run_batch
from game.batch.sweep import SweepError, grid
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, scenario_digest


def add_parser(sub: Any, natural: Any) -> None:
    p = sub.add_parser(
        "batch",
        help="run many headless games and summarise them",
        description="Run games headless with one or more policies on the same seeds.",
    )
    p.add_argument("--scenario", default="crm-rollout", help="shipped id or YAML path")
    p.add_argument(
        "--policy",
        default="balanced",
        help="comma-separated: built-in names or FILE.py:FUNCTION (runs that file)",
    )
    p.add_argument("--games", type=natural, default=10_000, help="games per policy and sweep point")
    p.add_argument("--seed", type=natural, default=1)
    p.add_argument("--out", type=Path, default=None, help="output folder (default runs/SCENARIO)")
    p.add_argument("--workers", type=natural, default=1, help="processes (results are identical)")
    p.add_argument("--chunk", type=natural, default=1000, help="games per chunk")
    p.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="KEY.PATH=V1,V2",
        help="grid over a scenario key, e.g. model.late_cost=1,1.5,2 (repeatable)",
    )
    p.add_argument("--per-game", action="store_true", help="also write games.csv, one row a game")
    p.add_argument("--no-charts", action="store_true", help="skip the PNG charts")
    p.add_argument("--quiet", action="store_true", help="no progress bar or table")


MAX_GAMES = 10**9
MAX_CHUNK = 10**6
OUTPUTS = ("summary.json", "games.csv", "scores.png", "trust.png", "progress.png", "capacity.png")


def run(args: argparse.Namespace, fail: Any) -> int:
    if not (1 <= args.games <= MAX_GAMES and 1 <= args.chunk <= MAX_CHUNK and args.workers >= 1):
        return int(
            fail(
                f"--games must be 1..{MAX_GAMES:,}, --chunk 1..{MAX_CHUNK:,}, --workers at least 1"
            )
        )
    policies = [p.strip() for p in args.policy.split(",") if p.strip()]
    if len(set(policies)) != len(policies) or not policies:
        return int(fail("give each policy once"))
    try:
        for spec in policies:
            resolve_policy(spec)
        points = grid(args.sweep)
    except (PolicySpecError, SweepError) as exc:
        return int(fail(str(exc)))
    ref = str(args.scenario)
    source: str | Path = Path(ref) if Path(ref).is_file() else ref
    base = load(source)[0]
    loaded = []
    for point in points:
        try:
            loaded.append(load(source, overrides=point))
        except ScenarioError as exc:
            first = exc.diagnostics[0]
            return int(
                fail(
                    f"--sweep {point}: {first.message}" + (f" ({first.hint})" if first.hint else "")
                )
            )
    out: Path = args.out or Path("runs") / base.id
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:  # never leave an earlier run's files beside this one's
            (out / name).unlink(missing_ok=True)
    except OSError as exc:
        return int(fail(f"cannot use --out {out}: {exc.strerror or exc}"))
    inputs = {
        "scenario": ref,
        "scenario_id": base.id,
        "scenario_sha256": scenario_digest(base),
        "sweep_sha256": [scenario_digest(sc) for sc, _ in loaded] if args.sweep else [],
        "policies": policies,
        "seed": args.seed,
        "games": args.games,
        "workers": args.workers,
        "chunk": args.chunk,
        "sweeps": args.sweep,
        "per_game": args.per_game,
    }
    total = args.games * len(policies) * len(points)
    partial = out / ".games.csv.partial"
    try:
        with contextlib.ExitStack() as stack:
            handle = (
                stack.enter_context(partial.open("w", newline="", encoding="utf-8"))
                if args.per_game
                else None
            )
            rows = GameRows(handle, args.seed, points) if handle else None
            result = _run_with_progress(args, [p for _, p in loaded], policies, rows, total)
        if args.per_game:
            partial.replace(out / "games.csv")
    except BatchError as exc:
        partial.unlink(missing_ok=True)
        return int(fail(str(exc)))
    data = summary(result, base, inputs, points, policies)
    write_json(out / "summary.json", data)
    if not args.no_charts:
        hists = {
            entry_label(entry): result.tallies[(k, entry["policy"])].score_hist
            for k, point in enumerate(points)
            for entry in data["results"]
            if entry["sweep"] == point
        }
        draw_all(data, hists, out)
    if not args.quiet:
        _print_table(data, out)
    return 0


def _run_with_progress(
    args: argparse.Namespace,
    params: list[Any],
    policies: list[str],
    rows: GameRows | None,
    total: int,
) -> Any:
    """Run the batch, streaming rows to games.csv and showing progress on a terminal."""
    advance: list[Any] = []  # set once the progress bar exists

    def on_chunk(chunk: ChunkResult) -> None:
        if rows is not None:
            rows.add(chunk)
        for step in advance:
            step(chunk.job.stop - chunk.job.first)

    def go() -> Any:
        return run_batch(
            params=params,
            policies=policies,
            games=args.games,
            seed=args.seed,
            chunk=args.chunk,
            workers=args.workers,
            per_game=args.per_game,
            on_chunk=on_chunk,
        )

    if args.quiet or not sys.stderr.isatty():
        return go()
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} games/s" if speed else "")

    with Progress(
        TextColumn("games"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        Rate(),
        TimeRemainingColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("games", total=total)
        advance.append(lambda n: progress.advance(task, n))
        return go()


def _print_table(data: dict[str, Any], out: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{data['inputs']['scenario_id']}: {data['inputs']['games']} games each,"
        f" seed {data['inputs']['seed']}"
    )
    for name in TABLE_HEADER:
        table.add_column(name, justify="left" if name in ("policy", "sweep") else "right")
    for row in table_rows(data):
        table.add_row(*row)
    # A pipe or a log file gets a table wide enough to stay on one line per row.
    console = Console() if sys.stdout.isatty() else Console(width=140)
    console.print(table)
    console.print(
        f"{data['game_turns']:,} game-turns in {data['elapsed_s']:.1f} s"
        f" ({data['game_turns_per_s']:,}/s) · written to {out}"
    )
