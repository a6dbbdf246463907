"""Settings: full screen, text size (up to projector size), sound, palette, language."""

from dataclasses import replace

from game.i18n import language, language_name, tr
from game.local.settings import Settings
from game.ui.screens.overlay import Overlay


class SettingsOverlay(Overlay):
    name = "settings"
    title_key = "settings.title"
    panel_size = (760, 470)  # wide: "Language: from the scenario (English)" at projector size

    def build(self) -> None:
        st = self.app.settings
        sound = "settings.sound" if self.app.sounds.available else "settings.sound.no_device"
        entries = [
            (
                tr("settings.fullscreen", state=_on(st.fullscreen)),
                lambda: self.set(replace(st, fullscreen=not st.fullscreen)),
            ),
            (tr("settings.text_size", size=_size(st)), lambda: self.set(st.next_text_size())),
            (tr(sound, state=_on(st.sound)), lambda: self.set(replace(st, sound=not st.sound))),
            (
                tr("settings.palette", state=_on(st.colour_blind_palette)),
                lambda: self.set(replace(st, colour_blind_palette=not st.colour_blind_palette)),
            ),
            (_language_label(st), lambda: self.set(st.next_language())),
            (tr("settings.done"), self.close),
        ]
        last = len(entries) - 1
        self.menu(
            [
                (label, action, "#primary" if k == last else "#menu", "")
                for k, (label, action) in enumerate(entries)
            ]
        )

    def set(self, settings: Settings) -> None:
        """Apply and save `settings`, keeping the focus on the button just pressed."""
        index = self.focus.index
        self.app.apply_settings(settings)
        self.rebuild()
        self.focus.index = index


TEXT_SIZE_KEYS = {
    "normal": "settings.text_size.normal",
    "large": "settings.text_size.large",
    "projector": "settings.text_size.projector",
}


def _on(value: bool) -> str:
    return tr("settings.on") if value else tr("settings.off")


def _size(settings: Settings) -> str:
    name = settings.text_size_name
    return tr(TEXT_SIZE_KEYS[name]) if name in TEXT_SIZE_KEYS else name


def _language_label(settings: Settings) -> str:
    """'Language: English', or the automatic choice with the language it came to."""
    if settings.language:
        return tr("settings.language", name=language_name(settings.language))
    return tr("settings.language.auto", name=language_name(language()))
