"""A game being played in the TUI: the engine's Game, its seats, whose turn it is, and saving."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from game.engine import Game, IllegalOrder, TurnRecord
from game.engine import orders as O
from game.engine.sides import GREEN, RED
from game.engine.view import GameView, TurnView, observe
from game.record import saves
from game.scenario.models import Scenario
from game.tui.labels import ROLE_ORDER, ROLE_TITLES


class PlaySession(Protocol):
    """What the screens ask of a game in play (a Session at this keyboard, or any seat object that
    holds a Game). Ending the turn differs between them, so it is not here. A hosted seat over
    the network renders the views the server sends it (game.syndicate.host)."""

    game: Game
    meta: saves.SaveMeta
    seen_cards_turn: int
    save_problem: str | None
    saved_to: Path | None

    @property
    def hotseat(self) -> bool: ...
    @property
    def seat(self) -> str: ...
    @property
    def refusals(self) -> tuple[type[Exception], ...]: ...
    @property
    def last_record(self) -> TurnRecord | None: ...
    def refusal(self, error: Exception) -> str: ...
    def player(self, role: str | None = None) -> str: ...
    def seat_label(self, role: str | None = None) -> str: ...
    def select_seat(self, role: str) -> None: ...
    def give(self, order: O.Order, role: str | None = None) -> None: ...
    def withdraw(self, index: int) -> list[str]: ...
    def can_decide(self, role: str) -> bool: ...
    def order_role(self, order: O.Order) -> str: ...
    def pending_for(self, role: str | None) -> list[tuple[int, O.Order]]: ...
    def undecided_cards(self, role: str | None) -> list[str]: ...
    def autosave(self) -> Path | None: ...
    def save_as(self, name: str) -> Path: ...


def seat_view(session: PlaySession, seat: str | None = None) -> GameView:
    """What a seat of this session may see (this one by default): every screen renders from it.

    A syndicate seat (meta.mode "syndicate") sees only its own drafts, here and on the map; a
    solo or hotseat mission shares its drafts. Cached by the engine: call it freely.
    """
    seat = seat or session.seat
    if session.meta.mode != "syndicate":
        return session.game.observe(seat)
    try:
        return session.game.observe(seat, private_drafts=True)
    except ValueError:
        # A game whose turns do not replay from its seed: the map cannot undo the other seats'
        # drafts, but the orders listed are still this seat's alone.
        return observe(session.game.context(), seat, private_drafts=True)


def last_turn(session: PlaySession) -> TurnView | None:
    """The last finished turn as this seat saw it."""
    return seat_view(session).last


CELL_ORDER = (GREEN, RED)  # the cells order after the mission: green answers it, red strikes last


@dataclass
class Session:
    """Holds no rules: orders go to the engine, saves to game.record.saves."""

    game: Game
    meta: saves.SaveMeta
    seat_index: int = 0
    saved_to: Path | None = None
    save_problem: str | None = None
    seen_cards_turn: int = 0  # the turn whose event cards have been shown

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        seats: dict[str, str],
        mode: str,
        red_cell: bool = False,
        green_cell: bool = False,
    ) -> Session:
        """With red_cell, a human plays the armed groups (rules.md §5.2); with green_cell, the host
        state (§9.1, where the scenario allows it): each hand-over opens the log."""
        meta = saves.SaveMeta(mode=mode, seats=dict(seats))
        game = Game.new(scenario, seed)
        if green_cell:
            game.apply(O.HandSide(side=GREEN, to="human"))
        if red_cell:
            game.apply(O.HandSide(side=RED, to="human"))
        return cls(game, meta)

    @classmethod
    def load(cls, path: str | Path) -> Session:
        """Raises saves.SaveError with a message for the player when the file cannot be used."""
        game, meta = saves.load(path)
        return cls(game, meta, saved_to=Path(path))

    # --- seats ----------------------------------------------------------------------------------
    @property
    def hotseat(self) -> bool:
        return self.meta.mode == "hotseat"

    @property
    def cells(self) -> tuple[str, ...]:
        """The sides a human cell holds, in the order they give orders: green, then red (§9.1)."""
        return tuple(side for side in CELL_ORDER if self.game.held_by(side) == "human")

    @property
    def seat_order(self) -> tuple[str, ...]:
        """The seats in the order they give orders: the mission's, then the green and red cells'."""
        return (*ROLE_ORDER, *self.cells)

    @property
    def seat(self) -> str:
        order = self.seat_order
        return order[min(self.seat_index, len(order) - 1)]

    @property
    def next_cell(self) -> str | None:
        """The cell that gives its orders after this seat commits (the mission's seats commit
        together), or None when the turn is resolved next."""
        cells = self.cells
        later = cells[cells.index(self.seat) + 1 :] if self.seat in cells else cells
        return later[0] if later else None

    def to_cell(self, side: str) -> None:
        """The orders before are in: the keyboard goes to this cell."""
        self.seat_index = self.seat_order.index(side)

    def player(self, role: str | None = None) -> str:
        """The player's name at a seat; "" when none was given (the seat's title stands in for it)."""
        role = role or self.seat
        name = self.meta.seats.get(role, "") or ""
        return "" if name in (ROLE_TITLES.english.get(role), ROLE_TITLES.get(role)) else name

    def seat_label(self, role: str | None = None) -> str:
        role = role or self.seat
        name = self.player(role)
        return f"{ROLE_TITLES[role]} ({name})" if name and self.hotseat else ROLE_TITLES[role]

    def select_seat(self, role: str) -> None:
        self.seat_index = self.seat_order.index(role)

    def pass_seat(self) -> bool:
        """Hand over to the next seat; False when every seat has given its orders."""
        if self.seat_index + 1 >= len(self.seat_order):
            return False
        self.seat_index += 1
        return True

    # --- orders ---------------------------------------------------------------------------------
    refusals: ClassVar[tuple[type[Exception], ...]] = (IllegalOrder,)  # what give/withdraw may raise

    @staticmethod
    def refusal(error: Exception) -> str:
        """The reason, for the player, of an error in `refusals`."""
        return error.reason if isinstance(error, IllegalOrder) else str(error)

    def give(self, order: O.Order, role: str | None = None) -> None:
        """Give an order as a seat (this one by default); raises one of `refusals` with the reason."""
        self.game.apply(order, role or self.seat)

    def withdraw(self, index: int) -> list[str]:
        """Withdraw pending order number `index`; returns the orders dropped as no longer possible."""
        return self.game.withdraw(index)

    def can_decide(self, role: str) -> bool:
        """Whether the player at the keyboard may take a decision put to this role."""
        return not self.hotseat or role == self.seat

    def order_role(self, order: O.Order) -> str:
        return O.order_role(order, self.game.context())

    def pending_for(self, role: str | None) -> list[tuple[int, O.Order]]:
        """This turn's orders (with their index for withdraw), of one seat or of all."""
        return [
            (index, order)
            for index, order in enumerate(self.game.pending_orders())
            if role is None or self.order_role(order) == role
        ]

    def undecided_cards(self, role: str | None) -> list[str]:
        return seat_view(self, role or self.seat).undecided(role)

    # --- turns and saves ------------------------------------------------------------------------
    def commit(self) -> TurnRecord:
        """End the turn in the engine and autosave. The committing seat keeps the keyboard to read
        the turn's results in its own view; `first_seat` opens the next turn."""
        record = self.game.end_turn()
        self.autosave()
        return record

    def first_seat(self) -> None:
        """A new turn: the keyboard goes to the first seat."""
        self.seat_index = 0

    @property
    def last_record(self) -> TurnRecord | None:
        """The last finished turn's record (screens render last_turn(session), its view)."""
        records = self.game.records()
        return records[-1] if records else None

    def autosave(self) -> Path | None:
        try:
            self.saved_to = saves.autosave(self.game, self.meta)
        except saves.SaveError as error:
            self.save_problem = str(error)
            return None
        self.save_problem = None
        return self.saved_to

    def save_as(self, name: str) -> Path:
        """Raises saves.SaveError when the file cannot be written."""
        self.saved_to = saves.save_as(self.game, self.meta, name)
        return self.saved_to
