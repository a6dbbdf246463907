"""`validate` on a facilitator's first draft: each typical mistake (one file under
tests/fixtures/facilitator/) gets a message that names the file, the line and the key,
and says how to fix it. Errors exit with 2; warnings are printed and the file is valid."""

from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.loader import load_scenario, load_with_warnings, scenario_digest, shipped_ids

FIXTURES = Path(__file__).parent / "fixtures" / "facilitator"


def _validate(name: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """(exit status, the problem lines on stderr, stdout) of `validate FIXTURE`."""
    status = main(["validate", str(FIXTURES / name)])
    out, err = capsys.readouterr()
    return status, err.splitlines(), out


def _one(lines: list[str], name: str, line: int) -> str:
    """The single problem line, checked to start with the file and line it is about."""
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{FIXTURES / name}:{line}:"), lines[0]
    return lines[0]


def test_the_base_draft_validates_with_no_warning(capsys):
    status, lines, out = _validate("base.yaml", capsys)
    assert status == 0 and lines == []
    assert out.strip().endswith("10 turns)")


# --- errors: the file does not load, exit status 2 ----------------------------------------


def test_a_tab_says_replace_it_with_spaces(capsys):
    status, lines, _ = _validate("tab.yaml", capsys)
    line = _one(lines, "tab.yaml", 5)
    assert status == 2
    assert "line 5 contains a tab" in line and "replace the tab with spaces" in line
    assert "cannot start any token" not in line


def test_bad_indentation_is_said_in_plain_words_with_its_line(capsys):
    status, lines, _ = _validate("bad_indent.yaml", capsys)
    line = _one(lines, "bad_indent.yaml", 6)
    assert status == 2
    assert "line 6 is indented differently from the lines above it" in line
    assert "give line 6 exactly as many spaces" in line
    assert "<block" not in line


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: b: c\n", ["contains ': '", 'put the text in quotes: a: "b: c"']),
        ("a:\n  b: 1\n    c: 2\n", ["line 3 is indented further", "indent line 3"]),
        ('a: "open\n', ["starts on line 1 is never closed", "same quote mark"]),
        ("a: [1, 2\nb: 3\n", ["'[' on line 1 is not closed", "close it with ']'"]),
    ],
)
def test_other_syntax_errors_are_said_in_plain_words(text, words, tmp_path, capsys):
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words), err
    assert "<" not in err.replace("<stream", "")  # none of PyYAML's '<block end>' tokens


def test_manual_with_a_turn_is_an_error_that_says_which_to_remove(capsys):
    status, lines, _ = _validate("manual_with_turn.yaml", capsys)
    assert status == 2
    manual = next(x for x in lines if ".trigger.manual:" in x)
    assert manual.startswith(f"{FIXTURES / 'manual_with_turn.yaml'}:7:")
    assert "events[1].trigger.manual: a manual event ignores its 'turn:'" in manual
    assert "remove 'turn:', or remove 'manual:' to fire it by turn" in manual
    assert "'turn: null'" in manual


@pytest.mark.parametrize(
    ("name", "line", "fix"),
    [
        ("patience_50.yaml", 5, "write 0.5 for 50 %"),
        ("patience_percent.yaml", 5, "write 0.7: shares go from 0 to 1"),
        ("patience_decimal_comma.yaml", 6, "write 0.6: use a decimal point, not a comma"),
        ("decimal_comma_braces.yaml", 5, "write patience: 0.6: use a decimal point"),
    ],
)
def test_a_share_written_as_people_write_it_elsewhere_gets_the_number_to_write(
    name, line, fix, capsys
):
    status, lines, _ = _validate(name, capsys)
    message = _one(lines, name, line)
    assert status == 2
    assert "stakeholders[0].traits." in message and fix in message


def test_a_percent_on_a_number_that_is_not_a_share_just_drops_the_sign(tmp_path, capsys):
    path = tmp_path / "draft.yaml"
    path.write_text(
        f"extends: {FIXTURES / 'base.yaml'}\nteam: {{capacity: 80%}}\n", encoding="utf-8"
    )
    assert main(["validate", str(path)]) == 2
    assert "write 80, without '%'" in capsys.readouterr().err


