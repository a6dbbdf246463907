"""`run_game.py handout`: story and goal, a card per person with portrait, the rules on one
page and the facilitator's run-sheet, printable (A4, page breaks), checked in a real browser;
hostile scenario text is escaped; bad input is one line and exit 2."""

import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli.main import main
from game.cli.pdf import HEADLESS
from game.facilitator.handout import render_handout
from game.facilitator.timing import run_sheet, total_minutes
from game.scenario.loader import load_scenario
from tests.helpers.hostile import HOSTILE, SCRIPT, hostile_scenario

CHROMIUM = Path("/usr/bin/chromium")
PNG = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.sections: list[str] = []
        self.tags: list[str] = []
        self.body: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "img":
            self.images.append(a)
        elif tag == "section":
            self.sections.append(a.get("id") or "")
        elif tag == "body":
            self.body = a


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handout")
    assert main(["handout", "--scenario", "crm-rollout", "--out", str(out), "--no-pdf"]) == 0
    return out / "handout.html"


def test_every_part_is_on_the_page(handout: Path) -> None:
    sc = load_scenario("crm-rollout")
    text = handout.read_text(encoding="utf-8")
    page = _parse(text)
    assert page.sections == ["story", "people", "rules", "run-sheet"]
    assert "end of week 13" in text and "Your goal" in text
    for s in sc.stakeholders:
        assert s.name in text and s.role in text
    for a in sc.actions:
        assert a.label in text
    for q in sc.debrief_questions + sc.learning_goals:
        assert q.replace('"', "&quot;").replace("'", "&#x27;") in text
    assert "Halvorsen buys a competitor" in text  # the manual event, for the facilitator
    assert "@page { size: A4" in text and "break-after: page" in text


def test_each_card_has_its_portrait_beside_the_page(handout: Path) -> None:
    page = _parse(handout.read_text(encoding="utf-8"))
    assert len(page.images) == 4
    for image in page.images:
        src = handout.parent / str(image["src"])
        assert src.read_bytes().startswith(PNG)
        assert (image["alt"] or "").startswith("Portrait of ")


def test_the_run_sheet_pauses_early_and_before_the_deadline() -> None:
    phases = run_sheet(load_scenario("crm-rollout"))
    names = [p.name for p in phases]
    assert names == [
        "Briefing", "Play weeks 1–3", "Pause after week 3", "Play weeks 4–9",
        "Pause after week 9", "Play weeks 10–13", "Debrief",
    ]  # fmt: skip
    low, high = total_minutes(phases)
    assert 26 + 20 <= low < high <= 39 + 60
    short = run_sheet(load_scenario("tutorial"))
    assert [p.name for p in short][-1] == "Debrief" and total_minutes(short)[0] > 0


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    sc = load_scenario(hostile_scenario(tmp_path))
    page = render_handout(sc, {0: "portraits/1.png"})
    assert SCRIPT not in page and "<img src=x>" not in page
    tags = _parse(page).tags
    assert tags.count("script") == 1  # the page's own image counter, nothing of the author's
    assert tags.count("img") == 1


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_a_broken_scenario_is_one_message_and_exit_2(path: Path, tmp_path: Path, capsys) -> None:
    assert main(["handout", "--scenario", str(path), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err and "Traceback" not in err
    assert not (tmp_path / "handout.html").exists()


def test_unwritable_out_is_one_line(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["handout", "--scenario", "tutorial", "--out", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and err.count("\n") == 1


def test_without_chromium_the_html_is_kept_and_it_says_so(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr("game.cli.pdf.find_chromium", lambda: None)
    assert main(["handout", "--scenario", "tutorial", "--out", str(tmp_path)]) == 0
    assert "Chromium is not installed" in capsys.readouterr().out
    assert (tmp_path / "handout.html").is_file() and not (tmp_path / "handout.pdf").exists()


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium (/usr/bin/chromium): apt-get install chromium; .ci/run does",
)


@needs_chromium
def test_a_real_browser_loads_every_portrait(handout: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [str(CHROMIUM), *HEADLESS, f"--user-data-dir={profile}",
             "--virtual-time-budget=5000", "--dump-dom", handout.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    body = _parse(done.stdout).body
    assert body.get("data-images-total") == "4", "the page's script did not run"
    assert body.get("data-images-loaded") == "4", "a portrait did not load"


@needs_chromium
def test_the_pdf_has_a_page_per_part(tmp_path: Path, capsys) -> None:
    assert main(["handout", "--scenario", "crm-rollout", "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "handout.pdf"
    assert str(pdf) in capsys.readouterr().out
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert pages >= 4  # story, people, rules, run-sheet: each starts a sheet
