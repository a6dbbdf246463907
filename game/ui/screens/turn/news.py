"""The turn screen's news: last week's report as lines, or a first week's welcome."""

from game.i18n import cap, tr
from game.session.session import Session


def last_week_lines(session: Session, turn_name: str) -> list[str]:
    """'Week 3: ...' lines from last week's report, without repeating the headline."""
    if not session.logs:
        return [
            tr("turn.news.first", Label=cap(turn_name), goal=session.scenario.goal),
            tr("turn.news.waiting"),
        ]
    from game.session.week import week_report

    report = week_report(session, len(session.logs) - 1)
    label = cap(turn_name)
    lines = [report.headline]
    for item in report.items:
        if item.text.rstrip(".…") not in (line.rstrip(".…") for line in lines):
            lines.append(item.text)
    return [tr("turn.news.line", Label=label, turn=report.turn, text=line) for line in lines]
