"""The hostile-input corpus: named broken files for every reader, and how each one was received.

Each case writes one file (or a saves folder, or a session) into a folder, runs the commands that
read it, and reports an Outcome: a clean one-line error (with or without a line and column), a
traceback, a hang, or a user file changed. tests/hostile/test_hostile.py asserts on the outcomes;
tests/hostile/table.py prints them as the table of the closing note.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import re
import shutil
import sqlite3
import stat
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.bots.policies import POLICIES
from game.engine import Game
from game.record.saves import SaveError, SaveMeta, list_saves, load, save_to
from game.scenario.loader import ScenarioError, load_scenario
from game.syndicate.cards import parse_card, template
from game.syndicate.store import Session

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
POLICY = ROOT / "scenarios" / "policies" / "example.yaml"
HANG_SECONDS = 20.0  # far beyond any sound read; a case still running then is a hang
LOCATED = re.compile(r":\d+:\d+:|line \d+, column \d+")


@dataclass
class Outcome:
    """How the program received one hostile input, over every command that read it."""

    accepted: bool = False  # the input was read as good (a BOM save, for instance)
    clean: bool = True  # every command ended with its documented exit code and one-line message
    located: bool = False  # the message named a line and column
    traceback: str = ""  # the first unexpected exception, if any
    hang: bool = False
    lost: bool = False  # a user file changed
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """One hostile input: `make` writes it into a folder and returns what the target reads."""

    name: str
    category: str
    target: str  # scenario | policy | save | session | card | listing
    make: Callable[[Path], object]
    accepted: bool = False  # the expected result is a successful read
    message: str = ""  # a regex the message must match


# --- building blocks ------------------------------------------------------------------------------


def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


def _game(turns: int = 2) -> Game:
    game = Game.new(load_scenario(MINI), 5)
    for _ in range(turns):
        POLICIES["historical"].play(game)
        game.end_turn()
    return game


_SAVE_TEXT: dict[str, str] = {}


def save_text() -> str:
    """The text of a small, sound save (built once per process)."""
    if "save" not in _SAVE_TEXT:
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"minusma-hostile-{os.getpid()}"
        folder.mkdir(exist_ok=True)
        path = save_to(folder / "base.json", _game(), SaveMeta(mode="solo", seats={"srsg": "Ana"}))
        _SAVE_TEXT["save"] = path.read_text(encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
    return _SAVE_TEXT["save"]


def save_document() -> dict:
    return json.loads(save_text())


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def edited_save(change: Callable[[dict], None]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        document = save_document()
        change(document)
        return write(folder, "edited.json", json.dumps(document, indent=1))

    return make


def raw_save(replace: Callable[[str], str]) -> Callable[[Path], Path]:
    return lambda folder: write(folder, "raw.json", replace(save_text()))


def scenario(replace: Callable[[str], str], name: str = "hostile.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        text = replace(mini_text())
        assert text != mini_text(), "the case must change the scenario"
        return write(folder, name, text)

    return make


def sub(pattern: str, replacement: str) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, replacement, text, count=1)


def fifo(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path

    return make


def folder_named(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).mkdir()
        return folder / name

    return make


def dev_zero(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).symlink_to("/dev/zero")
        return folder / name

    return make


def sparse(name: str, size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as handle:
            handle.write(b"{" if name.endswith(".json") else b"id: x\n")
            handle.truncate(size)
        return path

    return make


def big_scenario(regions: int) -> str:
    """A valid scenario with many linked regions (the cross-reference check must stay linear)."""
    import yaml

    data = yaml.safe_load(mini_text())
    first = data["regions"][0]
    extra = []
    for index in range(regions):
        links = [{"to": f"r{index - 1}"}] if index else []
        if index < regions - 1:
            links.append({"to": f"r{index + 1}"})
        extra.append({**first, "id": f"r{index}", "name": f"Region {index}", "links": links})
    data["regions"].extend(extra)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def session(folder: Path) -> Path:
    """A sound session file with two turns played (each write recorded beside it)."""
    path = folder / "exercise.db"
    hosted = Session.host(path, load_scenario(MINI), seed=4, seats=["srsg"], pin="2468")
    hosted.commit("srsg")
    hosted.commit("srsg")
    hosted.close()
    return path


def damaged_session(damage: Callable[[Path], None]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = session(folder)
        damage(path)
        return path

    return make


def set_bytes(offset: int, content: bytes) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        at = offset if offset >= 0 else len(data) + offset
        data[at : at + len(content)] = content
        path.write_bytes(bytes(data))

    return damage


def truncate_by(count: int) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(path.read_bytes()[:-count])


def set_meta(key: str, value: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        db = sqlite3.connect(path)
        with db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        db.close()

    return damage


def sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        db = sqlite3.connect(path)
        with db:
            db.execute(statement)
        db.close()

    return damage


def lost_wal(folder: Path) -> Path:
    path = folder / "exercise.db"
    hosted = Session.host(path, load_scenario(MINI), seed=4, seats=["srsg"], pin="2468")
    hosted.commit("srsg")
    hosted.close()
    earlier = path.read_bytes()
    hosted = Session(path)
    hosted.commit("srsg")
    hosted.close()
    path.write_bytes(earlier)  # what a copy without its -wal, or a damaged -wal, leaves
    return path


def listing(*makers: Callable[[Path], object]) -> Callable[[Path], Path]:
    """A saves folder holding one sound save and these hostile entries."""

    def make(folder: Path) -> Path:
        saves = folder / "data" / "saves"
        (saves / "autosaves").mkdir(parents=True)
        write(saves, "good.json", save_text())
        for maker in makers:
            maker(saves / "autosaves")
        return folder / "data"

    return make


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


LONG = "9" * 5000


# --- the named cases ------------------------------------------------------------------------------


def cases() -> list[Case]:
    """Every named hostile case, by the issue's finding (1-10)."""
    deep_save = raw_save(lambda t: t.replace('"pending": [', f'"pending": [{nested(5000)},', 1))
    inf_turn = raw_save(
        lambda t: re.sub(r'"turn": \d+,\n    "month"', '"turn": Infinity,\n    "month"', t, count=1)
    )
    c: list[Case] = [
        # 1 the saves folder
        Case("listing: deep nesting", "1 saves folder", "listing", listing(lambda f: deep_save(f))),
        Case("listing: turn Infinity", "1 saves folder", "listing", listing(lambda f: inf_turn(f))),
        Case(
            "listing: unhashable game_id",
            "1 saves folder",
            "listing",
            listing(lambda f: edited_save(lambda d: d["meta"].update(game_id={"a": 1}))(f)),
        ),
        Case("listing: FIFO named .json", "1 saves folder", "listing", listing(fifo("pipe.json"))),
        Case("listing: folder named .json", "1 saves folder", "listing", listing(folder_named("dir.json"))),
        Case("listing: /dev/zero named .json", "1 saves folder", "listing", listing(dev_zero("zero.json"))),
        Case("listing: empty file", "1 saves folder", "listing", listing(lambda f: write(f, "e.json", b""))),
        # 2 meta
        Case(
            "meta: game_id 12345",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(game_id=12345)),
            message="game_id",
        ),
        Case(
            "meta: notes a list",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(notes=["x"])),
            message="notes",
        ),
        Case(
            "meta: seats a list",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(seats=["x"])),
            message="seats",
        ),
        Case(
            "meta: mode a number",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(mode=5)),
            message="mode",
        ),
        Case(
            "meta: note turn 'x'",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(notes={"x": "y"})),
        ),
        Case(
            "meta: name of a megabyte",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(name="n" * 10**6)),
        ),
        Case(
            "meta: game_id '../..'",
            "2 save meta",
            "save",
            edited_save(lambda d: d["meta"].update(game_id="../..")),
        ),
        # 3 parser limits
        Case(
            "scenario: 5,000-digit integer",
            "3 parser limits",
            "scenario",
            scenario(sub(r"budget: \d+", f"budget: {LONG}")),
            message="digits",
        ),
        Case(
            "scenario: flow nesting 900",
            "3 parser limits",
            "scenario",
            scenario(lambda t: t + f"junk: {nested(900)}\n"),
        ),
        Case(
            "scenario: flow nesting 5,000",
            "3 parser limits",
            "scenario",
            scenario(lambda t: t + f"junk: {nested(5000)}\n"),
        ),
        Case(
            "scenario: block nesting 2,000",
            "3 parser limits",
            "scenario",
            scenario(lambda t: t + "junk:\n" + "".join("  " * i + "- \n" for i in range(2000))),
        ),
        Case("scenario: alias bomb", "3 parser limits", "scenario", scenario(lambda t: t + _alias_bomb())),
        Case(
            "scenario: alias loop", "3 parser limits", "scenario", scenario(lambda t: t + "junk: &a [*a]\n")
        ),
        Case(
            "policy: 5,000-digit integer",
            "3 parser limits",
            "policy",
            lambda f: write(f, "p.yaml", f"name: p\nrules: []\nx: {LONG}\n"),
        ),
        Case(
            "policy: nesting 5,000",
            "3 parser limits",
            "policy",
            lambda f: write(f, "p.yaml", f"name: p\nrules: {nested(5000)}\n"),
        ),
        Case(
            "save: 5,000-digit seed",
            "3 parser limits",
            "save",
            raw_save(sub(r'"seed": \d+', f'"seed": {LONG}')),
            message="digits",
        ),
        Case("save: nesting 5,000", "3 parser limits", "save", deep_save, message="nested"),
        Case("save: seed 1e999", "3 parser limits", "save", raw_save(sub(r'"seed": \d+', '"seed": 1e999'))),
        Case("save: seed NaN", "3 parser limits", "save", raw_save(sub(r'"seed": \d+', '"seed": NaN'))),
        Case(
            "save: duplicate key",
            "3 parser limits",
            "save",
            raw_save(sub(r'"seed": (\d+)', r'"seed": \1, "seed": 7')),
            message="duplicate",
        ),
        Case("card: 5,000-digit integer", "3 parser limits", "card", lambda f: _card(f"weight: {LONG}\n")),
        Case("card: nesting 5,000", "3 parser limits", "card", lambda f: _card(f"junk: {nested(5000)}\n")),
        Case("card: a megabyte", "3 parser limits", "card", lambda f: _card("text: " + "x" * 10**6 + "\n")),
        # 4 session files
        Case("session: last byte cut", "4 session files", "session", damaged_session(truncate_by(1))),
        Case("session: last page cut", "4 session files", "session", damaged_session(truncate_by(4096))),
        Case(
            "session: header zeroed", "4 session files", "session", damaged_session(set_bytes(0, bytes(100)))
        ),
        Case(
            "session: page 2 garbled",
            "4 session files",
            "session",
            damaged_session(set_bytes(4096, random.Random(2).randbytes(4096))),
        ),
        Case(
            "session: page 3 garbled",
            "4 session files",
            "session",
            damaged_session(set_bytes(8192, random.Random(3).randbytes(4096))),
        ),
        Case("session: seed 'abc'", "4 session files", "session", damaged_session(set_meta("seed", "abc"))),
        Case("session: seats '['", "4 session files", "session", damaged_session(set_meta("seats", "["))),
        Case(
            "session: seats unknown role",
            "4 session files",
            "session",
            damaged_session(set_meta("seats", '["king"]')),
        ),
        Case("session: version 'x'", "4 session files", "session", damaged_session(set_meta("version", "x"))),
        Case(
            "session: scenario cut",
            "4 session files",
            "session",
            damaged_session(set_meta("scenario", '{"id": "m')),
        ),
        Case(
            "session: scenario missing",
            "4 session files",
            "session",
            damaged_session(sql("DELETE FROM meta WHERE key = 'scenario'")),
        ),
        Case(
            "session: order garbled",
            "4 session files",
            "session",
            damaged_session(sql("INSERT INTO orders (turn, role, body) VALUES (3, 'srsg', '{\"type')")),
        ),
        Case(
            "session: digest edited",
            "4 session files",
            "session",
            damaged_session(sql("UPDATE turns SET digest = 'x'")),
        ),
        Case(
            "session: turn as text",
            "4 session files",
            "session",
            damaged_session(sql("INSERT INTO orders (turn, role, body) VALUES ('x', 'srsg', '{}')")),
        ),
        Case(
            "session: clock 'soon'",
            "4 session files",
            "session",
            damaged_session(sql("INSERT INTO meta VALUES ('clock_deadline', 'soon'), ('clock_turn', '3')")),
        ),
        Case(
            "session: note on turn 'x'",
            "4 session files",
            "session",
            damaged_session(set_meta("note:x", "hello")),
        ),
        Case(
            "session: game_id '../..'",
            "4 session files",
            "session",
            damaged_session(set_meta("game_id", "../..")),
        ),
        Case(
            "session: a setting not UTF-8",
            "4 session files",
            "session",
            damaged_session(sql("UPDATE meta SET value = CAST(x'8d41' AS TEXT) WHERE key = 'seats'")),
        ),
        Case(
            "session: an order not UTF-8",
            "4 session files",
            "session",
            damaged_session(
                sql("INSERT INTO orders (turn, role, body) VALUES (3, 'srsg', CAST(x'e8' AS TEXT))")
            ),
        ),
        Case("session: -wal lost", "4 session files", "session", lost_wal, message="-wal"),
        Case("session: FIFO", "4 session files", "session", fifo("pipe.db")),
        Case("session: /dev/zero", "4 session files", "session", dev_zero("zero.db")),
        # 6 big and special inputs
        Case("scenario: FIFO", "6 big and special", "scenario", fifo("pipe.yaml")),
        Case("scenario: /dev/zero", "6 big and special", "scenario", dev_zero("zero.yaml")),
        Case("scenario: a folder", "6 big and special", "scenario", folder_named("dir.yaml")),
        Case(
            "scenario: 100 MB",
            "6 big and special",
            "scenario",
            sparse("big.yaml", 100 * 2**20),
            message="at most",
        ),
        Case(
            "scenario: 3,000 regions",
            "6 big and special",
            "scenario",
            lambda f: write(f, "wide.yaml", big_scenario(3000)),
            accepted=True,
        ),
        Case("save: FIFO", "6 big and special", "save", fifo("pipe.json")),
        Case("save: /dev/zero", "6 big and special", "save", dev_zero("zero.json")),
        Case("save: a folder", "6 big and special", "save", folder_named("dir.json")),
        Case("save: 100 MB", "6 big and special", "save", sparse("big.json", 100 * 2**20), message="at most"),
        Case("policy: FIFO", "6 big and special", "policy", fifo("pipe.yaml")),
        Case("policy: /dev/zero", "6 big and special", "policy", dev_zero("zero.yaml")),
        # 9 silent acceptance
        Case(
            "scenario: duplicate calendar",
            "9 silent acceptance",
            "scenario",
            scenario(lambda t: t + "\ncalendar: {start: 2019-01, turns: 120}\n"),
            message="duplicate key 'calendar' \\(lines \\d+ and \\d+\\)",
        ),
        Case(
            "scenario: deaths [60, 10]",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"deaths: \[\d+, \d+\]", "deaths: [60, 10]")),
        ),
        Case(
            "scenario: negative deaths",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"deaths: \[\d+, \d+\]", "deaths: [-5, 10]")),
        ),
        Case(
            "scenario: budget 1e100",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"budget: \d+", "budget: 1.0e+100")),
        ),
        Case(
            "scenario: population true",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"population: \d+", "population: true")),
        ),
        Case(
            "scenario: month 10000-01",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"start: 2019-01", "start: 10000-01")),
        ),
        Case(
            "scenario: year 9999",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"start: 2019-01", "start: 9999-01")),
        ),
        Case(
            "scenario: reversed window",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"    weight: 2\n", '    weight: 2\n    window: ["2019-04", "2019-01"]\n')),
        ),
        Case(
            "scenario: card dated outside the calendar",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"date: 2019-02", "date: 2030-02")),
        ),
        Case(
            "scenario: capability available and locked", "9 silent acceptance", "scenario", scenario(_overlap)
        ),
        Case(
            "scenario: history low > high",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"low: (\d+), high: (\d+)", r"low: 99999, high: \2")),
        ),
        Case(
            "scenario: text of a megabyte",
            "9 silent acceptance",
            "scenario",
            scenario(sub(r"description: .*", "description: " + "x" * 10**6)),
        ),
        Case(
            "policy: months run backwards",
            "9 silent acceptance",
            "policy",
            lambda f: write(
                f,
                "p.yaml",
                "name: p\nrules:\n  - when: {from: 2020-01, until: 2019-01}\n    orders: [{fly: {}}]\n",
            ),
            message="run backwards",
        ),
        # 10 misleading messages
        Case(
            "scenario: bad byte on line 7",
            "10 messages",
            "scenario",
            lambda f: write(f, "bad.yaml", _bad_byte_line_7()),
            message=r"bad\.yaml:7:\d+: byte 0xff is not UTF-8",
        ),
        Case(
            "save: one byte changed",
            "10 messages",
            "save",
            raw_save(lambda t: t.replace('"pending"', '"pending"\x01', 1)),
            message="damaged",
        ),
        Case(
            "save: a brace flipped",
            "10 messages",
            "save",
            raw_save(lambda t: t.replace('"summary": {', '"summary": [', 1)),
            message="damaged",
        ),
        Case(
            "save: scenario bit flip",
            "10 messages",
            "save",
            edited_save(lambda d: d["scenario"]["regions"][0].update(credibility="lots")),
            message="damaged",
        ),
        Case(
            "save: UTF-8 BOM",
            "10 messages",
            "save",
            lambda f: write(f, "bom.json", "\ufeff" + save_text()),
            accepted=True,
        ),
        Case(
            "scenario: UTF-8 BOM",
            "10 messages",
            "scenario",
            lambda f: write(f, "bom.yaml", "\ufeff" + mini_text()),
            accepted=True,
        ),
        Case(
            "save: UTF-16",
            "10 messages",
            "save",
            lambda f: write(f, "u16.json", save_text().encode("utf-16")),
        ),
    ]
    return c


