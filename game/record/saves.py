"""Save files: write a game's log atomically, list saves, and load one by replaying and verifying it.

A save is JSON (format "minusma-save", version 1) and self-contained: the validated scenario with
its content hash, the seed, the seats, every order of every committed turn (card decisions and
facilitator actions are orders too), the orders of the turn in progress, and digests.

Digests: each turn's digest chains the previous one with the canonical JSON of that turn's
record (its orders, cards, rolls, every change and the credibility of every region after the
turn), so a replay names the first turn that comes out differently. The digest of the whole
final state (GameState.digest) then proves the loaded game is the saved one, to the byte.
Wall-clock times live only in the metadata, never in what is verified.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import json
import marshal
import os
import re
import stat
import tempfile
import threading
import typing
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from pydantic_core import SchemaSerializer, core_schema

from game import __version__, i18n
from game.engine import ORDER_ADAPTER, Game, GameState, IllegalOrder, TurnRecord
from game.engine import orders as O
from game.engine.state import Cause, Change, Roll
from game.engine.wording import seat_name
from game.errors import ReadError, UserError
from game.fileread import MEGABYTE, FileReadError, decode, parse_json, position, printable, read_bytes
from game.i18n import N_, _
from game.scenario.loader import cross_reference_problems, scenario_hash
from game.scenario.models import Scenario
from game.validation_text import validation_message

FORMAT = "minusma-save"
VERSION = 1
AUTOSAVES_KEPT = 5
DATA_DIR_ENV = "MINUSMA_DATA_DIR"
AUTOSAVE_FOLDER = "autosaves"
SUFFIX = ".json"
GENESIS = "minusma-save-v1"  # the "previous digest" of turn 1
SAVE_MAX_BYTES = 64 * MEGABYTE  # a whole campaign with every order is well under 1 MB
STALE_TEMPORARY_SECONDS = 15 * 60  # an unfinished write older than this was interrupted
MODES = ("solo", "hotseat", "syndicate")
GAME_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_TEXT = 100_000  # the longest note a save may hold (a turn's debrief notes, all together)
MAX_NAME = 1000  # the longest save, player or file name
MAX_TURN = 10_000


class SaveError(ReadError):
    """A save that cannot be written or read, said so that a player knows what to do."""


@dataclass
class SaveMeta:
    """Who plays and how; kept beside the log, outside what the digests verify."""

    mode: str  # "solo" | "hotseat" (a syndicate session may use "syndicate")
    seats: dict[str, str]  # role -> player name
    name: str = ""
    parent: str | None = None  # the file name of the save this game was forked from
    fork_turn: int | None = None  # the first turn played differently from the parent
    notes: dict[int, str] = field(default_factory=dict)  # facilitator/debrief notes per turn
    game_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])  # groups a game's autosaves
    started: str = field(default_factory=lambda: _now())

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["notes"] = {str(turn): text for turn, text in sorted(self.notes.items())}
        return data

    @classmethod
    def from_json(cls, data: Any) -> SaveMeta:
        """Metadata read from a file, every field checked; ValueError names the first bad one."""
        if not isinstance(data, dict):
            raise ValueError(_("meta must be an object"))
        mode, seats = data.get("mode"), data.get("seats")
        if mode not in MODES:
            raise ValueError(_("meta.mode must be one of {choices}").format(choices=", ".join(MODES)))
        if not isinstance(seats, dict) or not all(
            isinstance(role, str) and isinstance(name, str) and len(role) <= 40 and len(name) <= MAX_NAME
            for role, name in seats.items()
        ):
            raise ValueError(_("meta.seats must map each role to a player's name"))
        values: dict[str, Any] = {"mode": mode, "seats": dict(seats)}
        for key in ("name", "started"):
            if key in data:
                values[key] = _text(data[key], f"meta.{key}", MAX_NAME)
        if data.get("parent") is not None:
            values["parent"] = _text(data["parent"], "meta.parent", MAX_NAME)
        if data.get("fork_turn") is not None:
            values["fork_turn"] = _turn(data["fork_turn"], "meta.fork_turn")
        notes = data.get("notes") or {}
        if not isinstance(notes, dict):
            raise ValueError(_("meta.notes must map turn numbers to text"))
        values["notes"] = {
            _turn(turn, _("a turn of meta.notes")): _text(text, _("a note"), MAX_TEXT)
            for turn, text in notes.items()
        }
        if "game_id" in data:
            game_id = data["game_id"]
            if not isinstance(game_id, str) or not GAME_ID.match(game_id):
                raise ValueError(_("meta.game_id must be up to 64 letters, digits, '-', '_' or '.'"))
            values["game_id"] = game_id
        return cls(**values)

    def players(self) -> str:
        """The players for a list of saves: "Ana (SRSG), Bo (Force Commander)" or one name."""
        names = {name for name in self.seats.values() if name}
        if len(names) <= 1:
            return next(iter(names), "")
        return ", ".join(f"{name} ({seat_name(role)})" for role, name in self.seats.items() if name)


@dataclass(frozen=True)
class SaveInfo:
    """One save in the list: enough to choose it without loading it."""

    path: Path
    name: str
    scenario: str  # the scenario's title
    month: str
    turn: int
    players: str
    last_played: str  # local time, "YYYY-MM-DD HH:MM"
    kind: str  # "auto" | "manual"
    over: bool = False
    game_id: str = ""
    problem: str | None = None  # set when the file cannot be read as a save


@dataclass
class SaveFile:
    """A save read from disk and checked for shape, not yet replayed."""

    path: Path
    scenario: Scenario
    seed: int
    meta: SaveMeta
    turns: list[dict[str, Any]]  # {"turn", "month", "orders": [dict], "digest"}
    pending: list[dict[str, Any]]
    final_digest: str
    saved_at: str
    game_version: str


def _text(value: Any, what: str, longest: int) -> str:
    if not isinstance(value, str) or len(value) > longest:
        raise ValueError(
            _("{what} must be text of at most {longest} characters").format(what=what, longest=longest)
        )
    return value


def _turn(value: Any, what: str) -> int:
    """A turn number from a file: an int, or the digits of one (JSON keys are text)."""
    if isinstance(value, str) and value.isdigit() and len(value) <= 5:
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_TURN:
        raise ValueError(_("{what} must be a turn number from 1 to {last}").format(what=what, last=MAX_TURN))
    return value


# --- where saves live ---------------------------------------------------------------------------


def save_dir() -> Path:
    """The saves folder: the user data folder's "saves", or $MINUSMA_DATA_DIR/saves."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        base = Path(override).expanduser()
    else:
        import platformdirs

        base = Path(platformdirs.user_data_dir("minusma", appauthor=False))
    return base / "saves"


