"""`run_game.py batch`: many headless games, summarised (see docs/BATCH.md)."""

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from game.batch import resume
from game.batch.backend import Backend, BackendError
from game.batch.charts import draw_all, entry_label
from game.batch.policyload import PolicySpecError, resolve_policy
from game.batch.report import TABLE_HEADER, GameRows, summary, table_rows, write_json
from game.batch.run import BatchError, BatchResult, ChunkResult, Progress, run_batch
from game.batch.sweep import SweepError, grid
from game.cli.options import (
    MAX_WORKERS,  # noqa: F401  (the cap, where tests and docs look for it)
    announce,
    available_cpus,
    bounded,
    local_workers,
    many_games,
    open_backend,
    out_folder_error,
    where_to_play,
    world,
)
from game.model import RULES_VERSION
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, scenario_digest
from game.scenario.schema import Scenario

MAX_CHUNK = 10**6
MAX_RESULTS = 1000  # sweep points x policies: each holds tallies of about 0.2 MB
CHARTS = ("scores.png", "trust.png", "progress.png", "capacity.png")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help="run many headless games and summarise them",
        description="Run games headless with one or more policies on the same seeds.",
        parents=[
            world(),
            many_games(10_000, "policy and sweep point", "runs/SCENARIO"),
            where_to_play(),
        ],
    )
    p.add_argument(
        "--policy",
        default="balanced",
        help="comma-separated: built-in names or FILE.py:FUNCTION (runs that file)",
    )
    p.add_argument("--chunk", type=bounded(int, 1, MAX_CHUNK), default=1000, help="games per chunk")
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
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue the interrupted run in --out (give the same arguments as then)",
    )


def run(args: argparse.Namespace, fail: Any) -> int:
    try:
        workers, note = local_workers(args.workers or 1, available_cpus())
    except ValueError as exc:
        return int(fail(str(exc)))
    if note:
        print(note, file=sys.stderr)
    policies = [p.strip() for p in args.policy.split(",") if p.strip()]
    if len(set(policies)) != len(policies) or not policies:
        return int(fail("give each policy once"))
    if len(policies) > MAX_RESULTS:
        return int(fail(f"{len(policies):,} policies, over the cap of {MAX_RESULTS:,}"))
    try:
        for spec in policies:
            resolve_policy(spec)
        points = grid(args.sweep)
    except (PolicySpecError, SweepError) as exc:
        return int(fail(str(exc)))
    if len(points) * len(policies) > MAX_RESULTS:
        return int(
            fail(
                f"{len(points):,} sweep points x {len(policies)} policies = "
                f"{len(points) * len(policies):,} results, over the cap of {MAX_RESULTS:,}"
                " (use fewer values or policies, or split the grid into several batches)"
            )
        )
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
    error = out_folder_error(out)
    if error:
        return int(fail(error))
    inputs = {
        "scenario": ref,
        "scenario_id": base.id,
        "scenario_sha256": scenario_digest(base),
        "sweep_sha256": [scenario_digest(sc) for sc, _ in loaded] if args.sweep else [],
        "policies": policies,
        "seed": args.seed,
        "games": args.games,
        "workers": workers,
        "chunk": args.chunk,
        "sweeps": args.sweep,
        "per_game": args.per_game,
        "rules_version": RULES_VERSION,
    }
    params = [p for _, p in loaded]
    if args.resume:  # refused before a cluster is started or connected to, not after
        error = _resume_error(
            out, inputs, params, policies, args.games * len(params) * len(policies)
        )
        if error:
            return int(fail(f"--resume: {error}"))
    with contextlib.ExitStack() as stack:
        try:
            backend = stack.enter_context(open_backend(args, workers))
        except BackendError as exc:
            return int(fail(str(exc)))
        inputs["workers"], inputs["backend"] = backend.workers, backend.name
        if not args.quiet:
            announce(args, backend)
        batch = _Batch(args, out, params, policies, points, backend)
        return batch.run(base, inputs, fail)


def _resume_error(
    out: Path, inputs: dict[str, Any], params: list[Any], policies: list[str], total: int
) -> str:
    """Why the run in `out` cannot be continued with these inputs ("" when it can)."""
    try:
        resume.load(
            out, resume.fingerprint(inputs, policies), Progress.start(params, policies), total
        )
    except resume.ResumeError as exc:
        return str(exc)
    return ""


