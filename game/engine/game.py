"""The engine's one API: new game, legal orders, apply an order, end the turn, is over, score."""

from __future__ import annotations

from game.engine import orders as O
from game.engine.context import Context, ScenarioIndex
from game.engine.objectives import SideScore, side_scores
from game.engine.rng import seed_state
from game.engine.score import Scorecard, score
from game.engine.sides import Holder, held_by
from game.engine.state import (
    AviationState,
    GameState,
    MeansState,
    RegionState,
    TurnRecord,
    UnitState,
)
from game.engine.turn import end_turn as _end_turn
from game.engine.turn import start_turn
from game.engine.view import MISSION_SEATS, GameView, ViewCache, observe
from game.i18n import N_
from game.scenario.models import Scenario


class IllegalOrder(ValueError):
    """An order the rules refuse; the state is untouched and `reason` says why."""

    def __init__(self, order: O.Order, reason: str):
        self.order = order
        self.reason = reason
        super().__init__(N_("{order}: {reason}").format(order=O.describe(order), reason=reason))


def initial_state(
    scenario: Scenario, seed: int, index: ScenarioIndex | None = None, ledger: bool = True
) -> GameState:
    """The state at the start of turn 1's orders phase (situation and event phases done).
    With ledger=False the rolls and changes are not kept (see Context)."""
    index = index or ScenarioIndex(scenario)
    state = GameState(
        scenario_id=scenario.id,
        seed=seed,
        rng=seed_state(seed),
        month=scenario.calendar.start,
        regions={
            r.id: RegionState(
                id=r.id,
                credibility=r.credibility,
                host_presence=r.host_presence,
                threat=dict(sorted(r.threat.items())),
            )
            for r in scenario.regions
        },
        units={u.id: UnitState(id=u.id, region=u.base, strength=u.strength) for u in scenario.contingents},
        aviation={a.id: AviationState(id=a.id, hours=0) for a in scenario.aviation},
        means=MeansState(
            budget=scenario.means.budget,
            budget_per_turn=scenario.means.budget,
            civilian_capacity=0,
            message_slots=scenario.means.message_slots,
            release_delay=scenario.means.release_delay_turns,
            civilian_pct=scenario.means.civilian_capacity_modifier_pct,
            irc_available=[i.value for i in scenario.means.irc_available],
            irc_locked=[i.value for i in scenario.means.irc_locked],
        ),
        consent=scenario.starting_consent,
        mandate_support=scenario.starting_mandate_support,
        current=TurnRecord(turn=1, month=scenario.calendar.start),
    )
    start_turn(Context(index, state, ledger=ledger))
    return state


