"""Print an HTML page to PDF with headless Chromium, where it is installed.

Chromium is found on the PATH (or at Debian's /usr/bin/chromium); without it, or when it
fails, the caller gets the reason in words and keeps the HTML, which any browser prints.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without the networking flags Chromium tries Google's hosts; a workshop room may be offline.
HEADLESS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
)  # fmt: skip
TIMEOUT_S = 120


def find_chromium() -> str | None:
    """The path of a Chromium or Chrome, or None."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def print_pdf(page: Path, pdf: Path) -> str | None:
    """Print `page` into `pdf`; None when it worked, else why not (one line)."""
    browser = find_chromium()
    if browser is None:
        return "Chromium is not installed, so no PDF was made (open the HTML and print it)"
    with tempfile.TemporaryDirectory() as profile:
        try:
            done = subprocess.run(
                [
                    browser,
                    *HEADLESS,
                    f"--user-data-dir={profile}",
                    f"--print-to-pdf={pdf.resolve()}",
                    page.resolve().as_uri(),
                ],
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"Chromium could not print the PDF ({exc}); the HTML is ready to print"
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        return f"Chromium could not print the PDF (exit {done.returncode}); the HTML is ready"
    return None
