"""The turn report: what happened in one week of a Session and why, cause first.

Told from the facts of the session's turn (game/session/facts.py) as IT can see them
(the observations before and after the turn), in short lines, each whole: the report
screen wraps and scrolls them, the turn screen's news strip cuts them to fit and offers
them all in full. The turn-report screen shows the items and animates the bars that
moved; nothing here draws.

Every sentence comes from the UI's catalogue (game/i18n, keys "week.*"), in the
language in effect when the report is made; names and titles are the scenario's.
"""

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from game.i18n import cap, number, percent, percents_apart, tr, trn, turn_word
from game.model import Channel
from game.model.channels import PROJECT_EFFECTS
from game.model.observe import MOOD_NAMES, UNCLEAR, clarity_band, mood, shown_progress
from game.model.rules.project import SponsorTerm
from game.model.rules.relationships import TrustTerm
from game.model.state import ACCEPTED, AWAITING, OPEN, State
from game.scenario.schema import Scenario
from game.session.facts import (
    MINOR_REWORK,
    BudgetCause,
    Cause,
    Favour,
    MoodCause,
    MoodChange,
    Pace,
    SponsorCause,
    TrustMove,
    mood_facts,
    pace_facts,
    stock_facts,
    trust_move,
    turn_facts,
    visibly_moved,
)
from game.session.rounding import percent_parts, value_percents, whole_parts
from game.session.session import Session
from game.session.transcript import describe_plan, first_names

ICONS = {"event": "warning", "rejection": "cross", "escalation": "warning", "rework": "hammer"}
ICONS |= {"signoff": "check", "handover": "hourglass", "favour": "handshake", "complaint": "speech"}
ICONS |= {"deadline": "clock", "mood": "speech", "timer": "clock"}
# The model's complaint codes (index into rules.stakeholders.COMPLAINTS, English for logs),
# as catalogue keys: the players read them in the window's language.
COMPLAINT_KEYS = ("complaint.0", "complaint.1", "complaint.2", "complaint.3")
# Why trust moved (the model's rules.relationships.TrustTerm): the words that open a
# line ("After the rejection, trust fell: ...") and the short name of each part.
CAUSE_KEYS = {
    TrustTerm.NEWS: "week.cause.news",
    TrustTerm.CONTACT: "week.cause.contact",
    TrustTerm.NEGLECT: "week.cause.neglect",
    TrustTerm.UNMET: "week.cause.unmet",
    TrustTerm.FAVOUR: "week.cause.favour",
    TrustTerm.ESCALATION: "week.cause.escalation",
    TrustTerm.WITNESSED: "week.cause.witnessed",
    TrustTerm.RESET: "week.cause.reset",
    TrustTerm.REJECTION: "week.cause.rejection",
    TrustTerm.SIGNOFF: "week.cause.signoff",
}
PART_KEYS = {
    TrustTerm.NEWS: "week.part.news",
    TrustTerm.CONTACT: "week.part.contact",
    TrustTerm.NEGLECT: "week.part.neglect",
    TrustTerm.UNMET: "week.part.unmet",
    TrustTerm.FAVOUR: "week.part.favour",
    TrustTerm.ESCALATION: "week.part.escalation",
    TrustTerm.WITNESSED: "week.part.witnessed",
    TrustTerm.RESET: "week.part.reset",
    TrustTerm.REJECTION: "week.part.rejection",
    TrustTerm.SIGNOFF: "week.part.signoff",
}
# A forced decision's line, by (something awaited sign-off, their trust was at its floor).
FORCED_KEYS = {
    (True, False): "week.forced",
    (True, True): "week.forced.floor",
    (False, False): "week.forced.nothing",
    (False, True): "week.forced.nothing.floor",
}
# Why sponsor support or the budget moved, short, for the bars under "What moved".
WHY_KEYS = {
    SponsorCause.SIGNOFF: "week.why.signoff",
    SponsorCause.STEERING: "week.why.steering",
    SponsorCause.EVENT: "week.why.event",
    SponsorCause.FORCED: "week.why.forced",
    SponsorCause.ESCALATION: "week.why.escalation",
    SponsorCause.LATE: "week.why.late",
    SponsorCause.OVER_BUDGET: "week.why.over_budget",
    SponsorCause.FADE: "week.why.fade",
    BudgetCause.TEAM: "week.why.team",
    BudgetCause.OVERTIME: "week.why.overtime",
    BudgetCause.EVENT: "week.why.event",
}


# Which news leads the headline when no rejection or event does: the lower, the sooner.
HEADLINE_RANK = {"escalation": 0, "signoff": 1, "favour": 1, "handover": 2, "rework": 3}
# Lines that are every week's routine, never the week's headline.
QUIET_KINDS = ("trust", "progress", "sponsor", "budget", "deadline", "timer", "minor_rework")
# A mood change is told with at most this many of its causes, the largest first.
MOOD_CAUSES = 2  # the week.mood.why keys have room for one or two
# A term of the satisfaction rule that moved a mood (facts.MoodCause), by whether the mood
# fell, as the catalogue keys of its words.
MOOD_KEYS = {
    (MoodCause.DELIVERY, True): "week.mood.delivery.fell",
    (MoodCause.DELIVERY, False): "week.mood.delivery.rose",
    (MoodCause.TRUST, True): "week.mood.trust",
    (MoodCause.TRUST, False): "week.mood.trust",
    (MoodCause.DISTANCE, True): "week.mood.distance.fell",
    (MoodCause.DISTANCE, False): "week.mood.distance.rose",
    (MoodCause.MISUNDERSTOOD, True): "week.mood.misunderstood.fell",
    (MoodCause.MISUNDERSTOOD, False): "week.mood.misunderstood.rose",
    (MoodCause.FRICTION, True): "week.mood.friction.fell",
    (MoodCause.FRICTION, False): "week.mood.friction.rose",
}


def complaint_text(code: int) -> str:
    """What a stakeholder with complaint `code` says, in the current language."""
    return tr(COMPLAINT_KEYS[code])


@dataclass(frozen=True)
class WeekItem:
    """One line of the report."""

    kind: str  # event, signoff, rejection, rework, handover, escalation, favour, contact, ...
    icon: str  # warning, check, cross, hammer, hourglass, speech, handshake, arrow_up, ...
    text: str
    stakeholder: int | None  # whose portrait goes with it, if one person's
    tone: str  # good, bad or neutral


@dataclass(frozen=True)
class BarMove:
    """A bar that moved this week, for the screen to animate from `before` to `after`."""

    label: str
    stakeholder: int | None  # set for trust bars
    before: float
    after: float
    why: str = ""  # what moved it, short (sponsor support and budget; trust says it in the story)


@dataclass(frozen=True)
class WeekReport:
    """The whole week: a title, one headline sentence, the lines by importance, the bars."""

    turn: int  # 1-based
    title: str
    headline: str
    items: list[WeekItem]
    moves: list[BarMove]
    # The headline as one story with the item it sums up (an event's title, effects and
    # text), and that item's index: the news ticker tells the two once, together.
    news: str = ""
    told: int | None = None