def safe_name(name: str) -> str:
    """A file name from a player's save name: letters, digits, '-', '_' and '.'; no path."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-.")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:80].strip("-.")
    if not cleaned:
        raise SaveError(_("cannot save under the name {name}: use letters or digits").format(name=repr(name)))
    return cleaned


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# --- writing ------------------------------------------------------------------------------------


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _record_text_by_definition(record: TurnRecord) -> str:
    """A committed turn's canonical JSON, as its definition reads: what record_text must write."""
    return _canonical(record.model_dump(mode="json"))


# A record's changes and rolls are nearly all of its text (about 40 KB a turn). Encoding them through
# model_dump and json.dumps was most of the time taken to verify a save, so pydantic-core writes them
# straight to JSON: it writes a dataclass's fields in the order its schema lists them, and these
# schemas list them alphabetically, as sort_keys does; its strings are escaped as json.dumps escapes
# them with ensure_ascii=False. The final digest, which GameState.digest() encodes by the
# definition, checks the bytes (tests/record/test_saves.py); a save the definition wrote still loads.
def _alphabetical(
    cls: type, nested: dict[str, core_schema.CoreSchema] | None = None
) -> core_schema.CoreSchema:
    """A dataclass's serialization schema with its fields in alphabetical order, each field written
    as pydantic writes its type in a model_dump (whole numbers, text; any other type as found)."""
    hints = typing.get_type_hints(cls)
    names = sorted(item.name for item in dataclasses.fields(cls))
    fields = [core_schema.dataclass_field(n, (nested or {}).get(n) or _leaf(hints[n])) for n in names]
    return core_schema.dataclass_schema(cls, core_schema.dataclass_args_schema(cls.__name__, fields), names)


def _leaf(hint: Any) -> core_schema.CoreSchema:
    if hint is int:
        return core_schema.int_schema()
    if hint is str or (
        typing.get_origin(hint) is Literal and all(isinstance(a, str) for a in typing.get_args(hint))
    ):
        return core_schema.str_schema()
    return core_schema.any_schema()


_WRITTEN_DIRECTLY = {
    "changes": SchemaSerializer(
        core_schema.list_schema(
            _alphabetical(Change, {"causes": core_schema.list_schema(_alphabetical(Cause))})
        )
    ),
    "rolls": SchemaSerializer(core_schema.list_schema(_alphabetical(Roll))),
}
# A record's fields in their canonical (sorted) order: runs of the other fields, and the names of
# those written directly.
_SEGMENTS: list[str | tuple[str, ...]] = []
for _name in sorted(TurnRecord.model_fields):
    if _name in _WRITTEN_DIRECTLY:
        _SEGMENTS.append(_name)
    elif _SEGMENTS and isinstance(_SEGMENTS[-1], tuple):
        _SEGMENTS[-1] += (_name,)
    else:
        _SEGMENTS.append((_name,))
_DIRECT_NAMES = set(_WRITTEN_DIRECTLY)
_OTHERS = len(TurnRecord.model_fields) - len(_DIRECT_NAMES)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)  # as _canonical


