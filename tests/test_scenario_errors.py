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
    text = CRM.replace("turns: 24", "turns: many", 1)
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
    text = CRM.replace("turns: 24", "turns: [24", 1)
    [line] = _broken(tmp_path, text)
    assert "YAML syntax error" in line


def test_empty_file(tmp_path):
    [line] = _broken(tmp_path, "")
    assert ":1:1: the file is empty" in line


def test_duplicate_yaml_key(tmp_path):
    text = CRM.replace("turns: 24", "turns: 24\nturns: 30", 1)
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
