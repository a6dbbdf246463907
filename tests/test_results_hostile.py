"""Hostile result files: the debrief shows a file or refuses it with one clear message,
never a traceback, and never changes the file.

Result files travel from the teams' laptops through shared folders and USB sticks to the
facilitator's: anything can arrive. The fuzz mutates a real result file (retype, drop,
nest, grow, then perhaps truncate or flip a bit) and runs the whole debrief on it; the
fixtures in tests/hostile/results are the crashes of issue 13, each kept as a file.
"""

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.cli.main import main
from game.facilitator.report_html import build_report
from game.scenario.errors import InputError
from game.session import results as results_module
from game.session.results import ResultsError, load_results, read_result, write_result
from game.ui.team_debrief import TeamDebriefView
from tests.helpers.sessions import played

HOSTILE = Path(__file__).parent / "hostile" / "results"
# Each fixture and what its one message must say: the key path and what was expected.
EXPECTED = {
    "cut-short.json": "not valid JSON",
    "deadline-beyond-any-scenario.json": "scenario.deadline: expected a number of at most 60",
    "deadline-soon.json": "scenario.deadline: expected a whole number, got 'soon'",
    "deep-nesting.json": "nest 5001 levels deep",
    "key-moment-empty-list.json": "key_moments[0]: expected a mapping",
    "not-utf8.json": "not UTF-8 text",
    "questions-not-a-list.json": "debrief_questions: expected a list [...], got 5",
    "scenario-is-text.json": "scenario: expected a mapping {...}, got 'tutorial'",
    "score-minus-1e9.json": "outcome.score: expected a number of at least 0, got -1000000000.0",
    "score-nan.json": "'NaN' is not a number JSON allows",
    "series-lengths-differ.json": "series.true: expected 2 entries (one a turn played)",
    "stakeholders-empty.json": "scenario.stakeholders: expected at least 1 entry",
    "trust-of-a-stranger.json": "series.trust: names stakeholders ['marta', 'zoe']",
}


