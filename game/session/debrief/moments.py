"""The debrief's key moments: the few things of a round worth talking about, told from the
facts of its turns (game/session/facts.py).

The sentences come from the UI's catalogue (game/i18n, keys "moment.*"), in the language
in effect when they are made.
"""

from collections import Counter
from dataclasses import dataclass

from game.i18n import number, ordinal, percent, tr
from game.model import outcome
from game.model.observe import shown_progress
from game.model.state import ACCEPTED
from game.session.facts import (
    Cause,
    Complaint,
    Rejection,
    ReworkFound,
    SignOff,
    TurnFacts,
    game_facts,
)
from game.session.session import Session
from game.session.transcript import first_names
from game.session.week import complaint_text

BIG_REWORK = 1.0  # points found at once that make a key moment

# How much each kind of moment matters in a debrief.
_WEIGHT = {
    "end": 100, "syndrome": 90, "rejection": 80, "escalation": 70, "forced": 65,
    "event": 60, "complaint": 50, "rework": 40, "acceptance": 30,
}  # fmt: skip
MOMENT_KINDS = tuple(_WEIGHT)  # what a key moment's `kind` may be
# Each repeat of a kind counts for less, so that ten rejections do not hide everything else.
_REPEAT = 15


@dataclass(frozen=True)
class Moment:
    """One thing worth talking about in the debrief."""

    turn: int  # 1-based
    kind: str
    text: str
    stakeholder: int | None


class _Moments:
    """Turns the facts of a round into moments; remembers what was told already, so that
    only the first syndrome, each person's first sign-off and first complaint, and the
    how-many-th rejection of a package are told."""

    def __init__(self, session: Session) -> None:
        sc = session.scenario
        self.sc, self.people, self.packages = sc, first_names(sc), [p.title for p in sc.packages]
        self.departments = [s.department for s in sc.stakeholders]
        self.signed: set[int] = set()
        self.said: set[int] = set()  # who has complained
        self.last_said: dict[int, int] = {}  # each person's latest complaint: why they escalate
        self.rejections = Counter[int]()
        self.syndrome = False

    def turn(self, facts: TurnFacts) -> list[Moment]:
        """The moments of one turn, causes before consequences."""
        t, people = facts.turn, self.people
        out = [Moment(t, "event", self.sc.events[e.event].title, None) for e in facts.events]
        out += [self.rework(t, found) for found in facts.rework if found.found >= BIG_REWORK]
        if facts.syndrome is not None and not self.syndrome:
            self.syndrome = True
            # Reported progress as the top bar shows it: rounded down (playtest 11 saw 91 %
            # there and "IT reported 92%" here).
            reported = percent(float(shown_progress(facts.syndrome.reported)))
            true = percent(facts.syndrome.true)
            text = tr("moment.syndrome", reported=reported, true=true)
            out.append(Moment(t, "syndrome", text, None))
        for forced in facts.forced:
            # With nothing of theirs to sign off, no decision was forced.
            key = "moment.forced" if forced.awaiting else "moment.forced.nothing"
            text = tr(key, name=people[forced.stakeholder])
            out.append(Moment(t, "forced", text, forced.stakeholder))
        out += [self.rejection(t, r) for r in facts.rejections]
        out += [self.signoff(t, ok) for ok in facts.signoffs if ok.owner not in self.signed]
        # A first complaint is always a fresh one: the facts hold only fresh complaints.
        out += [self.complaint(t, c) for c in facts.complaints if c.stakeholder not in self.said]
        for c in facts.complaints:
            self.last_said[c.stakeholder] = c.code
        out += [self.escalation(t, x.stakeholder, x.support) for x in facts.escalations]
        return out

    def escalation(self, t: int, who: int, support: float) -> Moment:
        """A stakeholder went to the sponsor, with what they last said as the reason."""
        name, sponsor = self.people[who], self.sc.sponsor.name
        values = {"name": name, "sponsor": sponsor, "support": percent(support)}
        said = self.last_said.get(who)
        if said is None:
            text = tr("moment.escalation", **values)
        else:
            text = tr("moment.escalation.said", complaint=complaint_text(said), **values)
        return Moment(t, "escalation", text, who)

    def unclear(self, owner: int, clarity: float) -> str:
        """ "Sales' requirements were unclear (clarity 40%)": the report's words for the cause."""
        return tr("week.unclear", department=self.departments[owner], clarity=percent(clarity))

    def rework(self, t: int, found: ReworkFound) -> Moment:
        package, clarity = self.packages[found.package], percent(found.clarity)
        points = number(found.found, 1)
        if found.cause is Cause.UNCLEAR:  # cause first, as the week report tells it
            unclear = self.unclear(found.owner, found.clarity)
            text = tr("week.rework.unclear", unclear=unclear, found=points, t=package)
        else:
            text = tr("moment.rework", found=points, package=package, clarity=clarity)
        return Moment(t, "rework", text, found.owner)

    def rejection(self, t: int, r: Rejection) -> Moment:
        self.rejections[r.package] += 1
        n = self.rejections[r.package]
        again = tr("moment.again", nth=ordinal(n)) if n > 1 else ""
        trust = percent(r.trust)
        if r.cause is Cause.UNCLEAR:
            why = tr(
                "moment.rejection.unclear", unclear=self.unclear(r.owner, r.clarity), trust=trust
            )
        else:
            why = tr("moment.rejection.why", clarity=percent(r.clarity), trust=trust)
        name, package = self.people[r.owner], self.packages[r.package]
        text = tr("moment.rejection", name=name, package=package, again=again, why=why)
        return Moment(t, "rejection", text, r.owner)

    def signoff(self, t: int, ok: SignOff) -> Moment:
        """The first sign-off of `ok`'s owner (the later ones are no longer news)."""
        self.signed.add(ok.owner)
        defects = tr("week.signoff.defects", found=number(ok.known_defects, 1))
        note = defects if ok.with_defects else ""
        name, package = self.people[ok.owner], self.packages[ok.package]
        text = tr("moment.signoff", name=name, package=package, note=note)
        return Moment(t, "acceptance", text, ok.owner)

    def complaint(self, t: int, c: Complaint) -> Moment:
        """The first complaint of `c`'s stakeholder."""
        self.said.add(c.stakeholder)
        said = complaint_text(c.code)
        text = tr("moment.complaint", name=self.people[c.stakeholder], complaint=said)
        return Moment(t, "complaint", text, c.stakeholder)


