"""The debrief's bottom bar: replay from a turn, the eyes, export, again, quit."""

from functools import partial

import pygame
from pygame_gui.elements import UIButton

from game.i18n import tr, turn_word
from game.local import paths
from game.session.debrief import export_round
from game.ui import draw, flow, safe_text
from game.ui.charts import report_png
from game.ui.screens.debrief.base import DebriefBase


class ActionsPart(DebriefBase):
    """The actions along the bottom and the status line they write to."""

    again_button: UIButton  # "Play again": off in a workshop, like the replay

    def _bar_rows(self, width: int, gap: int) -> list[list[tuple[str, str, int]]]:
        """The bottom bar's buttons as (id, label, width needed), in one row if they fit."""
        s = self.style
        font, pad = s.font(16), s.px(22)
        step = s.px(44)
        played = len(self.session.plans)
        label = turn_word(self.session.scenario.turn_label)
        widest = max(
            (
                tr("debrief.replay.start"),
                tr("debrief.replay.from", label=label, turn=max(played, 1)),
            ),
            key=lambda t: draw.measure(t, font),
        )
        items = [
            ("earlier", "−", step),
            ("replay", widest, 0),
            ("later", "+", step),
            ("eyes", tr("debrief.eyes"), 0),
            ("export", tr("debrief.export"), 0),
            ("again", tr("debrief.again"), 0),
            ("quit", tr("debrief.quit"), 0),
        ]
        items = [(k, t, n or draw.measure(t, font) + pad) for k, t, n in items]
        if sum(n for _, _, n in items) + (len(items) - 1) * gap <= width:
            return [items]
        return [items[:4], items[4:]]

    def _build_bar(
        self, rows: list[list[tuple[str, str, int]]], top: int, width: int, gap: int
    ) -> None:
        """The actions along the bottom: each row shares out its spare room."""
        s = self.style
        actions = {
            "earlier": (lambda: self.move_replay(-1), "debrief.earlier.tip"),
            "replay": (self.replay, "debrief.replay.tip"),
            "later": (lambda: self.move_replay(1), "debrief.later.tip"),
            "eyes": (self.open_eyes, "debrief.eyes.tip"),
            "export": (self.export, "debrief.export.tip"),
            "again": (lambda: flow.to_title(self.app), ""),
            "quit": (self.app.quit, ""),
        }
        fixed = {"earlier", "later"}
        y = top
        for row in rows:
            needed = sum(n for _, _, n in row) + (len(row) - 1) * gap
            growing = [k for k, _, _ in row if k not in fixed]
            spare = max(0, width - needed) // max(1, len(growing))
            x = s.px(20)
            for key, label, need in row:
                w = need + (spare if key in growing else 0)
                action, tip = actions[key]
                text = self._replay_label() if key == "replay" else label
                rect = pygame.Rect(x, y, w, self.button_h)
                element = self.button(rect, text, action, tool_tip_text=tr(tip) if tip else None)
                if key == "replay":
                    self.replay_button = element
                if key == "again":
                    self.again_button = element
                x += w + gap
            y += self.button_h + gap
        if self.app.workshop is not None:
            # The room compares first rounds: no second try, and no new round on this
            # laptop (the facilitator starts the next one with its own team name).
            self.replay_button.disable()
            self.again_button.disable()

    def _replay_label(self) -> str:
        if self.replay_turn == 0:
            return tr("debrief.replay.start")
        label = turn_word(self.session.scenario.turn_label)
        return tr("debrief.replay.from", label=label, turn=self.replay_turn + 1)

    def move_replay(self, step: int) -> None:
        played = len(self.session.plans)
        self.replay_turn = max(0, min(played - 1, self.replay_turn + step))
        self.replay_button.set_text(safe_text.one_line(self._replay_label()))

    def replay(self) -> None:
        game = self.app.game
        assert game is not None
        self.app.game = game.branch(self.replay_turn)
        flow.show_current_turn(self.app)

    def open_eyes(self) -> None:
        """The round through each stakeholder's eyes (imported here: a screen of its own)."""
        from game.ui.screens.eyes import EyesScreen

        self.app.push(EyesScreen(self.app))

    def export(self) -> None:
        game = self.app.game
        assert game is not None
        draw_report = partial(report_png, attempts=self.attempts)
        try:
            json_path, png_path = export_round(
                self.session, game.scenario_ref, paths.export_dir(), draw_report, self.attempts
            )
        except OSError as exc:
            self.message = tr("debrief.export.failed", error=exc.strerror or exc)
            return
        self.message = tr(
            "debrief.export.saved", json=json_path.name, png=png_path.name, folder=json_path.parent
        )

    def _status_text(self) -> str:
        """The message, with a long folder shortened to its last part if the line is full."""
        font = self.style.font(14)
        if draw.measure(self.message, font) <= self.status.width:
            return self.message
        folder = str(paths.export_dir())
        return self.message.replace(folder, "…/" + paths.export_dir().name)
