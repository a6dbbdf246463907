"""Broken scenarios get one positioned, hinted message per problem, never a traceback."""

from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load

CRM = (Path(__file__).parents[1] / "scenarios" / "crm-rollout.yaml").read_text(encoding="utf-8")


def _broken(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(path)
    lines = [str(d) for d in info.value.diagnostics]
    for line in lines:
        assert line.startswith(f"{path}:"), line
    return lines


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = CRM.replace("\nstakeholders:", "\nstakeholder:", 1)
    [line] = _broken(tmp_path, text)
    assert f":{_line_of(text, 'stakeholder:')}:1: stakeholder: unknown key" in line
    assert "did you mean 'stakeholders'?" in line


def test_misspelt_nested_key(tmp_path):
    text = CRM.replace("hype_susceptibility", "hype_susceptability", 1)
    lines = _broken(tmp_path, text)
    assert any(
        "traits.hype_susceptability: unknown key" in x and "hype_susceptibility" in x for x in lines
    )


def test_wrong_type_names_the_key_and_the_value(tmp_path):
    text = CRM.replace("turns: 16", "turns: many", 1)
    [line] = _broken(tmp_path, text)
    assert f":{_line_of(text, 'turns: many')}:" in line
    assert "turns: input should be a valid integer" in line and "'many'" in line


def test_out_of_range_value(tmp_path):
    text = CRM.replace("influence: 0.85", "influence: 1.9", 1)
    lines = _broken(tmp_path, text)
    assert any(".influence: input should be less than or equal to 1" in x for x in lines)


def test_bad_reference_lists_the_ids_that_exist(tmp_path):
    text = CRM.replace("owner: pieter", "owner: peter", 1)
    lines = _broken(tmp_path, text)
    assert any(
        "owner: unknown stakeholder 'peter'" in x and "known: dana, lena, omar, pieter" in x
        for x in lines
    )


def test_duplicate_id(tmp_path):
    text = CRM.replace("- id: omar", "- id: dana", 1)
    lines = _broken(tmp_path, text)
    assert any("stakeholders[1].id: duplicate id 'dana'" in x for x in lines)


def test_yaml_syntax_error_points_at_the_line(tmp_path):
    text = CRM.replace("turns: 16", "turns: [16", 1)
    [line] = _broken(tmp_path, text)
    assert "YAML syntax error" in line


def test_empty_file(tmp_path):
    [line] = _broken(tmp_path, "")
    assert ":1:1: the file is empty" in line


def test_duplicate_yaml_key(tmp_path):
    text = CRM.replace("turns: 16", "turns: 16\nturns: 30", 1)
    [line] = _broken(tmp_path, text)
    assert "duplicate key 'turns'" in line


def test_top_level_must_be_a_mapping(tmp_path):
    [line] = _broken(tmp_path, "- just\n- a list\n")
    assert "top level must be a mapping" in line


def test_alias_bombs_are_bounded(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    [line] = _broken(tmp_path, bomb)
    assert "YAML nodes" in line


def test_dependency_cycle(tmp_path):
    text = CRM.replace(
        "  - id: pipeline\n", "  - id: pipeline\n    depends_on: [lead-handover]\n", 1
    )
    lines = _broken(tmp_path, text)
    assert any("dependency cycle" in x for x in lines)


def test_several_problems_are_all_reported(tmp_path):
    text = CRM.replace("owner: pieter", "owner: peter", 1).replace("- id: omar", "- id: dana", 1)
    assert len(_broken(tmp_path, text)) >= 2


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Übergabe\n".encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load(path)


def _extending(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "ext.yaml"
    path.write_text("extends: crm-rollout\nid: ext\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "stakeholders:\n  - id: zoe\n    name: Zoe\n    role: Boss\n    department: HQ\n"
            "    cares_about: Everything.\n",
            "stakeholders[4].id: 'zoe' owns no package",
        ),
        (
            "actions:\n  - id: overtime\n    effects: {overtime: 1.0, quality: 1.0}\n",
            "an overtime action can have no other effect",
        ),
        (
            "events:\n  - id: late\n    title: Too late\n    text: Never.\n"
            "    trigger: {turn: 40}\n",
            "the event can never fire",
        ),
        ("model: {trust_floor: 0.5, ceiling_floor: 0.3}\n", "trust_floor 0.5 is above"),
        ("actions:\n  - id: build\n    effects: {build: .inf}\n", "finite number"),
        ("team: {capacity: 0.5}\n", "team.capacity: input should be greater than or equal to 1"),
        ("title: 1984\n", "title: expected text, but YAML read a number (1984)"),
        ("packages:\n  - id: pipeline\n    owner: danna\n", "did you mean 'dana'?"),
        ("extends: crm-rolout\n", "unknown scenario 'crm-rolout'"),
    ],
)
def test_consistency_problems_are_reported(tmp_path, body, expected):
    path = _extending(tmp_path, body)
    if body.startswith("extends:"):
        path.write_text(body + "id: ext\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(path)
    text = "\n".join(str(d) for d in info.value.diagnostics)
    assert expected in text
    assert all(str(d).startswith(f"{path}:") for d in info.value.diagnostics)


def test_dates_stay_text_and_custom_tags_are_refused(tmp_path):
    scenario, _ = load(_extending(tmp_path, "title: 2025-02-30\n"))
    assert scenario.title == "2025-02-30"
    with pytest.raises(ScenarioError, match="tag '!foo' is not supported"):
        load(_extending(tmp_path, "title: !foo bar\n"))
    with pytest.raises(ScenarioError, match="not a valid int"):
        load(_extending(tmp_path, "turns: !!int abc\n"))


def test_absurd_nesting_and_non_files_are_refused(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="nesting"):
        load(deep)
    with pytest.raises(ScenarioError, match="is a folder"):
        load(tmp_path)
    with pytest.raises(ScenarioError, match="does not exist"):
        load(tmp_path / "nope.yaml")