def _written_directly(record: TurnRecord) -> str | None:
    """record_text, the changes and rolls written by pydantic-core; None where it cannot (a lone
    surrogate, a field left out of the dump: none is today)."""
    try:
        data = record.model_dump(mode="json", exclude=_DIRECT_NAMES)
        if len(data) != _OTHERS:
            return None
        parts = []
        for segment in _SEGMENTS:
            if isinstance(segment, str):
                # a value of another type than declared is an error here, not a warning: the
                # definition writes it
                written = _WRITTEN_DIRECTLY[segment].to_json(getattr(record, segment), warnings="error")
                parts.append(f'"{segment}":{written.decode()}')
            else:
                parts.append(_CANONICAL.encode({name: data[name] for name in segment})[1:-1])
    except Exception:  # the definition encodes it or refuses it, as it always did
        return None
    return "{" + ",".join(parts) + "}"


def record_text(record: TurnRecord) -> str:
    """A committed turn's canonical JSON, as its digest reads it: _record_text_by_definition's text."""
    text = _written_directly(record)
    return _record_text_by_definition(record) if text is None else text


_TEXTS: dict[int, tuple[TurnRecord, str]] = {}  # id(record) -> (the record, its record_text)
_TEXTS_KEPT = 128  # four games of 30 turns
_TEXTS_LOCK = threading.Lock()


def record_texts(records: list[TurnRecord]) -> list[str]:
    """record_text of each record. A committed turn's record never changes once written, so the
    texts of the last saves are taken again: an autosave encodes only the turns played since."""
    texts = []
    with _TEXTS_LOCK:
        for record in records:
            known = _TEXTS.get(id(record))
            if known is None or known[0] is not record:  # the record is held: its id is not reused
                known = _TEXTS[id(record)] = (record, record_text(record))
            texts.append(known[1])
        while len(_TEXTS) > _TEXTS_KEPT:
            del _TEXTS[next(iter(_TEXTS))]  # the oldest first
    return texts


def _chain(previous: str, text: str) -> str:
    return hashlib.sha256((previous + "\n" + text).encode("utf-8")).hexdigest()


def turn_digest(previous: str, record: TurnRecord) -> str:
    """The digest of one committed turn, chained to the turn before."""
    return _chain(previous, record_text(record))


def turn_digests(records: list[TurnRecord], texts: list[str] | None = None) -> list[str]:
    """Each turn's digest; `texts`, the records' record_text, when they are already made."""
    digests, previous = [], GENESIS
    for text in texts if texts is not None else map(record_text, records):
        previous = _chain(previous, text)
        digests.append(previous)
    return digests