def _candidates(session: Session) -> list[Moment]:
    """Every moment of the game in turn order; inside a turn, causes before consequences."""
    moments = _Moments(session)
    facts = game_facts(session.params, session.logs, session.plans, session.observations)
    out = [moment for turn in facts for moment in moments.turn(turn)]
    if session.done and session.logs:
        out.append(Moment(session.turn, "end", _ending(session), None))
    return out


def _ending(session: Session) -> str:
    result = outcome(session.state, session.params)
    grade = session.params.scoring.grade_name(result.grade[0])
    if result.cancelled[0]:
        why = tr("moment.end.cancelled", sponsor=session.scenario.sponsor.name)
    elif (session.state.status[0] == ACCEPTED).all():
        why = tr("moment.end.delivered")
    else:
        why = tr("moment.end.time")
    return tr("moment.end", why=why, score=number(result.score[0], 0), grade=grade)


def key_moments(session: Session, limit: int = 12) -> list[Moment]:
    """At most `limit` of the most important moments, sorted by turn (cause first within one).

    Importance is the kind's weight, less for each repeat of the same kind, so that the
    debrief shows different kinds of lesson before it shows the same one twice.
    """
    seen: dict[str, int] = {}
    ranked = []
    for index, moment in enumerate(_candidates(session)):
        repeat = seen.get(moment.kind, 0)
        seen[moment.kind] = repeat + 1
        ranked.append((-(_WEIGHT[moment.kind] - _REPEAT * repeat), index, moment))
    kept = sorted(ranked)[: max(limit, 0)]
    kept.sort(key=lambda r: (r[2].turn, r[1]))  # candidates come cause first in a turn
    return [moment for _, _, moment in kept]
