"""The facilitator's dashboard in a real headless Chromium (Playwright driving Debian's
/usr/bin/chromium: Playwright's own browser download is not needed), for the live tests."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
SKIP_REASON = "needs Debian's chromium (/usr/bin/chromium): apt-get install chromium; .ci/run does"
SIZES = {"720p": (1280, 720), "1080p": (1920, 1080)}


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium; its pages are strict about the Content-Security-Policy (the
    tests never bypass it, so a blocked script would fail them)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def open_dashboard(chromium: Any, url: str, token: str | None, size: str = "720p") -> Any:
    """A new page on the dashboard, the token in the link's fragment (None: no token)."""
    width, height = SIZES[size]
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.problems = []  # the page's console errors and uncaught exceptions
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.goto(url + "/" + (f"#token={token}" if token is not None else ""))
    return page


def until(check: Callable[[], Any], timeout: float = 15.0, what: str = "") -> Any:
    """Poll `check` until it returns something true; its value. (Playwright's own
    wait_for_function evaluates a string, which the page's policy rightly forbids.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.1)


def row_names(page: Any) -> list[str]:
    return [str(n) for n in page.locator("#rows .name").all_text_contents()]


def overlaps(page: Any, selector: str) -> list[tuple[str, str]]:
    """Pairs of visible elements matching `selector` whose boxes overlap, and anything
    that sticks out of the window sideways (as ('window', element))."""
    boxes = []
    for k, item in enumerate(page.locator(selector).all()):
        box = item.bounding_box() if item.is_visible() else None
        if box and box["width"] > 0 and box["height"] > 0:
            label = f"{k}:{(item.get_attribute('id') or item.text_content() or '')[:30]}"
            boxes.append((label, box))
    width = page.viewport_size["width"]
    bad = [("window", name) for name, b in boxes if b["x"] < 0 or b["x"] + b["width"] > width + 0.5]
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1 :]:
            if (
                p["x"] < q["x"] + q["width"] - 0.5 and q["x"] < p["x"] + p["width"] - 0.5
                and p["y"] < q["y"] + q["height"] - 0.5 and q["y"] < p["y"] + p["height"] - 0.5
            ):  # fmt: skip
                bad.append((a, b))
    return bad
