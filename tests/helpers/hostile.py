"""Scenario text that tries to break out of a page: every page that shows scenario text
escapes it (the preview, the handout, the seeds page)."""

from pathlib import Path

ROOT = Path(__file__).parents[2]
HOSTILE = sorted((ROOT / "tests" / "hostile" / "scenarios").glob("*.yaml"))
SCRIPT = "<script>alert(1)</script>"


def hostile_scenario(folder: Path) -> Path:
    """A valid scenario whose every kind of text tries to break out of the page."""
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    text = text.replace('title: "Room 3 Is Taken (Again)"', f'title: "Room 3 {SCRIPT} & co"')
    text = text.replace("name: Marta Kowalski", 'name: "Marta </svg><b>Kowalski"')
    text = text.replace("title: Room overview and booking", 'title: "Rooms <img src=x> \\"&"')
    text = text.replace('title: "The office next door has an app"', f'title: "App {SCRIPT}"')
    path = folder / "hostile.yaml"
    path.write_text(text.replace("id: tutorial", "id: hostile-page"), encoding="utf-8")
    return path