def _alias_bomb() -> str:
    lines = ["junk:", '  a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"  a{level}: &a{level} [{', '.join([previous] * 10)}]")
    return "\n".join(lines) + "\n"


def _overlap(text: str) -> str:
    available = re.search(r"irc_available: \[([a-z_]+)", text)
    assert available, "mini.yaml lists an available capability"
    return re.sub(r"irc_locked: \[", f"irc_locked: [{available.group(1)}, ", text, count=1)


def _bad_byte_line_7() -> bytes:
    lines = mini_text().encode("utf-8").split(b"\n")
    lines[6] = lines[6] + b" \xff"
    return b"\n".join(lines)


def _card(extra: str) -> str:
    text = template(load_scenario(MINI))
    key = extra.split(":")[0]
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(f"{key}:")]
    return "".join(kept) + extra


# --- running a case -------------------------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    """A hash of every regular file under a folder (pipes and devices are never opened)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(path.lstat().st_mode):
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _cli(args: list[str]) -> tuple[int, str]:
    from game.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)
    return code, err.getvalue()


def _commands(case: Case, target: object, out: Path) -> list[tuple[str, Callable[[], tuple[int, str]]]]:
    """(expected exit code, one reading) for each command that reads this kind of input."""
    path = str(target)
    if case.target == "scenario":
        return [
            ("validate", lambda: _cli(["validate", path])),
            ("simulate", lambda: _cli(["simulate", "--scenario", path])),
        ]
    if case.target == "policy":
        return [
            (
                "analyse",
                lambda: _cli(["analyse", "--scenario", "mali-2019", "--policy-file", path, "--runs", "1"]),
            )
        ]
    if case.target == "save":
        return [
            ("report", lambda: _cli(["report", path])),
            ("replay", lambda: _replay(path)),
            ("play --load", lambda: _load(path)),
        ]
    if case.target == "session":
        return [
            ("status", lambda: _cli(["status", path])),
            ("export", lambda: _cli(["export", path, "-o", str(out / "export.json")])),
        ]
    if case.target == "card":
        return [("new card", lambda: _parse_card(str(target)))]
    return [("list saves", lambda: _list(Path(path)))]


