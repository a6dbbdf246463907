"""Join a live workshop from the title: the host's address, the join code, the team.

The facilitator reads the address and the code out (docs/WORKSHOP.md, "The live way").
Joining asks the host on a worker thread (the window keeps drawing); a wrong code or a
host out of reach is said here, in one line, and nothing else changes.
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
from game.ui.theme import BAD, MUTED


class JoinOverlay(Overlay):
    name = "join"
    title_key = "join.title"
    panel_size = (640, 520)

    def __init__(self, app: Host, team: str = "") -> None:
        self.address, self.code, self.team = "", "", team
        self.problem = ""
        self.joining = False
        super().__init__(app)

    def build(self) -> None:
        s, rect = self.style, self.panel()
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        entry_h = max(s.px(40), s.text_px(16) + s.px(18))
        label_h = s.font(15).get_linesize() + s.px(4)
        y = self.content_top()
        self.labels: list[tuple[str, int]] = []
        self.entries: list[UITextEntryLine] = []
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
        self.message_y = y
        button_h = max(s.px(46), s.text_px(17) + s.px(22))
        bottom = rect.bottom - s.px(20) - button_h
        half = (w - s.px(12)) // 2
        self.join_button = self.button(
            pygame.Rect(x, bottom, half, button_h), tr("join.join"), self.join, object_id="#primary"
        )
        cancel = pygame.Rect(x + w - half, bottom, half, button_h)
        self.button(cancel, tr("join.cancel"), self.close)
        self.message_bottom = bottom - s.px(8)
        if self.joining:
            self.join_button.disable()
        if not self.address:
            self.focus.focus_on(self.entries[0])

    def _remember(self) -> None:
        self.address, self.code, self.team = (e.get_text() for e in self.entries)

    def join(self) -> None:
        """Ask the host to let the team in; the round starts when it answers."""
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
        self.joining = True
        self.say(tr("join.asking"))
        code = self.code

        def ask() -> Joined | str:
            try:
                return TeamClient(url).join(code, team)
            except HostRefusedError as exc:
                return tr("join.refused", reason=exc.message)
            except LinkDownError:
                return tr("join.unreachable", url=url)

        self.app.run_slow(ask, lambda answer: self._joined(url, answer))

    def _joined(self, url: str, answer: Joined | str) -> None:
        self.joining = False
        if isinstance(answer, str):
            self.say(answer)
            return
        try:
            flow.start_live_game(self.app, url, answer)
        except ValueError as exc:
            self.say(str(exc))

    def say(self, problem: str) -> None:
        self.problem = problem
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
            colour = MUTED if self.joining else BAD
            area = pygame.Rect(x, self.message_y, w, self.message_bottom - self.message_y)
            draw.paragraph(surface, self.problem, s.font(15), area, colour)
