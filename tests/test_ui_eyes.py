"""Through their eyes, driven in the real app: opened over the debrief of a played round,
another person with Left/Right and the tabs, the weeks scrolled, back to the debrief."""

import pygame
import pytest

from game import i18n
from game.local.settings import Settings
from game.ui import draw, flow
from game.ui.app import App, PlayOptions
from game.ui.screens.eyes import EyesScreen
from tests.helpers.ui_checks import gui_cuts, open_screen, problems
from tests.helpers.ui_driver import FRAME, click, key, pump


def _eyes_app(window: tuple[int, int], text_size: float = 1.0, language: str = "en") -> App:
    """The app on the debrief of a finished round, with the eyes screen pushed over it."""
    app = App(PlayOptions(window=window), Settings(text_size=text_size, language=language))
    flow.open_first_screen(app)
    app.frame([], FRAME)
    open_screen(app, "debrief")
    assert app.top.name == "debrief"
    app.push(EyesScreen(app))
    pump(app)
    return app


def _screen(app: App) -> EyesScreen:
    assert isinstance(app.top, EyesScreen)
    return app.top


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def test_switch_person_scroll_and_go_back() -> None:
    app = _eyes_app((1280, 720))
    screen = _screen(app)
    people = len(screen.people)
    assert people > 2 and screen.person == 0
    key(app, pygame.K_RIGHT)
    assert _screen(app).person == 1
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)  # round the end, to the last person
    assert _screen(app).person == people - 1
    click(app, _screen(app).tabs[2])
    screen = _screen(app)
    assert screen.person == 2 and screen.eyes.stakeholder == 2
    bar = screen.box.scroll_bar
    assert bar is not None, "a whole round fits without scrolling: nothing to scroll"
    key(app, pygame.K_DOWN)
    pump(app, 5)
    assert bar.start_percentage > 0
    key(app, pygame.K_END)
    assert bar.start_percentage + bar.visible_percentage == pytest.approx(1.0, abs=0.02)
    key(app, pygame.K_HOME)
    assert bar.start_percentage == 0
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "debrief"


def test_the_back_button_returns_to_the_debrief() -> None:
    app = _eyes_app((1024, 600))
    click(app, _screen(app).back_button)
    assert app.top.name == "debrief"


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("window", [(1280, 720), (1024, 600)], ids=lambda w: f"{w[0]}x{w[1]}")
def test_projector_text_fits(window: tuple[int, int], language: str) -> None:
    """At projector text size nothing is cut, for every person: painted text and widgets."""
    app = _eyes_app(window, text_size=1.5, language=language)
    cuts: list[str] = []

    def record(cut: draw.Cut) -> None:
        if not cut.elsewhere:
            cuts.append(f"'{cut.full}' shown as '{cut.shown}' by {cut.where}")

    with draw.observe_cuts(record):
        for k in range(len(_screen(app).people)):
            screen = _screen(app)
            assert screen.person == k
            pump(app, 1)
            assert problems(app) == [], (k, problems(app))
            cuts += [what for _, what, _ in gui_cuts(app)]
            assert [t.text for t in screen.tabs] == [e.short for e in screen.people]
            assert screen.chart_rect.height > screen.style.px(200)  # room left to draw
            key(app, pygame.K_RIGHT)
    assert cuts == []


def test_in_german() -> None:
    app = _eyes_app((1024, 600), language="de")
    screen = _screen(app)
    assert screen.back_button.text == "Zurück zur Auswertung"
    assert "Woche 1" in screen.words.html(screen.eyes)
    assert problems(app) == []


def test_they_say_what_they_have_seen_as_the_week_report_does() -> None:
    """A demo's week: the report's "has now seen N" and their own "I had seen N" agree (both
    in the steps people speak in), though the model keeps the share to the decimal."""
    from game.model import Channel
    from game.session.debrief.eyes import through_their_eyes
    from game.session.week import week_report
    from game.ui.screens.eyes import Words
    from tests.helpers.sessions import played

    session = played("Balanced", "balanced", seed=5)
    people = through_their_eyes(session)
    words = Words(session.scenario, session.params.coef.favour_min_trust)
    compared = 0
    for k in range(len(session.logs)):
        for item in week_report(session, k).items:
            if item.kind != "contact" or item.stakeholder is None or "%" not in item.text:
                continue
            if not item.text.startswith("Demo for"):
                continue  # an honest talk's line has figures too: it is not compared here
            week = people[item.stakeholder].weeks[k]
            if not any(c.about is Channel.DEMO for c in week.contacts):
                continue
            said = words.week(week)[0][0]
            shown = [part.rstrip(",") for part in item.text.split() if "%" in part]
            assert shown and shown[0] in said, (item.text, said)
            compared += 1
    assert compared, "the round played no demo: pick a seed that does"
