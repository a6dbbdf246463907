"""The reference team's week, compiled: the built-in policies' rules of thumb for one game
at a time (`builtin.py` says what they are and why; it calls these kernels for N games).

Written as loops over the games, like the model's rules (game/model/compiled.py): a plan
is the same whether a game is planned alone or in a batch of a million, and the same, bit
for bit, as the numpy policy it replaces.
"""

import numpy as np
import numpy.typing as npt

from game.model.compiled import kernel
from game.model.params import owned
from game.model.scalar import clip, minimum, row_sum
from game.model.state import AWAITING, OPEN
from game.policies.allocate import fill_one, greedy_one

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B8 = npt.NDArray[np.bool_]

# The most of its capacity the reference team spends on relationships in one week.
BALANCED_SHARE = 0.35
# Weeks without contact after which the reference team checks in before anything else.
OUT_OF_TOUCH = 3
# Clarity up to which the reference team holds requirements workshops.
TALK_UNTIL = 0.75
# Clarity below which the reference team tests what it built before the owner does.
UNCLEAR = 0.75
# Clarity of buildable work below which the reference team adds quality effort.
QUALITY_BELOW = 0.75
# Sponsor support below which the reference team briefs the sponsor.
BRIEF_BELOW = 0.7
# Weeks before the deadline in which a short overtime sprint may pay.
SPRINT_WEEKS = 3
# Fatigue below which the team may put in a few extra hours in a week with enough to build.
FRESH = 0.15
# A demo's priority among the relationship work (a check-in's is about 2 to 4): ahead of
# routine contact where the week's budget covers a check-in with everyone and a demo
# besides, behind it where it does not (a busy week: keeping everyone in touch comes first).
DEMO_FIRST = 4.0
DEMO_WAITS = 1.0

# The jobs of the catalogue (catalogue.py), in the order of `Jobs`: an action's index, or
# NONE where the scenario has no action for the job.
BUILD, CHECK_IN, WORKSHOP, DEMO, RESET, FAVOUR, ESCALATE = 0, 1, 2, 3, 4, 5, 6
QUALITY, TESTING, OVERTIME, STEERING = 7, 8, 9, 10
NONE = -1

# The candidates of relationship work, each a rule of thumb for one action (`_priority`),
# in the order the team weighs them; FILL_* only where spare points go to contact anyway.
KICKOFF, ABOUT_TO_START, STILL_UNCLEAR, SHOW, TALK_DOWN, ASK_FAVOUR = 0, 1, 2, 3, 4, 5
LAST_RESORT, RETALK, KEEP_IN_TOUCH, FILL_WORKSHOP, FILL_CHECK_IN = 6, 7, 8, 9, 10
CANDIDATE_JOBS = (
    WORKSHOP, WORKSHOP, WORKSHOP, DEMO, RESET, FAVOUR, ESCALATE, WORKSHOP, CHECK_IN,
    WORKSHOP, CHECK_IN,
)  # fmt: skip
CANDIDATES = (
    KICKOFF, ABOUT_TO_START, STILL_UNCLEAR, SHOW, TALK_DOWN, ASK_FAVOUR, LAST_RESORT, RETALK,
    KEEP_IN_TOUCH,
)  # fmt: skip
CANDIDATES_FILL = (*CANDIDATES, FILL_WORKSHOP, FILL_CHECK_IN)

# Per game, the week's numbers the kernels read, in this order (`numbers`).
# The *_COST ones are `Catalogue.cost`s (0 where the scenario has no action for the job).
N_NUMBERS = 12
(LATE_PENALTY, OVERTIME_USES, OVERTIME_PER_USE, BUILD_PER_USE, SKIP, FAVOUR_TRUST, FAIR_WAIT,
 EXTRA_HOURS, EVERYONE_COST, QUALITY_COST, TESTING_COST,
 STEERING_COST) = range(N_NUMBERS)  # fmt: skip


