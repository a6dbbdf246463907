"""The lesson audit from the command line: does every shipped scenario teach its lesson?

    python tools/lesson_audit.py --games 10000 --seed 2026 --workers 2 --out audit.md

Prints a table of the checks (game.batch.audit) and writes every number with its 95 %
confidence interval as markdown to --out. Exit status: 0 when every check passes, 1 when
any fails, 2 on bad input (an unknown scenario, a bad argument).
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `python tools/lesson_audit.py` puts tools/, not the repo, first

from game.cli.options import SEED, bounded  # noqa: E402
from game.scenario.errors import InputError  # noqa: E402
from game.scenario.loader import load, shipped_ids  # noqa: E402

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
MAX_GAMES = 1_000_000


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lesson_audit.py",
        description="Check that every scenario teaches its lesson (issue 9's list): balanced"
        " beats the extremes, the 90 % syndrome, neglect, the strategy zoo, the policy search,"
        " dead actions, the hype, the complaints and the tutorial.",
    )
    p.add_argument(
        "--games", type=bounded(int, 2, MAX_GAMES), default=10_000, help="games per policy"
    )
    p.add_argument("--seed", type=SEED, default=2026)
    p.add_argument("--workers", type=bounded(int, 1, 256), default=2, help="processes")
    p.add_argument(
        "--scenarios",
        nargs="+",
        metavar="ID",
        default=None,
        help="shipped ids or YAML paths (default: every shipped scenario)",
    )
    p.add_argument("--no-search", action="store_true", help="skip the policy search (check 5)")
    p.add_argument("--out", type=Path, default=None, help="write the markdown report here")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the audit; returns the exit status."""
    args = parser().parse_args(argv)
    scenarios = args.scenarios or shipped_ids()
    try:  # a bad scenario is found in a second, not after the first hour of games
        for ref in scenarios:
            load(Path(ref) if Path(ref).is_file() else ref)
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return EXIT_USAGE
    from game.batch.audit import audit
    from game.batch.resume import Interrupted, Stop
    from game.session.atomic_file import write_text_atomic

    try:
        with Stop():  # Ctrl+C and SIGTERM alike: the workers end, one line says so
            report = audit(
                scenarios, args.games, args.seed, args.workers, search=not args.no_search
            )
    except Interrupted as exc:
        print(f"lesson_audit.py: interrupted ({exc}); no report written", file=sys.stderr)
        return exc.exit_status
    sys.stdout.write(report.text())
    if args.out is not None:
        text = report.markdown()
        write_text_atomic(args.out, text)
        print(f"written: {args.out}")
    return EXIT_PASS if report.passed else EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
