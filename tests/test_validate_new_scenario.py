"""`new-scenario --from` lists the texts that still tell the old story; `validate` then
warns about texts that name the old scenario's people."""

import argparse

from game.cli import new_scenario_cmd
from game.cli.main import main
from game.scenario.names import derived_short_name, is_title


def _copy(tmp_path, capsys, source: str = "tutorial"):
    out = tmp_path / "mine.yaml"
    args = argparse.Namespace(name="mine", source=source, out=out, force=False)
    assert new_scenario_cmd.run(args, lambda message: 2) == 0
    return out, capsys.readouterr().out


def test_new_scenario_lists_the_texts_to_rewrite_with_their_lines(tmp_path, capsys):
    out, printed = _copy(tmp_path, capsys)
    assert "It still tells tutorial's story. Rewrite these texts in your own words:" in printed
    lines = out.read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in printed.splitlines() if ": line" in line]
    assert [line.split(":")[0] for line in listed] == [
        "the briefing",
        "the sponsor's name and role",
        "2 people's names, roles, departments and what they care about",
        "4 package titles",
        "2 event titles and texts",
    ]
    # The lines given are where those texts are in the copy.
    people = next(line for line in listed if "people's names" in line)
    first, last = (int(n) for n in people.rsplit(" ", 1)[1].split("-"))
    assert lines[first - 1].strip() == "name: Marta Kowalski"
    assert "cares_about:" in lines[last - 1]
    assert "validate warns about any text that still names tutorial's people" in printed


def test_validate_warns_about_the_old_peoples_names_once_they_are_renamed(tmp_path, capsys):
    out, _ = _copy(tmp_path, capsys)
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().err == ""  # the unchanged copy is its own story
    text = out.read_text(encoding="utf-8").replace("Marta Kowalski", "Anna Berg")
    out.write_text(text, encoding="utf-8")
    assert main(["validate", str(out)]) == 0
    err = capsys.readouterr().err
    assert "goal: the text names Marta, who is not in this scenario (a person of tutorial)" in err
    assert "rewrite it for this scenario's people: Anna, Jonas" in err


def test_titles_are_not_short_names():
    assert derived_short_name("Dr. Lukas Brenner", "lukas") == "Lukas"
    assert derived_short_name("Prof. Dr. Eva Roth", "eva") == "Eva"
    assert derived_short_name("Frau Meier", "meier") == "Meier"
    assert derived_short_name("Mrs. Ada Lovelace", "ada") == "Ada"
    assert derived_short_name("Dr.", "x") == "Dr." and derived_short_name(" ", "x") == "x"
    assert all(is_title(t) for t in ("Dr.", "Prof.", "Mr.", "Ms.", "Mrs.", "Herr", "Frau"))
    assert not is_title("Drew")
