"""Every colour of the game, as "#rrggbb" text (docs: ../shared/VISUAL.md).

One palette for the pygame screens (game.ui.theme turns these into RGB tuples), the
matplotlib charts (batch, facilitator, the round's debrief) and the HTML report's CSS.
No imports: any layer may use it.
"""

# The room: a dark background, lighter panels and cards, off-white text.
BACKGROUND = "#1b1f2a"
PANEL = "#222836"
CARD = "#2a3142"  # also the plot area of every chart
CARD_HIGHLIGHT = "#343c50"
BORDER = "#4a5266"  # also chart spines, grid lines and legend frames
TRACK = "#1f2430"  # the empty part of a bar
INK = "#e8e6e3"
MUTED = "#a3a9b8"
FAINT = "#6b7285"
ACCENT = "#e69f00"  # the primary action
FOCUS = "#f0b44c"
GOOD = "#009e73"
BAD = "#d55e00"
WARN = "#f0e442"

# Words on a projector (the HTML report): lighter than MUTED, GOOD and BAD, so that they
# still read from the back of the room.
DIM_TEXT = "#b8bcc6"
GOOD_TEXT = "#6fd3b0"
BAD_TEXT = "#f2a46d"

# Okabe-Ito, brightest first (the dark blue is the hardest to see on the dark panels):
# distinguishable with every common colour-vision deficiency. Stakeholders, teams and a
# batch's policies take their colours from it in this order.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2")
# The alternative set for players who prefer more saturated, more varied hues.
VIVID = ("#ff6b6b", "#4dabf7", "#51cf66", "#ffd43b", "#cc5de8", "#ff922b", "#22b8cf")
# What people call each Okabe-Ito colour: a team named "Red" is drawn in red.
COLOUR_NAMES = {
    "#E69F00": ("orange", "amber"),
    "#56B4E9": ("blue", "sky", "cyan", "turquoise"),
    "#009E73": ("green", "lime"),
    "#F0E442": ("yellow", "gold"),
    "#CC79A7": ("purple", "pink", "violet", "magenta"),
    "#D55E00": ("red", "vermillion"),
    "#0072B2": ("navy",),
}

# Where the capacity went: the planner's bar and every capacity chart.
CAPACITY = {"build": "#0072B2", "people": "#009E73", "project": "#CC79A7"}
# The truth of a round: what IT reported, and the gap to the true progress (drawn in INK).
REPORTED = "#56B4E9"
GAP = "#D55E00"
