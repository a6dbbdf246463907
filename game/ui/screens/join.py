"""Join a live workshop from the title: the host's address, the join code, the team.

The facilitator reads the address and the code out (docs/WORKSHOP.md, "The live way").
Joining asks the host on a worker thread (the window keeps drawing); a wrong code or a
host out of reach is said here, in one line, and nothing else changes.

Joining starts a new round, which sets the autosave's unfinished round aside (kept as
`autosave-previous-N.json`, which the title does not offer again): the first Join says
so and waits, as the title's Start does over a saved round (issue 10).
"""

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.i18n import tr
from game.live.client import HostRefusedError, LinkDownError, TeamClient, host_url
from game.live.protocol import Joined
from game.ui import draw, flow
from game.ui.safe_text import name as safe_name
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay
from game.ui.theme import BAD, INK, MUTED


class JoinOverlay(Overlay):
    name = "join"
    title_key = "join.title"
    panel_size = (640, 520)

    def __init__(self, app: Host, team: str = "", set_aside: str = "") -> None:
        """`set_aside`: the unfinished round a join would set aside ('' if none), as the
        title describes it (scenario · week · team)."""
        self.address, self.code, self.team = "", "", team
        self.problem = ""
        self.problem_wrong = True
        self.joining = False
        self.set_aside = set_aside
        self.set_aside_told = False  # the team was told; the next Join goes ahead
        self.asking = False  # the question about the saved round fills the panel
        super().__init__(app)

    def build(self) -> None:
        s, rect = self.style, self.panel()
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        y = self.content_top()
        self.labels: list[tuple[str, int]] = []
        self.entries: list[UITextEntryLine] = []
        if not self.asking:  # the question takes the whole panel: no field hides it
            y = self._build_fields(x, w, y)
        self.message_y = y
        button_h = max(s.px(46), s.text_px(17) + s.px(22))
        bottom = rect.bottom - s.px(20) - button_h
        half = (w - s.px(12)) // 2
        label = tr("join.join_anyway" if self.asking else "join.join")
        self.join_button = self.button(
            pygame.Rect(x, bottom, half, button_h), label, self.join, object_id="#primary"
        )
        cancel = pygame.Rect(x + w - half, bottom, half, button_h)
        self.button(cancel, tr("join.cancel"), self.close)
        self.message_bottom = bottom - s.px(8)
        if self.joining:
            self.join_button.disable()
        if not self.address and self.entries:
            self.focus.focus_on(self.entries[0])

    def _build_fields(self, x: int, w: int, y: int) -> int:
        """The address, code and team fields from `y` down; returns the y under them."""
        s = self.style
        entry_h = max(s.px(40), s.text_px(16) + s.px(18))
        label_h = s.font(15).get_linesize() + s.px(4)
        fields = (
            ("join.address", "join.address.placeholder", self.address, 200),
            ("join.code", "join.code.placeholder", self.code, 32),
            ("join.team", "title.team.placeholder", self.team, 40),
        )
        for label, placeholder, text, limit in fields:
            self.labels.append((tr(label), y))
            y += label_h
            entry = self.place(
                UITextEntryLine(
                    pygame.Rect(x, y, w, entry_h), self.manager, placeholder_text=tr(placeholder)
                )
            )
            entry.set_text_length_limit(limit)
            entry.set_text(text)
            self.entries.append(entry)
            self.focus.add(entry, None)
            y += entry_h + s.px(10)
        return y

    def _remember(self) -> None:
        self.address, self.code, self.team = (e.get_text() for e in self.entries)

    def join(self) -> None:
        """Ask the host to let the team in; the round starts when it answers."""
        if self.entries:  # not while the question about the saved round is up
            self._remember()
        team = safe_name(self.team)
        try:
            url = host_url(self.address)
        except ValueError:
            self.say(tr("join.bad_address"))
            return
        if not self.code.strip() or not team:
            self.say(tr("join.missing"))
            return
        if self.set_aside and not self.set_aside_told:
            self.set_aside_told = self.asking = True
            self.say(tr("join.set_aside", saved=self.set_aside), wrong=False)
            return
        self.asking = False  # the fields again: a refusal may mean a wrong code
        self.joining = True
        self.say(tr("join.asking"), wrong=False)
        code = self.code

        def ask() -> Joined | str:
            try:
                return TeamClient(url).join(code, team)
            except HostRefusedError as exc:
                return tr("join.refused", reason=exc.message)
            except LinkDownError:
                return tr("join.unreachable", url=url)

        self.app.run_slow(
            ask, lambda answer: flow.with_model(self.app, lambda: self._joined(url, answer))
        )

    def _joined(self, url: str, answer: Joined | str) -> None:
        self.joining = False
        if isinstance(answer, str):
            self.say(answer)
            return
        try:
            flow.start_live_game(self.app, url, answer)
        except ValueError as exc:
            self.say(str(exc))

    def say(self, problem: str, wrong: bool = True) -> None:
        """Show `problem` under the fields: in red when something is `wrong`."""
        self.problem = problem
        self.problem_wrong = wrong
        self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:  # Enter: the next field, then join
            index = self.entries.index(event.ui_element) if event.ui_element in self.entries else 2
            if index < len(self.entries) - 1:
                self.focus.move(1)
            else:
                self.join()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        s, rect = self.style, self.panel()
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        for text, y in self.labels:
            draw.text(surface, text, s.font(15), (x, y), MUTED)
        if self.problem:
            colour = BAD if self.problem_wrong else INK
            area = pygame.Rect(x, self.message_y, w, self.message_bottom - self.message_y)
            draw.paragraph(surface, self.problem, self._message_font(area), area, colour)

    def _message_font(self, area: pygame.Rect) -> pygame.font.Font:
        """The question about the saved round in larger type, where it fits whole."""
        s, font = self.style, self.style.font(15)
        larger = s.font(17)
        step = round(larger.get_linesize() * 1.25)  # draw.paragraph's line spacing
        if (
            self.asking
            and draw.lines_needed(self.problem, larger, area.width) * step <= area.height
        ):
            return larger
        return font