class Game:
    """A scenario and the state of one game on it. Rules are pure functions of the two."""

    def __init__(
        self,
        scenario: Scenario,
        state: GameState,
        index: ScenarioIndex | None = None,
        undo: bool = True,
        ledger: bool = True,
    ):
        """With undo=False (headless scripts), orders cannot be withdrawn and apply is faster.
        With ledger=False (analysis), the turns keep no rolls and no explained changes: the game
        plays the same and scores the same, faster, but it cannot be saved, replayed or explained."""
        self.scenario = scenario
        self.ledger = ledger
        self.index = index or ScenarioIndex(scenario)
        self._version = 0
        self._views = ViewCache()
        self.state = state
        self.undo = undo
        self._turn_start: str | None = None

    @property
    def state(self) -> GameState:
        return self._state

    @state.setter
    def state(self, state: GameState) -> None:
        self._state = state
        self._views.views.clear()
        self.changed()

    def changed(self) -> None:
        """Note that the state changed: views are rebuilt on the next observe. The engine calls
        it on every order, withdrawal and turn end; call it after changing the state by hand."""
        self._version += 1

    @classmethod
    def new(cls, scenario: Scenario, seed: int, undo: bool = True, ledger: bool = True) -> Game:
        index = ScenarioIndex(scenario)
        return cls(scenario, initial_state(scenario, seed, index, ledger), index, undo, ledger)

    def context(self) -> Context:
        return Context(self.index, self.state, ledger=self.ledger)

    # --- orders phase -------------------------------------------------------------------------
    def why_illegal(self, order: O.Order, role: str | None = None) -> str | None:
        return O.why_illegal(order, self.context(), role)

    def apply(self, order: O.Order, role: str | None = None) -> None:
        """Apply a legal order now; raise IllegalOrder (state untouched) otherwise."""
        reason = self.give(order, role)
        if reason is not None:
            raise IllegalOrder(order, reason)

    def give(self, order: O.Order, role: str | None = None) -> str | None:
        """Apply a legal order now and return None; otherwise return why not, the state untouched.

        As apply, without an exception to build: for scripts that try orders that may not fit.
        """
        # One context for the check and the effect: the check changes nothing, and the effects
        # forget the context's cached positions and taskings when they change them.
        ctx = self.context()
        reason = O.why_illegal(order, ctx, role)
        if reason is not None:
            return reason
        if self.undo and self._turn_start is None:
            self._turn_start = self._snapshot()
        self.changed()
        O.apply(order, ctx)
        return None

    def _snapshot(self) -> str:
        """The state at the start of the orders phase, for undoing orders.

        History is append-only and orders never touch it, so it is left out and shared.
        """
        return self.state.model_dump_json(exclude={"history"})

    def pending_orders(self) -> list[O.Order]:
        return [O.ORDER_ADAPTER.validate_python(o) for o in self.state.current.orders]

    def withdraw(self, index: int) -> list[str]:
        """Withdraw one of this turn's orders; later orders that no longer fit are dropped too.

        Returns descriptions of the orders dropped because of the withdrawal.
        """
        kept = self.pending_orders()
        if not self.undo:
            raise RuntimeError("this game was created with undo=False")
        if not 0 <= index < len(kept):
            raise IndexError(f"there is no pending order number {index + 1}")
        del kept[index]
        assert self._turn_start is not None
        history = self.state.history
        state = GameState.model_validate_json(self._turn_start)
        state.history = history
        self.state = state
        dropped = []
        for order in kept:
            if self.why_illegal(order) is None:
                O.apply(order, self.context())
            else:
                dropped.append(O.describe(order, self.context()))
        self.changed()
        return dropped

    def legal_orders(self, role: str) -> list[O.Order]:
        """Every legal order for a role now (used by menus, bots and tests)."""
        return [order for order in self.candidate_orders(role) if self.why_illegal(order, role) is None]

    def candidate_orders(self, role: str) -> list[O.Order]:
        """Orders a role could think of giving now, legal or not (menus explain the illegal ones)."""
        return O.candidate_orders(self.context(), role)

    # --- the rest of the turn -----------------------------------------------------------------
    def end_turn(self) -> TurnRecord:
        """Commit the orders: adversary, adjudication, information, assessment; next turn opens."""
        if self.state.phase == "over":
            raise IllegalOrder(O.SetPolicy(name="renewal_case", value="status_quo"), N_("the game is over"))
        self.changed()
        record = _end_turn(self.context())
        self._turn_start = None
        return record

    def observe(self, seat: str, private_drafts: bool = False) -> GameView:
        """What one seat may know now (a mission role, or "umpire" for everything): see view.py.

        Cached: a second call with the state unchanged returns the same view at no cost.
        """
        state = self.state
        current = state.current
        key = (self._version, id(state), state.turn, state.phase, len(current.orders), len(current.changes))
        private = private_drafts and seat in MISSION_SEATS
        found = self._views.views.get((seat, private))
        if found is not None and found[0] == key:
            return found[1]
        context = self._seat_context(seat) if private else self.context()
        view = observe(context, seat, private, self._views)
        self._views.views[(seat, private)] = (key, view)
        return view

    def _seat_context(self, seat: str) -> Context:
        """The turn as if only `seat` (and the facilitator) had given orders: others' drafts undone."""
        ctx = self.context()
        orders = self.pending_orders()
        mine = [o for o in orders if O.order_role(o, ctx) in (seat, O.FACILITATOR)]
        if len(mine) == len(orders):
            return ctx
        if self._turn_start is None:
            self._turn_start = self._replayed_turn_start()
        state = GameState.model_validate_json(self._turn_start)
        state.history = self.state.history
        seat_ctx = Context(self.index, state)
        for order in mine:
            if O.why_illegal(order, seat_ctx) is None:
                O.apply(order, seat_ctx)
        return seat_ctx

    def is_over(self) -> bool:
        return self.state.phase == "over"

    def _replayed_turn_start(self) -> str:
        """The turn-start snapshot of a game made with undo=False, found by replaying its finished
        turns from the seed (as a save is replayed): slower than keeping it, but only once a turn."""
        game = Game(
            self.scenario, initial_state(self.scenario, self.seed, self.index), self.index, undo=False
        )
        for record in self.state.history:
            for raw in record.orders:
                O.apply(O.ORDER_ADAPTER.validate_python(raw), game.context())
            game.end_turn()
        if game.state.history != self.state.history:
            raise ValueError(
                N_("this game cannot hide other seats' drafts: its turns do not replay from its seed")
            )
        return game.snapshot()

    # --- the record: for saves and replays (the umpire's), never for a seat's screen -----------
    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def month(self) -> str:
        return self.state.month

    @property
    def seed(self) -> int:
        """The game's seed: for its save file only; no view holds it."""
        return self.state.seed

    def records(self) -> list[TurnRecord]:
        """The finished turns, oldest first (append-only: do not change them)."""
        return self.state.history

    def pending_log(self) -> list[dict]:
        """This turn's orders as given, as plain data (a save's "pending")."""
        return list(self.state.current.orders)

    def digest(self) -> str:
        """A hash of the whole state: two games with the same digest are the same game."""
        return self.state.digest()

    def score(self) -> Scorecard:
        return score(self.scenario, self.state)

    def side_scores(self) -> list[SideScore]:
        """Every other side's objectives and how far it got (rules.md §12.1)."""
        return side_scores(self.scenario, self.state)

    def held_by(self, side: str) -> Holder:
        """Who holds a side: the bot or a human cell (rules.md §5.2)."""
        return held_by(self.state, side)

    def snapshot(self) -> str:
        """The state now without its history, as JSON: Game.at rebuilds a game from it."""
        return self._snapshot()

    def at(self, snapshot: str, turns: int, undo: bool = False, copy: bool = False) -> Game:
        """The game a `snapshot` of this one was taken from, with its first `turns` finished turns
        (copied with copy=True, for a game that will be played on: a fork)."""
        state = GameState.model_validate_json(snapshot)
        records = self.state.history[:turns]
        state.history = [r.model_copy(deep=True) for r in records] if copy else records
        return Game(self.scenario, state, self.index, undo)

    def clone(self) -> Game:
        return Game(self.scenario, self.state.clone(), self.index, self.undo, self.ledger)