def _escaped(character: str) -> str:
    """A character beyond ASCII as json.dumps writes it with ensure_ascii."""
    code = ord(character)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as json writes it
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def _json_ascii(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each run of characters beyond ASCII, escaped as json.dumps does."""
    assert isinstance(error, UnicodeEncodeError)
    return "".join(map(_escaped, error.object[error.start : error.end])), error.end


codecs.register_error("minusma-json-ascii", _json_ascii)


def _latin1(text: str) -> bool:
    """Whether every character of the text is in Latin-1 (a quick test: Python copies such a text)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _ensure_ascii(text: str) -> bytes:
    r"""JSON text written with ensure_ascii=False, as ensure_ascii writes it: every character beyond
    ASCII escaped, and DEL too (the quotes, backslashes and control characters are escaped alike by
    both settings).

    Python's own backslashreplace escapes beyond ASCII at C speed, twice as fast as a handler called
    for each run of them: its \uXXXX is JSON's, its \xXX becomes \u00XX. That holds where the text
    has no "\x" of its own (in JSON text a backslash is written \\, so \\x is a backslash and an x)
    and no character beyond the BMP (backslashreplace's \UXXXXXXXX is a surrogate pair in JSON):
    otherwise the handler escapes the text. (Single-character searches are the fast ones.)"""
    if "\\" not in text or "\\x" not in text:
        escaped = text.encode("ascii", "backslashreplace")
        if _latin1(text) or b"\\U" not in escaped:
            return b"\\u00".join(escaped.split(b"\\x")).replace(b"\x7f", b"\\u007f")
    return text.replace("\x7f", "\\u007f").encode("ascii", "minusma-json-ascii")


def state_digest(state: GameState, texts: list[str]) -> str:
    """GameState.digest(), to the byte, from the history's record_text already made for the turn
    digests: the history is most of the state, and encoding it twice was most of a save's time.
    The texts were written with ensure_ascii=False; the digest reads them as ensure_ascii writes
    them: every character beyond ASCII escaped, and DEL too (the quotes, backslashes and control
    characters are escaped alike by both settings)."""
    data = state.model_dump(mode="json", exclude={"history"})
    # the other keys, those sorted before "history" and those after, each run encoded at once
    runs = (
        {k: v for k, v in data.items() if k < "history"},
        {k: v for k, v in data.items() if k > "history"},
    )
    before, after = (_ASCII_CANONICAL.encode(run)[1:-1] for run in runs)  # without their braces
    digest = hashlib.sha256(f'{{{before}{"," if before else ""}"history":['.encode())
    digest.update(_ensure_ascii(",".join(texts)))
    digest.update(f"]{',' if after else ''}{after}}}".encode())
    return digest.hexdigest()


_ASCII_CANONICAL = json.JSONEncoder(separators=(",", ":"), sort_keys=True)  # as GameState.to_json


def save_document(game: Game, meta: SaveMeta) -> dict[str, Any]:
    """Everything a save holds, as plain data (the scenario last, since it is long).

    The scenario's data is shared by every save of the scenario (see _written_scenario): read it,
    never change it."""
    state = game.state
    written = _written_scenario(game.scenario)
    records = game.records()
    texts = record_texts(records)
    digests = turn_digests(records, texts)
    return {
        "format": FORMAT,
        "version": VERSION,
        "game_version": __version__,
        "saved_at": _now(),
        "summary": {
            "scenario_id": game.scenario.id,
            "scenario_title": game.scenario.title,
            "turn": game.turn,
            "month": game.month,
            "turns_played": len(records),
            "over": game.is_over(),
            "players": meta.players(),
        },
        "meta": meta.to_json(),
        "seed": game.seed,
        "scenario_hash": written.content_hash,
        "turns": [
            {"turn": record.turn, "month": record.month, "orders": record.orders, "digest": digest}
            for record, digest in zip(records, digests, strict=True)
        ],
        "pending": list(state.current.orders),
        "final_digest": state_digest(state, texts),
        "scenario": written.data,
    }


@dataclass(frozen=True)
class _WrittenScenario:
    scenario: Scenario  # kept, so that its id is not reused while the cache holds it
    data: dict[str, Any]
    content_hash: str
    text: str  # the data as dumps() writes it


# Every autosave of a game writes the same scenario, nearly all of a save's bytes: dumping,
# hashing and writing it out again was most of an autosave's time. A scenario is immutable
# (frozen models), so its written form is kept, found by the object itself.
_WRITTEN: dict[int, _WrittenScenario] = {}
_WRITTEN_KEPT = 4
_WRITTEN_LOCK = threading.Lock()


def _written_scenario(scenario: Scenario) -> _WrittenScenario:
    with _WRITTEN_LOCK:
        written = _WRITTEN.get(id(scenario))
    if written is not None and written.scenario is scenario:
        return written
    data = scenario.model_dump(mode="json")
    written = _WrittenScenario(scenario, data, scenario_hash(scenario), _block(data, "  "))
    with _WRITTEN_LOCK:
        _WRITTEN[id(scenario)] = written
        while len(_WRITTEN) > _WRITTEN_KEPT:
            del _WRITTEN[next(iter(_WRITTEN))]  # the oldest first
    return written


def _block(value: Any, indent: str) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def _written_by_data(data: Any) -> _WrittenScenario | None:
    with _WRITTEN_LOCK:
        return next((written for written in _WRITTEN.values() if written.data is data), None)


def dumps(document: dict[str, Any]) -> str:
    """Readable JSON: one order per line, so a diff or a curious officer can follow the game."""

    def orders(items: list[dict], indent: str) -> str:
        if not items:
            return "[]"
        lines = ",\n".join(indent + "  " + json.dumps(o, ensure_ascii=False) for o in items)
        return "[\n" + lines + "\n" + indent + "]"

    parts = []
    for key, value in document.items():
        if key == "turns":
            turns = [
                "    {"
                + f'"turn": {t["turn"]}, "month": {json.dumps(t["month"])}, '
                + f'"digest": {json.dumps(t["digest"])},\n     "orders": '
                + orders(t["orders"], "     ")
                + "}"
                for t in value
            ]
            text = "[\n" + ",\n".join(turns) + "\n  ]" if turns else "[]"
        elif key == "pending":
            text = orders(value, "  ")
        elif key == "scenario" and (written := _written_by_data(value)) is not None:
            text = written.text
        else:
            text = _block(value, "  ")
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_atomic(path: Path, text: str, what: str | None = None) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one.

    A device, pipe or folder at `path` is never replaced by a file (as root, a rename would do it).
    `what` names a file that is not a save ("the report") in the errors."""
    folder = path.parent
    if path.exists() and not path.is_file():
        raise SaveError(_("{path} is not a regular file; give the name of a file to write").format(path=path))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        reason = error.strerror or error
        if what is None:
            message = _("cannot write to the saves folder {folder}: {reason}")
        else:
            message = _("cannot write to the folder {folder}: {reason}")
        raise SaveError(message.format(folder=folder, reason=reason)) from None
    try:
        try:  # mkstemp makes the file private; give it the mode any other file would have
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            reason = error.strerror or error
            if what is None:
                message = _("could not write the save {path}: {reason}").format(path=path, reason=reason)
            else:
                message = _("could not write {what} to {path}: {reason}").format(
                    what=what, path=path, reason=reason
                )
            raise SaveError(message) from None
        raise
    with contextlib.suppress(OSError, AttributeError):  # the rename itself survives a power cut
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def write_output(path: Path, text: str, what: str) -> None:
    """Write a file the user asked for (a report, a schema, an export), whole or not at all: a full
    disk leaves the old file; a device or pipe (/dev/stdout) is written into, never replaced.
    Every failure is a one-line UserError naming `what` ("the report", N_() or _(): shown through _())."""
    what = _(what)
    if path.is_dir():
        raise UserError(_("{path} is a folder; give a file name for {what}").format(path=path, what=what))
    if path.exists() and not path.is_file():
        try:
            with path.open("w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            reason = error.strerror or error
            raise UserError(
                _("could not write {what} to {path}: {reason}").format(what=what, path=path, reason=reason)
            ) from None
        return
    try:
        write_atomic(path, text, what)
    except SaveError as error:
        raise UserError(_("{reason}; nothing was written").format(reason=error)) from None


def save_to(path: Path, game: Game, meta: SaveMeta) -> Path:
    """Save a game to this exact file (atomically)."""
    write_atomic(path, dumps(save_document(game, meta)))
    return path


def autosave(game: Game, meta: SaveMeta) -> Path:
    """Autosave after a committed turn (or on quit); keeps this game's last few autosaves.

    The name holds the turn and its digest, so a game continued from an older autosave never
    overwrites the autosaves of the line it left.
    """
    folder = save_dir() / AUTOSAVE_FOLDER
    document = save_document(game, meta)
    last = document["turns"][-1]["digest"][:8] if document["turns"] else "start"
    prefix = f"{safe_name(game.scenario.id)}-{safe_name(meta.game_id)}-t"
    path = folder / f"{prefix}{len(document['turns']):03d}-{last}{SUFFIX}"
    write_atomic(path, dumps(document))
    for old in _newest_first(folder.glob(f"{prefix}*{SUFFIX}"))[AUTOSAVES_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()
    remove_stale_temporaries(folder)
    return path


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the hidden `.NAME.json.XXXX.tmp` files of writes interrupted long ago; the removed ones.

    Only regular files of write_atomic's own pattern, untouched for STALE_TEMPORARY_SECONDS, so a
    write in progress in another window is never disturbed.
    """
    now = datetime.now().timestamp() if now is None else now
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f".*{SUFFIX}.*.tmp"))
    except OSError:
        return removed
    for path in candidates:
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                path.unlink()
                removed.append(path)
    return removed