class _Batch:
    """One batch command: play (or continue) the games, then replace the outputs in `out`.

    The previous run's results stay untouched until this run's are complete; the work
    in progress lives in the hidden partial games.csv and the checkpoint (resume.py).
    """

    def __init__(
        self,
        args: argparse.Namespace,
        out: Path,
        params: list[Any],
        policies: list[str],
        points: list[dict[str, Any]],
        backend: Backend,
    ) -> None:
        self.args, self.out, self.params = args, out, params
        self.policies, self.points, self.backend = policies, points, backend
        self.total = args.games * len(policies) * len(points)
        self.progress = Progress.start(params, policies)

    def run(self, base: Scenario, inputs: dict[str, Any], fail: Any) -> int:
        args, out = self.args, self.out
        key = resume.fingerprint(inputs, self.policies)
        had_results = (out / "summary.json").exists()
        try:
            handle = self._open(key)
        except (resume.ResumeError, OSError) as exc:
            return int(fail(f"--resume: {exc}" if args.resume else f"cannot use {out}: {exc}"))
        checkpoint = resume.Checkpoint(out, key, handle)
        with resume.Stop() as stop:
            try:
                with handle or contextlib.nullcontext():
                    try:
                        result = self._play(handle, checkpoint, stop)
                    except resume.Interrupted as exc:
                        self._say_interrupted(had_results, checkpoint)
                        return exc.exit_status
                    except BackendError as exc:  # a cluster lost mid-run: keep the work
                        checkpoint.save(self.progress)
                        return int(
                            fail(
                                f"{exc}; the games so far are saved: run the same command"
                                " with --resume to continue"
                            )
                        )
            except BatchError as exc:
                (out / resume.PARTIAL).unlink(missing_ok=True)
                checkpoint.discard()
                return int(fail(str(exc)))
            with stop.held(then_raise=False):
                data = self._finish(result, base, inputs)
                checkpoint.discard()
        if stop.signum:
            print(
                f"run_game.py: the run had finished when it was interrupted; its results in {out}"
                " are complete",
                file=sys.stderr,
            )
        if not args.quiet:
            _print_table(data, out)
        return 0

    def _say_interrupted(self, had_results: bool, checkpoint: resume.Checkpoint) -> None:
        """Save the work so far and say where the run stopped and what to do next."""
        kept = f"; the previous results in {self.out} are untouched" if had_results else ""
        then = "; run the same command with --resume to continue"
        try:
            checkpoint.save(self.progress)
        except OSError as exc:
            then = f"; the work so far could not be saved ({exc.strerror or exc})"
        print(
            f"run_game.py: interrupted after {self.progress.done:,} of {self.total:,} games"
            f"{kept}{then}",
            file=sys.stderr,
        )

    def _open(self, key: dict[str, Any]) -> IO[str] | None:
        """The partial games.csv (None without --per-game), fresh or continued."""
        partial = self.out / resume.PARTIAL
        if self.args.resume:
            csv_bytes = resume.load(self.out, key, self.progress, self.total)
            handle = resume.reopen_rows(partial, csv_bytes) if csv_bytes is not None else None
            print(
                f"run_game.py: resuming: {self.progress.done:,} of {self.total:,} games were"
                f" already done; playing the other {self.total - self.progress.done:,}",
                file=sys.stderr,
            )
            return handle
        if (self.out / resume.CHECKPOINT).exists():
            print(
                f"run_game.py: note: starting afresh; the interrupted run in {self.out} is"
                " discarded (--resume would have continued it)",
                file=sys.stderr,
            )
            resume.Checkpoint(self.out, key, None).discard()
        partial.unlink(missing_ok=True)
        return partial.open("w", newline="", encoding="utf-8") if self.args.per_game else None

    def _rows(self, handle: IO[str]) -> GameRows:
        return GameRows(handle, self.args.seed, self.points, header=handle.tell() == 0)

    def _play(
        self, handle: IO[str] | None, checkpoint: resume.Checkpoint, stop: resume.Stop
    ) -> BatchResult:
        """Run the games, streaming rows to the partial games.csv and saving checkpoints."""
        rows = self._rows(handle) if handle is not None else None
        advance: list[Callable[[int], None]] = []  # set once the progress bar exists

        def on_chunk(chunk: ChunkResult) -> None:
            if rows is not None:
                rows.add(chunk)
            if checkpoint.due():
                checkpoint.save(self.progress)
            for step in advance:
                step(chunk.job.stop - chunk.job.first)

        def go() -> BatchResult:
            return run_batch(
                params=self.params,
                policies=self.policies,
                games=self.args.games,
                seed=self.args.seed,
                chunk=self.args.chunk,
                backend=self.backend,
                per_game=self.args.per_game,
                on_chunk=on_chunk,
                progress=self.progress,
                hold=stop.held,
            )

        if self.args.quiet or not sys.stderr.isatty():
            return go()
        with _progress_bar(self.total, self.progress.done) as step:
            advance.append(step)
            return go()

    def _finish(self, result: BatchResult, base: Scenario, inputs: dict[str, Any]) -> Any:
        """Replace the previous run's outputs with this one's: summary first, then the rest."""
        out, args = self.out, self.args
        data = summary(result, base, inputs, self.points, self.policies)
        write_json(out / "summary.json", data)
        if args.per_game:
            (out / resume.PARTIAL).replace(out / "games.csv")
        else:  # never leave an earlier run's files beside this one's
            (out / "games.csv").unlink(missing_ok=True)
        for name in CHARTS:
            (out / name).unlink(missing_ok=True)
        if not args.no_charts:
            hists = {
                entry_label(entry): result.tallies[(k, entry["policy"])].score_hist
                for k, point in enumerate(self.points)
                for entry in data["results"]
                if entry["sweep"] == point
            }
            draw_all(data, hists, out)
        return data


@contextlib.contextmanager
def _progress_bar(total: int, done: int) -> Any:
    """A terminal progress bar; yields the function that advances it by n games."""
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
    ) as bar:
        task = bar.add_task("games", total=total, completed=done)
        yield lambda n: bar.advance(task, n)


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
