"""pygame_gui's file dialog, minus the names it cannot draw.

The dialog lists a folder as it is, and pygame refuses to render a file name of only
zero-width or bidi characters ("Text has zero width"): one such file in the folder
would close the game. Those names are left out of the list (and a folder whose path
cannot be drawn is not opened): a scenario with such a name can still be opened from
the command line.
"""

from pathlib import Path

from pygame_gui.windows import UIFileDialog

from game.ui.safe_text import drawable


def _shown_as_is(name: str) -> bool:
    return bool(name) and drawable(name) == name


def openable_folder(folder: Path) -> Path:
    """`folder`, or the home folder if its path cannot be drawn in the dialog's path line."""
    return folder if _shown_as_is(str(folder)) else Path.home()


class SafeFileDialog(UIFileDialog):
    """A UIFileDialog that lists only the entries whose names can be drawn as they are."""

    def update_current_file_list(self, should_try_again: bool = True) -> None:
        super().update_current_file_list(should_try_again)
        self.current_file_list = [
            item
            for item in self.current_file_list
            if _shown_as_is(item[0] if isinstance(item, tuple) else item)
        ]
