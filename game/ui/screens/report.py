"""The turn report: the week as a short story, cause first, and the bars that moved."""

from collections.abc import Callable

import pygame

from game.i18n import percent, tr, trn, turn_word
from game.scenario.schema import Scenario
from game.session.week import WeekItem, WeekReport, plan_summary, week_report
from game.session.workshop import Workshop, clock_text
from game.ui import draw, flow
from game.ui.art.icons import load_icon
from game.ui.screens.base import Host, Screen, with_key
from game.ui.theme import ACCENT, BACKGROUND, BAD, CARD, GOOD, INK, MUTED, PANEL, canvas
from game.ui.widgets.clock import draw_timer, timer_width

EASE_SECONDS = 0.3
PLAN_LINES = 4  # the week's plan, whole at projector size
TONES = {"good": GOOD, "bad": BAD, "neutral": INK}
SOUNDS = (("rejection", "rejection"), ("escalation", "escalation"), ("signoff", "signoff"))


def ease(t: float) -> float:
    """Ease-out cubic on 0..1: fast start, soft landing."""
    t = min(1.0, max(0.0, t))
    return 1 - (1 - t) ** 3


def next_label(scenario: Scenario, turn: int, fits: Callable[[str], bool] = lambda _: True) -> str:
    """The continue button for planning `turn` (1-based): past the deadline it says how
    late that turn is ("Plan week 14 (1 week late)"), so nobody plans a late week unaware;
    "(late)" only where the longer one does not `fit` the button."""
    word, over = turn_word(scenario.turn_label), turn - scenario.deadline
    if over <= 0:
        return tr("report.next", label=word, turn=turn)
    late = tr("report.late", n=over, label=turn_word(scenario.turn_label, many=over != 1))
    text = tr("report.next.late", label=word, turn=turn, late=late)
    return (
        text
        if fits(text)
        else tr("report.next.late", label=word, turn=turn, late=tr("report.late.short"))
    )


