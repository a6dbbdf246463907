"""The week report and the debrief say where a package's figures came from (issue 10, the
eighth playtest's leftovers).

A package handed over with a little known work left says that the done threshold let it
go, untested; the exact figure the model kept as hidden rework is the one told.
"""

import re

import numpy as np

from game.session.debrief.eyes import through_their_eyes
from game.session.week import week_report
from tests.helpers.sessions import round_of


def test_a_handover_with_work_left_says_the_rest_went_along_untested() -> None:
    # Playtest 8: the board showed 0.2 to go and the package was handed over without a
    # point put into it; nothing said why.
    told = 0
    for seed in range(1, 9):
        session = round_of("crm-rollout", "balanced", seed)
        threshold = session.params.coef.done_threshold
        for week, log in enumerate(session.logs):
            left = log.left_at_handover[0]
            assert (left <= threshold * session.params.size + 1e-12).all()
            assert (left[~log.finished[0]] == 0).all()
            texts = [item.text for item in week_report(session, week).items]
            for p in np.flatnonzero(log.finished[0]):
                title = session.scenario.packages[p].title
                [line] = [t for t in texts if t.startswith("Built and handed over") and title in t]
                if round(float(left[p]), 1) > 0:
                    assert f"its last {left[p]:.1f} pts were close enough" in line, line
                    assert "no more than 4% of its size" in line and "untested" in line
                    told += 1
                else:
                    assert "close enough" not in line, line
    assert told


def test_a_mood_moved_by_two_things_names_them_apart() -> None:
    # Playtest 8 read "trust 60% to 52%; more friction: their people met …" as the
    # friction explaining the trust: two terms of the rule, each its own cause.
    two = one = 0
    for seed in range(1, 6):
        for policy in ("balanced", "delivery_first"):
            session = round_of("crm-rollout", policy, seed)
            for week in range(len(session.logs)):
                for item in week_report(session, week).items:
                    if item.kind != "mood" or "looks" not in item.text:
                        continue
                    assert "friction:" not in item.text, item.text
                    if "Two things moved it: " in item.text:
                        first, second = item.text.split("Two things moved it: ")[1].split("; and ")
                        assert first and second, item.text
                        two += 1
                    elif "): " in item.text:
                        one += 1
    assert two and one


def test_a_rejection_and_the_teams_finds_in_one_package_each_tell_their_own_redo() -> None:
    # Playtest 9: "Pieter rejected …: 3.0 pts of work back to redo" and "The team found 0.6
    # pts of rework in …: 3.0 pts of work back to redo" in one week; the board grew by 3.
    both = 0
    for seed in range(1, 40):
        session = round_of("crm-rollout", "delivery_first", seed)
        for week, log in enumerate(session.logs):
            rejected = log.rejected[0] & (log.rework_found[0] >= 0.25)
            for p in np.flatnonzero(rejected):
                title = session.scenario.packages[p].title
                lines = [i.text for i in week_report(session, week).items if title in i.text]
                redo = [
                    float(m) for t in lines for m in re.findall(r"([\d.]+) pts of work back", t)
                ]
                total = float(log.redo_added[0, p])
                assert abs(sum(redo) - total) <= 0.1 * len(redo) + 1e-9, (lines, total)
                both += 1
        if both >= 2:
            return
    assert both


def test_small_finds_are_told_in_one_line_so_the_report_counts_every_find() -> None:
    # Playtest 9: 0.3 pts to redo on the board that no report had named (finds under
    # 0.25 pts a package had no line).
    told = 0
    for seed in range(1, 6):
        session = round_of("crm-rollout", "balanced", seed)
        for week, log in enumerate(session.logs):
            found = log.rework_found[0]
            small = (found > 0) & (found < 0.25)
            lines = [i.text for i in week_report(session, week).items]
            minor = [t for t in lines if t.startswith("Small finds: ")]
            if round(float(found[small].sum()), 1) == 0:
                assert not minor
                continue
            [line] = minor
            assert f"{found[small].sum():.1f} pts of rework in " in line
            n = int(small.sum())
            # "more" only beside the week's other rework lines (playtest 10).
            others = any(t.startswith(("The team found", "Requirements")) for t in lines) or any(
                "pts of rework found in" in t for t in lines
            )
            more = "more " if others else ""
            assert (f"in {n} {more}packages" if n > 1 else f"in 1 {more}package") in line, line
            told += 1
    assert told


