"""The facilitator's side of a workshop: every team's result compared on one page.

`team_charts` draws the overlay charts (PNG files, or RGBA bytes for a pygame viewer);
`report_html` writes the static, offline HTML report. Headless: no pygame here.
"""