def _newest_first(paths: Iterable[Path]) -> list[Path]:
    def written(path: Path) -> tuple[int, str]:
        try:
            return path.stat().st_mtime_ns, path.name
        except OSError:
            return 0, path.name

    return sorted(paths, key=written, reverse=True)


def save_as(game: Game, meta: SaveMeta, name: str) -> Path:
    """A named save in the saves folder (the name is made safe; an existing one is replaced)."""
    path = save_dir() / f"{safe_name(name)}{SUFFIX}"
    return save_to(path, game, dataclasses.replace(meta, name=name.strip()[:MAX_NAME]))


# --- reading ------------------------------------------------------------------------------------


def _looks_like_a_save(raw: bytes | str) -> bool:
    """A file that says it is a save somewhere in its first kilobytes: damage, not another kind of file."""
    head = raw[:4096]
    return (b'"minusma-save"' if isinstance(head, bytes) else '"minusma-save"') in head  # type: ignore[operator]  # same type as head


def _read_text(path: Path) -> str:
    where = str(path)
    try:
        raw = read_bytes(path, N_("a save file"), SAVE_MAX_BYTES)
    except FileReadError as error:
        raise SaveError(f"{where}: {error.problem.message}") from None
    if not raw.strip():
        raise SaveError(
            _(
                "{where}: the file is empty, so it holds no game (a write that never finished?); "
                "open an autosave of the same game instead"
            ).format(where=where)
        )
    if b"\x00" in raw:
        if _looks_like_a_save(raw):
            line, column = position(raw, raw.index(b"\x00"))
            raise _damaged(
                where, _("a zero byte at line {line}, column {column}").format(line=line, column=column)
            )
        raise SaveError(_("{where}: this is a binary file, not a MINUSMA save").format(where=where))
    try:
        return decode(raw, where)
    except FileReadError as error:
        if _looks_like_a_save(raw):
            problem = error.problem
            raise _damaged(
                where,
                _("a byte that is not UTF-8 at line {line}, column {column}").format(
                    line=problem.line, column=problem.column
                ),
            ) from None
        raise SaveError(
            _("{where}: this is not a text file, so it is not a MINUSMA save").format(where=where)
        ) from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    where = str(path)
    try:
        document = parse_json(text, where)
    except FileReadError as error:
        problem = error.problem
        raise _damaged(
            where,
            _("line {line}, column {column}: {problem}").format(
                line=problem.line, column=problem.column, problem=problem.message
            ),
        ) from None
    except json.JSONDecodeError as error:
        # A string still open at the end of the text (JSON strings hold no raw newline) is cut short too.
        at_end = error.pos >= len(text.rstrip()) - 1 or error.msg.startswith("Unterminated string")
        if at_end and text.lstrip().startswith("{"):
            raise SaveError(
                _(
                    "{where}: the save is cut short (it ends after {count} characters); "
                    "it was not written completely: open an autosave of the same game instead"
                ).format(where=where, count=len(text))
            ) from None
        invalid = _("not valid JSON at line {line}, column {column}: {reason}").format(
            line=error.lineno, column=error.colno, reason=error.msg
        )
        if _looks_like_a_save(text):
            raise _damaged(where, invalid) from None
        raise SaveError(
            _("{where}: not a MINUSMA save ({reason})").format(where=where, reason=invalid)
        ) from None
    not_a_save = _("{where}: not a MINUSMA save (the file does not say it is a {format})")
    if not isinstance(document, dict):
        raise SaveError(not_a_save.format(where=where, format=repr(FORMAT)))
    if document.get("format") != FORMAT:
        if {"seed", "turns", "scenario_hash", "final_digest"} <= document.keys():
            raise _damaged(
                where,
                _("its format reads {found}, not {format}").format(
                    found=repr(str(document.get("format"))[:40]), format=repr(FORMAT)
                ),
            )
        raise SaveError(not_a_save.format(where=where, format=repr(FORMAT)))
    return document


