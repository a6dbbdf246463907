"""Numbers and names worked out once: the leaderboard's places, a stakeholder's short name."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pygame
import pytest

from game.facilitator.report_html import build_report
from game.facilitator.teams import ranks
from game.session.results import TeamResult, load_results, write_result
from game.session.transcript import first_names
from game.ui import draw
from game.ui.people import first_name
from game.ui.team_debrief import HEADS, TeamDebriefView
from tests.helpers.scenarios import loaded
from tests.helpers.sessions import played

ROOT = Path(__file__).parents[1]


def test_equal_scores_share_a_place_and_the_next_skips_ahead() -> None:
    assert ranks([90.0, 80.0, 80.0, 70.0]) == [1, 2, 2, 4]
    assert ranks([80.0, 80.0, 80.0]) == [1, 1, 1]
    assert ranks([70.0, 90.0, 70.0]) == [2, 1, 2]  # in the order given
    assert ranks([]) == []


@pytest.fixture(scope="module")
def tied(tmp_path_factory: pytest.TempPathFactory) -> list[TeamResult]:
    """Three teams, two of which played the same policy on the same seed: equal scores."""
    folder = tmp_path_factory.mktemp("results")
    for team, policy in (("Blue", "balanced"), ("Red", "balanced"), ("Green", "random")):
        write_result(folder, played(team, policy), "tutorial", {})
    return load_results(folder)


class _Board(HTMLParser):
    """The first cell of each leaderboard row: the place."""

    def __init__(self) -> None:
        super().__init__()
        self.places: list[str] = []
        self._board = self._first = False
        self._cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "board" in (dict(attrs).get("class") or ""):
            self._board = True
        elif self._board and tag == "tr":
            self._cell = 0
        elif self._board and tag == "td":
            self._cell += 1
            self._first = self._cell == 1

    def handle_endtag(self, tag: str) -> None:
        self._board = self._board and tag != "table"
        self._first = self._first and tag != "td"

    def handle_data(self, data: str) -> None:
        if self._first:
            self.places.append(data)


def _slide_places(results: list[TeamResult], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The places the projector's leaderboard slide draws, read off its text calls."""
    drawn: list[str] = []
    real = draw.text

    def record(surface: pygame.Surface, content: str, *args: object, **kw: object) -> object:
        drawn.append(content)
        return real(surface, content, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(draw, "text", record)
    surface = pygame.Surface((1280, 720))
    view = TeamDebriefView(results, surface.get_size())
    view._draw_leaderboard(surface, view.body())
    columns = 1 + len(HEADS)  # the place, then one cell per heading
    table = drawn[drawn.index("#") :]  # after the seed and date line above the table
    return table[columns::columns]  # the heading row first, then a row per team


def test_tied_teams_share_a_place_on_the_page_and_on_the_slides(
    tied: list[TeamResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scores = {r.name: r.score for r in tied}
    assert scores["Blue"] == scores["Red"]  # the premise: same policy, same seed
    expected = [str(place) for place in ranks([r.score for r in tied])]
    assert len(set(expected)) == 2  # a shared place and the other one
    board = _Board()
    board.feed((build_report(tied, tmp_path)).read_text(encoding="utf-8"))
    assert board.places == expected
    assert _slide_places(tied, monkeypatch) == expected


def test_a_stakeholder_is_called_by_the_first_word_of_the_name() -> None:
    scenario, _ = loaded("crm-rollout")
    person = scenario.stakeholders[0]
    assert person.short_name == person.name.split()[0]
    assert person.model_copy(update={"name": "Dana Q. Kowalski"}).short_name == "Dana"
    assert person.model_copy(update={"name": " "}).short_name == person.id
    everyone = [s.short_name for s in scenario.stakeholders]
    assert first_names(scenario) == everyone
    assert [first_name(scenario, k) for k in range(len(everyone))] == everyone


def test_no_module_works_the_short_name_out_again() -> None:
    again = re.compile(r"name\.split\(\)")
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "game").rglob("*.py"))
        if path.name != "schema.py" and again.search(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use Stakeholder.short_name"
