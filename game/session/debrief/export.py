"""Writing a round's export: the JSON record and, beside it, the caller's PNG report."""

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from game.session.atomic_file import write_text_atomic
from game.session.debrief.record import round_record, round_stem
from game.session.savefile import Attempt
from game.session.session import Session


def export_round(
    session: Session,
    scenario_ref: str,
    directory: Path,
    draw_report: Callable[[Session, Path], None],
    attempts: Sequence[Attempt] = (),
) -> tuple[Path, Path]:
    """Write `<scenario>-<team>-seed<seed>.json` and, with `draw_report`, a PNG report
    beside it; returns both paths. An earlier export of the same round is kept: a new
    one gets `-2`, `-3`, ... (after "replay from week k" it is a different round).
    `attempts` are the team's earlier tries at the same round; the record lists them.

    The report is drawn by the caller's function (the UI's charts), so that this
    headless module never depends on the window's code.
    """
    base = round_stem(session)
    stem = next(
        name
        for name in (base if n == 1 else f"{base}-{n}" for n in range(1, 10_000))
        if not (directory / f"{name}.json").exists()
    )
    path, png = directory / f"{stem}.json", directory / f"{stem}.png"
    text = json.dumps(round_record(session, scenario_ref, attempts), indent=1, ensure_ascii=False)
    write_text_atomic(path, text + "\n")
    draw_report(session, png)
    return path, png
