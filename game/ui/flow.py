"""Moving between screens: which comes first, what the global keys do, how a round starts.

Screens call these instead of building each other, so the order of the game
(title -> briefing -> turns <-> reports -> debrief) is written down once. The flow
builds screens through the factories the app registered (`app.screens`), so it
imports no screen and no app: screens may import the flow without a circle.
"""

import secrets

import pygame

from game.local import paths
from game.scenario.errors import InputError
from game.session.game_run import GameRun
from game.ui.screens.base import Host


def new_seed() -> int:
    # Short enough to read out to the room, so another team can play the same luck.
    return secrets.randbelow(100_000)


def open_first_screen(app: Host) -> None:
    options = app.options
    if options.screenshot_dir is not None:
        app.replace_all(app.screens.title(app))  # the screenshots start at the title
        return
    if options.resume:
        if not continue_game(app):
            app.replace_all(app.screens.title(app))
        return
    if options.scenario is not None:
        seed = options.seed if options.seed is not None else new_seed()
        # The workshop command run again after a crash: go on, never start over.
        again = options.workshop and _same_round_saved(options.scenario, seed, options.team)
        if again and continue_game(app):
            return
        start_game(app, options.scenario, seed, options.team)
        return
    app.replace_all(app.screens.title(app))


def _same_round_saved(scenario_ref: str, seed: int, team: str) -> bool:
    """Whether the autosave is this team's unfinished round of this scenario and seed."""
    try:
        run = GameRun.resume(paths.autosave_path())
    except InputError:
        return False
    session = run.session
    same_scenario = run.scenario_ref == scenario_ref or session.scenario.id == scenario_ref
    return same_scenario and session.seed == seed and session.team == team and not session.done


def start_game(app: Host, scenario_ref: str, seed: int, team: str) -> None:
    """A new round from the briefing; raises InputError for a scenario that does not load."""
    app.game = GameRun.start(scenario_ref, seed, team, paths.autosave_path())
    app.update_language()  # a German scenario speaks German unless the player chose
    app.replace_all(app.screens.briefing(app))


def continue_game(app: Host) -> bool:
    """Resume the autosave where the player left it; False (and a message) if impossible."""
    try:
        app.game = GameRun.resume(paths.autosave_path())
    except InputError as exc:
        app.resume_error = str(exc)
        return False
    app.update_language()
    show_current_turn(app)
    if app.game.notes:  # e.g. its scenario file changed
        app.top.notify("; ".join(app.game.notes))
    return True


def show_current_turn(app: Host) -> None:
    """The turn screen, or the debrief once the round is over."""
    assert app.game is not None
    if app.game.session.done:
        app.replace_all(app.screens.debrief(app))
    else:
        app.replace_all(app.screens.turn(app))


def to_title(app: Host) -> None:
    app.replace_all(app.screens.title(app))


def open_help(app: Host) -> None:
    if app.top.name != "help":
        app.push(app.screens.help(app))


def open_pause(app: Host) -> None:
    if app.top.name not in ("pause", "title"):
        app.push(app.screens.pause(app))


def open_settings(app: Host) -> None:
    if app.top.name != "settings":
        app.push(app.screens.settings(app))


def global_key(app: Host, event: pygame.event.Event) -> None:
    """Keys that work on every screen unless the screen used them first."""
    if event.key == pygame.K_F1 or (event.unicode == "?" and app.top.name != "title"):
        open_help(app)
    elif event.key == pygame.K_F11:
        app.toggle_fullscreen()
    elif event.key == pygame.K_ESCAPE:
        if app.top.opaque:
            open_pause(app)
        else:
            app.pop()
