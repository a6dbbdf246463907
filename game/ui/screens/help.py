"""How to play (F1 or ?): the turn, the keys, and what the screen is telling you."""

import pygame
from pygame_gui.elements import UITextBox

from game.ui.screens.overlay import Overlay

HELP = """<b>Each week</b> you spend your team's points. <b>Build</b> puts them into a package. \
The <b>people</b> actions (check-in, workshop, demo, expectation reset, favour, escalation) are \
spent on one stakeholder: pick them on the left, or press their number. <b>Project</b> actions \
(quality effort, testing, overtime, steering) help the whole project.<br><br>\
<b>What you see is IT's view.</b> Progress is what your team believes is built: hidden rework \
counts as done until somebody finds it. A trust bar with a <b>~</b> and soft edges belongs to \
someone you have not spoken to lately; their face, marked "last seen", is what you \
remember. The thin tick on <i>Seen</i> is what they expect to have seen by now.<br><br>\
<b>A package counts once its owner signs it off.</b> Owners who trust you and understand what \
was built sign off quickly; the others take their time, or reject it.<br><br>\
<b>Keys</b><br>\
Up / Down: choose a line of the plan · Left / Right or − / +: fewer or more points<br>\
1–9: plan time with that stakeholder · Enter: end the week<br>\
Tab: next control on other screens · F1 or ?: this help · Esc: menu · F11: full screen"""


class HelpOverlay(Overlay):
    name = "help"
    title = "How to play"
    panel_size = (820, 600)

    def build(self) -> None:
        s = self.style
        rect = self.panel()
        button_h = max(s.px(44), s.text_px(16) + s.px(20))
        top = self.content_top()
        body = pygame.Rect(
            rect.left + s.px(24),
            top,
            rect.width - s.px(48),
            rect.bottom - top - button_h - s.px(36),
        )
        self.place(UITextBox(HELP, body, self.manager))
        self.button(
            pygame.Rect(
                rect.right - s.px(24) - s.px(200),
                rect.bottom - s.px(20) - button_h,
                s.px(200),
                button_h,
            ),
            "Close (Esc)",
            self.close,
            object_id="#primary",
        )
