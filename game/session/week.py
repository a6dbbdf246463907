"""The turn report: what happened in one week of a Session and why, cause first.

Built only from the session's turn log, plan and the observation before the turn,
as short lines that fit one line at projector size. The turn-report screen shows
the items and animates the bars that moved; nothing here draws.

Every sentence comes from the UI's catalogue (game/i18n, keys "week.*"), in the
language in effect when the report is made; names and titles are the scenario's.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.i18n import cap, number, percent, tr, trn, turn_word
from game.model import Channel
from game.model.channels import PROJECT_EFFECTS
from game.model.rules.stakeholders import NO_COMPLAINT
from game.model.state import ACCEPTED, AWAITING
from game.scenario.schema import Scenario
from game.session.session import Session
from game.session.transcript import MINOR_REWORK, MINOR_TRUST, describe_plan, first_names

# Longest line a projector shows at the report's font size.
LIMIT = 150  # two lines on the report at projector size; the news strip cuts to fit
# Below this clarity the owner's needs count as unclear: the cause, not the tests, is the story.
UNCLEAR = 0.6
ICONS = {"event": "warning", "rejection": "cross", "escalation": "warning", "rework": "hammer"}
ICONS |= {"signoff": "check", "handover": "hourglass", "favour": "handshake", "complaint": "speech"}
# The model's complaint codes (index into rules.stakeholders.COMPLAINTS, English for logs),
# as catalogue keys: the players read them in the window's language.
COMPLAINT_KEYS = ("complaint.0", "complaint.1", "complaint.2", "complaint.3")


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


@dataclass(frozen=True)
class WeekReport:
    """The whole week: a title, one headline sentence, the lines by importance, the bars."""

    turn: int  # 1-based
    title: str
    headline: str
    items: list[WeekItem]
    moves: list[BarMove]


def ellipsis(text: str, limit: int = LIMIT) -> str:
    """`text` cut at a word to at most `limit` characters, marked with '…' if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–(") + "…"


def _fit(template: str, title: str) -> str:
    """`template` with '{t}' replaced by `title`, the title shortened so the line fits."""
    room = LIMIT - (len(template) - len("{t}"))
    return ellipsis(template.replace("{t}", ellipsis(title, max(room, 12))))


def _pct(x: float) -> str:
    return tr("format.percent", n="?") if np.isnan(x) else percent(x)


def _change(before: float, after: float) -> str:
    """'40% to 55%'."""
    return tr("week.change", before=_pct(before), after=_pct(after))


def _moved(before: float, after: float) -> bool:
    """A bar moved if the percentage on screen changed."""
    return _pct(before) != _pct(after)


def _item(kind: str, text: str, who: int | None, tone: str = "bad", icon: str = "") -> WeekItem:
    return WeekItem(kind, icon or ICONS[kind], ellipsis(text), who, tone)


class _Week:
    """The facts of one turn of game 0, and the lines they make."""

    def __init__(self, session: Session, i: int) -> None:
        self.sc, self.params = session.scenario, session.params
        self.log, self.plan = session.logs[i], session.plans[i]
        self.before = session.observations[i]
        self.people = first_names(self.sc)
        self.depts = [s.department for s in self.sc.stakeholders]
        self.titles = [p.title for p in self.sc.packages]
        self.owner = [int(k) for k in self.params.owner]
        # Only fresh complaints are news: what they said last week was heard then.
        none = np.full(len(self.people), NO_COMPLAINT)
        self.heard = session.logs[i - 1].complaint[0] if i > 0 else none
        # IT's view after the week: trust of people it is out of touch with is not known.
        after = session.observations[i + 1] if i + 1 < len(session.observations) else None
        self.after = after if after is not None else session.observe()

    def asked(self, channel: Channel) -> list[int]:
        """Stakeholders this week's plan aimed `channel` at."""
        rows = self.params.action_effect[:, channel] > 0
        return [int(s) for s in np.flatnonzero((self.plan[rows, : len(self.people)] > 0).any(0))]

    def mine(self, s: int, mask: npt.NDArray[np.bool_]) -> bool:
        """Whether any of stakeholder `s`'s packages is set in the (P,) `mask`."""
        return any(mask[p] for p, k in enumerate(self.owner) if k == s)

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
            (fx["hype"], tr("week.effect.hype", change=pct(fx["hype"]))),
            (-fx["sponsor"], tr("week.effect.sponsor", change=pct(fx["sponsor"]))),
            (fx["fatigue"], tr("week.effect.fatigue", change=pct(fx["fatigue"]))),
            (-fx["budget"], tr("week.effect.budget", change=number(fx["budget"], sign=True))),
            (
                -fx["capacity"],
                tr("week.effect.capacity", change=number(fx["capacity"], sign=True), label=per),
            ),
            *((x, tr("week.effect.scope", points=number(x))) for x in ev.scope[e]),
            *(
                (-x, tr("week.effect.trust", name=n, change=pct(x)))
                for n, x in zip(people, trust, strict=True)
            ),
            *(
                (x, tr("week.effect.expectation", name=n, change=pct(x)))
                for n, x in zip(people, expect, strict=True)
            ),
            *((-x, "") for x in ev.clarity[e]),
        ]
        harm = sum(np.sign(h) for h, _ in parts)  # each effect counts once, whatever its size
        tone = "bad" if harm > 0 else "good" if harm < 0 else "neutral"
        return ", ".join(words for h, words in parts if h and words), tone

    def events(self) -> list[WeekItem]:
        out = []
        if self.log.cancelled[0]:
            text = tr("week.cancelled", sponsor=self.sc.sponsor.name)
            out.append(_item("event", text, None, icon="cross"))
        for e in np.flatnonzero(self.log.events[0]):
            event, tone = self.sc.events[e], self.effects(int(e))[1]
            out.append(_item("event", f"{event.title}. {event.text}", None, tone))
        return out

    def unclear(self, k: int, clarity: float) -> str:
        return tr("week.unclear", department=self.depts[k], clarity=_pct(clarity))

    def packages(self, kind: str) -> list[WeekItem]:
        """One `kind` line per package it applies to, the title shortened to fit."""
        log, out = self.log, []
        masks = {"rejection": log.rejected, "signoff": log.accepted, "handover": log.finished}
        masks["rework"] = log.rework_found >= MINOR_REWORK  # smaller finds are routine
        for p in np.flatnonzero(masks[kind][0]):
            template, tone = self.package_line(kind, int(p), self.owner[p])
            out.append(_item(kind, _fit(template, self.titles[p]), self.owner[p], tone))
        return out

    def package_line(self, kind: str, p: int, k: int) -> tuple[str, str]:
        """The line for package `p` (owned by `k`), '{t}' standing for its title, and its tone."""
        log, name, found = self.log, self.people[k], self.log.acceptance_found[0, p]
        t = "{t}"  # stays in the text for _fit to fill with the (shortened) title
        if kind == "rejection":
            clarity, trust = log.acceptance_cause_clarity[0, p], log.decision_trust[0, p]
            # Short, so that the package title keeps most of the line.
            why = tr("week.rejection.why", clarity=_pct(clarity), trust=_pct(trust))
            text = tr("week.rejection", name=name, t=t, found=number(found, 1), why=why)
            return text, "bad"
        if kind == "signoff":
            defects = tr("week.signoff.defects", found=number(found, 1))
            note = defects if found >= MINOR_REWORK else ""
            return tr("week.signoff", name=name, t=t, note=note), "good"
        if kind == "handover":
            return tr("week.handover", name=name, t=t), "neutral"
        found, clarity = log.rework_found[0, p], log.rework_cause_clarity[0, p]
        if clarity < UNCLEAR:
            unclear = self.unclear(k, clarity)
            return tr("week.rework.unclear", unclear=unclear, found=number(found, 1), t=t), "bad"
        built = "" if np.isnan(clarity) else tr("week.rework.built", clarity=_pct(clarity))
        return tr("week.rework", found=number(found, 1), t=t, built=built), "neutral"

    def contacts(self) -> list[WeekItem]:
        """What the week's time with people and with the sponsor did, as IT can see it."""
        out, after = [], self.after
        for s in self.asked(Channel.CLARIFY):
            text = tr("week.contact.clarify", name=self.people[s], department=self.depts[s])
            out.append(_item("contact", text, s, "good", "handshake"))
        for s in self.asked(Channel.DEMO):
            seen, expected = _pct(after.seen[0, s]), _pct(after.expectation[0, s])
            text = tr("week.contact.demo", name=self.people[s], seen=seen, expects=expected)
            out.append(_item("contact", text, s, "good", "handshake"))
        for s in self.asked(Channel.RESET):
            expects = _pct(after.expectation[0, s])
            text = tr("week.contact.reset", name=self.people[s], expects=expects)
            out.append(_item("contact", text, s, "neutral", "speech"))
        steering = self.params.action_effect[:, Channel.SPONSOR] > 0
        if self.plan[steering].any():
            moved = _change(self.before.sponsor[0], self.log.sponsor[0])
            text = tr("week.contact.steering", sponsor=self.sc.sponsor.name, change=moved)
            out.append(_item("contact", text, None, "good", "handshake"))
        return out

    def escalations(self) -> list[WeekItem]:
        sponsor = self.sc.sponsor.name
        out = [
            _item("escalation", tr("week.escalation", name=self.people[s], sponsor=sponsor), int(s))
            for s in np.flatnonzero(self.log.escalated[0])
        ]
        for s in self.asked(Channel.ESCALATE):
            if self.mine(s, self.before.package_status[0] == AWAITING):
                text = tr("week.forced", name=self.people[s])
            else:
                text = tr("week.forced.nothing", name=self.people[s])
            out.append(_item("escalation", text, s))
        return out

    def favours(self) -> list[WeekItem]:
        out, log, need = [], self.log, _pct(self.params.coef.favour_min_trust)
        for s in self.asked(Channel.FAVOUR):
            name, trust = self.people[s], _pct(log.trust_before[0, s])
            if log.favour_expert[0, s]:
                out.append(_item("favour", tr("week.favour.expert", name=name), s, "good"))
            elif log.favour_granted[0, s]:
                text = tr("week.favour.granted", name=name, trust=trust)
                out.append(_item("favour", text, s, "good"))
            else:
                text = tr("week.favour.refused", name=name, trust=trust, need=need)
                out.append(_item("favour", text, s))
        return out

    def complaints(self) -> list[WeekItem]:
        said = self.log.complaint[0]
        fresh = np.flatnonzero((said != NO_COMPLAINT) & (said != self.heard))
        quotes = [
            (int(s), tr("week.complaint", name=self.people[s], complaint=complaint_text(said[s])))
            for s in fresh
        ]
        return [_item("complaint", text, s) for s, text in quotes]

    def trust_cause(self, s: int) -> str:
        """Why stakeholder `s`'s trust moved, from the week's facts (most telling first)."""
        log, rose = self.log, self.log.trust_after[0, s] > self.log.trust_before[0, s]
        causes = [
            (self.mine(s, log.rejected[0]), "week.cause.rejection"),
            (s in self.asked(Channel.ESCALATE), "week.cause.escalation"),
            (log.favour_granted[0, s], "week.cause.favour"),
            (self.mine(s, log.accepted[0]), "week.cause.signoff"),
            ((self.params.events.trust[log.events[0], s] != 0).any(), "week.cause.news"),
            (log.contacted[0, s] and rose, "week.cause.contact"),
            (log.contacted[0, s], "week.cause.despite"),
        ]
        return tr(next((why for true, why in causes if true), "week.cause.none"))

    def trust(self) -> list[WeekItem]:
        """One line per cause and direction, so that the weekly drift of many is one line."""
        groups = dict[tuple[str, bool], list[int]]()
        for s in self.trust_moved():
            rose = self.log.trust_after[0, s] > self.log.trust_before[0, s]
            groups.setdefault((self.trust_cause(s), bool(rose)), []).append(s)
        out = []
        unknown = [int(s) for s in np.flatnonzero(self.after.vague[0])]
        if unknown:
            names = ", ".join(self.people[s] for s in unknown)
            text = tr("week.trust.unknown", names=names)
            out.append(
                _item("trust", text, unknown[0] if len(unknown) == 1 else None, "bad", "clock")
            )
        for (cause, rose), who in groups.items():
            moves = ", ".join(f"{self.people[s]} {self.trust_move(s)}" for s in who)
            text = tr("week.trust.rose" if rose else "week.trust.fell", cause=cause, moves=moves)
            icon, tone = ("arrow_up", "good") if rose else ("arrow_down", "bad")
            out.append(_item("trust", text, who[0] if len(who) == 1 else None, tone, icon))
        return out

    def trust_moved(self) -> list[int]:
        """Stakeholders whose trust moved by MINOR_TRUST or more (less is the weekly drift)."""
        moved = np.abs(self.log.trust_after[0] - self.log.trust_before[0]) >= MINOR_TRUST
        moved &= ~self.after.vague[0]  # IT does not see the trust of people it never meets
        return [int(s) for s in np.flatnonzero(moved)]

    def trust_move(self, s: int) -> str:
        return _change(self.log.trust_before[0, s], self.log.trust_after[0, s])

    def moves(self) -> list[BarMove]:
        """Trust that moved, then reported progress and sponsor support if they visibly moved.

        Progress is IT's reported figure: the report never shows the true one."""
        log, before = self.log, self.before
        out = [
            BarMove(
                tr("week.bar.trust", name=self.people[s]),
                s,
                log.trust_before[0, s],
                log.trust_after[0, s],
            )
            for s in self.trust_moved()
        ]
        progress = BarMove(
            tr("week.bar.progress"), None, before.reported_progress[0], log.reported_progress[0]
        )
        support = BarMove(tr("week.bar.sponsor"), None, before.sponsor[0], log.sponsor[0])
        out += [bar for bar in (progress, support) if _moved(bar.before, bar.after)]
        return [BarMove(b.label, b.stakeholder, float(b.before), float(b.after)) for b in out]

    def progress(self) -> list[WeekItem]:
        before, after = self.before.reported_progress[0], self.log.reported_progress[0]
        arrow = tr("week.progress", change=_change(before, after))
        if not _moved(before, after):
            return []
        if after > before:
            built = number(self.log.effort[0].sum(), 0)
            text = tr("week.progress.built", points=built, progress=arrow)
            return [_item("progress", text, None, "neutral", "arrow_up")]
        # Found rework and rejections add work to redo faster than the week built.
        text = tr("week.progress.back", progress=arrow)
        return [_item("progress", text, None, "neutral", "arrow_down")]

    def quiet(self) -> str:
        """What a week without news still says: progress, or what is waiting."""
        log, progress = self.log, [item.text for item in self.progress()]
        waiting = (self.before.package_status[0] == AWAITING) & ~log.accepted[0] & ~log.rejected[0]
        n = int((waiting | log.finished[0]).sum())
        if progress or not n:
            return progress[0] if progress else tr("week.quiet.nothing")
        return trn("week.quiet.waiting", n)

    def headline(self, items: list[WeekItem]) -> str:
        """The most important news, cause first: a cancellation, then a rejection (the worst
        built one), then an event with what it does, then the first other item."""
        log, rejected = self.log, [int(p) for p in np.flatnonzero(self.log.rejected[0])]
        events = [int(e) for e in np.flatnonzero(log.events[0])]
        if rejected and not log.cancelled[0]:
            p = min(rejected, key=lambda q: log.acceptance_cause_clarity[0, q])
            k, clarity = self.owner[p], log.acceptance_cause_clarity[0, p]
            found = tr("week.headline.defects", found=number(log.acceptance_found[0, p], 1))
            cause = self.unclear(k, clarity) if clarity < UNCLEAR else found
            if len(rejected) == 1:
                text = tr("week.headline.rejected", cause=cause, name=self.people[k], t="{t}")
                return _fit(text, self.titles[p])
            names = dict.fromkeys(self.people[self.owner[q]] for q in rejected)
            who = f" {tr('week.and')} ".join(names)
            text = tr("week.headline.rejected_many", cause=cause, names=who, n=len(rejected))
            return ellipsis(text)
        if events and not log.cancelled[0]:
            effects = self.effects(events[0])[0]
            return ellipsis(
                self.sc.events[events[0]].title + (f" — {effects}." if effects else ".")
            )
        first = next((item.text for item in items if item.kind not in ("trust", "progress")), "")
        quiet = self.quiet()
        label = turn_word(self.sc.turn_label)
        text = first or tr("week.headline.quiet", label=label, quiet=quiet[:1].lower() + quiet[1:])
        return text if text.endswith(("…", ".", '."', ".“")) else ellipsis(text + ".")

    def ending(self, session: Session, turn_index: int) -> str:
        """Why the round ended with this turn, or '' if it goes on (cancelling has its own)."""
        last = turn_index == len(session.logs) - 1
        if not (last and session.done) or self.log.cancelled[0]:
            return ""
        if (session.state.status[0] == ACCEPTED).all():
            label = turn_word(self.sc.turn_label)
            return tr("week.ending.delivered", label=label, turn=int(self.log.turn[0]) + 1)
        return tr("week.ending.time")