EXPECTED_CODE = {
    "validate": 1,
    "simulate": 2,
    "analyse": 2,
    "report": 2,
    "replay": 2,
    "status": 2,
    "export": 2,
}


def _load(path: str) -> tuple[int, str]:
    """What `play --load` does before its first screen: load and verify the save."""
    try:
        load(path)
    except SaveError as error:
        return 2, f"minusma: {error}\n"
    return 0, ""


def _replay(path: str) -> tuple[int, str]:
    """What `replay` does before its first screen (the screen itself needs a terminal)."""
    from game.errors import UserError
    from game.record.commands import _open_replays

    try:
        _open_replays([path])
    except UserError as error:
        return 2, f"minusma: {error}\n"
    return 0, ""


def _parse_card(text: str) -> tuple[int, str]:
    try:
        parse_card(text, load_scenario(MINI))
    except ScenarioError as error:
        return 2, f"{error}\n"
    return 0, ""


def _list(data: Path) -> tuple[int, str]:
    previous = os.environ.get("MINUSMA_DATA_DIR")
    os.environ["MINUSMA_DATA_DIR"] = str(data)
    try:
        infos = list_saves(all_autosaves=True)
    finally:
        if previous is None:
            os.environ.pop("MINUSMA_DATA_DIR", None)
        else:
            os.environ["MINUSMA_DATA_DIR"] = previous
    good = [info for info in infos if info.problem is None]
    broken = [info for info in infos if info.problem is not None]
    if [info.path.name for info in good] != ["good.json"] or not broken:
        return 1, f"listed {[(i.path.name, i.problem) for i in infos]}\n"
    return 2, "".join(f"minusma: {info.path.name}: {info.problem}\n" for info in broken)