def _fit(template: str, title: str) -> str:
    """`template` with '{t}' replaced by `title`, whole: the screens wrap what is long."""
    return template.replace("{t}", title)


def _pct(x: float) -> str:
    return tr("format.percent", n="?") if np.isnan(x) else percent(x)


def _change(before: float, after: float) -> str:
    """'40% to 55%'."""
    return tr("week.change", before=_pct(before), after=_pct(after))


def _signed_points(k: int) -> str:
    """Whole percentage points with their sign, as a part of a change ('+3%', '-5%')."""
    return tr("format.percent", n=number(k, 0, sign=True))


def shown_parts(amounts: list[float], before: float, after: float) -> list[str]:
    """Each part of a change of a share, as a signed whole percentage that adds up with the
    others to the change the two figures show ('62% to 60%': '-5%', '+3%'); '' for a part
    too small to show."""
    return [_signed_points(k) if k else "" for k in percent_parts(amounts, before, after)]


def trust_parts_text(move: TrustMove) -> list[str]:
    """Each part of a trust change that shows on screen: 'news -5%'."""
    terms = [term for term, _ in move.parts]
    changes = shown_parts([x for _, x in move.parts], move.before, move.after)
    return [
        tr("week.part", part=tr(PART_KEYS[term]), change=change)
        for term, change in zip(terms, changes, strict=True)
        if change
    ]


def icon_of(rose: bool) -> str:
    return "arrow_up" if rose else "arrow_down"


def _item(kind: str, text: str, who: int | None, tone: str = "bad", icon: str = "") -> WeekItem:
    return WeekItem(kind, icon or ICONS[kind], text, who, tone)


