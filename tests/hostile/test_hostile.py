"""The hostile-input corpus against every reader: no traceback, no hang, nothing lost, one clear line.

A fast subset (one case per finding, and quick property tests of the parsers) runs in the default
`uv run pytest`; the whole corpus and the random damage run with `uv run pytest -m hostile`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.fileread import FileReadError, parse_json, parse_yaml
from game.record import saves
from game.record.saves import SaveError, SaveMeta, list_saves, load
from tests.hostile.corpus import ROOT, Case, cases, mutate, random_case, run_case, save_text

FAST = {
    "listing: FIFO named .json",
    "listing: unhashable game_id",
    "meta: game_id 12345",
    "scenario: 5,000-digit integer",
    "save: nesting 5,000",
    "card: nesting 5,000",
    "session: page 2 garbled",
    "session: -wal lost",
    "scenario: /dev/zero",
    "save: FIFO",
    "scenario: duplicate calendar",
    "scenario: deaths [60, 10]",
    "save: one byte changed",
    "save: UTF-8 BOM",
}
ALL = cases()
LOCATED_TARGETS = {"scenario", "policy", "card"}  # YAML: every refusal names a line and column


def _param(case: Case):
    marks = () if case.name in FAST else (pytest.mark.hostile,)
    return pytest.param(case, id=case.name, marks=marks)


def test_the_fast_subset_names_real_cases() -> None:
    assert {case.name for case in ALL} >= FAST


@pytest.mark.parametrize("case", [_param(case) for case in ALL])
def test_a_hostile_input_gets_one_clear_line(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path / "case")
    assert not outcome.traceback, outcome.traceback
    assert not outcome.hang, outcome.messages
    assert not outcome.lost, "a user file changed"
    assert outcome.clean, outcome.messages
    assert outcome.accepted == case.accepted, outcome.messages
    if not case.accepted and case.target in LOCATED_TARGETS:
        assert outcome.located, outcome.messages


@pytest.mark.hostile
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["scenario", "save", "session"]), salt=st.integers(0, 2**32 - 1))
def test_random_damage_is_refused_cleanly_or_harmless(kind: str, salt: int, tmp_path_factory) -> None:
    outcome = run_case(random_case(kind, salt), tmp_path_factory.mktemp("random") / "case")
    assert not outcome.traceback and not outcome.hang and not outcome.lost, outcome
    assert outcome.clean, outcome.messages


# --- the parsers themselves, quickly ----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_yaml_or_one_positioned_problem(text: str) -> None:
    try:
        parse_yaml(text, "t.yaml")
    except FileReadError as error:
        assert error.problem.line >= 1 and error.problem.column >= 1
        assert "\n" not in error.problem.message


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet='[]{}":,0123456789.eE-+ aNInfty\\', max_size=300))
def test_any_text_is_json_or_one_positioned_problem(text: str) -> None:
    try:
        parse_json(text, "t.json")
    except json.JSONDecodeError:
        pass  # worded by the caller (a save that is cut short, or not JSON)
    except FileReadError as error:
        assert error.problem.line >= 1 and "\n" not in error.problem.message


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32))
def test_a_damaged_save_loads_or_is_refused_with_a_save_error(tmp_path_factory, seed: int) -> None:
    import random

    path = tmp_path_factory.mktemp("damaged") / "damaged.json"
    path.write_bytes(mutate(save_text().encode("utf-8"), random.Random(seed)))
    try:
        load(path)
    except SaveError as error:
        assert "\n" not in str(error)


# --- the details the corpus relies on ---------------------------------------------------------


def test_duplicate_yaml_keys_name_both_lines() -> None:
    with pytest.raises(FileReadError, match=r"duplicate key 'a' \(lines 1 and 3\)") as caught:
        parse_yaml("a: 1\nb: 2\na: 3\n", "d.yaml")
    assert (caught.value.problem.line, caught.value.problem.column) == (3, 1)


def test_stale_temporary_files_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    folder = saves.save_dir()
    folder.mkdir(parents=True)
    stale, fresh = folder / ".slot.json.abc123.tmp", folder / ".slot.json.def456.tmp"
    stale.write_text("half a save")
    fresh.write_text("a save being written")
    old = time.time() - saves.STALE_TEMPORARY_SECONDS - 60
    os.utime(stale, (old, old))
    assert list_saves() == []
    assert not stale.exists() and fresh.exists()


def test_meta_with_an_edited_field_is_refused_before_any_write() -> None:
    good = {"mode": "solo", "seats": {"srsg": "Ana"}, "game_id": "abc123"}
    assert SaveMeta.from_json(good).game_id == "abc123"
    for field, value in [("game_id", 12345), ("notes", ["x"]), ("fork_turn", True), ("seats", {"srsg": 5})]:
        with pytest.raises(ValueError, match=field.split("_")[0]):
            SaveMeta.from_json({**good, field: value})


def test_a_listing_never_raises_and_names_each_damaged_file() -> None:
    folder = saves.save_dir()
    folder.mkdir(parents=True)
    (folder / "good.json").write_text(save_text(), encoding="utf-8")
    (folder / "deep.json").write_text('{"format": "minusma-save", "x": ' + "[" * 3000 + "]" * 3000 + "}")
    os.mkfifo(folder / "pipe.json")
    infos = {info.path.name: info for info in list_saves()}
    assert infos["good.json"].problem is None
    assert "nested" in infos["deep.json"].problem and "pipe" in infos["pipe.json"].problem
    assert all("\n" not in (info.problem or "") for info in infos.values())


def test_a_session_hosted_again_under_an_old_name_is_not_refused(tmp_path: Path) -> None:
    from game.scenario.loader import load_scenario
    from game.syndicate.store import Session, SessionError
    from tests.hostile.corpus import MINI, lost_wal

    path = lost_wal(tmp_path)
    with pytest.raises(SessionError, match=r"1 of its 2 writes are missing \(it stands at turn 2\)"):
        Session(path)
    path.unlink()  # the facilitator starts again under the same name
    Session.host(path, load_scenario(MINI), seed=1, seats=["srsg"], pin="2468").close()
    assert Session(path).current_turn() == 1


SUBPROCESS = [
    ["validate", "{fifo}"],
    ["report", "{fifo}"],
    ["replay", "/dev/zero"],
    ["status", "{fifo}"],
    ["simulate", "--scenario", "/dev/zero"],
]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(a, marks=() if i == 0 else (pytest.mark.hostile,), id=" ".join(a))
        for i, a in enumerate(SUBPROCESS)
    ],
)
def test_the_real_command_ends_at_once_on_a_pipe_or_a_device(args: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "game", *(arg.format(fifo=fifo) for arg in args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)  # the hang detector
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# --- doubtful values anywhere in a scenario ---------------------------------------------------

HOSTILE_VALUES = st.one_of(
    st.booleans(),
    st.none(),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.just("x" * 30_000),
    st.lists(st.integers(-5, 5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(value, prefix=()):
    """Every place in a scenario's plain data where a value sits."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@pytest.mark.hostile
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_a_doubtful_value_anywhere_is_refused_at_its_line_or_is_sound(data) -> None:
    import yaml

    from game.scenario.loader import ScenarioError, parse_scenario
    from tests.hostile.corpus import mini_text

    tree = yaml.safe_load(mini_text())
    where = data.draw(st.sampled_from(list(_paths(tree))[1:]))
    parent = tree
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = data.draw(HOSTILE_VALUES)
    text = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)
    try:
        scenario = parse_scenario(text, "s.yaml")
    except ScenarioError as error:
        for problem in error.problems:
            assert problem.line >= 1 and "\n" not in problem.message
        return
    # accepted: then the engine can start it without surprise
    from game.engine import Game

    Game.new(scenario, seed=1).end_turn()