def _migrate_0_to_1(document: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover - never released
    raise SaveError(_("save format 0 was a development format and cannot be migrated"))


# Each step turns a document of version N into one of version N + 1, where the rules allow it.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def migrate(document: dict[str, Any], where: str = "save") -> dict[str, Any]:
    """Bring an older save up to the current format, or say why it cannot be."""
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(
            _("{where}: the save has no format version, so it cannot be read").format(where=where)
        )
    if version > VERSION:
        raise SaveError(
            _(
                "{where}: this save was written by a newer version of MINUSMA (save format {version}; "
                "this version {game_version} reads format {current} and older): update the game to open it"
            ).format(where=where, version=version, game_version=__version__, current=VERSION)
        )
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise SaveError(
                _(
                    "{where}: this save comes from an older version of MINUSMA (save format {version}) "
                    "that cannot be brought up to format {current}; open it with the version that wrote it"
                ).format(where=where, version=version, current=VERSION)
            )
        try:
            document = step(document)
        except SaveError as error:
            raise SaveError(f"{where}: {error}") from None
        version = document["version"] = version + 1
    return document


def _damaged(where: str, what: str) -> SaveError:
    return SaveError(
        _("{where}: the save is damaged ({what}); open an autosave of the same game instead").format(
            where=where, what=what
        )
    )


def read_save(path: str | Path) -> SaveFile:
    """Read a save and check its shape and its scenario; the log is not replayed yet."""
    path = Path(path)
    where = str(path)
    document = migrate(_parse(path, _read_text(path)), where)
    try:
        seed = document["seed"]
        turns = document["turns"]
        pending = document.get("pending", [])
        final_digest = document["final_digest"]
        stored_hash = document["scenario_hash"]
        scenario_data = document["scenario"]
        meta = SaveMeta.from_json(document["meta"])
    except KeyError as error:
        raise _damaged(where, _("{key} is missing").format(key=repr(error.args[0]))) from None
    except (TypeError, ValueError) as error:
        raise _damaged(where, str(error)) from None
    if not isinstance(seed, int) or isinstance(seed, bool) or not abs(seed) < 2**64:
        raise _damaged(where, _("the seed is not a whole number below 2^64"))
    if not isinstance(final_digest, str) or not isinstance(stored_hash, str):
        raise _damaged(where, _("final_digest or scenario_hash is not text"))
    if not isinstance(pending, list) or not isinstance(turns, list):
        raise _damaged(where, _("turns and pending must be lists"))
    for number, turn in enumerate(turns, start=1):
        if (
            not isinstance(turn, dict)
            or not isinstance(turn.get("orders"), list)
            or not isinstance(turn.get("digest"), str)
        ):
            raise _damaged(where, _("turn {number} has no orders or no digest").format(number=number))
        if turn.get("turn") != number:
            raise _damaged(
                where,
                _("turn {number} is numbered {found}").format(number=number, found=repr(turn.get("turn"))),
            )
    if len(turns) > MAX_TURN:
        raise _damaged(where, _("it holds {count} turns").format(count=len(turns)))
    scenario = _scenario(document, scenario_data, stored_hash, where)
    return SaveFile(
        path=path,
        scenario=scenario,
        seed=seed,
        meta=meta,
        turns=turns,
        pending=pending,
        final_digest=final_digest,
        saved_at=printable(document.get("saved_at", ""), 64),
        game_version=printable(document.get("game_version", ""), 40),
    )


# Every save of a scenario holds the same scenario: validating it again (and hashing and
# cross-checking it) took a tenth of the time to open a save. A scenario is immutable, so one that
# passed is kept, found by the data as read: marshal writes it exactly, types and all (1, 1.0 and
# true differ), in a tenth of the time json.dumps takes; version 2 shares no references.
_SCENARIOS: dict[bytes, list[Any]] = {}  # the data, marshalled -> [scenario, its hash, its names or None]
_SCENARIOS_KEPT = 4
_SCENARIOS_LOCK = threading.Lock()


def _scenario(document: dict[str, Any], scenario_data: Any, stored_hash: str, where: str) -> Scenario:
    """The save's scenario, validated, its content hash checked against the stored one."""
    key = marshal.dumps(scenario_data, 2)
    with _SCENARIOS_LOCK:
        known = _SCENARIOS.get(key)
    if known is not None:
        scenario, content_hash, names = known
        if names is None:  # the scenario's validation registered them the first time
            names = known[2] = scenario.language_names()
        i18n.use_names(names, scenario.id)  # registered again, as its validation would
    else:
        scenario = _validated_scenario(document, scenario_data, where)
        content_hash = scenario_hash(scenario)
    if content_hash != stored_hash:  # the cheap check first: a changed scenario is refused
        raise SaveError(
            _(
                "{where}: the scenario inside the save was changed after the game was saved "
                "(its content hash does not match), so the save cannot be trusted"
            ).format(where=where)
        )
    if known is None:
        problems = cross_reference_problems(scenario)
        if problems:
            location, message = problems[0]
            raise _damaged(
                where,
                _("scenario {field}: {reason}").format(field=".".join(map(str, location)), reason=message),
            )
        with _SCENARIOS_LOCK:
            _SCENARIOS[key] = [scenario, content_hash, None]
            while len(_SCENARIOS) > _SCENARIOS_KEPT:
                del _SCENARIOS[next(iter(_SCENARIOS))]  # the oldest first
    return scenario


def _validated_scenario(document: dict[str, Any], scenario_data: Any, where: str) -> Scenario:
    try:
        return Scenario.model_validate(scenario_data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = ".".join(str(part) for part in first["loc"])
        if document.get("game_version") == __version__:  # the same version wrote it: damage, not age
            raise _damaged(
                where,
                _("the scenario inside it is not valid: {field}: {reason}").format(
                    field=loc, reason=validation_message(first)
                ),
            ) from None
        raise SaveError(
            _(
                "{where}: the scenario inside the save does not fit this version of MINUSMA "
                "({field}: {reason}); open it with the version that wrote it ({game_version})"
            ).format(
                where=where,
                field=loc,
                reason=validation_message(first),
                game_version=printable(document.get("game_version"), 40),
            )
        ) from None


class ReplayWatcher:
    """Hooks called while a save is replayed (the replay viewer keeps snapshots through them)."""

    def turn_started(self, game: Game) -> None:
        """The orders phase of a turn has opened (cards drawn), before any order."""

    def order_applied(self, game: Game, order: O.Order, role: str) -> None:
        """One logged order was applied; `role` is the seat that gave it."""

    def orders_given(self, game: Game) -> None:
        """Every logged order of a committed turn is in; the turn is about to be resolved."""

    def turn_ended(self, game: Game, record: TurnRecord) -> None:
        """A turn was committed and verified; the next one may have opened."""


def _apply_logged(game: Game, where: str, label: str, number: int, raw: Any, watcher: ReplayWatcher) -> None:
    try:
        order = ORDER_ADAPTER.validate_python(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise SaveError(
            _(
                "{where}: {turn}, order {number} is not a valid order ({reason}): "
                "the save was edited or is damaged"
            ).format(where=where, turn=label, number=number, reason=validation_message(first))
        ) from None
    role = O.order_role(order, game.context())
    try:
        game.apply(order)
    except IllegalOrder as error:
        raise SaveError(
            _(
                "{where}: the game diverges at {turn}: order {number} ({order}) is refused "
                "by the rules ({reason}); the save was edited, or made with different rules"
            ).format(
                where=where,
                turn=label,
                number=number,
                order=i18n.recorded(O.describe(order)),
                reason=i18n.recorded(error.reason),
            )
        ) from None
    watcher.order_applied(game, order, role)


def replay(save: SaveFile, watcher: ReplayWatcher | None = None) -> Game:
    """Replay a save's log through the engine, checking each turn's digest and the final state."""
    watcher = watcher or ReplayWatcher()
    where = str(save.path)
    game = Game.new(save.scenario, save.seed, undo=False)
    previous = GENESIS
    texts: list[str] = []  # each committed turn's record_text, for the final digest too
    try:
        for entry in save.turns:
            label = _("turn {number}").format(number=entry["turn"])
            if game.is_over():
                raise _damaged(where, _("{turn} comes after the end of the game").format(turn=label))
            watcher.turn_started(game)
            for number, raw in enumerate(entry["orders"], start=1):
                _apply_logged(game, where, label, number, raw, watcher)
            watcher.orders_given(game)
            record = game.end_turn()
            texts.append(record_text(record))
            previous = _chain(previous, texts[-1])
            if previous != entry["digest"]:
                raise SaveError(
                    _(
                        "{where}: the game diverges at {turn} ({month}): replaying its orders does "
                        "not give the turn that was saved; the save was edited or corrupted, or made by a "
                        "version with different rules (saved by {saved_by}, this is {game_version})"
                    ).format(
                        where=where,
                        turn=label,
                        month=record.month,
                        saved_by=save.game_version or _("unknown"),
                        game_version=__version__,
                    )
                )
            watcher.turn_ended(game, record)
        if save.pending:
            if game.is_over():
                raise _damaged(where, _("it has orders after the end of the game"))
            game.undo = True
            watcher.turn_started(game)
            for number, raw in enumerate(save.pending, start=1):
                label = _("turn {number} (in progress)").format(number=game.turn)
                _apply_logged(game, where, label, number, raw, watcher)
    except SaveError:
        raise
    except Exception as error:  # a tampered log can trip the rules in ways no message foresees
        raise SaveError(
            _("{where}: the save could not be replayed ({reason}); the save was edited or is damaged").format(
                where=where, reason=f"{type(error).__name__}: {error}"
            )
        ) from None
    # the records' texts are those the turns were verified with; should a rule touch a past record
    # after its turn, the whole state is encoded afresh before the save is refused
    if state_digest(game.state, texts) != save.final_digest and game.state.digest() != save.final_digest:
        raise SaveError(
            _(
                "{where}: the game replays turn by turn but its final state differs from the one saved "
                "(turn {turn}); the save was edited, or made by a version with different rules"
            ).format(where=where, turn=game.turn)
        )
    game.undo = True
    return game


def load(path: str | Path) -> tuple[Game, SaveMeta]:
    """Load a save: replay its log through the engine and verify it; SaveError says what is wrong."""
    save = read_save(path)
    return replay(save), save.meta


# --- listing ------------------------------------------------------------------------------------


def _summary(document: dict[str, Any]) -> tuple[str, str, int, str, bool]:
    """The summary a list shows (title, month, turn, players, over), every value checked."""
    summary = document.get("summary")
    if not isinstance(summary, dict):
        raise ValueError(_("it has no summary"))
    title, month, turn = summary.get("scenario_title"), summary.get("month"), summary.get("turn")
    players, over = summary.get("players", ""), summary.get("over", False)
    if not isinstance(title, str) or not isinstance(month, str) or not isinstance(players, str):
        raise ValueError(_("its summary is not text"))
    if not isinstance(turn, int) or isinstance(turn, bool) or not 0 <= turn <= MAX_TURN:
        raise ValueError(_("its summary's turn is not a turn number"))
    if not isinstance(over, bool):
        raise ValueError(_("its summary's 'over' is not true or false"))
    return printable(title), printable(month, 20), turn, printable(players, 400), over


def _title(document: dict[str, Any], title: str) -> str:
    """The saved scenario's title in the player's language: its own translation, even where the
    scenario is not loaded yet (the title screen lists saves before any game starts)."""
    if i18n.is_name(title):
        return i18n.name(title)
    scenario = document.get("scenario")
    translated = scenario.get(i18n.language()) if isinstance(scenario, dict) else None
    own = translated.get("title") if isinstance(translated, dict) else None
    return printable(own) if isinstance(own, str) and own else title


def _info(path: Path, kind: str) -> SaveInfo:
    """One row of the list; a file that cannot be read is a row marked with a one-line reason."""
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except (OSError, ValueError, OverflowError):
        stamp = ""
    try:
        document = migrate(_parse(path, _read_text(path)), str(path))
        title, month, turn, players, over = _summary(document)
        meta = SaveMeta.from_json(document.get("meta"))
        automatic = _("{title} (autosave)").format(title=_title(document, title))
        return SaveInfo(
            path=path,
            name=printable(meta.name) or (path.stem if kind == "manual" else automatic),
            scenario=title,
            month=month,
            turn=turn,
            players=players,
            last_played=stamp,
            kind=kind,
            over=over,
            game_id=meta.game_id,
        )
    except SaveError as error:
        problem = str(error).removeprefix(f"{path}: ")
    except ValueError as error:
        problem = _("the save is damaged ({reason})").format(reason=error)
    except Exception as error:  # the list must show every other save whatever one file holds
        problem = _("the save is damaged ({reason})").format(reason=type(error).__name__)
    return SaveInfo(path, path.stem, "?", "", 0, "", stamp, kind, problem=printable(problem, 300))


def _files(folder: Path) -> list[Path]:
    """The *.json entries of a folder (a missing or unreadable folder has none)."""
    try:
        return [path for path in folder.glob(f"*{SUFFIX}") if not path.name.startswith(".")]
    except OSError:
        return []


def list_saves(all_autosaves: bool = False) -> list[SaveInfo]:
    """Saves, most recently written first; of each game's autosaves only the latest unless asked.

    Never raises and never blocks: a damaged file, a pipe or a folder named *.json is listed with
    its `problem` (one line) so the player sees it beside the saves that still open.
    """
    folder = save_dir()
    for place in (folder, folder / AUTOSAVE_FOLDER):
        remove_stale_temporaries(place)
    found = [_info(path, "manual") for path in _files(folder)]
    seen: set[str] = set()
    for path in _newest_first(_files(folder / AUTOSAVE_FOLDER)):
        info = _info(path, "auto")
        if all_autosaves or info.problem or info.game_id not in seen:
            found.append(info)
        seen.add(info.game_id)
    by_path = {info.path: info for info in found}
    return [by_path[path] for path in _newest_first(by_path)]


def latest_save() -> Path | None:
    """The most recently written save or autosave that can be read, for "Continue"."""
    return next((info.path for info in list_saves() if info.problem is None), None)