class ReportScreen(Screen):
    name = "report"

    def __init__(self, app: Host, turn_index: int, timed_out: bool = False) -> None:
        game = app.game
        assert game is not None
        self.turn_index = turn_index
        self.timed_out = timed_out  # the clock ended the week, not the team
        self.report: WeekReport = week_report(game.session, turn_index, self.timed_out)
        self.clock = 0.0
        self.first_item = 0  # the story scrolls when the week had more than fits
        self.items_below = 0
        kinds = {item.kind for item in self.report.items}
        for kind, sound in SOUNDS:
            if kind in kinds:
                app.sounds.play(sound)
                break
        super().__init__(app)

    def build(self) -> None:
        s, page = self.style, canvas(self.style)
        m = s.px(40)
        self.page = page.inflate(-2 * m, -2 * m)
        split = self.page.left + round(self.page.width * 0.6)
        self.story = pygame.Rect(
            self.page.left, self.page.top, split - self.page.left - s.px(16), self.page.height
        )
        self.moves = pygame.Rect(
            split + s.px(16), self.page.top, self.page.right - split - s.px(16), self.page.height
        )
        game = self.app.game
        assert game is not None
        # Built here, not once: the words follow a language changed in the settings.
        self.report = week_report(game.session, self.turn_index, self.timed_out)
        sc = game.session.scenario
        self.plan_text = plan_summary(sc, game.session.plans[self.turn_index])
        font = s.font(18, bold=True)
        fits = lambda text: draw.measure(text, font) <= self.moves.width - 24  # noqa: E731
        turn = game.session.turn + 1
        label = tr("report.debrief") if game.session.done else next_label(sc, turn, fits)
        button_h = max(s.px(52), s.text_px(18) + s.px(24))
        self.continue_button = self.button(
            pygame.Rect(self.moves.left, self.moves.bottom - button_h, self.moves.width, button_h),
            with_key(label, s.font(18, bold=True), self.moves.width),
            self.proceed,
            object_id="#primary",
        )
        clock, workshop = self._clock_rect(), self.live_clock()
        if clock is not None and workshop is not None and not game.session.done:
            # The clock here is already the next week's (playtest 7 could not tell).
            warn = clock_text(workshop.warn_seconds)
            tip = tr("clock.tip.next", label=turn_word(sc.turn_label), n=turn, warn=warn)
            self.ghost(clock, lambda: None, tip)

    def regions(self) -> dict[str, pygame.Rect]:
        return {"story": self.story, "moves": self.moves}

    def proceed(self) -> None:
        flow.show_current_turn(self.app)

    def autoplay(self) -> None:
        self.proceed()

    def update(self, dt: float) -> bool:
        self.clock += dt
        workshop = self.live_clock()
        if workshop is not None and self._time_to_plan(workshop):
            self.proceed()
            return True
        return self.clock < EASE_SECONDS + 0.05 or workshop is not None

    def _time_to_plan(self, workshop: Workshop) -> bool:
        """Whether the next week's clock, running while the report is read, has reached its
        warning: then the team is taken to its plan, as from Through their eyes, so that the
        last seconds are for deciding (playtest 6: the time ran out on the report, and the
        next week ended, unplanned, a second after its plan opened)."""
        game = self.app.game
        # A clock not yet started, paused or ended by the facilitator is paused too.
        return (
            self.app.top is self
            and game is not None
            and not game.session.done
            and not workshop.paused
            and workshop.left() <= workshop.warn_seconds
        )

    def live_clock(self) -> Workshop | None:
        """A live round's clock, which runs on while the report is read: the host starts
        the next week's time when it has this one (a playtest came back to its plan with
        1:46 of 2:00 left, and no clock on the report had said so)."""
        workshop = self.app.workshop
        if self.app.live is None or workshop is None or workshop.turn_timer is None:
            return None
        return workshop

    def _clock_rect(self) -> pygame.Rect | None:
        if self.live_clock() is None:
            return None
        s = self.style
        rect = pygame.Rect(0, 0, timer_width(s), s.font(28, bold=True).get_linesize())
        rect.topright = self.story.topright
        return rect

    def scroll(self, step: int) -> None:
        """Move the week's story by `step` items (it never scrolls past its ends)."""
        most = self.first_item + self.items_below
        first = max(0, min(most, self.first_item + step))
        # Kept true until the next draw counts again: several wheel steps in one frame
        # must not scroll past the end (a playtest saw a stale "more below").
        self.items_below -= first - self.first_item
        self.first_item = first

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y)
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll(1 if event.key == pygame.K_DOWN else -1)
            return True
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_SPACE,
        ):
            self.proceed()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        s = self.style
        surface.fill(BACKGROUND)
        r = self.report
        clock = self._clock_rect()
        workshop = self.live_clock()
        title_w = self.story.width
        if clock is not None and workshop is not None:
            draw_timer(surface, s, clock, workshop)
            title_w = clock.left - s.px(12) - self.story.left
        title = draw.text(
            surface, r.title, s.font(28, bold=True), self.story.topleft, INK, width=title_w
        )
        y = title.bottom
        game = self.app.game
        if clock is not None and game is not None and not game.session.done:
            # Whose time the clock counts, beside it (playtest 9 spent the next week's time
            # reading this report, the clock unlabelled; its tooltip said so).
            label = tr(
                "clock.label.next",
                label=turn_word(game.session.scenario.turn_label),
                n=game.session.turn + 1,
            )
            font = s.font(14)
            if title.right + s.px(16) + draw.measure(label, font) <= clock.left - s.px(8):
                draw.text(
                    surface, label, font, (clock.left - s.px(8), clock.centery), MUTED, "midright"
                )
        head_font = s.font(20, bold=True)
        # The headline whole, however many lines: it is the week's cause, said once.
        head_lines = len(draw.wrap(r.headline, head_font, self.story.width))
        head = pygame.Rect(
            self.story.left, y + s.px(8), self.story.width, head_lines * head_font.get_linesize()
        )
        y = draw.paragraph(surface, r.headline, head_font, head, ACCENT, 1.0) + s.px(12)
        font = s.font(16)
        icon = s.text_px(18)
        plan_box = self._plan_box()
        text_w = self.story.width - icon - s.px(32)
        shown = 0
        items = [i for i in r.items if i.text.rstrip(".…") != r.headline.rstrip(".…")]
        note_h = s.font(14).get_linesize()
        bottom = plan_box.top - note_h - s.px(12)
        self.first_item = min(self.first_item, max(0, len(items) - 1))
        # Every story counted as read is whole: what does not fit scrolls (wheel, Up/Down).
        for item in items[self.first_item :]:
            lines = draw.wrap(item.text, font, text_w)
            height = max(len(lines) * font.get_linesize() + s.px(12), icon + s.px(12))
            rect = pygame.Rect(self.story.left, y, self.story.width, height)
            if y + height > bottom and shown:
                # The next story's first lines, fading out, where a band would stay empty
                # (playtest 8 at projector size: 2 stories, then a blank band): it reads
                # as a list that goes on, and it counts as below.
                if bottom - y >= font.get_linesize() + s.px(12):
                    self._draw_story(surface, item, lines, rect, bottom - y)
                    y = bottom
                break
            self._draw_story(surface, item, lines, rect)
            y += height + s.px(6)
            shown += 1
        self.items_below = len(items) - self.first_item - shown
        if self.first_item or self.items_below:
            draw.scroll_note(
                surface, s.font(14), (self.story.right, y), self.first_item, self.items_below
            )
        if not items:
            draw.text(surface, tr("report.quiet"), font, (self.story.left, y), MUTED)
        self._draw_plan(surface, plan_box)
        self._draw_moves(surface)

    def _draw_story(
        self,
        surface: pygame.Surface,
        item: WeekItem,
        lines: list[str],
        rect: pygame.Rect,
        room: int | None = None,
    ) -> None:
        """One story's card; with `room`, only its top `room` pixels, fading out."""
        s = self.style
        font, icon = s.font(16), s.text_px(18)
        shown = rect if room is None else pygame.Rect(rect.left, rect.top, rect.width, room)
        kept = surface.get_clip()
        surface.set_clip(shown.clip(kept) if kept else shown)
        try:
            pygame.draw.rect(surface, CARD, rect, border_radius=s.px(6))
            tone = TONES.get(item.tone, INK)
            icon_y = min(rect.centery, shown.centery) - icon // 2
            surface.blit(load_icon(item.icon, icon, tone), (rect.left + s.px(10), icon_y))
            for k, text in enumerate(lines):
                top = rect.top + s.px(6) + k * font.get_linesize()
                draw.text(surface, text, font, (rect.left + icon + s.px(22), top), INK)
        finally:
            surface.set_clip(kept)
        if room is not None:
            # Over half of a short glimpse at most, so its first words still read.
            fade = min(font.get_linesize() + s.px(6), room // 2)
            draw.fade_out(surface, shown, BACKGROUND, fade)

    def _plan_box(self) -> pygame.Rect:
        s = self.style
        font = s.font(15)
        lines = min(PLAN_LINES, len(draw.wrap(self.plan_text, font, self.story.width - s.px(20))))
        height = s.font(13, bold=True).get_linesize() + lines * font.get_linesize() + s.px(20)
        return pygame.Rect(self.story.left, self.story.bottom - height, self.story.width, height)

    def _draw_plan(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """What the team spent its points on: the cause of everything above it."""
        s = self.style
        pygame.draw.rect(surface, PANEL, box, border_radius=s.px(8))
        pad = s.px(10)
        head = draw.text(
            surface,
            tr("report.plan"),
            s.font(13, bold=True),
            (box.left + pad, box.top + pad),
            MUTED,
        )
        body = pygame.Rect(
            box.left + pad,
            head.bottom + s.px(4),
            box.width - 2 * pad,
            box.bottom - head.bottom - pad,
        )
        draw.paragraph(surface, self.plan_text, s.font(15), body, INK, 1.0)

    def _draw_moves(self, surface: pygame.Surface) -> None:
        s = self.style
        area = self.moves
        panel = pygame.Rect(
            area.left, area.top, area.width, self.continue_button.rect.top - area.top - s.px(16)
        )
        pygame.draw.rect(surface, PANEL, panel, border_radius=s.px(10))
        pad = s.px(16)
        game = self.app.game
        if game is not None and game.save_error:  # the round goes on; say so plainly
            font = s.font(14, bold=True)
            box = pygame.Rect(
                panel.left + pad,
                panel.bottom - pad - 3 * font.get_linesize(),
                panel.width - 2 * pad,
                3 * font.get_linesize(),
            )
            draw.paragraph(
                surface, tr("report.save_failed", why=game.save_error), font, box, BAD, 1.0
            )
        y = panel.top + pad
        draw.text(surface, tr("report.moved"), s.font(14, bold=True), (panel.left + pad, y), MUTED)
        y += s.font(14, bold=True).get_linesize() + s.px(8)
        t = ease(self.clock / EASE_SECONDS)
        font = s.font(15)
        why_font = s.font(13)
        # What moved each bar, under it, whole (wrapped).
        whys = [
            draw.wrap(m.why, why_font, panel.width - 2 * pad) if m.why else []
            for m in self.report.moves
        ]
        # Every bar that moved is shown: at a large text size the short reasons under
        # the bars go first, then the rows close up (a playtest saw a person's bar
        # missing at projector size); the list on the left tells the reasons too.
        room_left = panel.bottom - pad - y
        with_why, gap = False, s.px(12)
        for keep_why, spacing in ((True, s.px(22)), (False, s.px(22))):
            lines = sum(len(w) for w in whys) if keep_why else 0
            need = len(whys) * (font.get_linesize() + spacing) + lines * why_font.get_linesize()
            if need <= room_left:
                with_why, gap = keep_why, spacing
                break
        row = font.get_linesize() + gap
        for shown, (move, wrapped) in enumerate(zip(self.report.moves, whys, strict=True)):
            why = wrapped if with_why else []
            height = row + len(why) * why_font.get_linesize()
            if y + height > panel.bottom - pad:
                note = trn("report.moved.more", len(self.report.moves) - shown)
                draw.text(surface, note, why_font, (panel.left + pad, y), MUTED)
                break
            value = move.before + (move.after - move.before) * t
            colour = (
                self.style.person_colour(move.stakeholder)
                if move.stakeholder is not None
                else (86, 180, 233)
            )
            held = percent(move.before) == percent(move.after)
            change = (
                tr("report.held", value=percent(move.after))
                if held  # parts that cancelled out: the why says which
                else tr("report.change", before=percent(move.before), after=percent(move.after))
            )
            # The label takes what the change beside it leaves of the row.
            room = max(s.px(60), panel.width - 2 * pad - font.size(change)[0] - s.px(12))
            # A long label (German) steps down a size before it would be cut.
            label_font = font if draw.fits(move.label, font, room) else s.font(13)
            draw.text(surface, move.label, label_font, (panel.left + pad, y), INK, width=room)
            draw.text(
                surface,
                change,
                font,
                (panel.right - pad, y),
                MUTED if held else GOOD if move.after > move.before else BAD,
                "topright",
            )
            bar = pygame.Rect(
                panel.left + pad, y + font.get_linesize() + s.px(4), panel.width - 2 * pad, s.px(10)
            )
            draw.bar(surface, bar, value, colour, marker=move.before)
            for k, line in enumerate(why):
                top = bar.bottom + s.px(4) + k * why_font.get_linesize()
                draw.text(surface, line, why_font, (panel.left + pad, top), MUTED)
            y += height
        if not self.report.moves:
            draw.text(surface, tr("report.still"), font, (panel.left + pad, y), MUTED)
