"""Authoring: the generated key reference, `new-scenario`, and the guide's worked example."""

import argparse
import re
import shutil
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from game.cli import new_scenario_cmd
from game.data import SCHEMA_FILE
from game.scenario.coefficients import ModelCoefficients
from game.scenario.loader import load, load_scenario, resolve, shipped_ids
from game.scenario.reference import (
    END,
    START,
    main,
    reference_markdown,
    reference_sections,
    replace_block,
)
from game.scenario.schema import Scenario

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "SCENARIOS.md"
EXAMPLE = ROOT / "docs" / "examples" / "my-workshop.yaml"


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _hand_written() -> str:
    text = _guide()
    return text[: text.index(START)] + text[text.index(END) :]


def _yaml_blocks(heading: str) -> list[str]:
    """The ```yaml blocks of the guide's section that starts with `heading`."""
    text = _guide()
    start = text.index(heading)
    nxt = re.search(r"^#{2,3} ", text[start + len(heading) :], flags=re.M)
    section = text[start : start + len(heading) + nxt.start()] if nxt else text[start:]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)


def _field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key path of `model`, walked independently of the reference module."""
    paths = []
    for name, field in model.model_fields.items():
        key = field.alias or name  # the key a scenario file uses
        path = f"{prefix}.{key}" if prefix else key
        paths.append(path)
        tp = field.annotation
        if type(None) in get_args(tp):  # `X | None`
            tp = next(a for a in get_args(tp) if a is not type(None))
        if get_origin(tp) is list:
            inner = get_args(tp)[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                paths += _field_paths(inner, path + "[]")
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            paths += _field_paths(tp, path)
    return paths


# --- the reference ---------------------------------------------------------------------


def test_the_committed_reference_block_is_the_generated_one():
    text = _guide()
    assert replace_block(text, reference_markdown()) == text, (
        "docs/SCENARIOS.md is out of date: run"
        " python -m game.scenario.reference --write docs/SCENARIOS.md"
    )


def test_every_scenario_key_path_is_in_the_reference():
    block = reference_markdown()
    paths = _field_paths(Scenario)
    assert "stakeholders[].traits.patience" in paths and "model.late_cost" in paths
    assert "events[].trigger.condition.var" in paths
    missing = [p for p in paths if f"| `{p}` |" not in block]
    assert not missing
    rows = [r.path for _, rows in reference_sections() for r in rows]
    assert sorted(rows) == sorted(["extends", *paths])


def test_every_row_has_a_type_a_default_and_a_meaning():
    for _, rows in reference_sections():
        for row in rows:
            assert row.kind and row.default and row.meaning, row


def test_ranges_defaults_and_choices_come_from_the_field_constraints():
    rows = {r.path: r for _, rows in reference_sections() for r in rows}
    assert rows["stakeholders[].traits.patience"].allowed == "0 to 1"
    assert rows["stakeholders[].traits.patience"].default == "`0.5`"
    assert rows["turns"].allowed == "2 to 60" and rows["turns"].default == "**required**"
    assert rows["turns"].kind == "whole number"
    assert rows["difficulty"].allowed == "one of `easy`, `normal`, `hard`"
    assert rows["stakeholders"].allowed == "1 to 12 items"
    assert rows["packages[].size"].allowed == "more than 0; at most 1000"
    assert rows["packages[].clarity"].default == "not set"
    assert rows["id"].kind == "id" and "at most 40 characters" in rows["id"].allowed
    assert "lower-case letter" in rows["id"].allowed
    assert rows["language"].allowed.startswith("a language code")
    assert rows["actions[].effects"].allowed.count("`") == 22  # the eleven channels
    assert "each value 0 to 10" in rows["actions[].effects"].allowed
    assert rows["stakeholders[].preferences"].allowed == "each value 0 to 5"
    assert rows["events[].trigger.manual"].default == "`false`"
    assert rows["scoring.grades"].default == "`{A: 65, B: 50, C: 35, D: 20}`"
    assert rows["model.neglect_ref"].allowed == "1 to 50"
    assert (
        rows["model.late_cost"].meaning == ModelCoefficients.model_fields["late_cost"].description
    )


def test_every_coefficient_is_explained_in_the_hand_written_part():
    text = _hand_written()
    missing = [name for name in ModelCoefficients.model_fields if f"`{name}`" not in text]
    assert not missing


def test_write_regenerates_the_block_in_place(tmp_path, capsys):
    doc = tmp_path / "guide.md"
    doc.write_text(f"# Intro\n\n{START}\nstale\n{END}\n\nAfter.\n", encoding="utf-8")
    assert main(["--write", str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert text == f"# Intro\n\n{reference_markdown()}\nAfter.\n"
    assert main(["--write", str(doc)]) == 0 and doc.read_text(encoding="utf-8") == text
    assert "already up to date" in capsys.readouterr().out
    doc.write_text("no markers here\n", encoding="utf-8")
    assert main(["--write", str(doc)]) == 2
    with pytest.raises(ValueError, match="markers"):
        replace_block(f"{END} before {START}", "x")


# --- new-scenario ----------------------------------------------------------------------


class Failed:
    """A `fail` like main.py's: remembers the message and returns exit status 2."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, message: str) -> int:
        self.messages.append(message)
        return 2


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    new_scenario_cmd.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["new-scenario", *argv])


