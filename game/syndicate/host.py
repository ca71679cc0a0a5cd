"""GameHost: the one copy of a syndicate game, in memory, owned by the host; the store keeps it on disk.

Every change is checked against the game in memory, applied there, and queued as a write to the
session file. The queue is written in one transaction after each change; when the disk refuses
(read-only, full, truncated) the game goes on in memory, every client is told in one line, and the
writes are tried again until they succeed, so the last good turn on disk is always whole.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from game.engine import ORDER_ADAPTER, Game, IllegalOrder
from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.engine.view import UMPIRE, GameView
from game.engine.wording import seat_name
from game.i18n import N_, _
from game.syndicate import store as S
from game.syndicate import wire
from game.syndicate.credentials import Hashed
from game.syndicate.protocol import FACILITATOR_SEAT, PROTOCOL, STORAGE_PROBLEM, Said

CELLS = (GREEN, RED)  # the cells order after the mission, green first (rules.md §9.1)
NOTES_MAX_CHARACTERS = S.NOTES_MAX_CHARACTERS


class Refused(Said):
    """A request the rules or the syndicate refuse, said for the player: an English template marked
    `N_` and its values (the seat's client translates it), or the engine's recorded reason."""


@dataclass
class Lease:
    """Who holds a seat now: one connection, with a fencing token that grows with every hold."""

    token: int
    holder: object


@dataclass
class GameHost:
    """The authoritative game. Not thread-safe: the server calls it from its one event loop."""

    store: S.Session
    seat_codes: dict[str, Hashed]
    clock: Callable[[], float] = time.time
    leases: dict[str, Lease] = field(default_factory=dict)
    storage_problem: str | None = None
    storage_error: str | None = None
    change: int = 0  # grows with every change any client can see

    def __post_init__(self) -> None:
        store = self.store
        self.seats: list[str] = list(store.seats)
        self.game: Game = store.game(undo=True)
        self.turn_start: Game = store.game(pending=False)  # what each seat's own drafts go onto
        self.pending_ids: list[int] = store.pending_ids()
        self.next_id = store.next_order_id()
        self.committed: set[str] = store.committed_now()
        self.paused = store.paused()
        self.names = store.names()
        self.notes = store.debrief_notes()
        self._clock = {
            key: store._get_meta(key) or "" for key in ("clock_deadline", "clock_turn", "clock_left")
        }
        self.unsaved: list[S.Write] = []
        self._public: tuple[object, Game, GameView | None] | None = None
        self._tokens = 0

    # --- who may do what ------------------------------------------------------------------------
    def check_code(self, seat: str, code: str) -> bool:
        """The seat's join code, or the facilitator secret for the facilitator (slow by design)."""
        if seat == FACILITATOR_SEAT:
            return self.store.check_pin(code)
        hashed = self.seat_codes.get(seat)
        return hashed is not None and hashed.matches(code)

    def knows_seat(self, seat: str) -> bool:
        return seat == FACILITATOR_SEAT or seat in self.seats

    def hold(self, seat: str, holder: object) -> Lease:
        """Give the seat to this connection (the caller has checked the code and any takeover)."""
        self._tokens += 1
        lease = self.leases[seat] = Lease(self._tokens, holder)
        return lease

    def holds(self, seat: str, holder: object, token: int) -> bool:
        lease = self.leases.get(seat)
        return lease is not None and lease.holder is holder and lease.token == token

    def release(self, seat: str, holder: object) -> None:
        lease = self.leases.get(seat)
        if lease is not None and lease.holder is holder:
            del self.leases[seat]

    # --- the seats' requests --------------------------------------------------------------------
    def _role(self, seat: str) -> str:
        return O.FACILITATOR if seat == FACILITATOR_SEAT else seat

    # --- the red cell's seat (rules.md §5.2: it orders after the mission's seats have committed) --
    def mission_seats(self) -> list[str]:
        return [seat for seat in self.seats if seat not in CELLS]

    def cell_seated(self, side: str) -> bool:
        """A side has a seat here and a human cell plays it (else its bot or its rules do)."""
        return side in self.seats and self.game.held_by(side) == "human"

    def red_seated(self) -> bool:
        """The armed groups have a seat here and a human cell plays them (else their bot does)."""
        return self.cell_seated(RED)

    def cell_open(self, side: str) -> bool:
        """A cell may order now: every seat before it (the mission's, then green's) has committed."""
        return self.cell_seated(side) and not self._waiting_before(side) and side not in self.committed

    def red_open(self) -> bool:
        """The red cell may order now: every mission seat (and a green cell) has committed and it has not."""
        return self.cell_open(RED)

    def _waiting_mission(self) -> list[str]:
        return [seat for seat in self.mission_seats() if seat not in self.committed]

    def _waiting_before(self, side: str) -> list[str]:
        """The seats a cell waits for: the mission's, and for red a seated green cell."""
        earlier = [c for c in CELLS[: CELLS.index(side)] if self.cell_seated(c) and c not in self.committed]
        return [*self._waiting_mission(), *earlier]

    def waiting_for(self) -> list[str]:
        """The seats the turn waits for: the mission's, then the green and red cells a human plays."""
        cells = [c for c in CELLS if self.cell_seated(c) and c not in self.committed]
        return [*self._waiting_mission(), *cells]

    def _ready(self) -> bool:
        return not self.waiting_for() and not self.paused and not self.game.is_over()

    def _open_for(self, seat: str) -> None:
        if self.game.is_over():
            raise Refused(N_("the game is over"))
        if seat == FACILITATOR_SEAT:
            return
        if seat in self.committed:
            raise Refused(
                N_("the {seat} has already committed turn {turn}"), seat=seat_name(seat), turn=self.game.turn
            )
        if self.paused:
            raise Refused(N_("the facilitator has paused the game"))
        if seat == RED and not self.red_seated():
            raise Refused(N_("the facilitator has handed the armed groups to their bot; it plays them now"))
        if seat == GREEN and not self.cell_seated(GREEN):
            raise Refused(N_("the facilitator has handed the host state to its rules; they play it now"))
        if seat == RED and (waiting := self._waiting_before(RED)):
            raise Refused(
                N_("the armed groups order after every mission seat has committed; waiting for {names}"),
                names=[seat_name(s) for s in waiting],
            )
        if seat == GREEN and (waiting := self._waiting_before(GREEN)):
            raise Refused(
                N_("the host state answers after the mission's seats have committed; waiting for {names}"),
                names=[seat_name(s) for s in waiting],
            )

    def give(self, seat: str, raw: dict[str, Any]) -> None:
        self._open_for(seat)
        try:
            order = ORDER_ADAPTER.validate_python(raw)
        except ValidationError as error:
            first = error.errors(include_input=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "order"
            raise Refused(
                N_("not an order ({where}: {problem})"), where=where, problem=first["msg"]
            ) from None
        role = self._role(seat)
        to_cell = isinstance(order, O.HandSide) and order.side in CELLS and order.to == "human"
        if isinstance(order, O.HandSide) and to_cell and order.side not in self.seats:
            if order.side == RED:
                raise Refused(
                    N_("this game has no red cell's seat; host a new one with armed_groups in --seats")
                )
            raise Refused(N_("this game has no green cell's seat; host a new one with host_state in --seats"))
        try:
            self.game.apply(order, role)
        except IllegalOrder as error:
            raise Refused(error.reason) from None
        order_id, self.next_id = self.next_id, self.next_id + 1
        self.pending_ids.append(order_id)
        written = S.order_write(order_id, self.game.turn, role, order)
        self._changed(written, *self._resolved_if_ready(seat))

    def _resolved_if_ready(self, seat: str) -> list[S.Write]:
        """A facilitator's order that hands the armed groups back to their bot once the mission has
        committed leaves nobody to wait for: the turn resolves, as it would have at the last commit."""
        if seat == FACILITATOR_SEAT and self.committed and self._ready():
            return [self._resolve(forced=False)]
        return []

    def inject_yaml(self, text: str) -> None:
        """The facilitator's card written on the spot, checked like a scenario's cards."""
        from game.scenario.loader import ScenarioError
        from game.syndicate.cards import parse_card

        try:
            card = parse_card(text, self.game.scenario)
        except ScenarioError as error:
            raise Refused("; ".join(str(problem) for problem in error.problems[:3])) from None
        self.give(FACILITATOR_SEAT, O.InjectCard(card=card).model_dump(mode="json"))

    def withdraw(self, seat: str, index: int) -> list[str]:
        """Withdraw the seat's own pending order number `index`; returns orders dropped with it."""
        self._open_for(seat)
        role, context = self._role(seat), self.game.context()
        before = list(zip(self.pending_ids, self.game.pending_orders(), strict=True))
        mine = [n for n, (__, order) in enumerate(before) if O.order_role(order, context) == role]
        if not 0 <= index < len(mine):
            raise Refused(N_("you have no pending order number {number}"), number=index + 1)
        dropped = self.game.withdraw(mine[index])
        kept, remaining = [], iter(before)
        for order in self.game.pending_orders():
            for order_id, candidate in remaining:
                if candidate == order:
                    kept.append(order_id)
                    break
        gone = [order_id for order_id, __ in before if order_id not in kept]
        self.pending_ids = kept
        self._changed(*(S.withdrawn_write(order_id) for order_id in gone), *self._resolved_if_ready(seat))
        return dropped

    def commit(self, seat: str) -> bool:
        """The seat commits its orders; True when that resolved the turn."""
        self._open_for(seat)
        self.committed.add(seat)
        writes = [S.commit_write(self.game.turn, seat)]
        resolved = self._ready()
        if resolved:
            writes.append(self._resolve(forced=False))
        self._changed(*writes)
        return resolved

    def _resolve(self, forced: bool) -> S.Write:
        turn = self.game.turn
        self.game.end_turn()
        self.game.undo = True
        self.turn_start = _light_clone(self.game)
        self.committed = set()
        self.pending_ids = []
        return S.turn_write(turn, self.game.digest(), forced)

    # --- the facilitator's ------------------------------------------------------------------------
    def _event(self, text: str) -> S.Write:
        """A facilitator's action outside the orders (a pause, the clock, a forced turn), kept with
        the turn's debrief notes so that the export and the report show it. Like the notes the
        facilitator types, it is written in the host's language."""
        turn = self.game.turn
        stamp = time.strftime("%H:%M", time.localtime(self.clock()))
        line = f"[{stamp}] {text}"
        self.notes[turn] = f"{self.notes[turn]}\n{line}" if turn in self.notes else line
        return S.meta_write(f"note:{turn}", self.notes[turn])

    def force(self) -> None:
        if self.game.is_over():
            raise Refused(N_("the game is over"))
        waiting = [_(seat_name(s)) for s in self.waiting_for()]
        event = self._event(
            _("The facilitator forced the turn (not committed: {seats}).").format(
                seats=", ".join(waiting) or _("none")
            )
        )
        self._changed(event, self._resolve(forced=True))

    def pause(self, paused: bool) -> bool:
        """Pause or resume; True when resuming resolved a turn every seat had committed."""
        if self.paused == paused:
            return False
        now, writes = self.clock(), [S.meta_write("paused", "1" if paused else "0")]
        writes.append(
            self._event(
                _("The facilitator paused the game.") if paused else _("The facilitator resumed the game.")
            )
        )
        self.paused = paused
        if paused and self._clock["clock_deadline"]:
            self._clock["clock_left"] = f"{max(0.0, float(self._clock['clock_deadline']) - now):.0f}"
        elif not paused and self._clock["clock_left"]:
            self._clock["clock_deadline"] = f"{now + float(self._clock['clock_left']):.0f}"
            self._clock["clock_left"] = ""
        writes += [S.meta_write(key, value) for key, value in self._clock.items()]
        resolved = not paused and self._ready()
        if resolved:
            writes.append(self._resolve(forced=False))
        self._changed(*writes)
        return resolved

    def set_clock(self, minutes: float, extend: bool) -> None:
        now, turn = self.clock(), str(self.game.turn)
        if extend:
            if self.seconds_left() is None:
                raise Refused(N_("no clock runs this turn; start one first"))
            self._clock["clock_deadline"] = f"{float(self._clock['clock_deadline']) + minutes * 60:.0f}"
            if self.paused and self._clock["clock_left"]:
                self._clock["clock_left"] = f"{max(0.0, float(self._clock['clock_left']) + minutes * 60):.0f}"
        else:
            if minutes <= 0:
                raise Refused(N_("the clock needs a positive number of minutes"))
            self._clock = {
                "clock_deadline": f"{now + minutes * 60:.0f}",
                "clock_turn": turn,
                "clock_left": f"{minutes * 60:.0f}" if self.paused else "",
            }
        left = self.seconds_left() or 0
        said = (
            _("The facilitator extended the clock: {minutes} min {seconds} s left.")
            if extend
            else _("The facilitator started the clock: {minutes} min {seconds} s left.")
        )
        self._changed(
            *(S.meta_write(key, value) for key, value in self._clock.items()),
            self._event(said.format(minutes=left // 60, seconds=left % 60)),
        )

    def note(self, turn: int, text: str) -> None:
        text = text.strip()
        if not 1 <= turn < self.game.turn:
            raise Refused(N_("turn {turn} has not been played; write this turn's notes as orders"), turn=turn)
        value = f"{self.notes[turn]}\n{text}" if turn in self.notes else text
        if len(value) > NOTES_MAX_CHARACTERS:
            raise Refused(
                N_("the notes on turn {turn} would pass {count} characters"),
                turn=turn,
                count=f"{NOTES_MAX_CHARACTERS:,}",
            )
        self.notes[turn] = value
        self._changed(S.meta_write(f"note:{turn}", value))

    def set_name(self, seat: str, name: str) -> None:
        name = " ".join(name.split())[:60]
        if name and self.names.get(seat) != name and seat in self.seats:
            self.names[seat] = name
            self._changed(S.meta_write(f"name:{seat}", name))

    def seconds_left(self) -> int | None:
        clock = self._clock
        if not clock["clock_deadline"] or clock["clock_turn"] != str(self.game.turn):
            return None
        if self.paused and clock["clock_left"]:
            return max(0, int(float(clock["clock_left"])))
        return max(0, int(float(clock["clock_deadline"]) - self.clock()))

    # --- keeping it on disk -----------------------------------------------------------------------
    def _changed(self, *writes: S.Write) -> None:
        self.change += 1
        self.unsaved.extend(writes)
        self.flush()

    def flush(self) -> bool:
        """Write what is queued; False (and storage_problem says why) when the disk refused."""
        if not self.unsaved:
            return True
        try:
            self.store.write_all(self.unsaved)
        except S.SessionError as error:
            problem = STORAGE_PROBLEM.format(error=error)
            if problem != self.storage_problem:
                self.change += 1
            self.storage_problem, self.storage_error = problem, str(error)
            return False
        self.unsaved = []
        if self.storage_problem is not None:
            self.change += 1
        self.storage_problem = self.storage_error = None
        return True

    # --- what each seat is sent -------------------------------------------------------------------
    def status(self, seat: str) -> dict[str, Any]:
        """Who has committed, the clock, a pause, the disk: the same for every seat, more for the
        facilitator (how many orders each seat has pending)."""
        context = self.game.context()
        pending: dict[str, int] = {}
        if seat == FACILITATOR_SEAT:
            for order in self.game.pending_orders():
                role = O.order_role(order, context)
                pending[role] = pending.get(role, 0) + 1
        return {
            "seats": [
                {
                    "seat": s,
                    "title": seat_name(s),
                    "name": self.names.get(s, ""),
                    "committed": s in self.committed,
                    "connected": s in self.leases,
                    **({"bot": not self.cell_seated(s)} if s in CELLS else {}),
                    **({"pending": pending.get(s, 0)} if seat == FACILITATOR_SEAT else {}),
                }
                for s in self.seats
            ],
            "red_orders_open": self.red_open(),
            "green_orders_open": self.cell_open(GREEN),
            "paused": self.paused,
            "seconds_left": self.seconds_left(),
            "storage_problem": self.storage_problem,
            "storage_error": self.storage_error,  # the seat's client says STORAGE_PROBLEM in its language
            "over": self.game.is_over(),
        }

    def message(self, seat: str) -> dict[str, Any]:
        """The `view` message for a seat, or for the facilitator (who sees everything but the dice)."""
        game = self.game
        if seat == FACILITATOR_SEAT:
            view = game.observe(UMPIRE)
            extra: dict[str, Any] = {
                "menu": wire.menu(game, O.FACILITATOR),
                "log": self._log(),
                "notes": {str(turn): text for turn, text in self.notes.items()},
            }
        elif seat in CELLS:
            view, extra = self._cell_view(seat)
        else:
            view = self._seat_view(seat)
            extra = {"menu": wire.menu(game, seat)}
        return {
            "type": "view",
            "v": PROTOCOL,
            "change": self.change,
            "seat": seat,
            "title": game.scenario.title,
            "view": wire.RawView(wire.VIEW.dump_json(view)),
            "cards": [c.model_dump() for c in wire.cards(game, view)],
            "status": self.status(seat),
            **extra,
        }

    def _orders_of(self, role: str) -> list[O.Order]:
        context = self.game.context()
        return [order for order in self.game.pending_orders() if O.order_role(order, context) == role]

    def public_game(self) -> Game:
        """The turn's start with the facilitator's actions on it (an injected card is in play for
        everyone; the orders themselves reach only the umpire's view). Cached until they change."""
        key = (self.game.turn, tuple(o.model_dump_json() for o in self._orders_of(O.FACILITATOR)))
        if self._public is None or self._public[0] != key:
            game = self.turn_start if not key[1] else _light_clone(self.turn_start)
            for order in self._orders_of(O.FACILITATOR):
                with contextlib.suppress(IllegalOrder):
                    game.apply(order, O.FACILITATOR)
            self._public = (key, game, None)
        return self._public[1]

    def seat_game(self, seat: str) -> Game:
        """The game as one seat may see it mid-turn: the public game with only its own drafts on it.

        Orders act at once in the engine (a unit moves, a policy is set, the ledger says why), so
        the shared game would show every seat the others' drafts; this copy shows none of them.
        """
        game, mine = self.public_game(), self._orders_of(seat)
        if not mine:
            return game
        game = _light_clone(game)
        for order in mine:
            with contextlib.suppress(IllegalOrder):  # an order allowed only by another's draft
                game.apply(order, seat)
        return game

    def _seat_view(self, seat: str) -> GameView:
        """The seat's view; seats without drafts share one (it differs only by the seat's name)."""
        if self._orders_of(seat):
            return self.seat_game(seat).observe(seat, private_drafts=True)
        game = self.public_game()
        assert self._public is not None
        shared = self._public[2]
        if shared is None:
            shared = game.observe(seat, private_drafts=True)
            self._public = (self._public[0], game, shared)
        return dataclasses.replace(shared, seat=seat)

    def _cell_view(self, side: str) -> tuple[GameView, dict[str, Any]]:
        """A cell's view and menu: until the seats before it have committed, the turn's start
        (no mission draft moves a unit on its map), its orders shown but refused; then the game as
        the mission committed it, as the bot plans against it (rules.md §5.2, §9.1)."""
        if self.cell_open(side) or (side in self.committed and self.cell_seated(side)):
            return self.game.observe(side), {"menu": wire.menu(self.game, side)}
        game = self.public_game()
        if not self.cell_seated(side):
            why = (
                N_("the armed groups' bot plays them this turn")
                if side == RED
                else N_("its rules play the host state")
            )
        else:
            why = N_("after the mission commits")
        menu = [{**entry, "reason": why} for entry in wire.menu(game, side)]
        return game.observe(side), {"menu": menu}

    def status_message(self, seat: str) -> dict[str, Any]:
        """Only the status changed for this seat (a commit elsewhere, the clock, the disk)."""
        return {"type": "status", "v": PROTOCOL, "change": self.change, "status": self.status(seat)}

    def _log(self) -> list[dict[str, Any]]:
        """This turn's orders for the facilitator, with their seat (the full log is in the export)."""
        context = self.game.context()
        return [
            {"seat": O.order_role(order, context), "text": O.describe(order, context)}
            for order in self.game.pending_orders()
        ]


def _light_clone(game: Game) -> Game:
    """A copy for this turn's orders: history is append-only and orders never touch it, so it is
    shared rather than copied (a copy of 30 turns' history is most of a clone's time)."""
    return game.at(game.snapshot(), len(game.records()))


def seat_red_cell(store: S.Session) -> None:
    """A new session with a cell's seat (the armed groups', the host state's): the facilitator's
    first orders hand each side to its human cell (orders in the log, as at the table); the
    facilitator can hand them back."""
    if store.current_turn() != 1 or store.log():
        return
    first = store.next_order_id()
    sides = [side for side in CELLS if side in store.seats]
    writes = [
        S.order_write(first + number, 1, O.FACILITATOR, O.HandSide(side=side, to="human"))
        for number, side in enumerate(sides)
    ]
    if writes:
        store.write_all(writes)
