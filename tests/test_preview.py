"""`run_game.py preview`: the dependency graph, people, events and round length of a scenario,
as one static page; hostile scenario text is escaped; bad input is one line and exit 2."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli.main import main
from game.facilitator.preview import render_preview
from game.facilitator.scenario_svg import depths
from game.facilitator.timing import round_length, round_minutes
from game.scenario.loader import load_scenario
from tests.helpers.hostile import HOSTILE, SCRIPT, hostile_scenario


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_the_round_length_is_two_to_three_minutes_a_week() -> None:
    sc = load_scenario("crm-rollout")
    assert round_minutes(13) == (26, 39)
    assert round_length(sc).startswith("13 weeks: about 26–39 minutes")


def test_packages_stand_one_column_right_of_what_they_need() -> None:
    sc = load_scenario("crm-rollout")
    depth = dict(zip((p.id for p in sc.packages), depths(sc), strict=True))
    assert depth["pipeline"] == 0 and depth["quotes"] == 1
    assert depth["customer-view"] == 1 and depth["caller-popup"] == 2
    for p in sc.packages:
        for d in p.depends_on:
            assert depth[p.id] > depth[d]


def test_the_page_shows_graph_people_events_and_round_length(tmp_path: Path, capsys) -> None:
    assert main(["preview", "crm-rollout", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "preview.html").read_text(encoding="utf-8")
    assert str(tmp_path / "preview.html") in capsys.readouterr().out
    sc = load_scenario("crm-rollout")
    assert "about 26–39 minutes" in page
    assert page.count('class="edge"') == sum(len(p.depends_on) for p in sc.packages)
    for s in sc.stakeholders:
        assert s.name in page
    for e in sc.events:
        assert e.title.replace('"', "&quot;") in page
    assert "deadline" in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    page = render_preview(load_scenario(hostile_scenario(tmp_path)))
    assert SCRIPT not in page and "<img src=x>" not in page and "</svg><b>" not in page
    assert "&lt;script&gt;" in page
    assert "script" not in _tags(page) and "img" not in _tags(page)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_a_broken_scenario_is_one_message_and_exit_2(path: Path, tmp_path: Path, capsys) -> None:
    assert main(["preview", str(path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err and "Traceback" not in err
    assert not (tmp_path / "preview.html").exists()


def test_unknown_scenario_and_unwritable_out(tmp_path: Path, capsys) -> None:
    assert main(["preview", "no-such-scenario", "--out", str(tmp_path)]) == 2
    assert "unknown scenario" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["preview", "tutorial", "--out", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and err.count("\n") == 1
    assert main(["preview", "tutorial", "--out", str(blocker / "below")]) == 2
    assert "cannot write" in capsys.readouterr().err
