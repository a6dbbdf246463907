"""The turn report: what happened in one week of a Session and why, cause first.

Built only from the session's turn log, plan and the observation before the turn,
as short lines that fit one line at projector size. The turn-report screen shows
the items and animates the bars that moved; nothing here draws.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from game.model import Channel
from game.model.channels import PROJECT_EFFECTS
from game.model.rules.stakeholders import COMPLAINTS, NO_COMPLAINT
from game.model.state import ACCEPTED, AWAITING
from game.session.session import Session
from game.session.transcript import MINOR_REWORK, MINOR_TRUST, first_names

# Longest line a projector shows at the report's font size.
LIMIT = 150  # two lines on the report at projector size; the news strip cuts to fit
# Below this clarity the owner's needs count as unclear: the cause, not the tests, is the story.
UNCLEAR = 0.6
ICONS = {"event": "warning", "rejection": "cross", "escalation": "warning", "rework": "hammer"}
ICONS |= {"signoff": "check", "handover": "hourglass", "favour": "handshake", "complaint": "speech"}


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
    return "?%" if np.isnan(x) else f"{100 * x:.0f}%"


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
        ev, people, per = self.params.events, self.people, self.sc.turn_label
        trust, expect = ev.trust[e], ev.expectation[e]
        fx = dict(zip(PROJECT_EFFECTS, ev.project[e], strict=True))
        # (harm, words): harm > 0 where the effect hurts; clarity is invisible to the player.
        parts = [
            (fx["hype"], f"hype {100 * fx['hype']:+.0f}%"),
            (-fx["sponsor"], f"sponsor support {100 * fx['sponsor']:+.0f}%"),
            (fx["fatigue"], f"fatigue {100 * fx['fatigue']:+.0f}%"),
            (-fx["budget"], f"budget {fx['budget']:+g}"),
            (-fx["capacity"], f"team capacity {fx['capacity']:+g} per {per}"),
            *((x, f"+{x:g} pts of work") for x in ev.scope[e]),
            *((-x, f"{n}'s trust {100 * x:+.0f}%") for n, x in zip(people, trust, strict=True)),
            *(
                (x, f"{n}'s expectations {100 * x:+.0f}%")
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
            text = f"Sponsor support ran out: {self.sc.sponsor.name} cancelled the project"
            out.append(_item("event", text, None, icon="cross"))
        for e in np.flatnonzero(self.log.events[0]):
            event, tone = self.sc.events[e], self.effects(int(e))[1]
            out.append(_item("event", f"{event.title}. {event.text}", None, tone))
        return out

    def unclear(self, k: int, clarity: float) -> str:
        return f"{self.depts[k]}'s needs were unclear (clarity {_pct(clarity)})"

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
        if kind == "rejection":
            clarity, trust = log.acceptance_cause_clarity[0, p], log.decision_trust[0, p]
            # Short, so that the package title keeps most of the line.
            why = f"built at clarity {_pct(clarity)}, trust {_pct(trust)}"
            return f"{name} rejected {{t}}: {found:.1f} pts of defects ({why})", "bad"
        if kind == "signoff":
            note = f", with {found:.1f} pts of known defects" if found >= MINOR_REWORK else ""
            return f"{name} signed off {{t}}{note}", "good"
        if kind == "handover":
            return f"Built and handed over: {{t}}, waiting for {name}'s sign-off", "neutral"
        found, clarity = log.rework_found[0, p], log.rework_cause_clarity[0, p]
        if clarity < UNCLEAR:
            return f"{self.unclear(k, clarity)}: {found:.1f} pts of rework found in {{t}}", "bad"
        built = "" if np.isnan(clarity) else f" (built at clarity {_pct(clarity)})"
        return f"The team found {found:.1f} pts of rework in {{t}}{built}", "neutral"

    def contacts(self) -> list[WeekItem]:
        """What the week's time with people and with the sponsor did, as IT can see it."""
        out, after = [], self.after
        for s in self.asked(Channel.CLARIFY):
            text = f"Workshop with {self.people[s]}: {self.depts[s]}'s needs are clearer now"
            out.append(_item("contact", text, s, "good", "handshake"))
        for s in self.asked(Channel.DEMO):
            seen, expected = _pct(after.seen[0, s]), _pct(after.expectation[0, s])
            text = f"Demo for {self.people[s]}: has now seen {seen} working, expects {expected}"
            out.append(_item("contact", text, s, "good", "handshake"))
        for s in self.asked(Channel.RESET):
            text = f"Honest talk with {self.people[s]}: now expects {_pct(after.expectation[0, s])}"
            out.append(_item("contact", text, s, "neutral", "speech"))
        steering = self.params.action_effect[:, Channel.SPONSOR] > 0
        if self.plan[steering].any():
            moved = f"{_pct(self.before.sponsor[0])} to {_pct(self.log.sponsor[0])}"
            text = f"Steering update for {self.sc.sponsor.name}: sponsor support {moved}"
            out.append(_item("contact", text, None, "good", "handshake"))
        return out

    def escalations(self) -> list[WeekItem]:
        went = f"complained to {self.sc.sponsor.name}: sponsor support fell"
        out = [
            _item("escalation", f"Unhappy with the project, {self.people[s]} {went}", int(s))
            for s in np.flatnonzero(self.log.escalated[0])
        ]
        cost = "trust and the sponsor's patience"
        for s in self.asked(Channel.ESCALATE):
            over = f"You went over {self.people[s]}'s head"
            if self.mine(s, self.before.package_status[0] == AWAITING):
                text = f"{over}: a decision is forced, paid for in {cost}"
            else:
                text = f"{over} with nothing to decide: {cost} spent"
            out.append(_item("escalation", text, s))
        return out

    def favours(self) -> list[WeekItem]:
        out, log, need = [], self.log, _pct(self.params.coef.favour_min_trust)
        for s in self.asked(Channel.FAVOUR):
            name, trust = self.people[s], _pct(log.trust_before[0, s])
            if log.favour_granted[0, s]:
                text = f"{name} trusted you ({trust}) enough for a favour: a quick decision,"
                out.append(_item("favour", f"{text} paid for in trust", s, "good"))
            elif not self.mine(s, self.before.package_status[0] == AWAITING):
                text = f"None of {name}'s packages awaited sign-off: the favour was wasted"
                out.append(_item("favour", text, s))
            else:
                text = f"Too little trust ({trust}, a favour needs {need}): {name} refused"
                out.append(_item("favour", text, s))
        return out

    def complaints(self) -> list[WeekItem]:
        said = self.log.complaint[0]
        fresh = np.flatnonzero((said != NO_COMPLAINT) & (said != self.heard))
        quotes = [(int(s), f'{self.people[s]}: "{COMPLAINTS[said[s]]}."') for s in fresh]
        return [_item("complaint", text, s) for s, text in quotes]

    def trust_cause(self, s: int) -> str:
        """Why stakeholder `s`'s trust moved, from the week's facts (most telling first)."""
        log, rose = self.log, self.log.trust_after[0, s] > self.log.trust_before[0, s]
        causes = [
            (self.mine(s, log.rejected[0]), "After the rejection"),
            (s in self.asked(Channel.ESCALATE), "After you went over their head"),
            (log.favour_granted[0, s], "After calling in a favour"),
            (self.mine(s, log.accepted[0]), "After the sign-off"),
            ((self.params.events.trust[log.events[0], s] != 0).any(), "After this week's news"),
            (log.contacted[0, s] and rose, "After your time with them"),
            (log.contacted[0, s], "Despite your contact"),
        ]
        return next((why for true, why in causes if true), "With no contact from you")

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
            text = f"Out of touch with {names}: you can only guess how they feel about you now"
            out.append(
                _item("trust", text, unknown[0] if len(unknown) == 1 else None, "bad", "clock")
            )
        for (cause, rose), who in groups.items():
            moves = ", ".join(f"{self.people[s]} {self.trust_move(s)}" for s in who)
            text = f"{cause}, trust {'rose' if rose else 'fell'}: {moves}"
            icon, tone = ("arrow_up", "good") if rose else ("arrow_down", "bad")
            out.append(_item("trust", text, who[0] if len(who) == 1 else None, tone, icon))
        return out

    def trust_moved(self) -> list[int]:
        """Stakeholders whose trust moved by MINOR_TRUST or more (less is the weekly drift)."""
        moved = np.abs(self.log.trust_after[0] - self.log.trust_before[0]) >= MINOR_TRUST
        moved &= ~self.after.vague[0]  # IT does not see the trust of people it never meets
        return [int(s) for s in np.flatnonzero(moved)]

    def trust_move(self, s: int) -> str:
        return f"{_pct(self.log.trust_before[0, s])} to {_pct(self.log.trust_after[0, s])}"

    def moves(self) -> list[BarMove]:
        """Trust that moved, then reported progress and sponsor support if they visibly moved.

        Progress is IT's reported figure: the report never shows the true one."""
        log, before = self.log, self.before
        out = [
            BarMove(f"{self.people[s]}'s trust", s, log.trust_before[0, s], log.trust_after[0, s])
            for s in self.trust_moved()
        ]
        progress = BarMove(
            "Reported progress", None, before.reported_progress[0], log.reported_progress[0]
        )
        support = BarMove("Sponsor support", None, before.sponsor[0], log.sponsor[0])
        out += [bar for bar in (progress, support) if _moved(bar.before, bar.after)]
        return [BarMove(b.label, b.stakeholder, float(b.before), float(b.after)) for b in out]

    def progress(self) -> list[WeekItem]:
        before, after = self.before.reported_progress[0], self.log.reported_progress[0]
        arrow = f"reported progress {_pct(before)} to {_pct(after)}"
        if not _moved(before, after):
            return []
        if after > before:
            text = f"{self.log.effort[0].sum():.0f} pts built, {arrow}"
            return [_item("progress", text, None, "neutral", "arrow_up")]
        # Found rework and rejections add work to redo faster than the week built.
        text = f"Found rework put work back on the pile: {arrow}"
        return [_item("progress", text, None, "neutral", "arrow_down")]

    def quiet(self) -> str:
        """What a week without news still says: progress, or what is waiting."""
        log, progress = self.log, [item.text for item in self.progress()]
        waiting = (self.before.package_status[0] == AWAITING) & ~log.accepted[0] & ~log.rejected[0]
        n = int((waiting | log.finished[0]).sum())
        if progress or not n:
            return progress[0] if progress else "nothing was built or decided"
        return f"{n} package{'s' if n > 1 else ''} still wait{'' if n > 1 else 's'} for sign-off"

    def headline(self, items: list[WeekItem]) -> str:
        """The most important news, cause first: a cancellation, then a rejection (the worst
        built one), then an event with what it does, then the first other item."""
        log, rejected = self.log, [int(p) for p in np.flatnonzero(self.log.rejected[0])]
        events = [int(e) for e in np.flatnonzero(log.events[0])]
        if rejected and not log.cancelled[0]:
            p = min(rejected, key=lambda q: log.acceptance_cause_clarity[0, q])
            k, clarity = self.owner[p], log.acceptance_cause_clarity[0, p]
            found = f"Acceptance testing found {log.acceptance_found[0, p]:.1f} pts of defects"
            cause = self.unclear(k, clarity) if clarity < UNCLEAR else found
            if len(rejected) == 1:
                return _fit(f"{cause}: {self.people[k]} rejected {{t}}.", self.titles[p])
            who = " and ".join(dict.fromkeys(self.people[self.owner[q]] for q in rejected))
            return ellipsis(f"{cause}: {who} rejected {len(rejected)} packages.")
        if events and not log.cancelled[0]:
            effects = self.effects(events[0])[0]
            return ellipsis(
                self.sc.events[events[0]].title + (f" — {effects}." if effects else ".")
            )
        first = next((item.text for item in items if item.kind not in ("trust", "progress")), "")
        quiet = self.quiet()
        text = first or f"A quiet {self.sc.turn_label}: {quiet[:1].lower()}{quiet[1:]}"
        return text if text.endswith(("…", ".", '."')) else ellipsis(text + ".")

    def ending(self, session: Session, turn_index: int) -> str:
        """Why the round ended with this turn, or '' if it goes on (cancelling has its own)."""
        last = turn_index == len(session.logs) - 1
        if not (last and session.done) or self.log.cancelled[0]:
            return ""
        if (session.state.status[0] == ACCEPTED).all():
            label = self.sc.turn_label
            return (
                f"Delivered: every package is signed off, in {label} {int(self.log.turn[0]) + 1}."
            )
        return "The last possible week is over: the round ends with what is signed off."


def week_report(session: Session, turn_index: int) -> WeekReport:
    """What happened in the session's turn `turn_index` (0-based) and why.

    Items come by importance (events, rejections, escalations, rework, sign-offs,
    hand-overs, favours, complaints, trust, progress); every text fits LIMIT characters.
    Moves are the bars that visibly moved. A turn played after the game had ended gives
    an empty report that says so.
    """
    week, log = _Week(session, turn_index), session.logs[turn_index]
    turn, deadline = int(log.turn[0]) + 1, session.params.deadline
    late = " (past the deadline)" if turn > deadline else ""
    title = f"{session.scenario.turn_label.capitalize()} {turn} of {deadline}{late}"
    if not log.active[0]:
        return WeekReport(turn, title, "The round is over: nothing more happened.", [], [])
    items = week.events() + week.packages("rejection") + week.escalations()
    items += week.packages("rework") + week.packages("signoff") + week.packages("handover")
    items += week.favours() + week.contacts() + week.complaints()
    items += week.trust() + week.progress()
    ending = week.ending(session, turn_index)
    headline = ending or week.headline(items)
    return WeekReport(turn, title, headline, items, week.moves())
