"""The menu (Esc): resume, save and quit, restart, settings, back to the title."""

import pygame

from game.i18n import tr
from game.ui import flow
from game.ui.screens.overlay import Overlay


class PauseOverlay(Overlay):
    name = "pause"
    title_key = "pause.title"
    panel_size = (480, 420)

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(48), s.text_px(18) + s.px(22))
        gap = s.px(12)
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        y = self.content_top()
        entries = [
            ("pause.resume", self.close, "#primary", "pause.resume.tip"),
            ("pause.save_quit", self.save_and_quit, "#menu", "pause.save_quit.tip"),
            (
                "pause.restart_confirm" if self.confirm_restart else "pause.restart",
                self.restart,
                "#menu",
                "pause.restart.tip",
            ),
            ("pause.settings", lambda: flow.open_settings(self.app), "#menu", "pause.settings.tip"),
            (
                "pause.title_screen",
                lambda: flow.to_title(self.app),
                "#menu",
                "pause.title_screen.tip",
            ),
        ]
        for key, action, object_id, tip in entries:
            if y + button_h > rect.bottom - s.px(16):
                break
            button = self.button(
                pygame.Rect(x, y, w, button_h),
                tr(key),
                action,
                object_id=object_id,
                tool_tip_text=tr(tip),
            )
            if action == self.restart and self.app.workshop is not None:
                button.disable()  # in a workshop every team plays its round once
            y += button_h + gap

    def save_and_quit(self) -> None:
        if self.app.game is not None:
            self.app.game.save()
        self.app.quit()

    confirm_restart = False  # the first press only asks: a restart loses the round so far

    def restart(self) -> None:
        game = self.app.game
        if game is None:
            return
        if not self.confirm_restart:
            self.confirm_restart = True
            self.rebuild()
            return
        self.app.game = game.restart()
        flow.show_current_turn(self.app)
