"""The menu (Esc): resume, the briefing again, save and quit, restart, settings, title."""

from collections.abc import Callable

from game.i18n import tr
from game.ui import flow
from game.ui.screens.base import Host
from game.ui.screens.overlay import Overlay


class PauseOverlay(Overlay):
    name = "pause"
    title_key = "pause.title"
    panel_size = (480, 480)

    @property
    def round_over(self) -> bool:
        """Opened from the debrief: nothing is paused, so it is a menu (issue 10)."""
        return self.app.game is not None and self.app.game.session.done

    @property
    def title(self) -> str:
        return tr("pause.title.done" if self.round_over else self.title_key)

    def build(self) -> None:
        over = self.round_over
        entries = [
            (
                "pause.resume.done" if over else "pause.resume",
                self.close,
                "#primary",
                "pause.resume.done.tip" if over else "pause.resume.tip",
            ),
            (
                "pause.briefing",
                lambda: self.then(flow.open_briefing_again),
                "#menu",
                "pause.briefing.tip",
            ),
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
        buttons = self.menu([(tr(key), action, oid, tr(tip)) for key, action, oid, tip in entries])
        keys = [key for key, *_ in entries]
        restart = keys.index("pause.restart_confirm" if self.confirm_restart else "pause.restart")
        if self.app.workshop is not None and len(buttons) > restart:
            buttons[restart].disable()  # in a workshop every team plays its round once

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
        if not self.confirm_restart:
            self.confirm_restart = True
            self.rebuild()
            return
        self.app.game = game.restart()
        flow.show_current_turn(self.app)