def week_report(session: Session, turn_index: int) -> WeekReport:
    """What happened in the session's turn `turn_index` (0-based) and why.

    Items come by importance (events, rejections, escalations, rework, sign-offs,
    hand-overs, favours, complaints, trust, progress); every text fits LIMIT characters.
    Moves are the bars that visibly moved. A turn played after the game had ended gives
    an empty report that says so.
    """
    week, log = _Week(session, turn_index), session.logs[turn_index]
    turn, deadline = int(log.turn[0]) + 1, session.params.deadline
    late = tr("week.title.late") if turn > deadline else ""
    label = cap(turn_word(session.scenario.turn_label))
    title = tr("week.title", Label=label, turn=turn, deadline=deadline, late=late)
    if not log.active[0]:
        return WeekReport(turn, title, tr("week.over"), [], [])
    items = week.events() + week.packages("rejection") + week.escalations()
    items += week.packages("rework") + week.packages("signoff") + week.packages("handover")
    items += week.favours() + week.contacts() + week.complaints()
    items += week.trust() + week.progress()
    ending = week.ending(session, turn_index)
    headline = ending or week.headline(items)
    return WeekReport(turn, title, headline, items, week.moves())


def plan_summary(scenario: Scenario, plan: npt.NDArray[np.float64]) -> str:
    """'Build 6 pts (Pipeline 4, Quotes 2) · Requirements workshop 2 pts (Dana)' for (A, T),
    in the window's language (the designer's log says it in English: describe_plan)."""
    return describe_plan(scenario, plan, _pts, number, tr("week.plan.nothing"))


def _pts(x: float) -> str:
    return trn("week.plan.points", x)