def _new(*argv: str) -> tuple[int, Failed]:
    fail = Failed()
    return new_scenario_cmd.run(_parse(*argv), fail), fail


@pytest.mark.parametrize("source", shipped_ids())
def test_new_scenario_from_every_shipped_one_validates_and_keeps_it(source, tmp_path):
    out = tmp_path / "mine.yaml"
    status, fail = _new("my-workshop", "--from", source, "--out", str(out))
    assert status == 0, fail.messages
    scenario, _ = load(out)
    original = load_scenario(source)
    assert scenario.id == "my-workshop" and scenario.title == f"{original.title} (copy)"
    same = {"id", "title"}
    assert scenario.model_dump(exclude=same) == original.model_dump(exclude=same)
    text = out.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (out.parent / first.split("=", 1)[1]).resolve() == SCHEMA_FILE.resolve()
    assert text.count("yaml-language-server") == 1
    assert "python run_game.py validate" in text and "python run_game.py balance" in text
    # The source's own comments survive, in order.
    source_text = resolve(source).read_text(encoding="utf-8")
    comments = [
        line
        for line in source_text.splitlines()
        if line.lstrip().startswith("#") and "yaml-language-server" not in line
    ]
    kept = [line for line in text.splitlines() if line in comments]
    assert kept == comments
    # A comment above every section the source has.
    lines = text.splitlines()
    for key, note in new_scenario_cmd.SECTION_NOTES.items():
        if f"\n{key}:" in source_text:
            at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
            block = []
            for line in reversed(lines[:at]):
                if not line.startswith("#"):
                    break
                block.append(line)
            assert note.split()[0] in " ".join(block), key


def test_new_scenario_writes_name_yaml_with_a_relative_schema_path(tmp_path, monkeypatch):
    folder = ROOT / "scenarios"
    assert new_scenario_cmd._schema_ref(folder) == "../docs/scenario.schema.json"
    assert new_scenario_cmd._schema_ref(ROOT) == "docs/scenario.schema.json"
    monkeypatch.chdir(tmp_path)
    status, fail = _new("workshop-2", "--from", "tutorial")
    assert status == 0, fail.messages
    assert load_scenario(tmp_path / "workshop-2.yaml").id == "workshop-2"
    (tmp_path / "sub").mkdir()
    assert _new("other", "--from", "tutorial", "--out", "sub")[0] == 0
    assert (tmp_path / "sub" / "other.yaml").is_file()


@pytest.mark.parametrize("name", ["My Workshop", "My-Workshop", "9lives", "a" * 41, "", "a.b"])
def test_new_scenario_refuses_a_bad_name(name, tmp_path):
    out = tmp_path / "x.yaml"
    status, fail = _new(name, "--from", "tutorial", "--out", str(out))
    assert status == 2 and not out.exists()
    assert len(fail.messages) == 1 and "not a valid scenario id" in fail.messages[0]
    if name == "My Workshop":
        assert "did you mean 'my-workshop'?" in fail.messages[0]


