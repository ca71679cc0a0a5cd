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
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from game.engine import ORDER_ADAPTER, Game, IllegalOrder
from game.engine.context import ScenarioIndex
from game.engine.orders import FACILITATOR, Order, describe
from game.scenario.loader import scenario_hash
from game.scenario.models import Role, Scenario

FORMAT = "minusma-session"
VERSION = 1
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
PIN_ROUNDS = 100_000
CLAIM_STALE_SECONDS = 15.0  # a seat whose window has not been heard from for this long is free


class SessionError(Exception):
    """A problem with a session file, said so that a facilitator knows what to do."""


@dataclass(frozen=True)
class SeatStatus:
    role: str
    committed: bool
    pending: int


def _hash_pin(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, PIN_ROUNDS).hex()


class Session:
    """A hosted game in a SQLite file. Open one per process (connections are not shared)."""

    def __init__(self, path: str | Path, timeout: float = 30):
        """Open a hosted game; `timeout` is how long (seconds) a write waits for another's lock."""
        self.path = Path(path)
        if not self.path.exists():
            raise SessionError(f"{self.path}: no such session file; host one with `minusma host`")
        if self.path.is_dir():
            raise SessionError(f"{self.path} is a folder, not a session file")
        self.timeout = timeout
        try:
            # Read-write but never create; opening a file reads it and writes nothing.
            self._db = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=rw", timeout=timeout, isolation_level=None, uri=True
            )
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                raise SessionError(
                    f"{self.path}: an SQLite file, but not a minusma session; host one with `minusma host`"
                ) from None
            if "locked" in str(error) or "busy" in str(error):
                raise SessionError(
                    f"{self.path}: the session is locked by another program ({error}); try again"
                ) from None
            raise SessionError(
                f"{self.path}: not a readable session file ({error}); "
                "restore it from a backup or host a new game"
            ) from None
        except sqlite3.DatabaseError as error:
            raise SessionError(
                f"{self.path}: not a readable session file ({error}); "
                "restore it from a backup or host a new game"
            ) from None
        if meta.get("format") != FORMAT:
            raise SessionError(f"{self.path}: not a minusma session file")
        version = int(meta.get("version", "0"))
        if version > VERSION:
            raise SessionError(
                f"{self.path}: made by a newer minusma (session version {version}); "
                "upgrade minusma to join it"
            )
        self.meta = meta
        self.scenario = Scenario.model_validate_json(meta["scenario"])
        self.index = ScenarioIndex(self.scenario)  # names for the orders' descriptions
        if scenario_hash(self.scenario) != meta["scenario_hash"]:
            raise SessionError(f"{self.path}: the scenario stored in the session was altered")
        self.seed = int(meta["seed"])
        self.seats: list[str] = json.loads(meta["seats"])

    # --- creation -----------------------------------------------------------------------------
    @classmethod
    def host(cls, path: str | Path, scenario: Scenario, seed: int, seats: list[str], pin: str) -> Session:
        """Create a new session file; refuses to overwrite an existing one."""
        path = Path(path)
        unknown = [seat for seat in seats if seat not in set(Role)]
        if unknown or not seats:
            raise SessionError(
                f"unknown seat(s) {', '.join(unknown) or '(none)'}; seats are {', '.join(Role)}"
            )
        if len(pin) < 4:
            raise SessionError("the facilitator's PIN needs at least 4 characters")
        if path.exists():
            raise SessionError(f"{path} already exists; choose another file name")
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
            "paused": "0",
        }
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
        return hmac.compare_digest(_hash_pin(pin, salt), self.meta["pin_hash"])

    def game(self) -> Game:
        """The game as it stands: resolved turns replayed, then this turn's pending orders."""
        with self._read() as db:
            return self._rebuild(db)

    def _rebuild(self, db: sqlite3.Connection) -> Game:
        game = Game.new(self.scenario, self.seed, undo=False)
        rows = db.execute("SELECT turn, body FROM orders WHERE withdrawn = 0 ORDER BY id").fetchall()
        resolved = dict(db.execute("SELECT turn, digest FROM turns").fetchall())
        by_turn: dict[int, list[Order]] = {}
        for turn, body in rows:
            by_turn.setdefault(turn, []).append(ORDER_ADAPTER.validate_json(body))
        while True:
            turn = game.state.turn
            for order in by_turn.get(turn, []):
                # An order made illegal by a withdrawal is dropped; the log keeps it for the debrief.
                with suppress(IllegalOrder):
                    game.apply(order)
            if turn not in resolved or game.is_over():
                return game
            game.end_turn()
            if _digest(game) != resolved[turn]:
                raise SessionError(
                    f"{self.path}: turn {turn} does not replay as it was played; the session file was edited"
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
            (oid, turn, role, ORDER_ADAPTER.validate_json(body), bool(w)) for oid, turn, role, body, w in rows
        ]

    def names(self) -> dict[str, str]:
        """The officers' names by seat, as they gave them when joining."""
        with self._read() as db:
            rows = db.execute("SELECT key, value FROM meta WHERE key LIKE 'name:%'").fetchall()
        return {key.partition(":")[2]: value for key, value in rows}

    def debrief_notes(self) -> dict[int, str]:
        """The facilitator's notes written afterwards on earlier turns, by turn."""
        with self._read() as db:
            rows = db.execute("SELECT key, value FROM meta WHERE key LIKE 'note:%'").fetchall()
        return {int(key.partition(":")[2]): value for key, value in sorted(rows)}

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
                raise SessionError(f"the {role.replace('_', ' ')} has already committed turn {turn}")
            if self._paused(db) and role != FACILITATOR:
                raise SessionError("the facilitator has paused the game")
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
                other, _, seen = row[0].partition("|")
                quiet = now - float(seen)
                if other != holder and quiet < CLAIM_STALE_SECONDS:
                    seat = role.replace("_", " ")
                    raise SessionError(
                        f"the {seat} seat is open in another terminal or browser tab (heard from "
                        f"{max(0, int(quiet))} s ago); choose another seat, or close that window and "
                        f"try again in {int(CLAIM_STALE_SECONDS)} s"
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
            raise SessionError("the note is empty")
        with self._write() as db:
            if not 1 <= turn < self._current_turn(db):
                raise SessionError(f"turn {turn} has not been played; write this turn's notes as orders")
            row = db.execute("SELECT value FROM meta WHERE key = ?", (f"note:{turn}",)).fetchone()
            value = f"{row[0]}\n{text}" if row else text
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"note:{turn}", value))

    def withdraw(self, role: str, order_id: int, pin: str | None = None) -> None:
        self._check_role(role, pin)
        with self._write() as db:
            turn = self._current_turn(db)
            if role != FACILITATOR and self._committed(db, turn, role):
                raise SessionError(f"the {role.replace('_', ' ')} has already committed turn {turn}")
            changed = db.execute(
                "UPDATE orders SET withdrawn = 1 WHERE id = ? AND role = ? AND turn = ? AND withdrawn = 0",
                (order_id, role, turn),
            ).rowcount
            if not changed:
                raise SessionError(f"no pending order {order_id} of the {role.replace('_', ' ')}")

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
            raise SessionError("the clock needs a positive number of minutes")
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
            return max(0, int(float(meta["clock_left"])))
        return max(0, int(float(meta["clock_deadline"]) - (time.time() if now is None else now)))

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
                f"this game has no {role.replace('_', ' ')} seat; its seats are {', '.join(self.seats)}"
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
        except sqlite3.DatabaseError as error:
            raise SessionError(f"{self.path}: cannot read the session ({error})") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise SessionError(f"{self.path}: the session is locked ({error}); try again") from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")


def _digest(game: Game) -> str:
    return game.state.digest()
