"""Through their eyes, in their words: one stakeholder's weeks as first-person lines
(and as the HTML the screen's text box shows)."""

import html
from collections.abc import Callable

from game.i18n import cap, number, percent, percents_apart, tr, trn, turn_word
from game.model.observe import as_said
from game.model.rules.relationships import TrustTerm
from game.scenario.schema import Scenario
from game.session.debrief.eyes import (
    Decision,
    DecisionCause,
    DecisionKind,
    Eyes,
    EyesWeek,
    Said,
)
from game.session.week import complaint_text
from game.ui.theme import (
    ACCENT,
    BAD,
    GOOD,
    INK,
    MUTED,
    Colour,
)
from game.ui.widgets.stakeholder_card import mood_name

# Why their trust moved (the model's rules.relationships.TrustTerm), in their words.
CAUSE_KEYS = {
    TrustTerm.NEWS: "eyes.cause.news",
    TrustTerm.CONTACT: "eyes.cause.contact",
    TrustTerm.NEGLECT: "eyes.cause.neglect",
    TrustTerm.UNMET: "eyes.cause.unmet",
    TrustTerm.FAVOUR: "eyes.cause.favour",
    TrustTerm.ESCALATION: "eyes.cause.escalation",
    TrustTerm.WITNESSED: "eyes.cause.witnessed",
    TrustTerm.RESET: "eyes.cause.reset",
    TrustTerm.REJECTION: "eyes.cause.rejection",
    TrustTerm.SIGNOFF: "eyes.cause.signoff",
}
DECISION_KEYS = {
    DecisionCause.OWN: "eyes.signoff.own",
    DecisionCause.FAVOUR: "eyes.signoff.favour",
    DecisionCause.FORCED: "eyes.signoff.forced",
    DecisionCause.FORCED_FAIR: "eyes.signoff.forced.fair",
    DecisionCause.UNCLEAR: "eyes.rejection.unclear",
    DecisionCause.DEFECTS: "eyes.rejection.defects",
    DecisionCause.UNHAPPY: "eyes.escalation",
    DecisionCause.TRUSTED: "eyes.favour.trusted",
    DecisionCause.EXPERT: "eyes.favour.expert",
    DecisionCause.TOO_LITTLE_TRUST: "eyes.favour.refused",
}
DECISION_TONE = {
    DecisionKind.SIGNOFF: GOOD,
    DecisionKind.REJECTION: BAD,
    DecisionKind.ESCALATION: BAD,
    DecisionKind.FAVOUR: INK,
}