def test_the_checks_refuse_nothing_the_game_itself_writes(tmp_path: Path) -> None:
    """A negative seed, a long save name, long notes: what the game writes, it reads back."""
    from game.engine import Game
    from game.scenario.loader import load_scenario
    from game.syndicate.store import Session
    from tests.hostile.corpus import MINI

    scenario = load_scenario(MINI)
    game = Game.new(scenario, -7)
    game.end_turn()
    meta = SaveMeta(mode="hotseat", seats={"srsg": "A" * 60}, notes={1: "n" * 40_000})
    path = saves.save_as(game, meta, "a long name " * 30)
    assert load(path)[0].state.seed == -7
    assert [info.problem for info in list_saves()] == [None]
    hosted = Session.host(tmp_path / "s.db", scenario, -7, ["srsg"], "2468")
    assert hosted.commit("srsg")
    hosted.add_debrief_note("2468", 1, "n" * 40_000)
    hosted.close()
    reopened = Session(tmp_path / "s.db")
    assert reopened.game().state.seed == -7 and reopened.debrief_notes() == {1: "n" * 40_000}


@pytest.mark.hostile
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_doubtful_value_anywhere_in_a_policy_file_is_refused_or_plays(data) -> None:
    import yaml

    from game.bots.policy_file import PolicyFileError, parse_policy
    from game.engine import Game
    from game.scenario.catalog import find_scenario
    from tests.hostile.corpus import POLICY

    tree = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(list(_paths(tree))[1:]))
    parent = tree
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = data.draw(HOSTILE_VALUES)
    scenario = find_scenario("mali-2019")
    try:
        policy = parse_policy(yaml.safe_dump(tree, sort_keys=False), "p.yaml", scenario)
    except PolicyFileError as error:
        assert all(problem.line >= 1 and "\n" not in problem.message for problem in error.problems)
        return
    game = Game.new(scenario, seed=1)
    policy.play(game)
    game.end_turn()
