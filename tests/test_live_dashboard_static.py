"""The dashboard's files as shipped: the game's palette, no inline script, nothing from
the network, and the debrief page's policy built from the page itself."""

import re

from game.live.dashboard import STATIC, load_static
from game.live.debrief import page_policy
from game.look import palette as p

CSS_PALETTE = {
    "bg": p.BACKGROUND, "panel": p.PANEL, "card": p.CARD, "card-hi": p.CARD_HIGHLIGHT,
    "edge": p.BORDER, "track": p.TRACK, "ink": p.INK, "dim": p.DIM_TEXT, "accent": p.ACCENT,
    "focus": p.FOCUS, "good": p.GOOD_TEXT, "bad": p.BAD_TEXT, "reported": p.REPORTED,
    "warn": p.WARN,
}  # fmt: skip


def test_the_style_uses_the_game_palette() -> None:
    css = (STATIC / "dashboard.css").read_text(encoding="utf-8")
    found = dict(re.findall(r"--([a-z-]+): (#[0-9a-fA-F]{6})", css))
    assert {k: v.lower() for k, v in found.items()} == {
        k: v.lower() for k, v in CSS_PALETTE.items()
    }
    js = (STATIC / "dashboard.js").read_text(encoding="utf-8")
    assert all(colour in js for colour in p.OKABE_ITO)  # the teams' colours, as the debrief's


def test_the_page_has_no_inline_script_nothing_from_elsewhere_and_no_html_from_data() -> None:
    files = load_static()
    assert set(files) == {"dashboard.html", "dashboard.js", "dashboard.css"}
    page = files["dashboard.html"][0].decode()
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/dashboard.js" defer>']
    assert not re.search(r"\s(style|on[a-z]+)=", page)  # no inline style or handler
    for body, _ in files.values():
        assert b"http://" not in body and b"https://" not in body
    js = files["dashboard.js"][0].decode()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_the_debrief_policy_allows_exactly_the_page_own_inline_parts() -> None:
    page = b'<style>a{}</style><p style="--team:#E69F00">x</p><script>go()</script>'
    policy = page_policy(page)
    assert "'unsafe-inline'" not in policy and "default-src 'none'" in policy
    assert policy.count("'sha256-") == 3
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'none'" in page_policy(b"<p>no script</p>")