class _Week:
    """The lines that the facts of one turn of game 0 make, as IT can see them."""

    def __init__(self, session: Session, i: int) -> None:
        self.sc, self.params = session.scenario, session.params
        self.log, self.plan = session.logs[i], session.plans[i]
        self.before = session.observations[i]
        self.previous = session.logs[i - 1] if i > 0 else None
        self.facts = turn_facts(self.params, self.log, self.plan, self.before, self.previous)
        self.people = first_names(self.sc)
        self.depts = [s.department for s in self.sc.stakeholders]
        self.titles = [p.title for p in self.sc.packages]
        # IT's view after the week: trust of people it is out of touch with is not known.
        after = session.observations[i + 1] if i + 1 < len(session.observations) else None
        self.after = after if after is not None else session.observe()
        self.stocks = stock_facts(self.params, self.log, self.plan, self.before, self.after)
        self.late_next = int(self.log.turn[0]) + 2 - self.params.deadline  # next turn's lateness
        start, end = true_states(session, i)
        owner = self.params.owner
        # Defects each person's people met this week: found in their acceptance test (kept
        # as known defects, or sent back), or met live in daily use. Accepted ones are in
        # the known defects already: counted once.
        accepted = self.log.accepted[0]
        met = (end.defects[0] - start.defects[0]) + self.log.acceptance_found[0] * ~accepted
        self.defects_met = np.bincount(
            owner, weights=np.maximum(met, 0.0), minlength=len(self.people)
        )
        self.pace = pace_facts(self.params, self.log, self.plan, start)
        self.moods = mood_facts(self.params, start, end, self.before, self.after)
        self.true_moods = (mood(start.satisfaction[0]), mood(end.satisfaction[0]))

    def effects(self, e: int) -> tuple[str, str]:
        """What event `e` does in the player's terms ('hype +25%, Dana's expectations +10%'), and
        its tone: 'bad' when most of its effects hurt the project."""
        ev, people, per = self.params.events, self.people, turn_word(self.sc.turn_label)
        trust, expect = ev.trust[e], ev.expectation[e]
        fx = dict(zip(PROJECT_EFFECTS, ev.project[e], strict=True))

        # (harm, words): harm > 0 where the effect hurts; clarity is invisible to the player.
        def pct(x: float) -> str:
            return percent(x, sign=True)

        parts = [
            (fx["hype"], self.event_hype(fx["hype"])),
            (-fx["sponsor"], tr("week.effect.sponsor", change=pct(fx["sponsor"]))),
            (fx["fatigue"], tr("week.effect.fatigue", change=pct(fx["fatigue"]))),
            (-fx["budget"], tr("week.effect.budget", change=number(fx["budget"], sign=True))),
            (
                -fx["capacity"],
                tr("week.effect.capacity", change=number(fx["capacity"], sign=True), label=per),
            ),
            *(
                (x, tr("week.effect.scope", points=number(x), package=self.titles[p]))
                for p, x in enumerate(ev.scope[e])
            ),
            *((-x, self.event_trust(s, x)) for s, x in enumerate(trust)),
            *(
                (x, tr("week.effect.expectation", name=n, change=pct(x)))
                for n, x in zip(people, expect, strict=True)
            ),
            *((-x, "") for x in ev.clarity[e]),
        ]
        harm = sum(np.sign(h) for h, _ in parts)  # each effect counts once, whatever its size
        tone = "bad" if harm > 0 else "good" if harm < 0 else "neutral"
        return ", ".join(words for h, words in parts if h and words), tone

    def event_hype(self, part: float) -> str:
        """An event's hype: its part, and the week's net beside it when the rest of the week
        (hype fading, an honest talk) moved it too (playtest 12: "hype +25%" in the headline,
        "0% to 23%" on the bar beside it)."""
        if not part:
            return ""
        before, after = float(self.before.hype[0]), float(self.log.hype[0])
        news, rest = percent_parts([part, after - before - part], before, after)
        if not rest:
            return tr("week.effect.hype", change=percent(part, sign=True))
        return tr(
            "week.effect.hype.net",
            change=_change(before, after),
            part=_signed_points(news),
            rest=_signed_points(rest),
        )

    def event_trust(self, s: int, part: float) -> str:
        """An event's effect on stakeholder `s`'s trust: the net change of the week as What
        moved shows it, with the event's part; the part alone where IT cannot see trust."""
        name, part_text = self.people[s], percent(part, sign=True)
        if not part or self.after.vague[0, s]:
            return tr("week.effect.trust", name=name, change=part_text)
        before, after = float(self.log.trust_before[0, s]), float(self.log.trust_after[0, s])
        if not visibly_moved(before, after):
            held = _pct(after)
            return tr("week.effect.trust.held", name=name, trust=held, part=part_text)
        change = _change(before, after)
        if (after - before) * part < 0:
            # The week moved trust the other way (playtest 10 read "trust 56% to 59% (-5%
            # from this news)" as the bad news raising it): the news's part first.
            return tr("week.effect.trust.against", name=name, change=change, part=part_text)
        # The rest of the week, when it shows: "56% to 55% (-5% from this news)" read as
        # a sum that did not add up (playtest 11); the two parts in whole points that do.
        # The news's part as What moved rounds it among the week's terms.
        terms = [float(x) for x in self.log.trust_parts[0, s]]
        whole = percent_parts(terms, before, after)
        news = whole[TrustTerm.NEWS]
        rest = sum(whole) - news
        if rest:
            parts = {"part": _signed_points(news), "rest": _signed_points(rest)}
            return tr("week.effect.trust.net.rest", name=name, change=change, **parts)
        return tr("week.effect.trust.net", name=name, change=change, part=part_text)

    def events(self) -> list[WeekItem]:
        out = []
        if self.facts.cancelled:
            text = tr("week.cancelled", sponsor=self.sc.sponsor.name)
            out.append(_item("event", text, None, icon="cross"))
        for fired in self.facts.events:
            event, (effects, tone) = self.sc.events[fired.event], self.effects(fired.event)
            text = f"{event.title}. {event.text}"
            if effects:
                # The story says what happened; the numbers say what it did to the project.
                text = tr("week.event.effects", story=text, effects=effects)
            out.append(_item("event", text, None, tone))
        return out

    def unclear(self, k: int, clarity: float) -> str:
        return tr("week.unclear", department=self.depts[k], clarity=_pct(clarity))

    def package(self, kind: str, p: int, k: int, template: str, tone: str) -> WeekItem:
        """The `kind` line about package `p` (owned by `k`): '{t}' in `template` is its
        title, shortened so that the line fits."""
        return _item(kind, _fit(template, self.titles[p]), k, tone)

    def rejections(self) -> list[WeekItem]:
        out = []
        for r in self.facts.rejections:
            if r.package in self.told_by_favour():
                continue  # the favour's line tells it, once
            # Short, so that the package title keeps most of the line.
            why = tr("week.rejection.why", clarity=_pct(r.clarity), trust=_pct(r.trust))
            name, found = self.people[r.owner], number(r.found, 1)
            text = tr("week.rejection", name=name, t="{t}", found=found, why=why)
            text += self.redo(r.package, rejected=True)
            out.append(self.package("rejection", r.package, r.owner, text, "bad"))
        return out

    def rework(self) -> list[WeekItem]:
        out = []
        for r in self.facts.rework:
            found, t = number(r.found, 1), "{t}"
            if r.cause is Cause.UNCLEAR:
                unclear = self.unclear(r.owner, r.clarity)
                text = tr("week.rework.unclear", unclear=unclear, found=found, t=t)
                text += self.redo(r.package)
                out.append(self.package("rework", r.package, r.owner, text, "bad"))
                continue
            built = "" if np.isnan(r.clarity) else tr("week.rework.built", clarity=_pct(r.clarity))
            text = tr("week.rework", found=found, t=t, built=built) + self.redo(r.package)
            out.append(self.package("rework", r.package, r.owner, text, "neutral"))
        return out + self.minor_rework(more=bool(out))

    def minor_rework(self, more: bool) -> list[WeekItem]:
        """The finds too small for a line of their own, in one line: what the board's 'to
        redo' and the rework chart count (playtest 9 found 0.3 to redo no report named)."""
        found = self.log.rework_found[0]
        small = (found > 0) & (found < MINOR_REWORK)
        total = float(found[small].sum())
        if not small.any() or number(total, 1) == number(0.0, 1):
            return []
        redo = float((self.log.redo_added[0] - self.log.redo_rejected[0])[small].sum())
        if not round(redo, 1):
            said = tr("week.patched")
        elif number(redo, 1) == number(total, 1):
            said = tr("week.redo.same")  # the figure once (playtest 10: "0.1 … 0.1")
        elif redo > total:
            # Why 0.2 found is 0.3 to redo (playtest 12 read it as a wrong sum).
            said = tr("week.redo.late.some", redo=number(redo, 1))
        else:
            said = tr("week.redo", redo=number(redo, 1))
        # "more" only beside the week's other rework lines (playtest 10: "more than what?").
        others = tr("week.rework.more") if more else ""
        text = trn(
            "week.rework.minor", int(small.sum()), found=number(total, 1), redo=said, more=others
        )
        return [_item("minor_rework", text, None, "neutral", ICONS["rework"])]

    def redo(self, p: int, rejected: bool = False) -> str:
        """': 1.6 pts of work back to redo': what the faults found put on the board's 'to
        redo' (more than their size when found late: the model's redo_added, and the line
        says so). Faults that testing finds in a package awaiting sign-off are patched on
        the spot: no redo. A rejection's line and the team's own finds in the same package
        each tell their own part (playtest 9 read both as "3.0 pts back to redo")."""
        log = self.log
        if rejected:
            redo = float(log.redo_rejected[0, p])
            found = float(log.acceptance_found[0, p])
        else:
            redo = float(log.redo_added[0, p] - log.redo_rejected[0, p])
            found = float(log.rework_found[0, p])
        if round(redo, 1) == 0:
            return tr("week.patched")
        if number(redo, 1) != number(found, 1):
            return tr("week.redo.late", redo=number(redo, 1))
        return tr("week.redo", redo=number(redo, 1))

    def signoffs(self) -> list[WeekItem]:
        out = []
        for ok in self.facts.signoffs:
            if ok.package in self.told_by_favour():
                continue  # the favour's line tells it, once
            defects = tr("week.signoff.defects", found=number(ok.known_defects, 1))
            note = defects if ok.with_defects else ""
            text = tr("week.signoff", name=self.people[ok.owner], t="{t}", note=note)
            out.append(self.package("signoff", ok.package, ok.owner, text, "good"))
        return out

    def handovers(self) -> list[WeekItem]:
        out = []
        for h in self.facts.handovers:
            text = tr("week.handover", name=self.people[h.owner], t="{t}")
            if round(h.left, 1) > 0:
                # Playtest 8: a package the board showed with 0.2 to go was handed over
                # with no point put into it; the done threshold lets it go, untested.
                threshold = self.params.coef.done_threshold
                text += tr("week.handover.left", left=number(h.left, 1), share=_pct(threshold))
            out.append(self.package("handover", h.package, h.owner, text, "neutral"))
        return out

    def demo(self, s: int) -> str:
        """What a demo showed: what they have now seen working; nothing new, and why, where
        it showed nothing (playtest 6: a demo left "seen 35 %" as it was, unexplained, and
        a manager with every package signed off stayed at "seen 85 %")."""
        after, name = self.after, self.people[s]
        seen, expected = _pct(after.seen[0, s]), _pct(after.expectation[0, s])
        if after.seen[0, s] > self.before.seen[0, s]:
            return tr("week.contact.demo", name=name, seen=seen, expects=expected)
        owned = self.params.owner == s
        if (after.package_status[0, owned] == ACCEPTED).all():
            # What they have seen working is what they signed off, less its known defects.
            faulty = seen != _pct(1.0)
            key = "week.contact.demo.faulty" if faulty else "week.contact.demo.all"
            return tr(key, name=name, seen=seen, expects=expected)
        return tr("week.contact.demo.nothing", name=name, seen=seen, expects=expected)

    def still_unclear(self, s: int) -> str:
        """The packages of `s` left to build whose needs the board still calls unclear after
        a workshop: "requirements are clearer" read as all of them (playtest 12 built the
        one still unclear)."""
        after = self.after
        mine = (self.params.owner == s) & (after.package_status[0] == OPEN)
        unclear = mine & (clarity_band(after.package_clarity[0]) == UNCLEAR)
        if not unclear.any():
            return ""
        titles = "; ".join(self.titles[int(p)] for p in np.flatnonzero(unclear))
        return _fit(tr("week.contact.clarify.still", t="{t}"), titles)

    def contacts(self) -> list[WeekItem]:
        """What the week's time with people and with the sponsor did, as IT can see it."""
        out: list[WeekItem] = []
        for contact in self.facts.contacts:
            s, name = contact.stakeholder, self.people[contact.stakeholder]
            if contact.channel == Channel.CLARIFY and self.log.idle_workshop[0, s]:
                # Nothing of theirs was left to specify: process for its own sake.
                text = tr("week.contact.clarify.idle", name=name)
                out.append(_item("contact", text, s, "bad", "handshake"))
            elif contact.channel == Channel.CLARIFY:
                text = tr("week.contact.clarify", name=name, department=self.depts[s])
                out.append(_item("contact", text + self.still_unclear(s), s, "good", "handshake"))
            elif contact.channel == Channel.DEMO:
                out.append(_item("contact", self.demo(s), s, "good", "handshake"))
            else:
                out.append(_item("contact", self.reset(s), s, "neutral", "speech"))
        move = self.stocks.sponsor
        if self.facts.steering and not self.sponsor_told():
            # Where the sponsor's line is told, it names the update as one of its parts
            # (alone here it would take the credit for a week of parts that cancelled).
            held = _pct(move.after)
            text = tr("week.contact.steering", sponsor=self.sc.sponsor.name, support=held)
            out.append(_item("contact", text, None, "neutral", "handshake"))
        return out + self.testing()

    def testing(self) -> list[WeekItem]:
        """Testing that found nothing worth telling is told too: otherwise the points seem
        to vanish (what it finds is told by the rework lines)."""
        testing = self.params.action_effect[:, Channel.TESTING] > 0
        points = float(self.plan[testing].sum())
        found = float(self.log.rework_found[0].sum())
        if points <= 0 or found >= MINOR_REWORK:
            return []
        text = tr("week.testing.nothing", points=number(points))
        return [_item("contact", text, None, "neutral", "hammer")]

    def reset(self, s: int) -> str:
        """What an honest talk did to stakeholder `s`'s expectations, both numbers and the
        direction. Before is what they truly expected (the card may remember an older figure
        of someone IT was out of touch with); their expectations grow every week, and a talk
        only trims what runs ahead of delivery, so they can end up higher all the same."""
        card = float(self.before.expectation[0, s])
        truth = float(self.previous.expectation[0, s]) if self.previous is not None else card
        after = float(self.after.expectation[0, s])
        name, change = self.people[s], _change(truth, after)
        if self.before.vague[0, s] and _pct(card) != _pct(truth):
            return tr(
                "week.contact.reset.stale",
                name=name,
                card=_pct(card),
                before=_pct(truth),
                after=_pct(after),
            )
        trimmed = float(self.log.reset_trimmed[0, s])
        if _pct(trimmed) == _pct(0.0):
            # Nothing ran ahead of what is really built: the talk had nothing to trim. What
            # they have seen is the card's and the demo line's figure (playtest 10: "not
            # seen it working yet" beside a demo's "seen 85%, expects 76%", and "76% to
            # 76%" told as a change).
            seen = float(self.after.seen[0, s])
            if seen >= after or _pct(seen) == _pct(after):
                return tr(
                    "week.contact.reset.nothing.seen",
                    name=name,
                    expects=_pct(after),
                    seen=_pct(seen),
                )
            grew = (
                tr("week.contact.reset.same")
                if _pct(truth) == _pct(after)
                else tr("week.contact.reset.grew", change=change)
            )
            return tr(
                "week.contact.reset.nothing",
                name=name,
                expects=_pct(after),
                seen=_pct(seen),
                grew=grew,
            )
        if _pct(truth) == _pct(after):
            return tr("week.contact.reset.held", name=name, expects=_pct(after))
        if after < truth:
            return tr("week.contact.reset", name=name, change=change)
        return tr("week.contact.reset.rose", name=name, change=change, trimmed=_pct(trimmed))

    def escalations(self) -> list[WeekItem]:
        """Complaints to the sponsor and the team's own escalations, each with what it cost
        (the model's parts of the week's change of sponsor support and trust)."""
        out, sponsor = [], self.sc.sponsor.name
        log, zero = self.log, percent(0.0, sign=True)
        for x in self.facts.escalations:
            # Each complaint's share of the sponsor's loss, by the complainers' influence.
            who = self.params.influence * log.escalated[0]
            share = self.params.influence[x.stakeholder] / who.sum()
            cost = log.sponsor_parts[0, SponsorTerm.COMPLAINT] * share
            text = tr(
                "week.escalation",
                name=self.people[x.stakeholder],
                sponsor=sponsor,
                change=percent(cost, sign=True),
            )
            out.append(_item("escalation", text, x.stakeholder))
        # The sponsor's patience is one figure for the week's escalations together (the
        # sponsor line shows it): each line tells an equal share, in whole percents that
        # add up to it (two lines of "-12%" beside a total of -12% read as -24%).
        total = round(100 * float(log.sponsor_parts[0, SponsorTerm.FORCED]))
        shares = whole_parts(
            [total / max(len(self.facts.forced), 1)] * len(self.facts.forced), total
        )
        for forced, share in zip(self.facts.forced, shares, strict=True):
            patience = _signed_points(share)
            trust = percent(log.trust_parts[0, forced.stakeholder, TrustTerm.ESCALATION], sign=True)
            # At its floor, their trust had nothing left to lose: the line says so.
            key = FORCED_KEYS[forced.awaiting, trust == zero]
            if forced.awaiting and log.forced_fair[0, forced.stakeholder]:
                # Past a fair wait the sponsor's decision is governance, and costs less: say
                # so, or it reads as the power play it is on day one (playtest 7).
                key = "week.forced.fair.floor" if trust == zero else "week.forced.fair"
            name = self.people[forced.stakeholder]
            out.append(
                _item(
                    "escalation",
                    tr(key, name=name, trust=trust, support=patience),
                    forced.stakeholder,
                )
            )
        return out

    def favours(self) -> list[WeekItem]:
        """What each favour asked for did: the decision it bought, the expert it lent, or
        why it was refused."""
        out, need = [], self.params.coef.favour_min_trust
        for f in self.facts.favours:
            s, name = f.stakeholder, self.people[f.stakeholder]
            if not f.granted:
                # "45%, a favour needs 45%" read as a contradiction: decimals where needed.
                trust, needed = percents_apart(f.trust, need)
                text = tr("week.favour.refused", name=name, trust=trust, need=needed)
                out.append(_item("favour", text, s))
            elif f.expert:
                text = tr("week.favour.expert", name=name, department=self.depts[s])
                out.append(_item("favour", text, s, "good"))
            else:
                out.append(self.favour_decision(f))
        return out

    def told_by_favour(self) -> set[int]:
        """The packages whose decision a favour's line tells (as favour_decision picks them),
        so that the sign-off or rejection is not told a second time."""
        told = set()
        for f in self.facts.favours:
            if not f.granted or f.expert:
                continue
            rejected = [r.package for r in self.facts.rejections if r.owner == f.stakeholder]
            signed = [ok.package for ok in self.facts.signoffs if ok.owner == f.stakeholder]
            told |= set(rejected[:1] or signed)
        return told

    def favour_decision(self, f: Favour) -> WeekItem:
        """A favour granted while something awaited sign-off: what the owner decided."""
        s, name = f.stakeholder, self.people[f.stakeholder]
        rejected = [r for r in self.facts.rejections if r.owner == s]
        signed = [ok.package for ok in self.facts.signoffs if ok.owner == s]
        # Gone over their head the same week, the escalation's line says the sponsor
        # decided: the favour's line then says what the favour added, not a second cause.
        sponsor = any(x.stakeholder == s and x.awaiting for x in self.facts.forced)
        if rejected:
            r = rejected[0]
            found = number(r.found, 1)
            key = "week.favour.rejected.sponsor" if sponsor else "week.favour.rejected"
            text = tr(key, name=name, t="{t}", found=found)
            return self.package("favour", r.package, s, text, "bad")
        if signed:
            # The defects each sign-off would name on its own line (shown_defects), summed.
            known = sum(
                ok.known_defects for ok in self.facts.signoffs if ok.owner == s and ok.with_defects
            )
            note = tr("week.signoff.defects", found=number(known, 1)) if known else ""
            key = "week.favour.granted.sponsor" if sponsor else "week.favour.granted"
            text = tr(key, name=name, t="{t}", note=note)
            return _item("favour", _fit(text, "; ".join(self.titles[p] for p in signed)), s, "good")
        owner = self.params.owner
        waiting = np.flatnonzero((self.before.package_status[0] == AWAITING) & (owner == s))
        titles = "; ".join(self.titles[int(p)] for p in waiting)
        text = tr("week.favour.undecided", name=name, t="{t}")
        return _item("favour", _fit(text, titles), s, "neutral")

    def complaints(self) -> list[WeekItem]:
        out = []
        for c in self.facts.complaints:
            said = complaint_text(c.code)
            text = tr("week.complaint", name=self.people[c.stakeholder], complaint=said)
            out.append(_item("complaint", text, c.stakeholder))
        return out

    def trust(self) -> list[WeekItem]:
        """One line per cause and direction, so that the weekly drift of many is one line."""
        groups = dict[tuple[str, bool], list[TrustMove]]()
        for move in self.trust_moved():
            groups.setdefault((tr(CAUSE_KEYS[move.cause]), move.rose), []).append(move)
        out = []
        unknown = [int(s) for s in np.flatnonzero(self.after.vague[0])]
        if unknown:
            names = ", ".join(self.people[s] for s in unknown)
            text = tr("week.trust.unknown", names=names)
            out.append(
                _item("trust", text, unknown[0] if len(unknown) == 1 else None, "bad", "clock")
            )
        for (cause, rose), moved in groups.items():
            # Several people on one line: if anyone's change has parts, everyone's are told,
            # so that a list of causes is never read as everyone's (a playtest did).
            each = len(moved) > 1 and any(len(trust_parts_text(m)) > 1 for m in moved)
            moves = ", ".join(self.trust_move_text(m, each) for m in moved)
            text = tr("week.trust.rose" if rose else "week.trust.fell", cause=cause, moves=moves)
            icon, tone = ("arrow_up", "good") if rose else ("arrow_down", "bad")
            who = moved[0].stakeholder if len(moved) == 1 else None
            out.append(_item("trust", text, who, tone, icon))
        return out + self.trust_held()

    def trust_move_text(self, move: TrustMove, each: bool = False) -> str:
        """'Marta 62% to 60% (news -5%, your time with them +3%)': the parts of the
        change when more than its cause moved it, so the figures add up; with `each`,
        a single part too (its neighbours on the line have theirs)."""
        text = f"{self.people[move.stakeholder]} {_change(move.before, move.after)}"
        parts = trust_parts_text(move)
        if len(parts) < (1 if each else 2):
            return text
        return tr("week.trust.parts", text=text, parts=", ".join(parts))

    def trust_held(self) -> list[WeekItem]:
        """The people whose trust did not visibly move though IT spent time with them or
        parts that show moved it (a favour's -10% and the time's +10%): their trust with
        every part, so that no cost hides in a net that cancelled (every visible move is
        told by `trust`, with its parts)."""
        told = {m.stakeholder for m in self.trust_moved()}
        contacted = self.log.contacted[0]
        groups = dict[TrustTerm, list[tuple[int, str]]]()
        for s in np.flatnonzero(~self.after.vague[0]):
            move = trust_move(self.log, int(s))
            parts = trust_parts_text(move)
            if int(s) in told or not (contacted[s] or parts):
                continue
            # The time with them opens the line when there was some: it is what IT did.
            cause = TrustTerm.CONTACT if contacted[s] or not move.parts else move.parts[0][0]
            text = f"{self.people[int(s)]} {_pct(move.after)}"
            if parts:
                text = tr("week.trust.parts", text=text, parts=", ".join(parts))
            groups.setdefault(cause, []).append((int(s), text))
        return [
            _item(
                "trust",
                tr(
                    "week.trust.held",
                    cause=tr(CAUSE_KEYS[cause]),
                    moves=", ".join(t for _, t in held),
                ),
                held[0][0] if len(held) == 1 else None,
                "neutral",
                "handshake",
            )
            for cause, held in groups.items()
        ]

    def mood_lines(self) -> list[WeekItem]:
        """Each face that changed on IT's cards, with what in the model moved it."""
        return [self.mood_line(change) for change in self.moods]

    def mood_line(self, change: MoodChange) -> WeekItem:
        s, name = change.stakeholder, self.people[change.stakeholder]
        now, was = tr(f"mood.{MOOD_NAMES[change.after]}"), tr(f"mood.{MOOD_NAMES[change.before]}")
        fell = change.after < change.before
        tone = "bad" if fell else "good"
        truly_before = int(self.true_moods[0][s])
        causes = [self.mood_cause(s, why, fell) for why, _ in change.causes[:MOOD_CAUSES]]
        if change.remembered and truly_before == change.after:
            # The card only caught up: they already felt this way before the week.
            text = tr("week.mood.caught_up", name=name, mood=now, was=was)
            return _item("mood", text, s, tone)
        key = "week.mood.remembered" if change.remembered else "week.mood"
        text = tr(key, name=name, mood=now, was=was)
        if len(causes) == 2:
            # Two terms of the rule, each its own cause (playtest 8 read "trust 60% to 52%;
            # more friction: …" as the friction explaining the trust).
            text = tr("week.mood.why.two", text=text, first=causes[0], second=causes[1])
        elif causes:
            text = tr("week.mood.why", text=text, causes=causes[0])
        return _item("mood", text, s, tone)

    def mood_cause(self, s: int, why: MoodCause, fell: bool) -> str:
        """One term of the satisfaction rule that moved stakeholder `s`'s mood, in words,
        with the figures IT sees."""
        key = MOOD_KEYS[why, fell]
        if why is MoodCause.DELIVERY:
            seen, expects = _pct(self.after.seen[0, s]), _pct(self.after.expectation[0, s])
            if fell and self.after.seen[0, s] >= self.after.expectation[0, s]:
                key = "week.mood.delivery.fell.ahead"  # still ahead, by less than before
            return tr(key, seen=seen, expects=expects)
        if why is MoodCause.TRUST:
            before, after = self.log.trust_before[0, s], self.log.trust_after[0, s]
            return tr(key, change=_change(before, after))
        if why is MoodCause.FRICTION and fell:
            # Friction grows from two things only: force this week, defects they met.
            forced = any(f.stakeholder == s for f in self.facts.forced)
            met = float(self.defects_met[s])
            if forced:
                return tr("week.mood.friction.forced")
            if number(met, 1) != number(0.0, 1):
                return tr("week.mood.friction.defects", points=number(met, 1))
            return tr(key)
        if why is MoodCause.DISTANCE and fell:
            weeks = int(self.after.since_contact[0, s])
            label = turn_word(self.sc.turn_label, many=weeks != 1)
            return tr(key, n=weeks, label=label)
        return tr(key)

    def trust_moved(self) -> list[TrustMove]:
        """The trust moves IT can see: every figure that changed on a card (as What moved
        shows them), not of people it never meets."""
        before, after = self.log.trust_before[0], self.log.trust_after[0]
        return [
            trust_move(self.log, int(s))
            for s in np.flatnonzero(~self.after.vague[0])
            if visibly_moved(before[s], after[s])
        ]

    def sponsor_parts(self) -> list[tuple[SponsorCause, str]]:
        """Each reason sponsor support moved with its visible part ('-10%'), in whole
        percents that add up to the change the bar shows."""
        move = self.stocks.sponsor
        changes = shown_parts(list(move.amounts), move.before, move.after)
        return [(why, x) for why, x in zip(move.causes, changes, strict=True) if x]

    def sponsor_told(self) -> bool:
        """Whether sponsor support has a line (and a bar): it visibly moved, or parts that
        show moved it and cancelled out (an event's -10% and an update's +10% are news
        even when the figure holds: a playtest saw the update alone take the credit)."""
        move = self.stocks.sponsor
        return visibly_moved(move.before, move.after) or bool(self.sponsor_parts())

    def sponsor(self) -> list[WeekItem]:
        """Sponsor support, when it moved: both figures and the model's reasons, with their
        parts even when they cancel."""
        move = self.stocks.sponsor
        if not self.sponsor_told():
            return []
        told = self.sponsor_parts()
        if [why for why, _ in told] == [SponsorCause.FADE]:
            # The fade alone: say what renews support.
            label = turn_word(self.sc.turn_label)
            causes = tr("week.sponsor.fade", label=label, change=told[0][1])
        else:
            causes = "; ".join(
                tr("week.sponsor.part", cause=self.sponsor_cause(why), change=change)
                for why, change in told
            )
        if not visibly_moved(move.before, move.after):
            text = tr("week.sponsor.held", support=_pct(move.after), causes=causes)
            return [_item("sponsor", text, None, "neutral", "handshake")]
        rose = move.after > move.before
        key = "week.sponsor.rose" if rose else "week.sponsor.fell"
        text = tr(key, change=_change(move.before, move.after), causes=causes)
        return [_item("sponsor", text, None, "good" if rose else "bad", icon_of(rose))]

    def sponsor_cause(self, why: SponsorCause) -> str:
        """One reason sponsor support moved, in words."""
        move, sponsor = self.stocks.sponsor, self.sc.sponsor.name
        names = f" {tr('week.and')} "
        if why is SponsorCause.SIGNOFF:
            # Support grows with the value signed off, not the count: say the value.
            # In the whole percents the board and the debrief show for each package.
            shares = value_percents(self.params.value.tolist())
            share = sum(k for k, signed in zip(shares, self.log.accepted[0], strict=True) if signed)
            return trn("week.sponsor.signoff", move.signed_off, value=_pct(share / 100))
        if why is SponsorCause.EVENT:
            return "; ".join(self.sc.events[e].title for e in move.events)
        if why is SponsorCause.ESCALATION:
            who = names.join(self.people[k] for k in move.complained)
            return tr("week.sponsor.escalation", names=who, sponsor=sponsor)
        if why is SponsorCause.FORCED:
            who = names.join(self.people[k] for k in move.forced)
            return tr("week.sponsor.forced", names=who)
        if why is SponsorCause.LATE:
            return tr("week.sponsor.late", drain=percent(self.params.coef.late_sponsor_drain))
        label = turn_word(self.sc.turn_label)
        return {
            SponsorCause.STEERING: lambda: tr("week.sponsor.steering"),
            SponsorCause.OVER_BUDGET: lambda: tr("week.sponsor.over_budget"),
            SponsorCause.FADE: lambda: tr("week.sponsor.fade.short", label=label),
        }[why]()

    def budget(self) -> list[WeekItem]:
        """The budget, when something beyond the team's usual pay moved it (overtime, an
        event) or it ran out this week; the usual pay is shown with its bar only."""
        move, total = self.stocks.budget, self.params.budget
        before, after = move.before / total, move.after / total
        unusual = set(move.causes) - {BudgetCause.TEAM} or (after < 0 <= before)
        if not unusual or not visibly_moved(before, after):
            return []
        label = turn_word(self.sc.turn_label)
        words = {
            BudgetCause.TEAM: lambda: tr("week.budget.team", label=label),
            BudgetCause.OVERTIME: lambda: tr("week.budget.overtime", points=number(move.overtime)),
            BudgetCause.EVENT: lambda: "; ".join(self.sc.events[e].title for e in move.events),
        }
        causes = "; ".join(words[why]() for why in move.causes)
        rose = after > before
        key = "week.budget.rose" if rose else "week.budget.fell"
        text = tr(key, change=_change(before, after), causes=causes)
        if after < 0 <= before:
            text = tr("week.budget.over", text=text)
        return [_item("budget", text, None, "good" if rose else "bad", icon_of(rose))]

    def moves(self) -> list[BarMove]:
        """Reported progress, sponsor support and the budget, if they visibly moved (the
        last two with why), then the trust that moved.

        Progress is IT's reported figure: the report never shows the true one."""
        log, before, stocks = self.log, self.before, self.stocks
        # Progress as the top bar shows it (rounded down), so the two never disagree.
        progress = BarMove(
            tr("week.bar.progress"),
            None,
            float(shown_progress(before.reported_progress[0])),
            float(shown_progress(log.reported_progress[0])),
        )
        sponsor = stocks.sponsor
        # Each reason with its part: a bar that held still says what cancelled out.
        why = " · ".join(
            tr("week.sponsor.part", cause=tr(WHY_KEYS[c]), change=x)
            for c, x in self.sponsor_parts()
        )
        support = BarMove(tr("week.bar.sponsor"), None, sponsor.before, sponsor.after, why)
        # The budget as the top bar shows it: the share of the whole budget left.
        money, total = stocks.budget, self.params.budget
        why = " · ".join(tr(WHY_KEYS[c]) for c in money.causes)
        budget = BarMove(
            tr("week.bar.budget"), None, money.before / total, money.after / total, why
        )
        out = [
            bar
            for bar in (progress, support, budget, self.hype_move())
            if visibly_moved(bar.before, bar.after)
        ]
        if self.sponsor_told() and support not in out:
            out.insert(1 if out and out[0] is progress else 0, support)
        # Every trust bar that visibly moved, not only the moves the story tells.
        seen = ~self.after.vague[0]
        before, after = self.log.trust_before[0], self.log.trust_after[0]
        out += [
            BarMove(
                tr("week.bar.trust", name=self.people[m.stakeholder]),
                m.stakeholder,
                m.before,
                m.after,
                tr(PART_KEYS[m.cause]),
            )
            for m in (
                trust_move(self.log, int(s))
                for s in np.flatnonzero(seen)
                if visibly_moved(before[s], after[s])
            )
        ]
        return [replace(b, before=float(b.before), after=float(b.after)) for b in out]

    def hype_move(self) -> BarMove:
        """The top bar's hype, with what moved it (playtest 9: its meter moved and nothing
        said by how much or why): an event raises it, an honest talk calms it, and it
        fades by itself every week."""
        before, after = float(self.before.hype[0]), float(self.log.hype[0])
        causes = []
        if after > before:
            causes.append("week.why.hype.event")
        if any(c.channel is Channel.RESET for c in self.facts.contacts):
            causes.append("week.why.hype.reset")
        causes.append("week.why.hype.fade")
        why = " · ".join(tr(key) for key in causes)
        return BarMove(tr("week.bar.hype"), None, before, after, why)

    def deadline(self, goes_on: bool) -> list[WeekItem]:
        """At and past the deadline, while the round goes on: that the project is (now) late,
        and what each late week costs."""
        if self.late_next <= 0 or not goes_on:
            return []
        last = self.params.turns
        label, turn = turn_word(self.sc.turn_label), int(self.log.turn[0]) + 1
        costs = {
            "label": label,
            "score": percent(self.params.scoring.late_penalty),
            "drain": percent(self.params.coef.late_sponsor_drain),
            "last": last,
        }
        if self.late_next == 1:
            text = tr("week.deadline.now", turn=turn, next=turn + 1, **costs)
        else:
            late = tr(
                "topbar.late",
                n=self.late_next - 1,
                label=turn_word(self.sc.turn_label, many=self.late_next != 2),
            )
            text = tr("week.deadline.late", late=late, **costs)
        return [_item("deadline", text, None, "bad")]

    def progress(self) -> list[WeekItem]:
        """Reported progress, if it visibly moved, and the week's build with every reason
        the points built differ from the points planned, whatever progress did."""
        before = float(shown_progress(self.before.reported_progress[0]))
        after = float(shown_progress(self.log.reported_progress[0]))
        arrow = tr("week.progress", change=_change(before, after))
        built = float(self.log.effort[0].sum())
        note = self.build_note()
        if after > before and visibly_moved(before, after):
            text = tr("week.progress.built", points=_pts(_tenths(built)), progress=arrow)
            return [_item("progress", text + note, None, "neutral", "arrow_up")]
        if visibly_moved(before, after):
            # Found rework and rejections add work to redo faster than the week built.
            text = tr("week.progress.back", progress=arrow)
            if note:
                text = tr(
                    "week.progress.back.built", text=text, points=_pts(_tenths(built)), note=note
                )
            return [_item("progress", text, None, "neutral", "arrow_down")]
        if not note:
            return []
        text = tr(
            "week.progress.held", points=_pts(_tenths(built)), progress=_pct(after), note=note
        )
        return [_item("progress", text, None, "neutral", "hammer")]

    def build_note(self) -> str:
        """' (5 planned: 0.6 had nothing left to build; +0.4 from the team's pace: a good
        week +4%)': planned − unused ± pace = built, in tenths of a point as shown.

        Unused points are told per reason: a package a same-week rejection blocked again
        (named, with the rejected package), or packages with nothing left to build. The
        pace is named by the model's own terms that applied, with their size. Tenths, not
        whole points: whole parts that had to add up put "+1 from the team's pace" beside
        "a good run +4%" of 10 points (playtest 7)."""
        pace = self.pace
        if pace is None:
            return ""
        planned, built = _tenths(pace.planned), _tenths(pace.built)
        blocked = [u for u in pace.unbuilt if u.blocked_by]
        idle = [u for u in pace.unbuilt if not u.blocked_by]  # nothing left to build
        left = sum(u.points for u in idle)
        # Each part rounded so that the parts, as shown, add up to built - planned as shown
        # (a 0.04-point leftover must not turn into a tenth blamed on the pace).
        exact = [-u.points for u in blocked] + [-left]
        exact.append(pace.built - pace.planned - sum(exact))
        shown = [
            k / 10 for k in whole_parts([10 * x for x in exact], round(10 * (built - planned)))
        ]
        parts = []
        for lost, points in zip(blocked, shown, strict=False):
            if points:
                rejected = f" {tr('week.and')} ".join(self.titles[d] for d in lost.blocked_by)
                t = self.titles[lost.package]
                parts.append(
                    tr("week.build.blocked", points=number(-points), t=t, rejected=rejected)
                )
        if shown[-2]:
            # Rework found after the build (testing, discovery) is work to go again: say
            # so, or "nothing left to build" sits beside "1.5 to go" (a playtest).
            found = any(self.log.rework_found[0, u.package] > 0 for u in idle)
            key = "week.build.left.found" if found else "week.build.left"
            parts.append(tr(key, points=number(-shown[-2])))
        if shown[-1]:
            causes = ", ".join(self.pace_causes(pace))
            key = "week.build.pace" if causes else "week.build.pace.plain"
            parts.append(tr(key, points=number(shown[-1], sign=True), causes=causes))
        if not parts:
            return ""
        return tr("week.build.note", planned=number(planned), parts="; ".join(parts))

    def pace_causes(self, pace: Pace) -> list[str]:
        """The terms of the model's productivity that applied this week, with their size."""
        out = []
        if _whole_percent(pace.fatigue_cost):
            cost = percent(-pace.fatigue_cost, sign=True)
            out.append(tr("week.pace.fatigue", fatigue=_pct(pace.fatigue), cost=cost))
        if _whole_percent(pace.checks_cost):
            cost = percent(-pace.checks_cost, sign=True)
            # The team builds after the week's events: support then may be a figure no bar
            # shows (64% less an event's 10%), so the line says where it comes from.
            support = _pct(pace.sponsor)
            key = "week.pace.checks"
            if support not in (_pct(self.stocks.sponsor.before), _pct(self.stocks.sponsor.after)):
                key = "week.pace.checks.news"
            out.append(tr(key, support=support, cost=cost))
        if _whole_percent(pace.luck):
            key = "week.pace.good" if pace.luck > 0 else "week.pace.slow"
            out.append(tr(key, luck=percent(pace.luck, sign=True)))
        return out

    def quiet(self) -> str:
        """What a week without news still says: progress, or what is waiting."""
        facts, progress = self.facts, [item.text for item in self.progress()]
        decided = {ok.package for ok in facts.signoffs} | {r.package for r in facts.rejections}
        waiting = {int(p) for p in np.flatnonzero(self.before.package_status[0] == AWAITING)}
        n = len((waiting - decided) | {h.package for h in facts.handovers})
        if progress or not n:
            return progress[0] if progress else tr("week.quiet.nothing")
        return trn("week.quiet.waiting", n)

    def headline(self, items: list[WeekItem]) -> str:
        """The most important news, cause first: a cancellation, then a rejection (the worst
        built one), then an event with what it does, then the first other item."""
        facts, rejected = self.facts, self.facts.rejections
        if rejected and not facts.cancelled:
            worst = min(rejected, key=lambda r: r.clarity)
            found = tr("week.headline.defects", found=number(worst.found, 1))
            unclear = worst.cause is Cause.UNCLEAR
            cause = self.unclear(worst.owner, worst.clarity) if unclear else found
            if len(rejected) == 1:
                name = self.people[worst.owner]
                text = tr("week.headline.rejected", cause=cause, name=name, t="{t}")
                return _fit(text, self.titles[worst.package])
            names = dict.fromkeys(self.people[r.owner] for r in rejected)
            who = f" {tr('week.and')} ".join(names)
            return tr("week.headline.rejected_many", cause=cause, names=who, n=len(rejected))
        first = self.headline_event()
        if first is not None:
            effects = self.effects(first)[0]
            return self.sc.events[first].title + (f" — {effects}." if effects else ".")
        told = [item for item in items if item.kind not in QUIET_KINDS]
        # Bad news first, then what was delivered: a patch the team's testing made on the
        # spot is no headline in a week of sign-offs (a playtest saw it take the lead).
        best = min(
            range(len(told)),
            key=lambda k: (0 if told[k].tone == "bad" else HEADLINE_RANK.get(told[k].kind, 4), k),
            default=None,
        )
        first_item = told[best].text if best is not None else ""
        quiet = self.quiet()
        label = turn_word(self.sc.turn_label)
        text = first_item or tr(
            "week.headline.quiet", label=label, quiet=quiet[:1].lower() + quiet[1:]
        )
        return text if text.endswith(("…", ".", '."', ".“")) else text + "."

    def headline_event(self) -> int | None:
        """The event the headline tells, if it tells one: the first, in a week without a
        rejection or a cancellation."""
        facts = self.facts
        if facts.rejections or facts.cancelled or not facts.events:
            return None
        return facts.events[0].event

    def ending(self, session: Session, turn_index: int) -> str:
        """Why the round ended with this turn, or '' if it goes on (cancelling has its own)."""
        last = turn_index == len(session.logs) - 1
        if not (last and session.done) or self.log.cancelled[0]:
            return ""
        if (session.state.status[0] == ACCEPTED).all():
            label = turn_word(self.sc.turn_label)
            return tr("week.ending.delivered", label=label, turn=int(self.log.turn[0]) + 1)
        return tr("week.ending.time")