def _timed(call: Callable[[], tuple[int, str]]) -> tuple[int, str] | BaseException | None:
    """The call's result, its exception, or None when it is still running after HANG_SECONDS."""
    result: list = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # a traceback is what the corpus looks for
            error.trace = traceback.format_exc()  # type: ignore[attr-defined]
            result.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_SECONDS)
    return result[0] if result else None


def run_case(case: Case, folder: Path) -> Outcome:
    """Build the case in `folder`, read it with every command, and say how it went."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder.parent / f"{folder.name}-out"
    out.mkdir(exist_ok=True)
    target = case.make(folder)
    before = _digests(folder)
    outcome = Outcome(located=True)
    any_located = False
    accepted = True
    for command, call in _commands(case, target, out):
        result = _timed(call)
        if result is None:
            outcome.hang, outcome.clean = True, False
            outcome.messages.append(f"{command}: still running after {HANG_SECONDS:.0f} s")
            continue
        if isinstance(result, BaseException):
            outcome.clean = False
            outcome.traceback = outcome.traceback or f"{command}: {type(result).__name__}: {result}"[:300]
            continue
        code, message = result
        lines = [line for line in message.splitlines() if line.strip()]
        outcome.messages.extend(f"{command}: {line}" for line in lines[:3])
        if code == 0:
            continue
        accepted = False
        expected = EXPECTED_CODE.get(command, 2)
        if code != expected or not lines or "Traceback" in message:
            outcome.clean = False
        if case.target in ("save", "session", "listing") and command != "list saves" and len(lines) != 1:
            outcome.clean = False  # one line, as the commands promise
        if case.message and not re.search(case.message, message):
            outcome.clean = False
        any_located = any_located or bool(LOCATED.search(message))
    outcome.accepted = accepted and not outcome.traceback and not outcome.hang
    outcome.located = any_located
    after = _digests(folder)
    outcome.lost = any(after.get(name) != digest for name, digest in before.items())
    return outcome


# --- random damage, as an attacker would try it --------------------------------------------------


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random kind of damage: a flipped bit, a cut, a doubled or a deleted stretch."""
    if not data:
        return b"x"
    kind = rng.choice(["flip", "cut", "double", "delete", "byte"])
    at = rng.randrange(len(data))
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
    if kind == "cut":
        return data[:at]
    if kind == "double":
        end = min(len(data), at + rng.randrange(1, 200))
        return data[:end] + data[at:]
    if kind == "delete":
        return data[:at] + data[at + rng.randrange(1, 50) :]
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def random_case(kind: str, salt: int, label: str = "") -> Case:
    """Random damage to a sound scenario, save or session file, fixed by the salt."""
    make = {"scenario": _random_scenario, "save": _random_save, "session": _random_session}[kind](salt)
    return Case(label or f"random {kind} {salt}", "random damage", kind, make)


def random_cases(count: int, seed: int = 16) -> list[Case]:
    """Random damages, in turn to a scenario, a save and a session (deterministic from the seed)."""
    rng = random.Random(seed)
    kinds = ("scenario", "save", "session")
    return [
        random_case(kinds[index % 3], rng.randrange(2**32), f"random {kinds[index % 3]} {index}")
        for index in range(count)
    ]


def _random_scenario(salt: int) -> Callable[[Path], Path]:
    return lambda f: write(f, "random.yaml", mutate(MINI.read_bytes(), random.Random(salt)))


def _random_save(salt: int) -> Callable[[Path], Path]:
    return lambda f: write(f, "random.json", mutate(save_text().encode("utf-8"), random.Random(salt)))


def _random_session(salt: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = session(folder)
        rng = random.Random(salt)
        data = path.read_bytes()
        for _ in range(rng.randrange(1, 4)):
            data = mutate(data, rng)
        path.write_bytes(data)
        return path

    return make
