"""The comparative debrief (issue 12): the scenario's learning goals and facilitator notes,
the seed and date, a warning when the teams did not play the same round, and projector
slides that page through every key moment of every team."""

import datetime as dt
import json
from html import unescape
from pathlib import Path

import pygame
import pytest

from game.facilitator.report_html import render_page
from game.facilitator.teams import round_facts, round_warnings, scenario_guide, teams
from game.policies import POLICIES
from game.session.results import TeamResult, load_results, write_result
from game.session.session import Session
from game.ui.team_debrief import TeamDebriefView
from tests.helpers.scenarios import loaded

FINISHED = dt.datetime(2026, 3, 14, 15, 0).timestamp()


def _write(folder: Path, team: str, policy: str, seed: int = 12) -> Path:
    scenario, params = loaded("crm-rollout")
    session = Session(scenario, params, seed, team=team)
    while not session.done:
        session.play(POLICIES[policy](session.observe(), params)[0])
    return write_result(folder, session, "crm-rollout", {"turn_timer": 180.0, "finished": FINISHED})


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results")
    _write(out, "Blue", "balanced")
    _write(out, "Red", "delivery_first")
    return out


def _page(results: list[TeamResult]) -> str:
    return unescape(render_page(teams(results), {}))


def test_the_page_shows_the_learning_goals_and_the_facilitator_notes(folder: Path) -> None:
    results = load_results(folder)
    scenario, _ = loaded("crm-rollout")
    assert scenario.learning_goals and scenario.facilitator_notes  # the shipped scenario has both
    guide = scenario_guide(results)
    assert list(guide.learning_goals) == [g.strip() for g in scenario.learning_goals]
    assert guide.facilitator_notes == scenario.facilitator_notes.strip()
    page = _page(results)
    assert "What this round should teach" in page and "Facilitator notes" in page
    for goal in guide.learning_goals:
        assert goal in page
    assert guide.facilitator_notes in page
    # The notes are folded away: the room sees them only when the facilitator opens them.
    assert page.index("<details>") < page.index(guide.facilitator_notes)


def test_the_page_shows_the_seed_and_date_and_warns_of_nothing_when_all_match(
    folder: Path,
) -> None:
    results = load_results(folder)
    assert round_facts(results) == "Seed 12 · played 2026-03-14"
    assert round_warnings(results) == []
    page = _page(results)
    assert "Seed 12 · played 2026-03-14" in page and 'class="warn"' not in page


def test_the_page_warns_when_teams_played_different_seeds(folder: Path, tmp_path: Path) -> None:
    for path in folder.glob("*.json"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    _write(tmp_path, "Green", "balanced", seed=99)
    results = load_results(tmp_path)
    (warned,) = round_warnings(results)
    assert "different seeds" in warned and "12: " in warned and "99: Green" in warned
    assert "Seeds 12, 99" in round_facts(results)
    assert warned in _page(results)


def test_the_page_warns_when_the_scenario_was_changed_between_rounds(
    folder: Path, tmp_path: Path
) -> None:
    paths = sorted(folder.glob("*.json"))
    for path in paths:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    edited = tmp_path / paths[0].name
    data = json.loads(edited.read_text(encoding="utf-8"))
    data["scenario"]["sha256"] = "f" * 64  # as if the facilitator fixed a typo after one round
    edited.write_text(json.dumps(data), encoding="utf-8")
    results = load_results(tmp_path)
    (warned,) = round_warnings(results)
    assert "different versions of the scenario" in warned and "ffffffff: " in warned
    assert warned in _page(results)


def test_an_old_result_file_without_goals_or_date_still_makes_a_page(
    folder: Path, tmp_path: Path
) -> None:
    path = sorted(folder.glob("*.json"))[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["scenario"]["content"]
    data["workshop"] = {}
    (tmp_path / path.name).write_text(json.dumps(data), encoding="utf-8")
    results = load_results(tmp_path)
    guide = scenario_guide(results)
    assert guide.learning_goals == () and guide.facilitator_notes == ""
    today = dt.date.today().isoformat()  # the file's time stamp stands in for the date
    assert today in round_facts(results)
    assert "What this round should teach" not in _page(results)


def _with_many_moments(folder: Path, tmp_path: Path, count: int) -> list[TeamResult]:
    """The results with every team given `count` key moments (the real ones repeated)."""
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        real = data["key_moments"]
        data["key_moments"] = [
            {**real[k % len(real)], "text": f"Moment number {k + 1}: {real[k % len(real)]['text']}"}
            for k in range(count)
        ]
        (tmp_path / path.name).write_text(json.dumps(data), encoding="utf-8")
    return load_results(tmp_path)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_the_slides_page_through_every_key_moment(
    folder: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    results = _with_many_moments(folder, tmp_path, 20)
    surface = pygame.display.set_mode(size)
    view = TeamDebriefView(results, size)
    moments = [s for s in view.slides if s.kind == "moments"]
    assert len(moments) >= 2
    assert moments[0].title.endswith(f"1 of {len(moments)}")
    # Every moment of every team is on exactly one page, in order.
    for team, pages in zip(view.teams, view.moment_pages, strict=True):
        shown = [text for page in pages for text in page]
        assert len(shown) == 20 and "Moment number 20" in shown[-1], team.label
    # The arrow keys reach each page, and each draws.
    first = view.slides.index(moments[0])
    view.index = first - 1
    for slide in moments:
        view.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0))
        assert view.slide == slide
        view.draw(surface)


def test_the_slides_keep_their_place_when_the_window_changes(folder: Path, tmp_path: Path) -> None:
    results = _with_many_moments(folder, tmp_path, 20)
    view = TeamDebriefView(results, (1280, 720))
    last = max(k for k, s in enumerate(view.slides) if s.kind == "moments")
    view.index = last
    view.handle(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    assert view.slide.kind == "moments"  # a bigger window needs fewer pages: the last of them
    view.index = 0
    view.handle(pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=600, size=(1024, 600)))
    assert view.index == 0


def test_the_slides_end_with_notes_goals_and_questions(folder: Path) -> None:
    results = load_results(folder)
    surface = pygame.display.set_mode((1280, 720))
    view = TeamDebriefView(results, (1280, 720))
    kinds = [s.kind for s in view.slides]
    assert kinds[-3:] == ["notes", "goals", "questions"]
    assert "moments" in kinds
    for k in range(len(view.slides)):
        view.index = k
        view.draw(surface)
