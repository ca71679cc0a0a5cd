"""SeatSession: one seat of a hosted game, a PlaySession like the TUI's Session so its screens work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine import Game, IllegalOrder, TurnRecord
from game.engine import orders as O
from game.record import saves
from game.syndicate.store import SeatStatus, SessionError
from game.syndicate.store import Session as Store
from game.tui.labels import ROLE_TITLES
from game.tui.session import Session


@dataclass(frozen=True)
class Picture:
    """What every seat sees besides the board: who has committed, the clock, a pause."""

    seats: list[SeatStatus]
    seconds_left: int | None
    paused: bool

    def committed(self, role: str) -> bool:
        return any(seat.role == role and seat.committed for seat in self.seats)

    def waiting_for(self) -> list[str]:
        return [seat.role for seat in self.seats if not seat.committed]


class SeatSession:
    """Orders go to the session store at once (a seat that rejoins finds them); the game shown is
    rebuilt from the store whenever anyone changes it. No rules here, and no saving: the
    facilitator exports the game. Satisfies PlaySession; what it shares with a local game (the
    game, its names, the pending orders and decisions) it reads from a Session it holds."""

    save_problem: str | None = None
    saved_to: Path | None = None

    def __init__(self, store: Store, role: str, name: str = ""):
        if name:
            store.set_name(role, name)
        names = store.names()
        meta = saves.SaveMeta(mode="syndicate", seats={seat: names.get(seat, "") for seat in store.seats})
        self.local = Session(store.game(), meta)
        self.store = store
        self.role = role
        self._stamp = store.stamp()
        self.picture = self._picture()

    # --- what a local game shows too ------------------------------------------------------------
    @property
    def game(self) -> Game:
        return self.local.game

    @game.setter
    def game(self, game: Game) -> None:
        self.local.game = game

    @property
    def meta(self) -> saves.SaveMeta:
        return self.local.meta

    @meta.setter
    def meta(self, meta: saves.SaveMeta) -> None:
        self.local.meta = meta

    @property
    def seen_cards_turn(self) -> int:
        return self.local.seen_cards_turn

    @seen_cards_turn.setter
    def seen_cards_turn(self, turn: int) -> None:
        self.local.seen_cards_turn = turn

    @property
    def last_record(self) -> TurnRecord | None:
        return self.local.last_record

    def player(self, role: str | None = None) -> str:
        return self.local.player(role or self.role)

    def order_role(self, order: O.Order) -> str:
        return self.local.order_role(order)

    def pending_for(self, role: str | None) -> list[tuple[int, O.Order]]:
        return self.local.pending_for(role)

    def undecided_cards(self, role: str | None) -> list[str]:
        return self.local.undecided_cards(role)

    # --- the seat -------------------------------------------------------------------------------
    @property
    def hotseat(self) -> bool:
        return False

    @property
    def seat(self) -> str:
        return self.role

    def seat_label(self, role: str | None = None) -> str:
        role = role or self.role
        name = self.player(role)
        return f"{ROLE_TITLES[role]} ({name})" if name else ROLE_TITLES[role]

    def select_seat(self, role: str) -> None:
        """A seat of a hosted game cannot act for another."""

    @property
    def committed(self) -> bool:
        return self.picture.committed(self.role)

    # --- keeping up with the store --------------------------------------------------------------
    def refresh(self) -> bool:
        """Rebuild the game if anyone changed the session; True when something changed."""
        stamp = self.store.stamp()
        if stamp == self._stamp:
            self.picture = Picture(self.picture.seats, self.store.seconds_left(), self.picture.paused)
            return False
        self._stamp = stamp
        self.game = self.store.game()
        self.meta.seats.update(self.store.names())
        self.picture = self._picture()
        return True

    def _picture(self) -> Picture:
        return Picture(self.store.status(), self.store.seconds_left(), self.store.paused())

    # --- orders, through the store --------------------------------------------------------------
    refusals: tuple[type[Exception], ...] = (IllegalOrder, SessionError)
    refusal = staticmethod(Session.refusal)

    def give(self, order: O.Order, role: str | None = None) -> None:
        """Give an order as this seat (the only role it holds); raises IllegalOrder or SessionError."""
        try:
            self.store.give(self.role, order)
        finally:
            self.refresh()

    def _applied_ids(self) -> list[int]:
        """Store ids of this turn's orders that the game applied, in the game's order."""
        turn = self.game.state.turn
        logged = [
            (oid, order) for oid, t, _, order, withdrawn in self.store.log() if t == turn and not withdrawn
        ]
        applied, rows = [], iter(logged)
        for order in self.game.pending_orders():
            for oid, candidate in rows:
                if candidate == order:
                    applied.append(oid)
                    break
        return applied

    def withdraw(self, index: int) -> list[str]:
        """Withdraw pending order number `index` (as the game lists them); returns orders dropped
        because they no longer fit."""
        before = dict(zip(self._applied_ids(), self.game.pending_orders(), strict=False))
        order_id = list(before)[index]
        try:
            self.store.withdraw(self.role, order_id)
        finally:
            self.refresh()
        after = set(self._applied_ids())
        return [
            O.describe(order, self.game.context())
            for oid, order in before.items()
            if oid != order_id and oid not in after
        ]

    def can_decide(self, role: str) -> bool:
        return role == self.role and not self.committed

    def commit(self) -> bool:
        """Commit this seat's orders; True when that resolved the turn."""
        try:
            return self.store.commit(self.role)
        finally:
            self.refresh()

    def records_since(self, turns_seen: int) -> list[TurnRecord]:
        return self.game.state.history[turns_seen:]

    # --- no saving from a seat ------------------------------------------------------------------
    def autosave(self) -> Path | None:
        return None

    def save_as(self, name: str) -> Path:
        raise saves.SaveError("a seat does not save; the facilitator exports the game")
