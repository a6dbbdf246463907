"""Settings: full screen, text size (up to projector size), sound, colour-blind-safe palette."""

from dataclasses import replace

import pygame

from game.ui.screens.overlay import Overlay
from game.ui.settings import Settings


class SettingsOverlay(Overlay):
    name = "settings"
    title = "Settings"
    panel_size = (540, 420)

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(48), s.text_px(18) + s.px(22))
        gap = s.px(12)
        x, w = rect.left + s.px(24), rect.width - s.px(48)
        y = self.content_top()
        st = self.app.settings
        entries = [
            (
                f"Full screen: {'on' if st.fullscreen else 'off'} (F11)",
                lambda: self.set(replace(st, fullscreen=not st.fullscreen)),
            ),
            (f"Text size: {st.text_size_name}", lambda: self.set(st.next_text_size())),
            (
                f"Sound: {'on' if st.sound else 'off'}"
                + ("" if self.app.sounds.available else " (no audio device)"),
                lambda: self.set(replace(st, sound=not st.sound)),
            ),
            (
                f"Colour-blind-safe colours: {'on' if st.colour_blind_palette else 'off'}",
                lambda: self.set(replace(st, colour_blind_palette=not st.colour_blind_palette)),
            ),
            ("Done", self.close),
        ]
        for k, (label, action) in enumerate(entries):
            if y + button_h > rect.bottom - s.px(16):
                break
            object_id = "#primary" if k == len(entries) - 1 else "#menu"
            self.button(pygame.Rect(x, y, w, button_h), label, action, object_id=object_id)
            y += button_h + gap

    def set(self, settings: Settings) -> None:
        index = self.focus.index
        self.app.apply_settings(settings)
        self.rebuild()
        self.focus.index = index