def _hex(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


class Words:
    """First-person sentences for one round's stakeholders, in the current language."""

    def __init__(self, scenario: Scenario, need: float) -> None:
        self.sc, self.need = scenario, need
        self.label = scenario.turn_label
        self.titles = [p.title for p in scenario.packages]

    def weeks(self, n: int) -> str:
        return turn_word(self.label, many=n != 1)

    def week(self, w: EyesWeek) -> list[tuple[str, Colour]]:
        """The week's lines, each with its colour: what they saw, whom they met, what they
        said, what they decided, where their trust went."""
        # The share seen as they say it, as the week report and IT's cards have it.
        seen = percent(float(as_said(w.seen)))
        lines = [(tr("eyes.expected", expected=percent(w.expected), seen=seen), INK)]
        lines += [(tr("eyes.event", title=self.sc.events[e].title), MUTED) for e in w.events]
        talks = [c.label for c in w.contacts if not c.over_my_head]
        if talks:
            lines.append((tr("eyes.talked", actions=", ".join(talks)), GOOD))
        else:
            n = w.since_contact
            lines.append((trn("eyes.silent", n, label=self.weeks(n)), BAD))
        if any(c.over_my_head for c in w.contacts):
            key = "eyes.overruled.fair" if w.fair_escalation else "eyes.overruled"
            lines.append(
                (tr(key, sponsor=self.sc.sponsor.name), MUTED if w.fair_escalation else BAD)
            )
        if w.said is not None:
            lines.append((self.said(w.said), BAD))
        # A favour that bought a sign-off is told once, by the sign-off.
        bought = any(d.cause is DecisionCause.FAVOUR for d in w.decisions)
        told = [d for d in w.decisions if not (bought and d.cause is DecisionCause.TRUSTED)]
        # A favour granted with no decision that week says so (playtest 7: "enough to say
        # yes" beside a week report that said they had not decided yet).
        decided = any(d.kind in (DecisionKind.SIGNOFF, DecisionKind.REJECTION) for d in told)
        for d in told:
            text = self.decision(d)
            if d.cause is DecisionCause.TRUSTED and not decided:
                text = tr("eyes.favour.undecided", trust=percents_apart(d.trust, self.need)[0])
            lines.append((text, DECISION_TONE[d.kind]))
        lines.append((self.trust(w), INK))
        if w.vague and percent(w.it_trust) != percent(w.trust):
            lines.append((tr("eyes.it_saw", trust=percent(w.it_trust)), MUTED))
        return lines

    def said(self, said: Said) -> str:
        key = "eyes.said" if said.fresh else "eyes.said.again"
        return tr(key, complaint=complaint_text(said.code), because=self.because(said))

    def because(self, said: Said) -> str:
        """The state of the model behind the complaint, in their words."""
        if said.code == 0:
            n = said.since_contact
            return tr("eyes.because.distance", n=n, label=self.weeks(n))
        if said.code == 1:
            parts = []
            if said.rejections:
                parts.append(trn("eyes.because.rejected", said.rejections))
            if said.unclearest == said.unclearest:  # NaN when nothing of theirs is open
                parts.append(tr("eyes.because.unclear", clarity=percent(said.unclearest)))
            return "; ".join(parts)
        if said.code == 2:
            # Friction comes from force and from defects they met: name the ones that
            # happened (a playtest read "their force" in a round without an escalation).
            friction = percent(said.friction)
            parts = []
            if said.overruled:
                parts.append(trn("eyes.because.overruled", said.overruled))
            if number(said.defects, 1) != number(0.0, 1):
                parts.append(tr("eyes.because.defects", points=number(said.defects, 1)))
            if not parts:
                return tr("eyes.because.friction", friction=friction)
            return tr("eyes.because.friction.from", causes="; ".join(parts), friction=friction)
        seen = percent(float(as_said(said.seen)))
        return tr("eyes.because.late", expected=percent(said.expected), seen=seen)

    def decision(self, d: Decision) -> str:
        package = self.titles[d.package] if d.package is not None else ""
        trust, need = percents_apart(d.trust, self.need)  # "45%, needs 45%": decimals
        text = tr(
            DECISION_KEYS[d.cause],
            package=package,
            trust=trust,
            found=number(d.found, 1),
            clarity=percent(d.clarity) if d.clarity == d.clarity else "?",
            sponsor=self.sc.sponsor.name,
            satisfaction=percent(d.satisfaction) if d.satisfaction == d.satisfaction else "?",
            need=need,
        )
        if d.kind is DecisionKind.SIGNOFF and number(d.found, 1) != number(0.0, 1):
            text += " " + tr("eyes.signoff.defects", found=number(d.found, 1))
        return text

    def trust(self, w: EyesWeek) -> str:
        if w.trust_cause is None:
            return tr("eyes.trust.same", trust=percent(w.trust))
        change = tr("week.change", before=percent(w.trust_before), after=percent(w.trust))
        return tr("eyes.trust", change=change, cause=tr(CAUSE_KEYS[w.trust_cause]))

    def summary(self, eyes: Eyes) -> str:
        weeks = len(eyes.weeks)
        talked = sum(w.talked for w in eyes.weeks)
        complained = sum(w.said is not None for w in eyes.weeks)
        # "IT never talked to me" rather than "IT talked to me in 0".
        if talked:
            talked_clause = tr("eyes.summary.talked", n=talked)
        else:
            talked_clause = tr("eyes.summary.talked.never")
        if complained:
            complained_clause = tr("eyes.summary.complained", n=complained)
        else:
            complained_clause = tr("eyes.summary.complained.never")
        return tr(
            "eyes.summary",
            weeks=weeks,
            label=self.weeks(weeks),
            talked=talked_clause,
            complained=complained_clause,
        )

    def html(self, eyes: Eyes, wrap: Callable[[str], list[str]] | None = None) -> str:
        """The whole round as the text box's HTML, oldest week first; `wrap`, if given,
        breaks each sentence into the lines it is shown on (see EyesScreen)."""
        if not eyes.weeks:
            return html.escape(tr("eyes.none", label=self.weeks(2)))
        label, blocks = cap(turn_word(self.label)), []
        for w in eyes.weeks:
            head = tr("eyes.mood", Label=label, turn=w.turn, mood=mood_name(w.mood))
            lines = [f"<font color='{_hex(ACCENT)}'><b>{html.escape(head)}</b></font>"]
            lines += [
                f"<font color='{_hex(colour)}'>{html.escape(line)}</font>"
                for text, colour in self.week(w)
                for line in (wrap(text) if wrap else [text])
            ]
            blocks.append("<br>".join(lines))
        return "<br><br>".join(blocks)
