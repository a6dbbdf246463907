"""The turn screen's news: last week's report as lines, or a first week's welcome."""

from game.i18n import cap, tr
from game.session.session import Session


def last_week_lines(session: Session, turn_name: str) -> list[str]:
    """'Week 3: ...' lines from last week's report, each story once: the headline with the
    item it sums up (an event's title, effects and text, as one line), then the rest."""
    if not session.logs:
        return [
            tr("turn.news.first", Label=cap(turn_name), goal=session.scenario.goal),
            tr("turn.news.waiting"),
        ]
    from game.session.week import week_report

    report = week_report(session, len(session.logs) - 1)
    label = cap(turn_name)
    lines = [report.news or report.headline]
    told = {report.headline.rstrip(".…"), lines[0].rstrip(".…")}
    for k, item in enumerate(report.items):
        text = item.text.rstrip(".…")
        if k != report.told and text not in told:
            lines.append(item.text)
            told.add(text)
    return [tr("turn.news.line", Label=label, turn=report.turn, text=line) for line in lines]
