"""Saves: round trips, verification turn by turn, atomic writes, names, autosaves and clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.bots.policies import POLICIES
from game.engine import Game
from game.engine import orders as O
from game.record import saves
from game.record.saves import SaveError, SaveMeta, autosave, latest_save, list_saves, load, save_as, save_dir
from game.scenario.catalog import find_scenario
from game.scenario.models import Role

SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROLE_ORDERS = [Role.SRSG, Role.FORCE_COMMANDER, Role.POLICE_COMMISSIONER, Role.COMMS_CHIEF]


def rewrite(path: Path, change) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


# --- round trips ----------------------------------------------------------------------------------


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    policy=st.sampled_from(sorted(POLICIES)),
    turns=st.integers(0, 4),
    picks=st.lists(st.integers(0, 10_000), max_size=6),
)
def test_save_then_load_gives_the_identical_state(mini, meta, seed, policy, turns, picks) -> None:
    game = Game.new(mini, seed)
    script = POLICIES[policy]
    while not game.is_over() and len(game.state.history) < turns:
        script.play(game)
        game.end_turn()
    if not game.is_over():  # a turn in progress: some legal orders not yet committed
        for pick in picks:
            legal = game.legal_orders(ROLE_ORDERS[pick % len(ROLE_ORDERS)])
            if legal:
                game.apply(legal[pick % len(legal)])
    loaded, loaded_meta = load(save_as(game, meta, f"game {seed}"))
    assert loaded.state.to_json() == game.state.to_json()
    assert loaded_meta.seats == meta.seats and loaded_meta.notes == meta.notes
    assert loaded_meta.game_id == meta.game_id and loaded_meta.name == f"game {seed}"


@SETTINGS
@given(seed=st.integers(0, 10_000), policy=st.sampled_from(sorted(POLICIES)))
def test_replaying_a_saved_log_reproduces_every_turn_digest(mini, meta, seed, policy) -> None:
    game = Game.new(mini, seed)
    while not game.is_over():
        POLICIES[policy].play(game)
        game.end_turn()
    expected = saves.turn_digests(game.state.history)

    class Collect(saves.ReplayWatcher):
        def __init__(self) -> None:
            self.digests: list[str] = []
            self.previous = saves.GENESIS

        def turn_ended(self, game, record) -> None:
            self.previous = saves.turn_digest(self.previous, record)
            self.digests.append(self.previous)

    collect = Collect()
    saves.replay(saves.read_save(save_as(game, meta, "x")), collect)
    assert collect.digests == expected and len(expected) == mini.calendar.turns


@SETTINGS
@given(seed=st.integers(0, 10_000), note=st.text(max_size=12))
def test_the_final_digest_from_the_turns_texts_is_the_states_digest(mini, seed, note) -> None:
    """Saves and replays encode the history once, for the turn digests and the final digest."""
    game = Game.new(mini, seed)
    game.apply(O.FacilitatorNote(text=f"Ménaka, Ségou {note} \x7f 😀"))  # non-ASCII, DEL, astral
    while not game.is_over():
        POLICIES["historical"].play(game)
        game.end_turn()
        texts = [saves.record_text(record) for record in game.state.history]
        assert saves.state_digest(game.state, texts) == game.state.digest()


def test_a_save_encodes_only_the_turns_played_since_the_last_save(mini) -> None:
    game = Game.new(mini, 3)
    for _ in range(2):
        POLICIES["historical"].play(game)
        game.end_turn()
    first = saves.record_texts(game.state.history)
    POLICIES["historical"].play(game)
    game.end_turn()
    second = saves.record_texts(game.state.history)
    assert second == [saves.record_text(record) for record in game.state.history]
    assert all(a is b for a, b in zip(first, second, strict=False))  # taken again, not encoded again
    loaded, _ = load(save_as(game, SaveMeta(mode="solo", seats={}), "again"))  # the save verifies
    assert loaded.state.digest() == game.state.digest()


def test_a_loaded_game_can_withdraw_and_play_on(mini, meta, played) -> None:
    game = played(mini, seed=2, turns=1)
    POLICIES["historical"].play(game)
    loaded, _ = load(save_as(game, meta, "mid-turn"))
    count = len(loaded.pending_orders())
    assert count > 0
    loaded.withdraw(0)
    assert len(loaded.pending_orders()) <= count - 1
    loaded.end_turn()
    assert len(loaded.state.history) == 2


def test_facilitator_actions_and_card_decisions_are_replayed(mini_save) -> None:
    game, meta = load(mini_save)
    first = game.state.history[0]
    assert first.notes == ["Watch the centre."]
    assert any(c.phase == "facilitator" and c.kind == "consent" for c in first.changes)
    assert meta.notes == {2: "Why Gao?"} and meta.mode == "hotseat"


def test_the_save_is_readable_json_with_the_scenario_inside(mini, mini_save) -> None:
    text = mini_save.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == "minusma-save" and document["version"] == saves.VERSION
    assert document["scenario"]["id"] == mini.id and document["seed"] == 5
    assert len(document["turns"]) == mini.calendar.turns
    assert '\n       {"type": "facilitator_note", "text": "Watch the centre."}' in text


def test_saves_of_two_scenarios_each_hold_their_own(mini, meta, tmp_path) -> None:
    """The written scenario is kept per scenario: saves of two scenarios, alternately, stay apart."""
    first, other = Game.new(mini, 1), Game.new(find_scenario("tutorial"), 1)
    for game, name in ((first, "a"), (other, "b"), (first, "c")):
        saves.save_to(tmp_path / f"{name}.json", game, meta)
    documents = {name: json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")) for name in "abc"}
    assert documents["a"]["scenario"] == documents["c"]["scenario"] == mini.model_dump(mode="json")
    assert documents["b"]["scenario"]["id"] == "tutorial" != mini.id
    assert load(tmp_path / "c.json")[0].state.digest() == first.state.digest()


def test_the_clock_only_reaches_the_metadata(mini, meta, played, monkeypatch) -> None:
    game = played(mini, turns=2)
    monkeypatch.setattr(saves, "_now", lambda: "2030-01-01T09:00:00+00:00")
    early = saves.save_document(game, meta)
    monkeypatch.setattr(saves, "_now", lambda: "2031-06-30T18:00:00+00:00")
    late = saves.save_document(game, meta)
    assert early["saved_at"] != late["saved_at"]
    assert {k: v for k, v in early.items() if k != "saved_at"} == {
        k: v for k, v in late.items() if k != "saved_at"
    }


def test_a_save_survives_the_scenario_file_changing(mini, mini_save, monkeypatch) -> None:
    """The scenario travels inside the save, so the bundled file may change freely."""
    monkeypatch.setattr("game.scenario.catalog.find_scenario", lambda name: 1 / 0)
    game, _ = load(mini_save)
    assert game.scenario == mini


# --- what a failed load says ----------------------------------------------------------------------


def test_a_tampered_order_names_the_first_turn_that_diverges(mini_save) -> None:
    def say_something_else(document) -> None:
        (message,) = [o for o in document["turns"][2]["orders"] if o["type"] == "issue_message"]
        assert message["theme"] != "protection_promise"
        message["theme"] = "protection_promise"

    before = mini_save.read_bytes()
    rewrite(mini_save, say_something_else)
    with pytest.raises(SaveError, match=r"diverges at turn 3 \(2019-03\)"):
        load(mini_save)
    assert before != mini_save.read_bytes()


def test_an_impossible_order_is_refused_with_its_turn(mini_save) -> None:
    rewrite(mini_save, lambda d: d["turns"][1]["orders"].append({"type": "open_base", "unit": "ghost"}))
    with pytest.raises(SaveError, match=r"diverges at turn 2: order \d+ \(Open a temporary .* ghost\)"):
        load(mini_save)


def test_an_edited_digest_or_final_state_is_refused(mini_save) -> None:
    rewrite(mini_save, lambda d: d["turns"][3].update(digest="0" * 64))
    with pytest.raises(SaveError, match="diverges at turn 4"):
        load(mini_save)
    mini_save.unlink()


def test_an_edited_final_digest_is_refused(mini_save) -> None:
    rewrite(mini_save, lambda d: d.update(final_digest="0" * 64))
    with pytest.raises(SaveError, match="final state differs"):
        load(mini_save)


def test_an_edited_scenario_is_refused(mini_save) -> None:
    rewrite(mini_save, lambda d: d["scenario"]["regions"][0].update(credibility=99))
    with pytest.raises(SaveError, match="scenario inside the save was changed"):
        load(mini_save)
    rewrite(mini_save, lambda d: d["scenario"]["regions"][0].update(credibility="lots"))
    with pytest.raises(
        SaveError, match=r"damaged \(the scenario inside it is not valid: regions\.0\.credibility"
    ):
        load(mini_save)  # this very version wrote it: damage, not another version's format
    rewrite(mini_save, lambda d: d.update(game_version="0.0.1"))
    with pytest.raises(SaveError, match=r"does not fit this version .*regions\.0\.credibility.*\(0\.0\.1\)"):
        load(mini_save)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (bytes(range(256)) * 4, "binary file"),
        (b"\xff\xfe{\x00", "binary file"),
        ("é".encode("latin-1") * 10, "not a text file"),
        (b"hello, world", r"not valid JSON at line 1, column 1"),
        (b"[1, 2, 3]", "not a MINUSMA save"),
        (b'{"format": "minusma-session", "version": 1}', "not a MINUSMA save"),
        (b'{"format": "minusma-save"}', "has no format version"),
        (b'{"format": "minusma-save", "version": 1}', "damaged .*'seed' is missing"),
        (b'{"format": "minusma-save", "version": 99}', "newer version of MINUSMA .*format 99.*update"),
        (b'{"format": "minusma-save", "version": -1}', "older version .*cannot be brought up"),
    ],
)
def test_files_that_are_not_good_saves_each_get_a_clear_message(tmp_path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SaveError, match=message) as caught:
        load(path)
    assert str(caught.value).startswith(str(path))
    assert path.read_bytes() == content, "a failed load never touches the file"


def test_truncated_and_corrupted_saves(mini_save, tmp_path) -> None:
    text = mini_save.read_bytes()
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(text[: len(text) // 2])
    with pytest.raises(SaveError, match="cut short"):
        load(truncated)
    corrupted = tmp_path / "corrupted.json"
    middle = len(text) // 3
    corrupted.write_bytes(text[:middle] + b"#@!" + text[middle + 3 :])
    with pytest.raises(SaveError, match="not valid JSON at line"):
        load(corrupted)


def test_a_save_cut_inside_a_string_is_cut_short(mini_save, tmp_path) -> None:
    text = mini_save.read_bytes()
    inside = text.index(b'"', len(text) // 2) + 2  # just after an opening or closing quote
    for end in (inside, inside + 1):
        truncated = tmp_path / "inside.json"
        truncated.write_bytes(text[:end])
        with pytest.raises(SaveError, match="cut short"):
            load(truncated)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(SaveError, match="file not found"):
        load(tmp_path / "nothing.json")
    with pytest.raises(SaveError, match="this is a folder"):
        load(tmp_path)


def test_migration_runs_registered_steps(mini_save, monkeypatch) -> None:
    def from_zero(document):
        document["seed"] = document.pop("random_seed")
        return document

    monkeypatch.setitem(saves.MIGRATIONS, 0, from_zero)

    def make_old(document) -> None:
        document["version"] = 0
        document["random_seed"] = document.pop("seed")

    rewrite(mini_save, make_old)
    game, _ = load(mini_save)
    assert game.is_over() and game.state.seed == 5


# --- writing --------------------------------------------------------------------------------------


def test_an_interrupted_write_leaves_the_previous_save_intact(mini, meta, played, monkeypatch) -> None:
    first = save_as(played(mini, seed=1, turns=1), meta, "slot")
    before = first.read_bytes()
    later = played(mini, seed=1, turns=3)
    real_fsync = os.fsync

    def power_cut(fd: int) -> None:
        real_fsync(fd)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(saves.os, "fsync", power_cut)
    with pytest.raises(SaveError, match=r"could not write the save .*Input/output error"):
        save_as(later, meta, "slot")
    monkeypatch.undo()
    assert first.read_bytes() == before
    assert sorted(p.name for p in first.parent.iterdir()) == ["slot.json"], "no temporary file is left"
    assert len(load(first)[0].state.history) == 1


def test_a_crash_between_write_and_rename_keeps_the_old_save(mini, meta, played, monkeypatch) -> None:
    first = save_as(played(mini, turns=1), meta, "slot")
    before = first.read_bytes()

    def killed(*args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(saves.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        save_as(played(mini, turns=2), meta, "slot")
    assert first.read_bytes() == before
    assert [p.name for p in first.parent.iterdir()] == ["slot.json"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=40))
def test_save_names_never_escape_the_save_folder(name) -> None:
    try:
        safe = saves.safe_name(name)
    except SaveError as error:
        assert "use letters or digits" in str(error)
        return
    path = save_dir() / f"{safe}.json"
    assert path.resolve().parent == save_dir().resolve()
    assert "/" not in safe and "\\" not in safe and ".." not in safe and not safe.startswith(".")


def test_hostile_names_are_cleaned(mini, meta, played) -> None:
    game = played(mini, turns=1)
    assert save_as(game, meta, "../../etc/passwd").name == "etc-passwd.json"
    assert save_as(game, meta, "Syndicate A: day 2").name == "Syndicate-A-day-2.json"
    with pytest.raises(SaveError, match="use letters or digits"):
        save_as(game, meta, "../..")


def test_save_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MINUSMA_DATA_DIR", str(tmp_path))
    assert save_dir() == tmp_path / "saves"
    monkeypatch.delenv("MINUSMA_DATA_DIR")
    assert save_dir().name == "saves" and "minusma" in str(save_dir()).lower()


def test_autosaves_keep_the_last_few_and_continue_finds_the_newest(mini, meta) -> None:
    assert latest_save() is None and list_saves() == []
    game = Game.new(mini, 9)
    written = [autosave(game, meta)]
    while not game.is_over():
        POLICIES["passive"].play(game)
        game.end_turn()
        written.append(autosave(game, meta))
    assert len(written) == mini.calendar.turns + 1 == saves.AUTOSAVES_KEPT
    second = autosave(Game.new(mini, 10), SaveMeta(mode="solo", seats={"srsg": "Cy"}))
    line = Game.new(mini, 9)  # the same game taken up again from its start and played otherwise
    POLICIES["historical"].play(line)
    line.end_turn()
    branch = autosave(line, meta)
    assert branch not in written, "a new line of play never overwrites the old line's autosaves"
    mine = sorted((save_dir() / "autosaves").glob(f"*{meta.game_id}*"))
    assert mine == sorted([*written[1:], branch]), "the oldest autosave of this game made room"
    assert second.exists()
    listed = list_saves()
    assert [info.path for info in listed] == [branch, second]
    assert listed[0].kind == "auto" and listed[0].turn == 2
    assert listed[0].players == "Ana (SRSG), Bo (Force Commander)"
    assert latest_save() == branch
    assert len(list_saves(all_autosaves=True)) == 6


def test_the_list_shows_what_a_player_needs_and_flags_damaged_files(mini, meta, played) -> None:
    path = save_as(played(mini, turns=2), meta, "Syndicate B")
    (save_dir() / "broken.json").write_text("{", encoding="utf-8")
    os.utime(save_dir() / "broken.json", (1, 1))
    info, broken = list_saves()
    assert (info.path, info.name, info.scenario, info.month, info.turn) == (
        path,
        "Syndicate B",
        mini.title,
        "2019-03",
        3,
    )
    assert info.players == "Ana (SRSG), Bo (Force Commander)"
    assert info.kind == "manual" and len(info.last_played) == 16
    assert broken.problem is not None and "cut short" in broken.problem
    assert latest_save() == path


def test_meta_lists_players_by_seat() -> None:
    meta = SaveMeta(mode="hotseat", seats={"srsg": "Ana", "force_commander": "Bo"})
    assert meta.players() == "Ana (SRSG), Bo (Force Commander)"
    assert SaveMeta(mode="solo", seats={"srsg": "Ana", "comms_chief": "Ana"}).players() == "Ana"
    assert SaveMeta.from_json(meta.to_json()) == meta


def test_orders_are_validated_when_read(mini_save) -> None:
    rewrite(mini_save, lambda d: d["turns"][0]["orders"].append({"type": "launch_rocket"}))
    with pytest.raises(SaveError, match=r"turn 1, order \d+ is not a valid order"):
        load(mini_save)


def test_an_autosave_is_listed_under_its_scenario_s_french_title_before_the_scenario_loads(meta) -> None:
    from game import i18n
    from game.scenario.catalog import find_scenario

    tutorial = find_scenario("tutorial")
    game = Game.new(tutorial, 3)
    game.end_turn()
    autosave(game, meta)
    i18n.use_names({}, "tutorial")  # the title screen lists saves before any scenario is loaded
    i18n.set_language("fr")
    try:
        (info,) = [info for info in list_saves() if info.kind == "auto"]
        assert info.name == "Tutoriel\u00a0: le centre du Mali, premier semestre 2019 (sauvegarde auto)"
    finally:
        i18n.set_language("en")
        tutorial._register_names()  # its names back, for the tests after this one
