"""The comparative debrief page's leaderboard in a real headless Chromium at the widths a
facilitator shows it: the dashboard's frame on a laptop, a projector, a narrow window.
A team name wraps between its words, never letter by letter, and the board fits the window
or scrolls sideways inside its own box (the page itself never does)."""

from pathlib import Path
from typing import Any

import pytest

from game.facilitator.report_html import build_report
from game.session.results import load_results, write_result
from tests.helpers.live_dash import CHROMIUM, SKIP_REASON, browser
from tests.helpers.sessions import played, round_of

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=SKIP_REASON)

TEAMS = {
    "The Blue Ducks of Accounting": "balanced",
    "Red": "delivery_first",
    "Greenhouse Gang": "relationship_first",
    "Yellow Submarine Squad": "random",
    "Purple": "balanced",
    "Orange Juice": "delivery_first",
}
STOPPED = "Mallards"

# For each team cell: the width its longest word needs in the cell's own font, and the
# width the cell gives its text. A word broken letter by letter has less room than it needs.
_WORDS_VS_ROOM = """() => {
  const ctx = document.createElement("canvas").getContext("2d");
  return Array.from(document.querySelectorAll(".board td.team")).map(cell => {
    const style = getComputedStyle(cell);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const words = cell.textContent.trim().split(/\\s+/);
    const need = Math.max(...words.map(w => ctx.measureText(w).width));
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [cell.textContent.trim(), need, room];
  });
}"""
_BOARD = """() => {
  const board = document.querySelector("table.board");
  return [board.scrollWidth, board.parentElement.clientWidth,
          document.documentElement.scrollWidth, window.innerWidth];
}"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("results")
    for team, policy in TEAMS.items():
        write_result(folder, played(team, policy), "tutorial", {})
    # Its round ended before its game: the longest result word ("stopped: the round …").
    stopped = round_of("tutorial", "balanced", 5, turns=3, team=STOPPED)
    write_result(folder, stopped, "tutorial", {})
    return build_report(load_results(folder), tmp_path_factory.mktemp("debrief"))


def _open(chromium: Any, page_file: Path, width: int) -> Any:
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    return page


@pytest.mark.parametrize("width", [760, 1000, 1300, 1920])
def test_team_names_wrap_between_words_never_inside_one(page_file: Path, width: int) -> None:
    with browser() as chromium:
        cells = _open(chromium, page_file, width).evaluate(_WORDS_VS_ROOM)
    assert len(cells) == len(TEAMS) + 1
    for name, need, room in cells:
        assert need <= room + 0.5, (
            f"{name!r} at {width} px: its longest word needs {need:.0f} px of {room:.0f}"
        )


@pytest.mark.parametrize("width", [1000, 1300, 1920])
def test_the_board_fits_the_dashboards_frame_and_a_projector(page_file: Path, width: int) -> None:
    with browser() as chromium:
        board, box, page, window = _open(chromium, page_file, width).evaluate(_BOARD)
    assert board <= box, f"the board is {board} px wide in a {box} px box at {width} px"
    assert page <= window


def test_a_board_too_wide_for_a_narrow_window_scrolls_in_its_own_box(page_file: Path) -> None:
    with browser() as chromium:
        page = _open(chromium, page_file, 600)
        board, box, whole, window = page.evaluate(_BOARD)
        overflow = page.evaluate(
            "() => getComputedStyle(document.querySelector('table.board').parentElement).overflowX"
        )
    assert whole <= window, "the page itself scrolls sideways"
    if board > box:
        assert overflow == "auto"
