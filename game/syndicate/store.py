"""The session store of a syndicate game: one SQLite file shared by every seat and the facilitator.

Every write is one `BEGIN IMMEDIATE` transaction, so several processes can give orders and
commit at once: SQLite serialises them and nothing is lost. The game itself is never stored:
it is rebuilt from the scenario, the seed and the log of orders, like a save.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game import i18n
from game.engine import ORDER_ADAPTER, Game, IllegalOrder
from game.engine.context import ScenarioIndex
from game.engine.orders import FACILITATOR, Order, describe
from game.engine.sides import GREEN, RED
from game.engine.wording import seat_name
from game.errors import ReadError
from game.fileread import FileReadError, printable, read_text
from game.i18n import N_, _
from game.scenario.loader import scenario_hash
from game.scenario.models import Role, Scenario

SEATABLE: tuple[str, ...] = (*Role, RED, GREEN)  # the mission's seats, then the cells'

FORMAT = "minusma-session"
VERSION = 2  # 2: the facilitator secret is hashed with scrypt (pin_kdf)
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    turn INTEGER NOT NULL,
    role TEXT NOT NULL,
    body TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE commits (turn INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (turn, role));
CREATE TABLE turns (turn INTEGER PRIMARY KEY, digest TEXT NOT NULL, forced INTEGER NOT NULL);
"""
PIN_ROUNDS = 100_000  # PBKDF2, only to check the PIN of a version 1 session
SCRYPT_N = 2**14  # scrypt: 16 MiB of memory a guess, so a stolen file costs a guesser dearly
CLAIM_STALE_SECONDS = 15.0  # a seat whose window has not been heard from for this long is free
NOTES_MAX_CHARACTERS = 50_000  # a turn's debrief notes, all together (a save holds up to 100,000)
WRITES_SUFFIX = ".writes"  # beside the session: how many writes it has taken (see _note_write)
_HEX = re.compile(r"^[0-9a-f]+$")
_SEED = re.compile(r"^-?[0-9]{1,19}$")
_GAME_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")  # as a save's meta.game_id
# What a garbled page or an edited value raises while it is read: the file is damaged.
DAMAGE = (sqlite3.DatabaseError, ValidationError, ValueError, TypeError, KeyError, IndexError, OverflowError)


UNREADABLE = N_("{file}: not a readable session file ({error}); restore it from a backup or host a new game")
ALREADY_COMMITTED = N_("the {seat} has already committed turn {turn}")


class SessionError(ReadError):
    """A problem with a session file, said so that a facilitator knows what to do."""


def _damaged(path: Path, error: BaseException) -> SessionError:
    reason = printable(error) if str(error) else type(error).__name__
    if isinstance(error, UnicodeDecodeError):
        reason = _("a stored text is garbled (not UTF-8)")
    elif isinstance(error, ValidationError):
        first = error.errors()[0]
        reason = f"{'.'.join(map(str, first['loc'])) or _('a value')}: {first['msg']}"
    return SessionError(
        _(
            "{file}: the session file is damaged ({reason}); restore it from a backup or host a new game"
        ).format(file=path, reason=reason)
    )


@dataclass(frozen=True)
class SeatStatus:
    role: str
    committed: bool
    pending: int


def _hash_pin(pin: str, salt: bytes, kdf: str = "scrypt") -> str:
    if kdf == "pbkdf2":  # sessions hosted before the server (version 1)
        return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ROUNDS).hex()
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=32
    ).hex()


Write = tuple[str, tuple[object, ...]]  # one SQL statement and its values, for Session.write_all


def order_write(order_id: int, turn: int, role: str, order: Order) -> Write:
    return (
        "INSERT INTO orders (id, turn, role, body) VALUES (?, ?, ?, ?)",
        (order_id, turn, role, order.model_dump_json()),
    )


def withdrawn_write(order_id: int) -> Write:
    return ("UPDATE orders SET withdrawn = 1 WHERE id = ?", (order_id,))


