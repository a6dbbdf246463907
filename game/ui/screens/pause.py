"""The menu (Esc): resume, the briefing again, save and quit, restart, settings, title."""

from collections.abc import Callable

import pygame

from game.i18n import tr
from game.ui import draw, flow
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay
from game.ui.theme import MUTED, canvas

SUBTITLE_ROOM = 60  # design pixels the live round's line under the title takes


class PauseOverlay(Overlay):
    name = "pause"
    title_key = "pause.title"
    panel_size = (480, 480)

    def __init__(self, app: Host) -> None:
        # The screen the menu opened over: "Back to the debrief" only from the debrief
        # (playtest 5 saw it on the last week's report, the debrief not yet shown).
        self.over_debrief = app.top.name == "debrief"
        super().__init__(app)

    @property
    def round_over(self) -> bool:
        """Opened after the last week: nothing is paused, so it is a menu (issue 10)."""
        return self.app.game is not None and self.app.game.session.done

    @property
    def clock_runs_on(self) -> bool:
        """A live round's menu: the host's clock runs on while it is open ("Paused", as
        playtest 5 read, was untrue)."""
        return not self.round_over and self.app.live is not None and not self.app.live.ended

    @property
    def title(self) -> str:
        # Only a solo round in play is paused: not a finished round, nor a live one (its
        # clock runs on, or the facilitator ended it: playtest 9 saw "Paused" there).
        if self.round_over or self.app.live is not None:
            return tr("pause.title.done")
        return tr(self.title_key)

    def panel(self) -> pygame.Rect:
        rect = super().panel()
        if self.clock_runs_on:  # room for the line under the title, where the window has it
            s, page = self.style, canvas(self.style)
            rect.height = min(rect.height + s.px(SUBTITLE_ROOM), page.height - s.px(40))
            rect.centery = page.centery
        return rect

    def content_top(self) -> int:
        extra = self._subtitle_height() + self.style.px(6) if self.clock_runs_on else 0
        return super().content_top() + extra

    def _subtitle_height(self) -> int:
        s = self.style
        width = self.panel().width - s.px(48)
        font = s.font(16)
        return draw.lines_needed(tr("pause.title.live"), font, width) * font.get_linesize()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.clock_runs_on:
            s, rect = self.style, self.panel()
            top = super().content_top() - s.px(6)
            area = pygame.Rect(
                rect.left + s.px(24), top, rect.width - s.px(48), self._subtitle_height()
            )
            draw.paragraph(surface, tr("pause.title.live"), s.font(16), area, MUTED, 1.0)

    def build(self) -> None:
        back = self.over_debrief
        entries = [
            (
                "pause.resume.done" if back else "pause.resume",
                self.close,
                "#primary",
                "pause.resume.done.tip" if back else "pause.resume.tip",
            ),
            (
                "pause.briefing",
                lambda: self.then(flow.open_briefing_again),
                "#menu",
                "pause.briefing.tip",
            ),
            self._quit_entry(),
            self._restart_entry(),
            ("pause.settings", lambda: flow.open_settings(self.app), "#menu", "pause.settings.tip"),
            (
                "pause.title_screen",
                lambda: flow.to_title(self.app),
                "#menu",
                "pause.title_screen.tip",
            ),
        ]
        buttons = self.menu([(tr(key), action, oid, tr(tip)) for key, action, oid, tip in entries])
        keys = [key for key, *_ in entries]
        restart = keys.index(self._restart_entry()[0])
        if self.app.workshop is not None and len(buttons) > restart:
            buttons[restart].disable()  # in a workshop every team plays its round once

    # A finished round is not lost by playing again, nor left unsaved by quitting: its menu
    # says so (playtest 8 was offered "Save and quit" and "Restart this round" there).
    def _quit_entry(self) -> tuple[str, Callable[[], None], str, str]:
        if self.round_over:
            return ("pause.quit.done", self.save_and_quit, "#menu", "pause.quit.done.tip")
        return ("pause.save_quit", self.save_and_quit, "#menu", "pause.save_quit.tip")

    def _restart_entry(self) -> tuple[str, Callable[[], None], str, str]:
        if self.round_over:
            return ("pause.restart.done", self.restart, "#menu", "pause.restart.done.tip")
        key = "pause.restart_confirm" if self.confirm_restart else "pause.restart"
        return (key, self.restart, "#menu", "pause.restart.tip")

    def then(self, step: Callable[[Host], None]) -> None:
        """Close the menu, then take `step` from the screen under it."""
        self.close()
        step(self.app)

    def save_and_quit(self) -> None:
        if self.app.game is not None:
            self.app.game.save()
        self.app.quit()

    confirm_restart = False  # the first press only asks: a restart loses the round so far

    def restart(self) -> None:
        game = self.app.game
        if game is None:
            return
        if not self.confirm_restart and not self.round_over:
            self.confirm_restart = True
            self.rebuild()
            return
        self.app.game = game.restart()
        flow.show_current_turn(self.app)