def test_a_missing_catalogue_says_there_is_no_default_and_where_to_copy_one(capsys):
    status, lines, _ = _validate("no_actions.yaml", capsys)
    message = _one(lines, "no_actions.yaml", 1)
    assert status == 2
    assert "actions: required key is missing: there is no default action catalogue" in message
    assert "copy the 'actions:' section" in message and "crm-rollout.yaml" in message
    assert "new-scenario NAME --from crm-rollout" in message


# --- warnings: the file is valid (exit 0) and the warning says how to fix it -------------


def _warned(name: str, line: int, capsys: pytest.CaptureFixture[str]) -> str:
    status, lines, out = _validate(name, capsys)
    assert status == 0, lines
    assert "1 warning)" in out
    message = _one(lines, name, line)
    assert f"{FIXTURES / name}:{line}:" in message and ": warning: " in message
    return message


def test_text_after_a_hash_in_an_unquoted_title_is_a_warning_suggesting_quotes(capsys):
    message = _warned("title_comment.yaml", 3, capsys)
    assert "title: the text ends before ' #'" in message
    assert "the game shows only 'Ward 3'" in message
    assert 'put the whole text in quotes: title: "Ward 3 #2 rollout"' in message


def test_a_hash_comment_after_an_id_or_a_number_is_no_warning(tmp_path, capsys):
    path = tmp_path / "draft.yaml"
    path.write_text(
        f"extends: {FIXTURES / 'base.yaml'}\nturns: 10  # two weeks of slack\n"
        "title: 'Ward 3 #2'  # quoted: kept whole\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_a_character_the_font_cannot_draw_is_named_in_a_warning(capsys):
    message = _warned("emoji.yaml", 3, capsys)
    assert "summary: the game's font cannot draw '🚀' (U+1F680 ROCKET)" in message
    assert "empty box" in message and "delete it or say it in words" in message


def test_titles_are_skipped_in_the_short_name_and_short_name_can_be_set():
    scenario = load_scenario(FIXTURES / "title_in_name.yaml")
    names = {s.id: s.short_name for s in scenario.stakeholders}
    assert names == {"anna": "Anna", "lukas": "Lukas", "pharmacy": "Jan"}


def test_two_people_with_one_short_name_are_a_warning_suggesting_a_short_name(capsys):
    message = _warned("shared_short_name.yaml", 5, capsys)
    assert "stakeholders[2].name: Anna Schulz and Anna Berg would both be called 'Anna'" in message
    assert "add a short_name to one of them, e.g. short_name: Schulz" in message


def test_a_text_naming_a_person_of_another_scenario_is_a_warning(capsys):
    message = _warned("leftover_names.yaml", 3, capsys)
    assert "goal: the text names Dana and Omar, who are not in this scenario" in message
    assert "crm-rollout" in message and "this scenario's people: Anna, Lukas" in message


def test_warnings_do_not_fail_validate_but_errors_in_another_file_do(capsys):
    ok = str(FIXTURES / "emoji.yaml")
    assert main(["validate", ok]) == 0
    assert main(["validate", ok, str(FIXTURES / "tab.yaml")]) == 2
    capsys.readouterr()


@pytest.mark.parametrize("sid", shipped_ids())
def test_shipped_scenarios_have_no_warning_and_keep_their_digest(sid):
    scenario, warnings = load_with_warnings(sid)
    assert warnings == []
    # An unset short_name is left out of the dump, so digests (saves, results) are as before.
    assert "short_name" not in scenario.model_dump_json()
    assert scenario_digest(scenario) == scenario_digest(load_scenario(sid))


def test_a_set_short_name_survives_a_save_round_trip():
    scenario = load_scenario(FIXTURES / "title_in_name.yaml")
    again = type(scenario).model_validate(scenario.model_dump(mode="json"))
    assert again.stakeholders[2].short_name == "Jan"
    assert scenario_digest(again) == scenario_digest(scenario)


def test_short_name_is_in_the_reference_and_the_editors_schema_under_its_file_key():
    from game.scenario.reference import reference_markdown
    from game.scenario.schema import scenario_json_schema

    assert "| `stakeholders[].short_name` |" in reference_markdown()
    assert "given_short_name" not in reference_markdown()
    person = scenario_json_schema()["$defs"]["Stakeholder"]["properties"]
    assert "short_name" in person and "given_short_name" not in person
