"""The command line's shared options: one bounded-number type, parent parsers per command."""

import argparse

import pytest

from game.cli.main import _parser
from game.cli.options import MAX_SEED, bounded, many_games, world


def _error(kind: type, low: float, high: float | None, text: str, unit: str = "") -> str:
    with pytest.raises(argparse.ArgumentTypeError) as info:
        bounded(kind, low, high, unit)(text)
    return str(info.value)


def test_a_bounded_number_takes_its_range_and_nothing_else() -> None:
    assert bounded(int, 1, 10)("10") == 10 and bounded(int, 0)("123456") == 123456
    assert bounded(float, 0.0, 60.0, "seconds")("2.5") == 2.5
    assert _error(int, 1, 10, "x") == "'x' is not a whole number"
    assert _error(int, 1, 10, "2.5") == "'2.5' is not a whole number"
    assert _error(int, 20, 100_000, "10") == "10 is outside 20 to 100,000"
    assert _error(int, 1, None, "0") == "0 is less than 1"
    assert _error(float, 0.0, 60.0, "x", "seconds") == "'x' is not a number of seconds"
    assert _error(float, 0.0, 60.0, "61", "seconds") == "61 is outside 0 to 60 seconds"
    assert _error(float, 0.0, 60.0, "nan", "seconds") == "nan is outside 0 to 60 seconds"


@pytest.mark.parametrize("command", ["simulate", "batch", "balance", "play"])
def test_every_command_that_plays_takes_the_same_scenario_and_seed(command: str) -> None:
    args = _parser().parse_args([command, "--scenario", "tutorial", "--seed", str(MAX_SEED)])
    assert (args.scenario, args.seed) == ("tutorial", MAX_SEED)
    with pytest.raises(SystemExit) as info:
        _parser().parse_args([command, "--seed", "-1"])
    assert info.value.code == 2


def test_one_commands_defaults_do_not_leak_into_another() -> None:
    # argparse shares a parent's option objects with its children: a parent made once
    # and given per-command defaults would hand the last command's default to all.
    parse = _parser().parse_args
    assert parse(["batch"]).seed == 1 and parse(["balance"]).seed == 2026
    assert parse(["simulate"]).seed == 1 and parse(["play"]).seed is None
    assert parse(["batch"]).games == 10_000 and parse(["balance"]).games == 1000
    assert parse(["batch"]).scenario == "crm-rollout" and parse(["play"]).scenario is None
    assert world(seed=7).parse_args([]).seed == 7 and world().parse_args([]).seed == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch", "--games", "0"], "argument --games: 0 is outside 1 to 1,000,000,000"),
        (["batch", "--chunk", "x"], "argument --chunk: 'x' is not a whole number"),
        (["batch", "--workers", "0"], "argument --workers: 0 is less than 1"),
        (["balance", "--iterations", "0"], "argument --iterations: 0 is outside 1 to"),
        (["validate", "--games", "19", "tutorial"], "argument --games: 19 is outside 20 to"),
        (["play", "--pace", "61"], "argument --pace: 61 is outside 0 to 60 seconds"),
        (["simulate", "--game", "-1"], "argument --game: -1 is outside 0 to"),
    ],
)
def test_a_number_out_of_range_is_one_argparse_error(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        _parser().parse_args(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"run_game.py {argv[0]}: error: {message}" in err and "Traceback" not in err


def test_the_help_says_each_shared_default() -> None:
    helped = many_games(300, "policy", "runs/ID").format_help()
    assert "games per policy (default 300)" in helped and "(default runs/ID)" in helped
    assert "(default random)" in world(seed=None).format_help()