@kernel(
    "void(b1[::1], f8[::1], f8[::1], f8[::1], f8[::1], f8[::1], i8[::1], f8[::1], i8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], b1[:, ::1], i8[:, ::1], f8[:, ::1], i8[:, ::1], f8[:, ::1],"
    " f8[:, ::1], f8[:, ::1], i8[:, ::1], i8[::1], i8[:, ::1], f8[::1], f8[::1], f8[::1],"
    " f8[::1], i8[::1], i8[::1], f8[::1], i8, f8[:, :, ::1])"
)
def relationship_plans(
    done: B8,
    capacity: F64,
    budget: F64,
    hype: F64,
    sponsor: F64,
    fatigue: F64,
    turn: I64,
    reported_progress: F64,
    status: I64,
    reported: F64,
    clarity: F64,
    buildable: B8,
    rejections: I64,
    remaining: F64,
    waiting: I64,
    trust: F64,
    seen: F64,
    expectation: F64,
    since_contact: I64,
    owner: I64,
    slots: I64,
    size: F64,
    sizes: F64,
    hype_susceptibility: F64,
    action_cost: F64,
    jobs: I64,
    candidates: I64,
    numbers: F64,
    deadline: int,
    plan: F64,
) -> None:
    """Every game's week (`builtin._relationship_plan`): relationship work chosen by
    priority within `budget` (N,) points of `capacity` (N,), then quality, testing and
    steering, overtime, and building with the rest, added to `plan` (N, A, T); nothing for
    a game that is `done` (N,): the model ignores its row. (A catalogue without relationship
    actions skips this kernel: `_finish` builds for every game, done or not.)
    `candidates` lists the rules of thumb weighed (KICKOFF...), `jobs` the catalogue's
    actions (BUILD...), `numbers` the scenario's and the policy's numbers (LATE_PENALTY...).
    The rest is the Observation's arrays and the Params'."""
    n, p = status.shape
    s = trust.shape[1]
    k = candidates.shape[0] * s
    priority, cost = np.empty(k), np.empty(k)
    take, order = np.empty(k, dtype=np.bool_), np.empty(max(k, p), dtype=np.int64)
    starting, share, give = np.empty(p, dtype=np.bool_), np.empty(p), np.empty(p)
    amounts = np.empty((4, p))
    kickoff, about_to_start = np.empty(s, dtype=np.bool_), np.empty(s, dtype=np.bool_)
    unclear, next_up, longest = np.empty(s, dtype=np.bool_), np.empty(s), np.empty(s)
    for i in range(candidates.shape[0]):
        for who in range(s):
            cost[i * s + who] = action_cost[jobs[CANDIDATE_JOBS[candidates[i]]]]
    skip = int(numbers[SKIP])
    for g in range(n):
        if done[g]:
            continue
        early = turn[g] < max(2, deadline // 4)
        demo_priority = DEMO_FIRST if budget[g] >= numbers[EVERYONE_COST] else DEMO_WAITS
        _starting(g, status, reported, clarity, buildable, remaining, starting)
        # One pass over the packages for what each owner's packages say ...
        nothing_open = True
        for who in range(s):
            kickoff[who] = about_to_start[who] = unclear[who] = False
            # numpy took the maximum over every package, 0.0 for another's: at least 0.0
            next_up[who], longest[who] = 0.0, 0.0
        for j in range(p):
            who = owner[j]
            is_open = status[g, j] == OPEN
            nothing_open = nothing_open and not is_open
            queue = reported[g, j] + 0.01 * remaining[g, j] if buildable[g, j] else 0.0
            next_up[who] = max(next_up[who], queue)
            vague = is_open and clarity[g, j] < TALK_UNTIL
            kickoff[who] = kickoff[who] or (vague and early)
            about_to_start[who] = about_to_start[who] or starting[j]
            unclear[who] = unclear[who] or (starting[j] and clarity[g, j] < UNCLEAR)
            longest[who] = max(longest[who], float(waiting[g, j]))
            # ... and the amounts summed per stakeholder as `stakeholder_share` sums them
            amounts[0, j] = is_open * size[j]
            amounts[1, j] = reported[g, j] * size[j]
            amounts[2, j] = rejections[g, j] * size[j]
            amounts[3, j] = status[g, j] == AWAITING
        for who in range(s):
            since = float(since_contact[g, who])
            hyped = clip(hype[g] * hype_susceptibility[who], 0.0, 1.0)
            has_open = owned(amounts[0], slots, who) / sizes[who] > 0
            shown = owned(amounts[1], slots, who) / sizes[who]
            rejected = owned(amounts[2], slots, who) / sizes[who] > 0
            awaited = owned(amounts[3], slots, who) > 0
            last_resort = (
                longest[who] >= numbers[FAIR_WAIT]
                and nothing_open
                and trust[g, who] < numbers[FAVOUR_TRUST]
            )
            for i in range(candidates.shape[0]):
                rule = candidates[i]
                value = 0.0
                if rule == KICKOFF and kickoff[who]:
                    value = 5.0 + 0.1 * since + next_up[who]
                elif rule == ABOUT_TO_START and not early and about_to_start[who] and since >= 2:
                    value = 4.5
                elif rule == STILL_UNCLEAR and not early and unclear[who] and since >= 1:
                    value = 4.4
                elif rule == SHOW and shown - seen[g, who] >= 0.2 - 0.1 * hyped:
                    value = demo_priority + shown - seen[g, who]
                elif rule == TALK_DOWN and expectation[g, who] - seen[g, who] > 0.3 - 0.2 * hyped:
                    value = 3.0
                elif rule == ASK_FAVOUR and awaited and trust[g, who] >= numbers[FAVOUR_TRUST]:
                    value = 3.5
                elif rule == LAST_RESORT and last_resort:
                    value = 3.4
                elif rule == RETALK and has_open and not early and (rejected or since >= 4):
                    value = 2.5
                elif rule == KEEP_IN_TOUCH and since >= 1:
                    need = 2.0 + 0.2 * since + 2.0 * (since >= OUT_OF_TOUCH)
                    value = need - 0.5 * trust[g, who]
                elif rule == FILL_WORKSHOP and has_open:
                    value = 0.5
                elif rule == FILL_CHECK_IN:
                    value = 0.4
                priority[i * s + who] = 0.0 if who == skip else value
        greedy_one(priority, cost, budget[g], order, take)
        for i in range(candidates.shape[0]):
            action = jobs[CANDIDATE_JOBS[candidates[i]]]
            for who in range(s):
                plan[g, action, who] += take[i * s + who] * action_cost[action]
        for j in range(k):
            priority[j] = take[j] * cost[j]  # the points spent, summed as numpy sums them
        spent = row_sum(priority)
        spent = spent + _project_care(
            g, capacity[g] - spent, sponsor[g], turn[g], reported_progress[g], status,
            reported, clarity, buildable, action_cost, jobs, numbers, deadline, plan,
        )  # fmt: skip
        extra = _sprint(
            g, capacity[g] - spent, fatigue[g], turn[g], status, buildable, remaining,
            action_cost, jobs, numbers, deadline, plan, share,
        )  # fmt: skip
        finish_one(
            g, capacity[g] - spent + extra, status, buildable, remaining, reported,
            action_cost, jobs, numbers[BUILD_PER_USE], order, give, share, plan,
        )  # fmt: skip


@kernel("void(i8, i8[:, ::1], f8[:, ::1], f8[:, ::1], b1[:, ::1], f8[:, ::1], b1[::1])")
def _starting(
    g: int, status: I64, reported: F64, clarity: F64, buildable: B8, remaining: F64, out: B8
) -> None:
    """Game g's packages about to start (P,): buildable, barely begun, among the three
    first in the build queue (by urgency; on a tie, in package order), needs not clear."""
    p = status.shape[1]
    for j in range(p):
        out[j] = (
            buildable[g, j]
            and reported[g, j] < 0.05
            and status[g, j] == OPEN
            and clarity[g, j] < TALK_UNTIL
        )
        if out[j]:  # its place in the queue: ahead are the more urgent, and equal ones before it
            mine = reported[g, j] + 0.01 * remaining[g, j]
            ahead, q = 0, 0
            while ahead < 3 and q < p:
                other = reported[g, q] + 0.01 * remaining[g, q] if buildable[g, q] else 0.0
                if other > mine or (other == mine and q < j):
                    ahead += 1
                q += 1
            out[j] = ahead < 3


@kernel(
    "f8(i8, f8, f8, i8, f8, i8[:, ::1], f8[:, ::1], f8[:, ::1], b1[:, ::1], f8[::1], i8[::1],"
    " f8[::1], i8, f8[:, :, ::1])"
)
def _project_care(
    g: int,
    left: float,
    sponsor: float,
    turn: int,
    reported_progress: float,
    status: I64,
    reported: F64,
    clarity: F64,
    buildable: B8,
    action_cost: F64,
    jobs: I64,
    numbers: F64,
    deadline: int,
    plan: F64,
) -> float:
    """Quality, testing and steering for game g, where the board calls for them; returns the
    points spent of `left`. Quality effort where the work about to be built is not yet well
    understood and the schedule allows it (the dearer a late week, the less slack the team
    gives up for reviews); testing when work built at low clarity waits for sign-off or is
    being finished; a steering update when the sponsor's support dips."""
    p = status.shape[1]
    building_unclear = finishing_unclear = False
    for j in range(p):
        building_unclear = building_unclear or (buildable[g, j] and clarity[g, j] < QUALITY_BELOW)
        finishing = status[g, j] == AWAITING or (buildable[g, j] and reported[g, j] > 0.5)
        finishing_unclear = finishing_unclear or (clarity[g, j] < UNCLEAR and finishing)
    spent = 0.0
    slack = 0.3 - 4.0 * numbers[LATE_PENALTY]
    on_schedule = reported_progress >= (turn + 1) / deadline - slack
    quality = jobs[QUALITY]
    if left - spent >= 3 + numbers[QUALITY_COST] and on_schedule and building_unclear:
        spent += _use(g, quality, action_cost, plan)
    testing = jobs[TESTING]
    if finishing_unclear and left - spent >= 3 + numbers[TESTING_COST]:
        spent += _use(g, testing, action_cost, plan)
    steering = jobs[STEERING]
    if sponsor < BRIEF_BELOW and left - spent >= 3 + numbers[STEERING_COST]:
        spent += _use(g, steering, action_cost, plan)
    return spent


@kernel("f8(i8, i8, f8[::1], f8[:, :, ::1])")
def _use(g: int, action: int, action_cost: F64, plan: F64) -> float:
    """One use of a project action for game g, if the scenario has it; its points."""
    if action == NONE:
        return 0.0
    plan[g, action, 0] += action_cost[action]
    return float(action_cost[action])


@kernel(
    "f8(i8, f8, f8, i8, i8[:, ::1], b1[:, ::1], f8[:, ::1], f8[::1], i8[::1], f8[::1], i8,"
    " f8[:, :, ::1], f8[::1])"
)
def _sprint(
    g: int,
    build: float,
    fatigue: float,
    turn: int,
    status: I64,
    buildable: B8,
    remaining: F64,
    action_cost: F64,
    jobs: I64,
    numbers: F64,
    deadline: int,
    plan: F64,
    scratch: F64,
) -> float:
    """Overtime for game g, with `build` points to build; returns the extra points. A few
    extra hours (one use) in a week with more buildable work than build points while the
    team is fresh; a short full sprint just before the deadline when the known work left is
    just out of reach and the team is rested. `scratch`: room for one number a package."""
    overtime = jobs[OVERTIME]
    if overtime == NONE:
        return 0.0
    weeks_left = deadline - turn
    per_use, uses = float(numbers[OVERTIME_PER_USE]), float(numbers[OVERTIME_USES])
    p = status.shape[1]
    left = buildable_work = 0.0
    for which in range(2):  # one loop, so that `row_sum` is compiled in once, not twice
        for j in range(p):
            kept = status[g, j] == OPEN if which == 0 else buildable[g, j]
            scratch[j] = remaining[g, j] * kept
        total = row_sum(scratch)
        if which == 0:
            left = total  # the known work left
        else:
            buildable_work = total
    in_reach = left > build * weeks_left and left <= (build + uses * per_use) * weeks_left
    sprint = 1 <= weeks_left <= SPRINT_WEEKS and in_reach and fatigue < 0.3
    fresh = numbers[EXTRA_HOURS] > 0 and weeks_left >= 1 and buildable_work > build
    fresh = fresh and fatigue < FRESH
    used = uses if sprint else (min(1.0, uses) if fresh else 0.0)
    plan[g, overtime, 0] = used * action_cost[overtime]
    return used * per_use


@kernel(
    "void(i8, f8, i8[:, ::1], b1[:, ::1], f8[:, ::1], f8[:, ::1], f8[::1], i8[::1], f8, i8[::1],"
    " f8[::1], f8[::1], f8[:, :, ::1])"
)
def finish_one(
    g: int,
    build_points: float,
    status: I64,
    buildable: B8,
    remaining: F64,
    reported: F64,
    action_cost: F64,
    jobs: I64,
    per_use: float,
    order: I64,
    give: F64,
    urgency: F64,
    plan: F64,
) -> None:
    """Game g's `build_points` into packages in whole uses (`builtin._finish`); what nothing
    can take goes to testing while something is still open. `order`, `give`, `urgency`:
    room for one number a package."""
    p = status.shape[1]
    build = jobs[BUILD]
    cost = action_cost[build]
    for j in range(p):
        urgency[j] = reported[g, j] + 0.01 * remaining[g, j]
    fill_one(
        remaining[g], buildable[g], urgency, np.floor(build_points / cost), per_use, order, give
    )
    anything_open = False
    for j in range(p):
        plan[g, build, j] += give[j] * cost
        anything_open = anything_open or status[g, j] == OPEN
    spare = build_points - row_sum(give) * cost
    testing = jobs[TESTING]
    if testing != NONE:
        cost = action_cost[testing]
        plan[g, testing, 0] += minimum(np.floor(spare / cost), 2.0) * cost * anything_open


@kernel(
    "void(f8[::1], i8[:, ::1], b1[:, ::1], f8[:, ::1], f8[:, ::1], f8[::1], i8[::1], f8,"
    " f8[:, :, ::1])"
)
def finish_all(
    build_points: F64,
    status: I64,
    buildable: B8,
    remaining: F64,
    reported: F64,
    action_cost: F64,
    jobs: I64,
    per_use: float,
    plan: F64,
) -> None:
    """`finish_one` for every game."""
    p = status.shape[1]
    order, give, urgency = np.empty(p, dtype=np.int64), np.empty(p), np.empty(p)
    for g in range(status.shape[0]):
        finish_one(
            g, build_points[g], status, buildable, remaining, reported, action_cost, jobs,
            per_use, order, give, urgency, plan,
        )  # fmt: skip
