"""The title screen's scenario picker: the user's folder, opened files, and files with errors."""

from pathlib import Path

import pygame
import pygame_gui

from game.local import paths
from tests.helpers.ui_driver import button_named, click, make_app, pump

BROKEN = "id: mine\ntitel: typo\n"


def test_a_broken_file_in_the_users_folder_shows_its_errors_and_cannot_start() -> None:
    folder = paths.user_scenario_dir()
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(BROKEN, encoding="utf-8")
    app = make_app()
    title = app.top
    index = next(k for k, e in enumerate(title.entries) if e.source == "yours")
    assert "titel: unknown key 'titel'" in title.entries[index].error
    title.choose(index)
    assert "titel" in title.error_box.html_text
    click(app, button_named(app, "Start the round"))
    assert app.top is title and "cannot be played" in title.message


def test_open_a_file_adds_it_and_starts_it(tmp_path: Path) -> None:
    source = (Path(__file__).parents[1] / "scenarios" / "tutorial.yaml").read_text("utf-8")
    mine = tmp_path / "my-workshop.yaml"
    mine.write_text(source.replace("id: tutorial", "id: my-workshop"), encoding="utf-8")
    app = make_app()
    title = app.top
    title.turn_page(-1)  # the "open a file" card is the last one, on the last page
    opener = next(
        i.element
        for i in title.focus.items
        if i.element.rect.center == title.card_rects[-1][0].center
    )
    click(app, opener)
    assert isinstance(title.dialog, pygame_gui.windows.UIFileDialog)
    # What the dialog posts when a file is picked:
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(mine), ui_element=title.dialog
        )
    )
    pump(app)
    assert title.entries[title.selected].ref == str(mine)
    click(app, button_named(app, "Start the round"))
    assert app.top.name == "briefing"
    assert app.game.session.scenario.id == "my-workshop"


def test_starting_a_new_round_asks_before_replacing_the_saved_one() -> None:
    app = make_app(scenario="tutorial", seed=9, team="Red")
    assert app.top.name == "briefing"
    click(app, button_named(app, "Back"))
    title = app.top
    assert title.saved_unfinished and title.team == "Red"  # the same scenario and team again
    assert title.entries[title.selected].ref == "tutorial"
    click(app, button_named(app, "Start the round"))
    assert app.top is title and "replaces the saved one" in title.message
    click(app, button_named(app, "Start the round"))
    assert app.top.name == "briefing"


def test_the_message_box_never_covers_the_pager() -> None:
    """Playtest: 'A new round replaces the saved one…' lay over '‹ Previous / Next ›'."""
    app = make_app(scenario="tutorial", seed=9, team="Red")
    click(app, button_named(app, "Back"))
    title = app.top
    click(app, button_named(app, "Start the round"))
    assert title.message and title.pages > 1
    box = title.error_box.rect
    for button in (title.previous_button, title.next_button):
        assert not button.rect.colliderect(box), (button.rect, box)
    for rect, _ in title.card_rects:
        assert rect.bottom < title.previous_button.rect.top