def test_new_scenario_never_overwrites_without_force(tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("precious\n", encoding="utf-8")
    status, fail = _new("mine", "--from", "tutorial", "--out", str(out))
    assert status == 2 and out.read_text(encoding="utf-8") == "precious\n"
    assert fail.messages == [f"{out} already exists: choose another NAME or --out, or add --force"]
    assert _new("mine", "--from", "tutorial", "--out", str(out), "--force")[0] == 0
    assert load_scenario(out).id == "mine"


def test_new_scenario_unknown_source_lists_the_known_ids(tmp_path):
    status, fail = _new("mine", "--from", "crm", "--out", str(tmp_path / "m.yaml"))
    assert status == 2 and "unknown scenario 'crm'" in fail.messages[0]
    assert all(sid in fail.messages[0] for sid in shipped_ids())
    status, fail = _new("mine", "--from", "tutorial", "--out", str(tmp_path / "m.txt"))
    assert status == 2 and "must end in .yaml" in fail.messages[0]
    with pytest.raises(SystemExit):
        _parse("mine")  # --from is required


def test_new_scenario_from_a_file_that_extends_another(tmp_path, monkeypatch):
    folder = tmp_path / "shipped"
    (folder / "base").mkdir(parents=True)
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", folder / "base" / "tutorial.yaml")
    (folder / "child.yaml").write_text(
        "# a child\nextends: base/tutorial.yaml\ntitle: >-\n  A folded\n  title\n"
        "model: {late_cost: 2.0}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ODD_DUCK_SCENARIOS", str(folder))
    out = tmp_path / "elsewhere" / "kid.yaml"
    status, fail = _new("kid", "--from", "child", "--out", str(out))
    assert status == 0, fail.messages
    scenario = load_scenario(out)
    assert scenario.id == "kid" and scenario.title == "A folded title (copy)"
    assert scenario.model.late_cost == 2.0 and "# a child" in out.read_text(encoding="utf-8")


# --- the worked example ----------------------------------------------------------------


def test_the_worked_example_validates_with_its_manual_event():
    scenario, params = load(EXAMPLE)
    assert scenario.id == "my-workshop"
    event = next(e for e in scenario.events if e.id == "cfo-replaced")
    assert event.trigger.manual and event.title == "The CFO is replaced"
    vat = next(p for p in scenario.packages if p.id == "vat-rules")
    assert vat.depends_on == ["erp-link"] and vat.owner == "pieter"
    priya = next(s for s in scenario.stakeholders if s.id == "pieter")
    assert priya.name == "Priya Raman" and priya.traits.patience == 0.4
    assert priya.role == load_scenario("crm-rollout").stakeholders[3].role  # merged, not replaced
    assert scenario.model.clarity_drift == 0.12
    assert params.n_packages == len(load_scenario("crm-rollout").packages) + 1


def test_the_guide_shows_the_example_file_and_its_steps_add_up_to_it(tmp_path):
    (whole,) = _yaml_blocks("### The whole file")
    shipped = EXAMPLE.read_text(encoding="utf-8").splitlines()
    # Only the schema line differs: the guide's file sits next to run_game.py.
    assert whole.splitlines()[0] == "# yaml-language-server: $schema=docs/scenario.schema.json"
    assert whole.splitlines()[1:] == shipped[1:]
    steps = [_yaml_blocks(f"### Step {n}:")[0] for n in range(1, 7)]
    assert yaml.safe_load("\n".join(steps)) == yaml.safe_load(whole)
    first = tmp_path / "my-workshop.yaml"
    first.write_text(steps[0], encoding="utf-8")
    assert len(load_scenario(first).packages) == 13  # step 1 already validates


def test_the_guides_other_examples_validate(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / "my-workshop.yaml")
    variant = _yaml_blocks("### Step 8:")[0]
    (tmp_path / "my-workshop-cfo.yaml").write_text(variant, encoding="utf-8")
    cfo: Any = load_scenario(tmp_path / "my-workshop-cfo.yaml")
    trigger = next(e for e in cfo.events if e.id == "cfo-replaced").trigger
    assert not trigger.manual and trigger.turn == 11
    (german,) = _yaml_blocks("## Writing in another language")
    (tmp_path / "de.yaml").write_text(german, encoding="utf-8")
    assert load_scenario(tmp_path / "de.yaml").language == "de"
