"""The window's side of a live workshop: the host's clock, events and messages, applied
to the round in play once a frame; the team's weeks offered to the host after each one.

Nothing here waits for the network: `game.live.link.Link` talks to the host on its own
thread, and this reads its latest answer. The host is the workshop's clock: its timer
drives the round's `Workshop` timer (the local clock only counts down between answers).
An event the facilitator sent is fired with the next week, and only while the host has
every week the team played: before that, its pending list may still hold events the
team already fired (the report on its way).

Once the facilitator ends the round, the team file says so (`mark_ended`): a game
continued later, the host long gone, stays ended instead of playing on offline.
"""

from dataclasses import dataclass, field

from game.i18n import tr
from game.live.link import Link
from game.live.protocol import TeamState
from game.live.team_file import mark_ended
from game.local import paths
from game.session.game_run import GameRun
from game.session.workshop import Workshop
from game.ui.screens.base import Host


@dataclass
class LiveRound:
    link: Link
    team: str
    offered: int = -1  # the session's turn when its weeks were last offered
    state: TeamState | None = None  # the last answer applied
    seen_message: int | None = None  # the newest message shown (None: none looked at yet)
    was_down: bool = False
    told_ended: bool = False
    notes: list[str] = field(default_factory=list)  # waiting for a screen that shows notes
    # The facilitator's messages with the turn they came in: the news keeps the week's, so
    # a pause notice that takes a message's place does not lose it (a playtest).
    heard: list[tuple[int, str]] = field(default_factory=list)
    # The round has ended (the host said so, now or before this game was continued: the
    # team file keeps it): what the host answers changes nothing, no week is played.
    ended: bool = False
    clock_week: int = -1  # the week whose clock the window started when the last one ended
    chime: bool = False  # a facilitator's message came: the window sounds it once shown

    def __post_init__(self) -> None:
        if self.ended:
            self.told_ended = True
            self.notes.append(tr("live.hold.ended"))

    def apply(self, app: Host) -> None:
        """Once a frame: offer new weeks, follow the host's latest answer."""
        game, workshop = app.game, app.workshop
        if game is None or workshop is None:
            return
        if game.session.turn != self.offered:
            # Even after the end: the host takes the weeks played before it (LIVE-PROTOCOL).
            self.link.offer(game.session)
            self.offered = game.session.turn
        if self.ended:
            workshop.end()
            self._show_notes(app)
            return
        self._connection(self.link.problem)
        state = self.link.latest
        if state is not None and state is not self.state:
            self.state = state
            # An answer about a week the team has already ended (the host does not have it
            # yet) says nothing of the week now running: its clock, expired after a timed-out
            # week, closed the report at once (playtest 7). The end of the round counts.
            if state.ended or state.week >= game.session.turn:
                follow_timer(workshop, state)
            self._events(game, workshop, state)
            self._messages(state, game.session.turn)
            if state.ended and not self.told_ended:
                self.told_ended = True
                # The whole of it at once: the short "has ended the round" left the team
                # pressing Enter to learn what happens now (a playtest).
                self.notes.append(tr("live.hold.ended"))
                mark_ended(paths.live_dir(), game.session.round_id)
                self.ended = True  # from now on the host's answers (or silence) change nothing
        self._show_notes(app)

    def week_handed_in(self, workshop: Workshop, week: int) -> None:
        """The team ended a week: the host starts the next one's time as it gets it, so the
        window's clock does too (`clock_week`), until the host's answer sets it."""
        workshop.start_turn()
        self.clock_week = week

    def follow_latest(self, workshop: Workshop, week: int) -> None:
        """Set a new week's clock from the host's latest answer about that week, if it has
        one (a week's clock starts on the host when the week before is handed in)."""
        if self.state is not None and self.state.week == week and not self.ended:
            follow_timer(workshop, self.state)

    def _show_notes(self, app: Host) -> None:
        if self.notes and app.top.name == "turn":
            # The week's latest message from the facilitator stays beside a notice about
            # the link (playtest 9: "Back in touch with the host" took its place).
            latest = self.messages_in(app.game.session.turn)[-1:] if app.game else []
            if latest and latest[0] not in self.notes and latest[0] in app.top.shown_note():
                self.notes += latest
            app.top.notify(" · ".join(self.notes))
            self.notes.clear()
            if self.chime:  # heard across the room, not only read on the plan
                app.sounds.play("signoff")
                self.chime = False

    def hold(self) -> str:
        """Why the team may not end the week now ('' when it may): the facilitator has not
        started the clock, has paused it, or has ended the round (docs/LIVE-PROTOCOL.md)."""
        state = self.state
        if self.ended or (state is not None and state.ended):
            return tr("live.hold.ended")
        if state is None:
            return ""
        return {"idle": tr("live.hold.idle"), "paused": tr("live.hold.paused")}.get(
            state.timer.state, ""
        )

    def close(self) -> None:
        self.link.close()

    def _connection(self, problem: str) -> None:
        down = bool(problem)
        if down != self.was_down:
            self.was_down = down
            held = self.hold() if down else ""
            if held:
                # "Play on" beside "paused" read as a contradiction (playtest 11): the
                # clock holds where it was, and the week still waits for it.
                self.notes.append(tr("live.down.held", hold=held))
            else:
                self.notes.append(tr("live.down" if down else "live.back"))

    def _events(self, game: GameRun, workshop: Workshop, state: TeamState) -> None:
        if state.week != game.session.turn:
            return  # the host lacks weeks: its pending events may be fired already
        ids = [e.id for e in game.session.scenario.events]
        sent = [ids.index(e.event) for e in state.events if e.event in ids]
        workshop.pending_events = sorted(set(sent))

    def messages_in(self, turn: int) -> list[str]:
        """The facilitator's messages that came during `turn`, as the news shows them."""
        return [tr("live.message", text=text) for week, text in self.heard if week == turn]

    def _messages(self, state: TeamState, turn: int) -> None:
        newest = max((m.id for m in state.messages), default=0)
        if self.seen_message is None:
            # The first answer after joining or a restart: what it holds was said before.
            self.seen_message = newest
            return
        fresh = [m for m in state.messages if m.id > self.seen_message]
        self.seen_message = max(newest, self.seen_message)
        for m in sorted(fresh, key=lambda m: m.id):
            self.notes.append(tr("live.message", text=m.text))
            self.heard.append((turn, m.text))
            self.chime = True


def follow_timer(workshop: Workshop, state: TeamState) -> None:
    """The host's clock for this team, on the round's timer."""
    timer = state.timer
    if state.ended:  # the round is over: the clock stands for good
        workshop.end()
        return
    if timer.state == "off" or timer.seconds_left is None:
        workshop.turn_timer = None
        return
    workshop.follow(
        timer.seconds_left, stopped=timer.state != "running", waiting=timer.state == "idle"
    )
