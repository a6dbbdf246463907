"""Moving between screens: which comes first, what the global keys do, how a round starts.

Screens call these instead of building each other, so the order of the game
(title -> briefing -> turns <-> reports -> debrief) is written down once. The flow
builds screens through the factories the app registered (`app.screens`), so it
imports no screen and no app: screens may import the flow without a circle.
"""

import secrets
from collections.abc import Callable
from pathlib import Path

import pygame

from game.i18n import tr
from game.live.client import TeamClient
from game.live.link import Link
from game.live.protocol import Joined
from game.live.team_file import LiveTeam, keep_scenario, load_team, save_team
from game.local import paths
from game.model import compiled
from game.scenario.errors import InputError
from game.session.debrief.comparison import compare_ahead
from game.session.game_run import GameRun
from game.session.workshop import Workshop
from game.ui import busy
from game.ui.live import LiveRound
from game.ui.screens.base import Host

# The debrief's slow parts start this many turns before the deadline, on a worker
# thread, so that opening it does not wait (a round usually ends at its deadline).
AHEAD_TURNS = 3


def new_seed() -> int:
    # Short enough to read out to the room, so another team can play the same luck.
    return secrets.randbelow(100_000)


def with_model(app: Host, then: Callable[[], None]) -> None:
    """`then()` once the model's kernels can run: at once when they are compiled (they
    load in about half a second), else with the window drawing and a sign counting the
    kernels (the first start after installing compiles them, busy.model_warmed). The
    preparing screen stands in while nothing is on screen yet."""
    ready = busy.model_warmed()
    if ready.is_set() or compiled.is_cached():
        then()
        return
    if app.working:
        return  # a second press while waiting: the first one's round follows
    if not app.stack:
        app.replace_all(app.screens.preparing(app))
    app.run_slow(ready.wait, lambda _: then(), busy.preparing_label)


def open_first_screen(app: Host) -> None:
    """The title, or the round the command line names. The title needs the model only to
    describe a saved round (it replays it): then it waits for the model like a round."""
    options = app.options
    plays = options.joined is not None or options.resume or options.scenario is not None
    if options.screenshot_dir is None and (plays or paths.autosave_path().exists()):
        with_model(app, lambda: _open_first_screen(app))
    else:
        _open_first_screen(app)


def _open_first_screen(app: Host) -> None:
    options = app.options
    if options.screenshot_dir is not None:
        app.replace_all(app.screens.title(app))  # the screenshots start at the title
        return
    if options.joined is not None:
        url, joined = options.joined
        start_live_game(app, url, joined)  # checked by `play --join` before the window
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
    """A new round from the briefing; raises InputError for a scenario that does not load.

    The round in the autosave, finished or not, is kept first (see `GameRun.start`)."""
    app.game = GameRun.start(scenario_ref, seed, team, paths.autosave_path())
    app.update_language()  # a German scenario speaks German unless the player chose
    app.replace_all(app.screens.briefing(app))


def start_live_game(app: Host, url: str, joined: Joined) -> None:
    """A new round in the live workshop the team has just joined: the host's scenario and
    seed, its clock; the team's token kept beside the autosave for a reconnect. Raises
    ValueError when the host's scenario does not load."""
    folder = paths.live_dir()
    ref = keep_scenario(joined, folder)
    start_game(app, str(ref), joined.seed, joined.team)
    assert app.game is not None
    round_id = app.game.session.round_id
    team = LiveTeam(
        url=url, token=joined.token, team=joined.team, turn_timer=joined.turn_timer,
        round_id=round_id,
    )  # fmt: skip
    save_team(team, folder)
    _attach(app, team)


def rejoin_live(app: Host) -> bool:
    """After Continue: reconnect to the live workshop the resumed round was played in (its
    weeks go out as soon as the host answers); False when it was played offline."""
    game = app.game
    team = live_round_saved(game.session.round_id) if game is not None else None
    if team is None:
        return False
    _attach(app, team)
    return True


def live_round_saved(round_id: str) -> LiveTeam | None:
    """The live workshop the round `round_id` was played in; None when it was played
    offline (or the team file belongs to another round)."""
    team = load_team(paths.live_dir())
    return team if team is not None and team.round_id == round_id else None


def _attach(app: Host, team: LiveTeam) -> None:
    if app.live is not None:
        app.live.close()
    results = app.options.results_dir or Path("results")
    if app.workshop is None:
        app.workshop = Workshop(team.turn_timer or None, results)
    # An ended round stays ended: what the host says (if it is still there) changes nothing.
    app.live = LiveRound(Link(TeamClient(team.url, team.token)), team.team, ended=team.ended)
    if team.ended:
        app.workshop.end()


def continue_game(app: Host) -> bool:
    """Resume the autosave where the player left it; False (and a message) if impossible."""
    try:
        app.game = GameRun.resume(paths.autosave_path())
    except InputError as exc:
        app.resume_error = str(exc)
        return False
    app.update_language()
    rejoin_live(app)
    show_current_turn(app)
    notes = list(app.game.notes)  # e.g. its scenario file changed
    if app.game.draft is not None:
        notes.append(tr("turn.message.draft_back", week=app.game.session.turn + 1))
    if notes:
        app.top.notify("; ".join(notes))
    return True


def show_current_turn(app: Host) -> None:
    """The turn screen, or the debrief once the round is over.

    The debrief's slow parts run off the window's thread (started ahead of time in the
    last turns): until they are done the window shows the screen it had, with a
    "Working…" sign after 0.3 s."""
    game = app.game
    assert game is not None
    session = game.session
    if not session.done:
        if session.turn >= session.scenario.deadline - AHEAD_TURNS:
            prepare_debrief_ahead(app)
        app.replace_all(app.screens.turn(app))
        return
    comparisons = compare_ahead(session)
    charts = busy.charts_warmed()

    def prepare() -> None:
        comparisons.result()
        charts.wait()

    def open_debrief(_: object) -> None:
        if app.game is game:  # the team did not leave the round meanwhile
            app.replace_all(app.screens.debrief(app))

    app.run_slow(prepare, open_debrief)


def prepare_debrief_ahead(app: Host) -> None:
    """Start the same-seed comparison and the chart library's warm-up in the
    background, once; the debrief picks up their results."""
    if app.game is not None:
        compare_ahead(app.game.session)
        busy.charts_warmed()


def to_title(app: Host) -> None:
    app.replace_all(app.screens.title(app))


def open_help(app: Host) -> None:
    if app.top.name != "help":
        app.push(app.screens.help(app))


def open_briefing_again(app: Host) -> None:
    """The round's briefing to read again, over the screen the team was on."""
    if app.game is not None and app.top.name != "briefing":
        app.push(app.screens.briefing_again(app))


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