def commit_write(turn: int, role: str) -> Write:
    return ("INSERT OR IGNORE INTO commits VALUES (?, ?)", (turn, role))


def turn_write(turn: int, digest: str, forced: bool) -> Write:
    return ("INSERT INTO turns VALUES (?, ?, ?)", (turn, digest, int(forced)))


def meta_write(key: str, value: str) -> Write:
    return ("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


class Session:
    """A hosted game in a SQLite file. Open one per process (connections are not shared)."""

    def __init__(self, path: str | Path, timeout: float = 30):
        """Open a hosted game; `timeout` is how long (seconds) a write waits for another's lock."""
        self.path = Path(path)
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            raise SessionError(
                _("{file}: no such session file; host one with `minusma host`").format(file=self.path)
            ) from None
        except OSError as error:
            raise SessionError(
                _("{file}: cannot read it ({error})").format(file=self.path, error=error.strerror or error)
            ) from None
        if stat.S_ISDIR(mode):
            raise SessionError(_("{file} is a folder, not a session file").format(file=self.path))
        if not stat.S_ISREG(mode):
            raise SessionError(_("{file} is a pipe or a device, not a session file").format(file=self.path))
        self.timeout = timeout
        try:
            # Read-write but never create; opening a file reads it and writes nothing.
            self._db = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=rw", timeout=timeout, isolation_level=None, uri=True
            )
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            meta = {str(key): value for key, value in self._db.execute("SELECT key, value FROM meta")}
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                raise SessionError(
                    _(
                        "{file}: an SQLite file, but not a minusma session; host one with `minusma host`"
                    ).format(file=self.path)
                ) from None
            if "locked" in str(error) or "busy" in str(error):
                raise SessionError(
                    _("{file}: the session is locked by another program ({error}); try again").format(
                        file=self.path, error=printable(error)
                    )
                ) from None
            raise SessionError(_(UNREADABLE).format(file=self.path, error=printable(error))) from None
        except sqlite3.DatabaseError as error:
            raise SessionError(_(UNREADABLE).format(file=self.path, error=printable(error))) from None
        except UnicodeDecodeError as error:  # a garbled page inside a text value
            self._db.close()
            raise _damaged(self.path, error) from None
        if meta.get("format") != FORMAT:
            self._db.close()
            raise SessionError(_("{file}: not a minusma session file").format(file=self.path))
        try:
            self._check_meta(meta)
            self._check_writes()
        except BaseException:
            self._db.close()
            raise

    def _check_meta(self, meta: dict[str, object]) -> None:
        """Every value the session file sets, checked before it is used."""
        try:
            version = meta.get("version", "0")
            if not isinstance(version, str) or not version.isdigit() or len(version) > 6:
                raise ValueError(_("its version is {version}").format(version=repr(str(version)[:20])))
            if int(version) > VERSION:
                raise SessionError(
                    _(
                        "{file}: made by a newer minusma (session version {version}); "
                        "upgrade minusma to join it"
                    ).format(file=self.path, version=version)
                )
            settings = {
                key: meta[key]
                for key in ("scenario", "scenario_hash", "seed", "seats", "pin_salt", "pin_hash")
            }
            text = {key: value for key, value in settings.items() if isinstance(value, str)}
            if len(text) != len(settings):
                raise ValueError(_("a setting is not text"))
            seed, seats = text["seed"], json.loads(text["seats"])
            if not _SEED.match(seed):
                raise ValueError(_("the seed is not a whole number"))
            if (
                not isinstance(seats, list)
                or not seats
                or not all(isinstance(seat, str) and seat in SEATABLE for seat in seats)
                or len(set(seats)) != len(seats)
            ):
                raise ValueError(_("the seats are not a list of known roles"))
            for key in ("pin_salt", "pin_hash", "scenario_hash"):
                if not _HEX.match(text[key]):
                    raise ValueError(_("{key} is not hexadecimal").format(key=key))
            if "game_id" in meta and not _GAME_ID.match(str(meta["game_id"])):
                raise ValueError(_("game_id is not up to 64 letters and digits"))
            self.scenario = Scenario.model_validate_json(text["scenario"])
            self.index = ScenarioIndex(self.scenario)  # names for the orders' descriptions
        except KeyError as error:
            raise _damaged(
                self.path, ValueError(_("the setting {key} is missing").format(key=repr(error.args[0])))
            ) from None
        except DAMAGE as error:
            raise _damaged(self.path, error) from None
        if scenario_hash(self.scenario) != text["scenario_hash"]:
            raise SessionError(
                _("{file}: the scenario stored in the session was altered").format(file=self.path)
            )
        self.meta = {key: str(value) for key, value in meta.items()}
        self.seed = int(seed)
        self.seats: list[str] = seats

    # --- the record of writes: a session file that lost its write-ahead log says so -------------
    @property
    def writes_path(self) -> Path:
        """The small file beside the session that remembers how many writes it took."""
        return self.path.with_name(self.path.name + WRITES_SUFFIX)

    def _recorded_writes(self) -> int | None:
        try:
            text = read_text(self.writes_path, "a session's record of writes", 1024)
        except FileReadError:
            return None
        number = text.strip().removeprefix(f"{FORMAT} writes ")
        return int(number) if number.isdigit() and len(number) < 12 else None

    def _writes(self, db: sqlite3.Connection) -> int:
        row = db.execute("SELECT value FROM meta WHERE key = 'writes'").fetchone()
        value = str(row[0]) if row else "0"
        return int(value) if value.isdigit() and len(value) < 12 else 0

    def _check_writes(self) -> None:
        """Refuse a file behind its record of writes: its -wal file was lost or damaged.

        SQLite keeps the latest writes in SESSION-wal until they are copied into the main file; a
        copy of the main file alone, or a damaged -wal, silently goes back some turns. The record
        is written after each write, so it is never ahead of a sound file.
        """
        recorded = self._recorded_writes()
        if recorded is None:
            return
        try:
            with self._read() as db:
                have = self._writes(db)
                turn = self._current_turn(db)
        except SessionError:
            raise
        if have < recorded:
            raise SessionError(
                _(
                    "{file}: {missing} of its {count} writes are missing (it stands at turn {turn}): its "
                    "write-ahead log {wal} was lost or damaged. Copy the -wal file back beside it; or, to "
                    "carry on from turn {turn}, delete {record}"
                ).format(
                    file=self.path,
                    missing=recorded - have,
                    count=recorded,
                    turn=turn,
                    wal=f"{self.path.name}-wal",
                    record=self.writes_path.name,
                )
            )

    def _note_write(self, writes: int) -> None:
        """Record the number of writes after a commit (a crash here only leaves the record behind)."""
        recorded = self._recorded_writes()
        if recorded is not None and recorded >= writes:
            return
        temporary = self.writes_path.with_name(f".{self.writes_path.name}.{os.getpid()}.tmp")
        with suppress(OSError):
            temporary.write_text(f"{FORMAT} writes {writes}\n", encoding="utf-8")
            os.replace(temporary, self.writes_path)

    # --- creation -----------------------------------------------------------------------------
    @classmethod
    def host(cls, path: str | Path, scenario: Scenario, seed: int, seats: list[str], pin: str) -> Session:
        """Create a new session file; refuses to overwrite an existing one."""
        path = Path(path)
        unknown = [seat for seat in seats if seat not in SEATABLE]
        if unknown or not seats or set(seats) <= {RED, GREEN}:
            raise SessionError(
                _("unknown seat(s) {unknown}; seats are {seats} (and at least one of the mission's)").format(
                    unknown=", ".join(unknown) or _("(none)"), seats=", ".join(SEATABLE)
                )
            )
        if GREEN in seats and not scenario.host_state_seat:
            raise SessionError(
                _(
                    "the scenario {scenario} has no seat for the host state (rules.md §9.1); "
                    "leave green out of the seats or choose a scenario that defines it (mali-2019)"
                ).format(scenario=scenario.id)
            )
        if len(pin) < 4:
            raise SessionError(_("the facilitator's PIN needs at least 4 characters"))
        if path.exists():
            raise SessionError(_("{file} already exists; choose another file name").format(file=path))
        with suppress(OSError):  # the record of an earlier session of this name, whose file is gone
            path.with_name(path.name + WRITES_SUFFIX).unlink()
        salt = os.urandom(16)
        meta = {
            "format": FORMAT,
            "version": str(VERSION),
            "scenario": scenario.model_dump_json(),
            "scenario_hash": scenario_hash(scenario),
            "seed": str(seed),
            "seats": json.dumps(list(dict.fromkeys(seats))),
            "pin_salt": salt.hex(),
            "pin_hash": _hash_pin(pin, salt),
            "pin_kdf": "scrypt",
            "paused": "0",
        }
        # Private to the host: created 0600, and SQLite gives its -wal and -shm files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.executescript(SCHEMA)
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        finally:
            db.close()
        return cls(path)

    def close(self) -> None:
        self._db.close()

    # --- reading ------------------------------------------------------------------------------
    def check_pin(self, pin: str) -> bool:
        salt = bytes.fromhex(self.meta["pin_salt"])
        kdf = "scrypt" if self.meta.get("pin_kdf") == "scrypt" else "pbkdf2"
        return hmac.compare_digest(_hash_pin(pin, salt, kdf), self.meta["pin_hash"])

    def game(self, undo: bool = False, pending: bool = True) -> Game:
        """The game as it stands: resolved turns replayed, then this turn's pending orders (unless
        `pending` is False). With undo, this turn's orders can be withdrawn (the host's copy)."""
        with self._read() as db:
            return self._rebuild(db, undo, pending)

    def pending_ids(self) -> list[int]:
        """Ids of this turn's orders that the game applied, in the order given (as the host replays)."""
        game = self.game()
        with self._read() as db:
            rows = db.execute(
                "SELECT id, body FROM orders WHERE turn = ? AND withdrawn = 0 ORDER BY id",
                (self._current_turn(db),),
            ).fetchall()
        applied, logged = [], [(oid, ORDER_ADAPTER.validate_json(body)) for oid, body in rows]
        remaining = iter(logged)
        for order in game.pending_orders():
            for oid, candidate in remaining:
                if candidate == order:
                    applied.append(oid)
                    break
        return applied

    def next_order_id(self) -> int:
        with self._read() as db:
            (last,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM orders").fetchone()
        return int(last) + 1

    def committed_now(self) -> set[str]:
        with self._read() as db:
            turn = self._current_turn(db)
            return {r for (r,) in db.execute("SELECT role FROM commits WHERE turn = ?", (turn,))}

    def write_all(self, writes: list[Write]) -> None:
        """Several writes in one transaction: all are kept, or none (SessionError says why)."""
        try:
            with self._write() as db:
                for sql, values in writes:
                    db.execute(sql, values)
        except sqlite3.Error as error:  # a file made read-only or truncated under the host
            raise SessionError(f"{self.path}: {printable(error)}") from None

    def backup(self, out: str | Path) -> Path:
        """A whole, consistent copy with SQLite's backup API (the -wal's latest writes included),
        private to its owner like the session. Refuses to overwrite a file."""
        target = Path(out)
        if target.exists():
            raise SessionError(_("{file} already exists; choose another file name").format(file=target))
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            copy = sqlite3.connect(target)
            try:
                with self._read() as db:
                    db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        except (OSError, sqlite3.Error) as error:
            with suppress(OSError):
                target.unlink()
            raise SessionError(
                _("could not write the backup {file}: {error}").format(file=target, error=printable(error))
            ) from None
        return target

    def make_private(self) -> bool:
        """Make the session file readable by its owner only; True when it was not."""
        changed = False
        for part in ("", "-wal", "-shm", WRITES_SUFFIX):
            target = self.path.with_name(self.path.name + part)
            with suppress(OSError):
                if target.stat().st_mode & 0o077:
                    target.chmod(0o600)
                    changed = True
        return changed

    def _rebuild(self, db: sqlite3.Connection, undo: bool = False, pending: bool = True) -> Game:
        game = Game.new(self.scenario, self.seed, undo=False)
        rows = db.execute("SELECT turn, body FROM orders WHERE withdrawn = 0 ORDER BY id").fetchall()
        resolved = dict(db.execute("SELECT turn, digest FROM turns").fetchall())
        by_turn: dict[int, list[Order]] = {}
        for turn, body in rows:
            by_turn.setdefault(turn, []).append(ORDER_ADAPTER.validate_json(body))
        while True:
            turn = game.turn
            game.undo = undo and turn not in resolved  # the open turn's orders can be withdrawn
            if turn not in resolved and not pending:
                return game
            for order in by_turn.get(turn, []):
                # An order made illegal by a withdrawal is dropped; the log keeps it for the debrief.
                with suppress(IllegalOrder):
                    game.apply(order)
            if turn not in resolved or game.is_over():
                return game
            game.end_turn()
            if _digest(game) != resolved[turn]:
                raise SessionError(
                    _(
                        "{file}: turn {turn} does not replay as it was played; the session file was edited"
                    ).format(file=self.path, turn=turn)
                )

    def status(self) -> list[SeatStatus]:
        with self._read() as db:
            turn = self._current_turn(db)
            committed = {r for (r,) in db.execute("SELECT role FROM commits WHERE turn = ?", (turn,))}
            pending = dict(
                db.execute(
                    "SELECT role, COUNT(*) FROM orders WHERE turn = ? AND withdrawn = 0 GROUP BY role",
                    (turn,),
                ).fetchall()
            )
        return [SeatStatus(seat, seat in committed, pending.get(seat, 0)) for seat in self.seats]

    def pending(self, role: str | None = None) -> list[tuple[int, str, str]]:
        """(order id, role, description) of this turn's orders, for one role or all."""
        with self._read() as db:
            turn = self._current_turn(db)
            rows = db.execute(
                "SELECT id, role, body FROM orders WHERE turn = ? AND withdrawn = 0 ORDER BY id", (turn,)
            ).fetchall()
            return [
                (oid, r, describe(ORDER_ADAPTER.validate_json(body), self.index))
                for oid, r, body in rows
                if role is None or r == role
            ]

    def current_turn(self) -> int:
        """The turn whose orders phase is open (one past the last resolved turn)."""
        with self._read() as db:
            return self._current_turn(db)

    def stamp(self) -> tuple:
        """A cheap fingerprint of everything seats see: it changes whenever anyone writes."""
        with self._read() as db:
            return db.execute(
                "SELECT (SELECT COALESCE(MAX(id), 0) FROM orders),"
                " (SELECT COUNT(*) FROM orders WHERE withdrawn = 1),"
                " (SELECT COUNT(*) FROM commits), (SELECT COUNT(*) FROM turns),"
                " (SELECT group_concat(key || '=' || value, ';') FROM meta"
                "  WHERE key IN ('paused', 'clock_deadline', 'clock_turn', 'clock_left')"
                "  OR key LIKE 'name:%' OR key LIKE 'note:%')"
            ).fetchone()

    def log(self) -> list[tuple[int, int, str, Order, bool]]:
        """Every order ever given: (id, turn, role, order, withdrawn), in the order given."""
        with self._read() as db:
            rows = db.execute("SELECT id, turn, role, body, withdrawn FROM orders ORDER BY id").fetchall()
            return [
                (oid, turn, role, ORDER_ADAPTER.validate_json(body), bool(w))
                for oid, turn, role, body, w in rows
            ]

    def names(self) -> dict[str, str]:
        """The officers' names by seat, as they gave them when joining."""
        with self._read() as db:
            rows = db.execute("SELECT key, value FROM meta WHERE key LIKE 'name:%'").fetchall()
        return {str(key).partition(":")[2]: str(value)[:60] for key, value in rows}

    def debrief_notes(self) -> dict[int, str]:
        """The facilitator's notes written afterwards on earlier turns, by turn."""
        with self._read() as db:
            rows = db.execute("SELECT key, value FROM meta WHERE key LIKE 'note:%'").fetchall()
            notes = {int(str(key).partition(":")[2]): str(value) for key, value in rows}
            if not all(1 <= turn <= 10_000 for turn in notes):
                raise ValueError(_("a debrief note is on a turn that does not exist"))
        return dict(sorted(notes.items()))

    def paused(self) -> bool:
        with self._read() as db:
            return db.execute("SELECT value FROM meta WHERE key = 'paused'").fetchone()[0] == "1"

    # --- writing ------------------------------------------------------------------------------
    def give(self, role: str, order: Order, pin: str | None = None) -> None:
        """Give an order for a seat (or, with the PIN, for the facilitator)."""
        self._check_role(role, pin)
        with self._write() as db:
            turn = self._current_turn(db)
            if role != FACILITATOR and self._committed(db, turn, role):
                raise SessionError(_(ALREADY_COMMITTED).format(seat=_(seat_name(role)), turn=turn))
            if self._paused(db) and role != FACILITATOR:
                raise SessionError(_("the facilitator has paused the game"))
            game = self._rebuild(db)
            reason = game.why_illegal(order, role)
            if reason is not None:
                raise IllegalOrder(order, reason)
            db.execute(
                "INSERT INTO orders (turn, role, body) VALUES (?, ?, ?)",
                (turn, role, order.model_dump_json()),
            )

    def claim_seat(self, role: str, holder: str, now: float | None = None) -> None:
        """Hold a seat for one terminal or browser tab (`holder` is that window's token); calling it
        again renews the hold. Refused while another window holds the seat and was heard from in
        the last CLAIM_STALE_SECONDS, so two tabs cannot play the same role."""
        self._check_role(role, None)
        now = time.time() if now is None else now
        with self._write() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (f"claim:{role}",)).fetchone()
            if row is not None:
                other, __, seen = row[0].partition("|")
                quiet = now - float(seen)
                if other != holder and quiet < CLAIM_STALE_SECONDS:
                    seat = seat_name(role)
                    raise SessionError(
                        _(
                            "the {seat} seat is open in another terminal or browser tab (heard from "
                            "{seconds} s ago); choose another seat, or close that window and "
                            "try again in {wait} s"
                        ).format(seat=_(seat), seconds=max(0, int(quiet)), wait=int(CLAIM_STALE_SECONDS))
                    )
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"claim:{role}", f"{holder}|{now}"))

    def release_seat(self, role: str, holder: str) -> None:
        """Free a seat this window held (leaving it; a crashed window's hold simply goes stale)."""
        with self._write() as db:
            db.execute("DELETE FROM meta WHERE key = ? AND value LIKE ?", (f"claim:{role}", f"{holder}|%"))

    def set_name(self, role: str, name: str) -> None:
        """The officer at a seat, shown to the facilitator and kept in the export."""
        self._check_role(role, None)
        self._set_meta({f"name:{role}": name.strip()[:60]})

    def add_debrief_note(self, pin: str, turn: int, text: str) -> None:
        """A note on an earlier turn (this turn's notes are orders: FacilitatorNote)."""
        self._check_role(FACILITATOR, pin)
        text = text.strip()
        if not text:
            raise SessionError(_("the note is empty"))
        with self._write() as db:
            if not 1 <= turn < self._current_turn(db):
                raise SessionError(
                    _("turn {turn} has not been played; write this turn's notes as orders").format(turn=turn)
                )
            row = db.execute("SELECT value FROM meta WHERE key = ?", (f"note:{turn}",)).fetchone()
            value = f"{row[0]}\n{text}" if row else text
            if len(value) > NOTES_MAX_CHARACTERS:
                raise SessionError(
                    _("the notes on turn {turn} would pass {count} characters; shorten this one").format(
                        turn=turn, count=i18n.number(NOTES_MAX_CHARACTERS)
                    )
                )
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"note:{turn}", value))

    def withdraw(self, role: str, order_id: int, pin: str | None = None) -> None:
        self._check_role(role, pin)
        with self._write() as db:
            turn = self._current_turn(db)
            if role != FACILITATOR and self._committed(db, turn, role):
                raise SessionError(_(ALREADY_COMMITTED).format(seat=_(seat_name(role)), turn=turn))
            changed = db.execute(
                "UPDATE orders SET withdrawn = 1 WHERE id = ? AND role = ? AND turn = ? AND withdrawn = 0",
                (order_id, role, turn),
            ).rowcount
            if not changed:
                raise SessionError(
                    _("no pending order {number} of the {seat}").format(
                        number=order_id, seat=_(seat_name(role))
                    )
                )

    def commit(self, role: str) -> bool:
        """A seat commits its orders; the turn resolves when every seat has. Returns True then."""
        self._check_role(role, None)
        with self._write() as db:
            turn = self._current_turn(db)
            db.execute("INSERT OR IGNORE INTO commits VALUES (?, ?)", (turn, role))
            committed = {r for (r,) in db.execute("SELECT role FROM commits WHERE turn = ?", (turn,))}
            if set(self.seats) <= committed and not self._paused(db):
                self._resolve(db, turn, forced=False)
                return True
        return False

    def force_resolution(self, pin: str) -> None:
        """The facilitator resolves the turn without waiting for every seat."""
        self._check_role(FACILITATOR, pin)
        with self._write() as db:
            self._resolve(db, self._current_turn(db), forced=True)

    def set_paused(self, pin: str, paused: bool, now: float | None = None) -> None:
        """Pause or resume: seats cannot give orders, the turn does not resolve, the clock stops."""
        self._check_role(FACILITATOR, pin)
        now = time.time() if now is None else now
        with self._write() as db:
            if self._paused(db) == paused:
                return
            db.execute("UPDATE meta SET value = ? WHERE key = 'paused'", ("1" if paused else "0",))
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key LIKE 'clock_%'").fetchall())
            if paused and meta.get("clock_deadline"):
                left = max(0.0, float(meta["clock_deadline"]) - now)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('clock_left', ?)", (f"{left:.0f}",))
            elif not paused and meta.get("clock_left"):
                deadline = now + float(meta["clock_left"])
                db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [("clock_deadline", f"{deadline:.0f}"), ("clock_left", "")],
                )
            turn = self._current_turn(db)
            committed = {r for (r,) in db.execute("SELECT role FROM commits WHERE turn = ?", (turn,))}
            if not paused and set(self.seats) <= committed:  # every seat committed during the pause
                self._resolve(db, turn, forced=False)

    # --- the phase clock (wall-clock time lives here, never in the engine) --------------------
    def start_clock(self, pin: str, minutes: float, now: float | None = None) -> None:
        """Give this turn's orders phase a deadline, shown to every seat."""
        self._check_role(FACILITATOR, pin)
        if minutes <= 0:
            raise SessionError(_("the clock needs a positive number of minutes"))
        deadline = (time.time() if now is None else now) + minutes * 60
        with self._write() as db:
            values = {
                "clock_deadline": f"{deadline:.0f}",
                "clock_turn": str(self._current_turn(db)),
                "clock_left": f"{minutes * 60:.0f}" if self._paused(db) else "",
            }
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def extend_clock(self, pin: str, minutes: float, now: float | None = None) -> None:
        """Add minutes to this turn's clock (or take them away with a negative number)."""
        self._check_role(FACILITATOR, pin)
        if self.seconds_left(now) is None:
            raise SessionError("no clock runs this turn; start one first")
        with self._write() as db:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key LIKE 'clock_%'").fetchall())
            values = {"clock_deadline": f"{float(meta['clock_deadline']) + minutes * 60:.0f}"}
            if self._paused(db) and meta.get("clock_left"):
                values["clock_left"] = f"{max(0.0, float(meta['clock_left']) + minutes * 60):.0f}"
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def seconds_left(self, now: float | None = None) -> int | None:
        """Seconds left on this turn's clock, or None when no clock runs for this turn.

        While the game is paused the clock stands still at what was left when it was paused.
        """
        with self._read() as db:
            meta = dict(
                db.execute(
                    "SELECT key, value FROM meta WHERE key IN "
                    "('clock_deadline', 'clock_turn', 'clock_left', 'paused')"
                ).fetchall()
            )
            turn = self._current_turn(db)
            if not meta.get("clock_deadline") or meta.get("clock_turn") != str(turn):
                return None
            if meta.get("paused") == "1" and meta.get("clock_left"):
                return max(0, int(_finite(meta["clock_left"])))
            return max(0, int(_finite(meta["clock_deadline"]) - (time.time() if now is None else now)))

    def _get_meta(self, key: str) -> str | None:
        with self._read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, values: dict[str, str]) -> None:
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def _resolve(self, db: sqlite3.Connection, turn: int, forced: bool) -> None:
        game = self._rebuild(db)
        if game.is_over():
            raise SessionError("the game is over")
        game.end_turn()
        db.execute("INSERT INTO turns VALUES (?, ?, ?)", (turn, _digest(game), int(forced)))

    # --- plumbing -----------------------------------------------------------------------------
    def _check_role(self, role: str, pin: str | None) -> None:
        if role == FACILITATOR:
            if pin is None or not self.check_pin(pin):
                raise SessionError("wrong facilitator PIN")
        elif role not in self.seats:
            raise SessionError(
                f"this game has no {seat_name(role)} seat; "
                f"its seats are {', '.join(seat_name(s) for s in self.seats)}"
            )

    @staticmethod
    def _current_turn(db: sqlite3.Connection) -> int:
        (last,) = db.execute("SELECT MAX(turn) FROM turns").fetchone()
        return (last or 0) + 1

    @staticmethod
    def _committed(db: sqlite3.Connection, turn: int, role: str) -> bool:
        return (
            db.execute("SELECT 1 FROM commits WHERE turn = ? AND role = ?", (turn, role)).fetchone()
            is not None
        )

    @staticmethod
    def _paused(db: sqlite3.Connection) -> bool:
        return db.execute("SELECT value FROM meta WHERE key = 'paused'").fetchone()[0] == "1"

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.OperationalError as error:
            raise SessionError(f"{self.path}: cannot read the session ({printable(error)})") from None
        except (SessionError, IllegalOrder):
            raise
        except DAMAGE as error:  # a garbled page or an edited value
            raise _damaged(self.path, error) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise SessionError(
                f"{self.path}: the session is locked ({printable(error)}); try again"
            ) from None
        except sqlite3.DatabaseError as error:
            raise _damaged(self.path, error) from None
        try:
            yield self._db
            writes = self._writes(self._db) + 1
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('writes', ?)", (str(writes),))
        except BaseException as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(error, DAMAGE) and not isinstance(error, SessionError | IllegalOrder):
                raise _damaged(self.path, error) from None
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            raise SessionError(
                f"{self.path}: the write was not saved ({printable(error)}); try again"
            ) from None
        self._note_write(writes)
        with suppress(sqlite3.Error):  # copy the write into the main file now, so the file alone is whole
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _finite(text: str) -> float:
    number = float(text)
    if number != number or abs(number) > 1e12:
        raise ValueError(_("a clock value is {value}").format(value=repr(text[:20])))
    return number


def _digest(game: Game) -> str:
    return game.digest()