@pytest.fixture(scope="module")
def real_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A whole tutorial round's result file, as a team's laptop writes it."""
    return write_result(
        tmp_path_factory.mktemp("real"), played("Blue"), "tutorial", {}
    ).read_bytes()


def _debrief(folder: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["debrief", str(folder), "--out", str(out)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_gets_one_clear_message_and_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    raw = (HOSTILE / name).read_bytes()
    (folder / name).write_bytes(raw)
    status, err = _debrief(folder, tmp_path / "out", capsys)
    assert status == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"{folder / name}:") and EXPECTED[name] in err, err
    assert "(" in err and err.rstrip().endswith(")"), "every message has a hint"
    assert (folder / name).read_bytes() == raw and not (tmp_path / "out").exists()


def test_every_hostile_fixture_has_its_expected_message() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.json")) == sorted(EXPECTED)


def test_a_symlink_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    start = time.perf_counter()
    with pytest.raises(ResultsError, match=r"zero\.json:1:1: the file is not a regular file"):
        load_results(tmp_path)
    assert time.perf_counter() - start < 1.0


def test_a_big_file_is_refused_after_reading_at_most_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results_module, "MAX_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000 + b"{}")
    read: list[int] = []
    real_open = Path.open

    def counted(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        original = handle.read
        handle.read = lambda n=-1: read.append(n) or original(n)  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(Path, "open", counted)
    with pytest.raises(ResultsError, match="larger than 1000 bytes"):
        read_result(path)
    assert read and all(0 <= n <= 1001 for n in read)


def test_a_team_named_like_tex_math_is_drawn_not_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """matplotlib parses "$...$" as TeX, and raised on a half-written formula."""
    folder = tmp_path / "results"
    write_result(folder, played("$\\frac$ team"), "tutorial", {})
    status, err = _debrief(folder, tmp_path / "out", capsys)
    assert status == 0, err
    assert "$\\frac$ team" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


# --- The fuzz ----------------------------------------------------------------------------

Path_ = tuple[str | int, ...]
ODD_TEXT = (
    "", "soon", "$\\frac$", "$", "$5 $ave", "a\x00b", "\u202etxet", "🦆" * 60, "x" * 5000, "\n",
    "<script>", "tutorial", "marta", "content",
)  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, 1, -1, 2, 60, 61, 100, 101, 10**9]),
    st.floats(),
    st.sampled_from([-1e9, 0.5, 1.0, 1.0000001, 1e308, 1e-308]),
    st.text(max_size=20),
    st.sampled_from(ODD_TEXT),
    st.just([]),
    st.just({}),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(value: Any, at: Path_ = ()) -> list[Path_]:
    """Every place in a JSON value, the value itself first."""
    out = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*at, key))
    elif isinstance(value, list):
        for k, inner in enumerate(value):
            out += _paths(inner, (*at, k))
    return out


def _change(data: Any, path: Path_, change: Callable[[Any, str | int], None]) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    change(parent, path[-1])


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> bytes:
    data = json.loads(text)
    for _ in range(draw(st.integers(1, 3))):
        # A section first: else the long observations would take most of the changes.
        top = draw(st.sampled_from(sorted(data))) if isinstance(data, dict) and data else None
        path = draw(st.sampled_from(_paths(data[top], (top,)) if top is not None else [()]))
        if not path:
            data = draw(VALUES)
            continue
        op = draw(st.sampled_from(["tweak", "tweak", "tweak", "retype", "drop", "nest", "grow"]))
        if op == "retype":
            value = draw(VALUES)
            _change(data, path, lambda p, k, value=value: p.__setitem__(k, value))
        elif op == "tweak":  # a value of the same kind: the file may stay valid
            _change(data, path, lambda p, k: p.__setitem__(k, _tweak(draw, p[k])))
        elif op == "drop":
            _change(data, path, lambda p, k: p.pop(k))
        elif op == "nest":
            depth = draw(st.integers(1, 40))
            _change(data, path, lambda p, k, depth=depth: p.__setitem__(k, _nest(p[k], depth)))
        else:
            _change(data, path, lambda p, k: _grow(p[k]))
    raw = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "none", "truncate", "flip"]))
    if damage == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif damage == "flip":
        k, bit = draw(st.integers(0, len(raw) - 1)), draw(st.integers(0, 7))
        raw = raw[:k] + bytes([raw[k] ^ (1 << bit)]) + raw[k + 1 :]
    return raw


def _tweak(draw: st.DrawFn, value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return draw(st.one_of(st.integers(-1, 70), st.floats(-0.5, 1.5)))
    if isinstance(value, str):
        return draw(st.sampled_from(ODD_TEXT)) if draw(st.integers(0, 3)) else draw(st.text())
    return value


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def _grow(value: Any) -> None:
    if isinstance(value, list):
        value.append(value[-1] if value else 0)
    elif isinstance(value, dict):
        value["extra"] = next(iter(value.values()), 1)


def _show_every_slide_but_the_charts(results: list[Any]) -> None:
    """The projector view (`debrief --show`) over the same results; charts are drawn by
    the same code as the report's."""
    view = TeamDebriefView(results, (800, 450))
    surface = pygame.Surface((800, 450))
    for k, slide in enumerate(view.slides):
        if slide.kind != "chart":
            view.index = k
            view.draw(surface)


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),  # ~4 s; 600 found nothing more
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_result_file_is_shown_or_refused_in_one_message(
    real_file: bytes, data: st.DataObject
) -> None:
    raw = data.draw(_mutated(real_file.decode("utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "results"
        folder.mkdir()
        path = folder / "team.json"
        path.write_bytes(raw)
        try:
            results = load_results(folder)
        except InputError as exc:
            event("refused")
            assert isinstance(exc, ResultsError) and len(exc.diagnostics) == 1
            assert str(exc).startswith(f"{path}:") and "\n" not in str(exc)
        else:
            event("shown")
            build_report(results, Path(tmp) / "out", scale=0.25)
            _show_every_slide_but_the_charts(results)
        assert path.read_bytes() == raw  # the debrief never touches a team's file
        assert [p.name for p in folder.iterdir()] == ["team.json"]
