"""The one way a chart is made: a dark matplotlib figure with its own Agg canvas.

Every chart of the game (a batch's PNGs, the balance report, the facilitator's overlay
charts, the round's debrief) starts from `figure` and `dress`, so they share one look.
Never pyplot: its global state is neither thread- nor process-safe, and rcParams are
never touched. matplotlib is imported inside the functions (~380 ms on first use):
importing this module costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.look.palette import BACKGROUND, BORDER, CARD, INK

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 72  # one point is one pixel at scale 1: a font size is a size in (CSS) pixels
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")  # lines differ by shape, not colour only
GLYPHS = dict(zip(MARKERS, "●■▲◆▼✚✖★", strict=True))  # the same shapes in text
DASHED = (0, (4, 2.5))
BOLD: dict[str, Any] = {"color": INK, "weight": "bold"}
LEGEND: dict[str, Any] = {"facecolor": CARD, "edgecolor": BORDER, "labelcolor": INK}  # framed


def plain(text: str) -> str:
    """`text` as matplotlib should draw it, letter for letter: a name like "$5 $ave" would
    otherwise be parsed as TeX math, and half-written math raises instead of drawing."""
    return text.replace("$", r"\$")


def figure(size: tuple[float, float], scale: float = 1.0, dpi: float = DPI) -> tuple[Figure, Any]:
    """An empty figure in the background colour, `size` pixels at `dpi` (times `scale`
    when drawn), and its own Agg canvas (typed Any: matplotlib leaves its methods
    unannotated); nothing global is touched."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w, h = size
    fig = Figure(figsize=(w / dpi, h / dpi), dpi=dpi * scale, facecolor=BACKGROUND)
    return fig, FigureCanvasAgg(fig)


def dress(ax: Axes, text_size: float) -> None:
    """One Axes in the game's look: a card-coloured plot area, border-coloured spines,
    ticks, tick labels, axis labels and title in ink (labels at `text_size` points), and
    the grid behind the data."""
    ax.set_facecolor(CARD)
    for spine in ax.spines.values():
        spine.set_color(BORDER)
    ax.tick_params(colors=INK, labelsize=text_size)
    for label in (ax.xaxis.label, ax.yaxis.label):
        label.set_color(INK)
        label.set_fontsize(text_size)
    ax.title.set_color(INK)
    ax.set_axisbelow(True)
