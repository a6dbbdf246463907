"""The dashboard's screenshots for docs/WORKSHOP.md: six bot teams mid-round, then the
debrief, at 1280×720 and 1920×1080, from a real host and a real headless Chromium.

    .venv/bin/python -m tests.helpers.live_dash_shots [OUT_DIR]   # default docs/screenshots
"""

import sys
import tempfile
import time
from pathlib import Path

from tests.helpers.live_bots import start_bots
from tests.helpers.live_dash import SIZES, browser, open_dashboard, row_names, until
from tests.helpers.live_host import ROOT, start_host, teams

TEAMS = {
    "Blue": "balanced", "Red": "delivery_first", "Green": "relationship_first",
    "Yellow": "balanced", "The Coffee Drinkers": "delivery_first", "Purple": "random",
}  # fmt: skip
NAMES = {"720p": "", "1080p": "-1080p"}


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        host = start_host(Path(folder) / "ws", "--scenario", "crm-rollout", "--turn-timer", "180")
        try:
            with browser() as chromium:
                page = open_dashboard(chromium, host.url, host.token, "1080p")
                bots = start_bots(host.url, host.code, TEAMS, pace=0.4)
                until(lambda: len(row_names(page)) == len(TEAMS), what="the teams")
                page.click("#timer-start")
                until(
                    lambda: all(r["week"] >= 6 or r["finished"] for r in teams(host).values()),
                    timeout=120, what="six weeks played",
                )  # fmt: skip
                page.click("#timer-pause")
                time.sleep(1.5)  # the bots stop; the last push arrives
                page.fill("#message", "Ten minutes to the steering committee!")
                for size, (width, height) in SIZES.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.screenshot(path=str(out / f"dashboard{NAMES[size]}.png"))
                page.click("#end")
                page.click("#end-yes")
                bots.join()
                page.click("#rebuild")  # with the weeks the bots handed in after the end
                page.wait_for_selector("#debrief-frame[src*='/debrief/']", state="attached")
                board = page.frame_locator("#debrief-frame").locator("#leaderboard")
                until(lambda: board.count() and board.is_visible(), timeout=90)
                time.sleep(1.0)
                for size, (width, height) in SIZES.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.screenshot(path=str(out / f"dashboard-debrief{NAMES[size]}.png"))
        finally:
            host.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