def _whole_percent(share: float) -> bool:
    """Whether a share shows as a whole percent or more (smaller ones are not named)."""
    return round(abs(share) * 100) >= 1


def true_states(session: Session, i: int) -> tuple[State, State]:
    """The true state before and after the session's turn `i`, replayed from its plans:
    the session keeps only the latest state, and the report's causes (the team's pace,
    what moved a mood) are the model's terms of those states."""
    again = session.branch(i)
    start = again.state.copy()
    if again.done:  # a turn played after the game had ended changed nothing
        return start, start
    fired = session.fired_by_hand[i] if i < len(session.fired_by_hand) else []
    again.play(session.plans[i], fired)
    return start, again.state


def week_report(session: Session, turn_index: int, timed_out: bool = False) -> WeekReport:
    """What happened in the session's turn `turn_index` (0-based) and why.

    Items come by importance (events, rejections, escalations, rework, sign-offs,
    hand-overs, favours, contacts, complaints, moods, trust, progress); every text whole.
    Moves are the bars that visibly moved. A turn played after the game had ended gives
    an empty report that says so. `timed_out`: the workshop's clock ended the week, not
    the team (the session does not know the clock: the window says so).
    """
    week, log = _Week(session, turn_index), session.logs[turn_index]
    turn, deadline = int(log.turn[0]) + 1, session.params.deadline
    label = cap(turn_word(session.scenario.turn_label))
    over = turn - deadline
    if over > 0:  # "Week 9: 1 week past the deadline", never "Week 9 of 8"
        unit = turn_word(session.scenario.turn_label, many=over != 1)
        late = tr("topbar.late", n=over, label=unit)
        title = tr("week.title.late", Label=label, turn=turn, late=late)
    else:
        title = tr("week.title", Label=label, turn=turn, deadline=deadline)
    if not log.active[0]:
        return WeekReport(turn, title, tr("week.over"), [], [])
    goes_on = not (turn_index == len(session.logs) - 1 and session.done)
    late_line = week.deadline(goes_on)
    # First: whatever the week did, the team did not choose to end it there.
    timer = [_item("timer", tr("week.timed_out"), None, "neutral")] if timed_out else []
    items = timer + late_line + week.events() + week.rejections() + week.escalations()
    # A favour's line comes where its sign-off would: it tells that decision (once).
    items += week.rework() + week.favours() + week.signoffs() + week.handovers()
    items += week.contacts() + week.complaints() + week.mood_lines()
    items += week.sponsor() + week.budget() + week.trust() + week.progress()
    ending = week.ending(session, turn_index)
    # The week the deadline passes, that is the news: the next plan is a late one.
    passed = late_line[0].text + "." if late_line and week.late_next == 1 else ""
    headline = ending or passed or week.headline(items)
    news, told, first = headline, None, week.headline_event()
    if headline == week.headline(items) and first is not None:
        # The ticker tells the event once: its title and effects, then its story.
        event = session.scenario.events[first]
        news = f"{headline} {event.text}"
        told = len(timer) + len(late_line) + [f.event for f in week.facts.events].index(first)
    return WeekReport(turn, title, headline, items, week.moves(), news, told)


def plan_summary(scenario: Scenario, plan: npt.NDArray[np.float64]) -> str:
    """'Build 6 pts (Pipeline 4, Quotes 2) · Requirements workshop 2 pts (Dana)' for (A, T),
    in the window's language (the designer's log says it in English: describe_plan)."""
    return describe_plan(scenario, plan, _pts, number, tr("week.plan.nothing"))


def _pts(x: float) -> str:
    return trn("week.plan.points", x)


def _tenths(x: float) -> float:
    """Points as the week's build shows them: in tenths, as the planner's points to go."""
    return round(x * 10) / 10