def test_their_eyes_tell_every_trust_move_the_week_report_shows() -> None:
    # Playtest 9: the report said "Pieter 58% to 56%", their eyes only "My trust in IT: 56%."
    session = round_of("crm-rollout", "balanced", 42)
    told = 0
    for s, eyes in enumerate(through_their_eyes(session)):
        for week in eyes.weeks:
            moved = f"{week.trust_before:.0%}" != f"{week.trust:.0%}"
            assert (week.trust_cause is not None) == moved, (s, week.turn)
            told += moved
    assert told


def test_hype_is_on_what_moved_with_what_moved_it() -> None:
    # Playtest 9: the top bar's hype meter moved and nothing said by how much or why.
    session = round_of("ai-hype", "balanced", 3)
    rose = fell = 0
    for week, log in enumerate(session.logs):
        before = session.observations[week].hype[0]
        moves = [m for m in week_report(session, week).moves if m.label == "Hype"]
        if f"{before:.0%}" == f"{log.hype[0]:.0%}":
            assert not moves
            continue
        [move] = moves
        assert (move.before, move.after) == (before, log.hype[0])
        if log.hype[0] > before:
            assert "event" in move.why
            rose += 1
        else:
            assert move.why.endswith("fades by itself")
            fell += 1
    assert rose and fell


def test_an_honest_talk_with_nothing_to_trim_agrees_with_what_they_have_seen() -> None:
    # Playtest 10: "Demo for Pieter: has now seen 85% working, expects 76%" and below it
    # "Honest talk with Pieter: … they have not seen it working yet … (76% to 76%: …)".
    already = short = 0
    for seed in range(1, 30):
        session = round_of("ai-hype", "balanced", seed)
        people = [p.short_name for p in session.scenario.stakeholders]
        for week in range(len(session.logs)):
            after = (
                session.observations[week + 1]
                if week + 1 < len(session.observations)
                else session.observe()
            )
            seen, expects = after.seen[0], after.expectation[0]
            for line in (i.text for i in week_report(session, week).items):
                if not (line.startswith("Honest talk") and "nothing to trim" in line):
                    continue
                s = next(k for k, name in enumerate(people) if f"with {name}:" in line)
                for a, b in re.findall(r"(\d+%) to (\d+%)", line):
                    assert a != b, line  # no change told where there was none
                if seen[s] >= expects[s] or f"{seen[s]:.0%}" == f"{expects[s]:.0%}":
                    assert "already seen" in line and "demo" not in line, line
                    already += 1
                else:
                    assert "a demo would show them the rest" in line, line
                    short += 1
        if already and short:
            return
    raise AssertionError(f"cases not met: {already} already seen, {short} not yet")


def test_news_that_cost_trust_in_a_week_it_rose_says_so_the_right_way_round() -> None:
    # Playtest 10: "The board meets a client in Room 3 — Marta's trust 56% to 59% (-5% from
    # this news)" read as the bad news raising her trust.
    from game.session.week import _Week

    for seed in range(1, 40):
        session = round_of("tutorial", "relationship_first", seed)
        trust = session.params.events.trust
        for week, log in enumerate(session.logs):
            for e in np.flatnonzero(log.events[0]):
                for s in np.flatnonzero(trust[e]):
                    rose = log.trust_after[0, s] - log.trust_before[0, s]
                    before, after = log.trust_before[0, s], log.trust_after[0, s]
                    if rose * trust[e, s] >= 0 or f"{before:.0%}" == f"{after:.0%}":
                        continue
                    effects = _Week(session, week).effects(int(e))[0]
                    assert "all the same" in effects, effects
                    return
    raise AssertionError("no news that went against the week's trust move")
