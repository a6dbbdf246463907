"""How to play (F1 or ?): the turn, the keys, and what the screen is telling you."""

from game.i18n import tr
from game.ui.screens.overlay import Overlay


def help_text() -> str:
    """How to play, as pygame_gui's HTML, in the current language."""
    return tr("help.body")


def __getattr__(name: str) -> str:
    # HELP reads in the language in effect when it is asked for, not at import.
    if name == "HELP":
        return help_text()
    raise AttributeError(name)


class HelpOverlay(Overlay):
    name = "help"
    title_key = "help.title"
    panel_size = (820, 600)

    def build(self) -> None:
        self.text_page(help_text(), tr("help.close"))
