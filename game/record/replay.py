"""A saved game opened for review: each turn's record, orders by seat, map states, series and forks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from game import i18n
from game.engine import Game, TurnRecord
from game.engine import orders as O
from game.engine.score import Scorecard, in_period, national
from game.engine.view import UMPIRE, ChangeView, GameView
from game.engine.view import TurnView as SeenTurn
from game.i18n import N_, _
from game.record.saves import ReplayWatcher, SaveError, SaveFile, SaveMeta, read_save, replay
from game.scenario.models import Card, Measure, Scenario

# Shown through _() (the language is chosen after import).
ROLE_TITLES = {
    "srsg": N_("SRSG"),
    "force_commander": N_("Force Commander"),
    "police_commissioner": N_("Police Commissioner"),
    "comms_chief": N_("Chief of Strategic Communications"),
    O.FACILITATOR: N_("Facilitator"),
    "armed_groups": N_("Armed groups (red cell)"),
    "host_state": N_("Host state (green cell)"),
}


def role_title(role: str) -> str:
    """A seat's title in the player's language (an unknown role as it is)."""
    return _(ROLE_TITLES[role]) if role in ROLE_TITLES else role


@dataclass(frozen=True)
class GivenOrder:
    """One order as it was given: by which seat, and in words."""

    role: str
    order: O.Order
    text: str


@dataclass
class TurnView:
    """One committed turn: what happened, who ordered what, and the state as the orders stood."""

    number: int
    month: str
    record: TurnRecord
    orders: list[GivenOrder]
    opened_json: str  # the state when the orders phase opened (cards drawn), without history

    def orders_by_role(self) -> dict[str, list[GivenOrder]]:
        grouped: dict[str, list[GivenOrder]] = {role: [] for role in ROLE_TITLES}
        for given in self.orders:
            grouped.setdefault(given.role, []).append(given)
        return {role: orders for role, orders in grouped.items() if orders}


@dataclass(frozen=True)
class Decision:
    """A key decision: a card's choice (the seat's or the default) or a change of policy."""

    turn: int
    month: str
    role: str
    subject: str
    choice: str
    chosen: bool  # False: the card's default stood because nobody decided


class _Recorder(ReplayWatcher):
    def __init__(self) -> None:
        self.views: list[TurnView] = []
        self._opened = ""
        self._orders: list[GivenOrder] = []

    def turn_started(self, game: Game) -> None:
        self._opened = game.snapshot()
        self._orders = []

    def order_applied(self, game: Game, order: O.Order, role: str) -> None:
        text = " ".join(O.describe(order, game.context()).split())  # no double space from empty fields
        self._orders.append(GivenOrder(str(role), order, text))

    def turn_ended(self, game: Game, record: TurnRecord) -> None:
        self.views.append(TurnView(record.turn, record.month, record, self._orders, self._opened))


class Replay:
    """A verified saved game, turn by turn. Jumping to a turn costs one cached JSON parse."""

    def __init__(self, save: SaveFile, game: Game, turns: list[TurnView]):
        self.save = save
        self.game = game
        self.turns = turns
        self._games: dict[int, Game] = {}

    @classmethod
    def open(cls, path: str | Path) -> Replay:
        """Read, replay and verify a save (SaveError says what is wrong)."""
        save = read_save(path)
        recorder = _Recorder()
        game = replay(save, recorder)
        return cls(save, game, recorder.views)

    @property
    def path(self) -> Path:
        return self.save.path

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def meta(self) -> SaveMeta:
        return self.save.meta

    @property
    def label(self) -> str:
        """How a debrief names this game: the save's name, or its players, or its scenario and turn
        (an autosave's file name is an id, not a name)."""
        return (
            self.meta.name
            or self.meta.players()
            or _("{scenario}, turn {turn}").format(
                scenario=i18n.name(self.scenario.title), turn=len(self.turns)
            )
        )

    def turn(self, number: int) -> TurnView:
        if not 1 <= number <= len(self.turns):
            raise IndexError(
                _("turn {number} is not in this save (it has turns 1-{last})").format(
                    number=number, last=len(self.turns)
                )
            )
        return self.turns[number - 1]

    def game_at(self, number: int) -> Game:
        """The game at turn `number` with all its orders given (the map as the turn was played),
        its finished record last in its history. Cached: jumping back costs nothing."""
        game = self._games.get(number)
        if game is None:
            game = self.game.at(self.committed_json(number), number)
            self._games[number] = game
        return game

    def committed_json(self, number: int) -> str:
        """The state of turn `number` once every order was given, before the turn resolved (without
        history): its orders given again to the state its orders phase opened with. Giving them
        again for the turns the viewer shows costs less than a snapshot of every turn at opening."""
        view = self.turn(number)
        game = self.game.at(view.opened_json, number - 1)
        for given in view.orders:
            game.apply(given.order)
        return game.snapshot()

    def view(self, number: int, seat: str = UMPIRE) -> GameView:
        """What `seat` knew of turn `number` with every order given, its finished record last in
        the view's history. The umpire's by default: a debrief sees everything."""
        return self.game_at(number).observe(seat)

    @property
    def umpire(self) -> GameView:
        """The whole game as the umpire sees it at its end: every turn's ledger and stories."""
        return self.game.observe(UMPIRE)

    def seen(self, number: int) -> SeenTurn:
        """Turn `number` as the umpire saw it: cards, decisions, ledger, deaths, Say and Do."""
        return self.umpire.turn_view(number)

    def ledger(self, number: int) -> tuple[ChangeView, ...]:
        """Every change of turn `number`, with its causes (the umpire's view)."""
        return self.umpire.turn_view(number).changes

    def stories(self, number: int) -> dict[str, str]:
        """What each card's attack came to in turn `number`, by card."""
        return dict(self.umpire.turn_view(number).stories)

    def cards_played(self, number: int) -> dict[str, list[str]]:
        """The cards played in turn `number` (drawn or injected), each with the regions it struck."""
        played = self.view(number).plays
        before = len(self.view(number - 1).plays) if number > 1 else 0
        found: dict[str, list[str]] = {}
        for entry in played[before:]:
            found.setdefault(entry.card, []).extend(entry.regions)
        return found

    def fork(self, number: int) -> tuple[Game, SaveMeta]:
        """Take command from the start of turn `number`: a new game whose save names its parent."""
        if not 1 <= number <= len(self.turns):
            raise SaveError(
                _("cannot fork at turn {number}: this save has turns 1-{last}").format(
                    number=number, last=len(self.turns)
                )
            )
        game = self.game.at(self.turn(number).opened_json, number - 1, undo=True, copy=True)
        meta = SaveMeta(
            mode=self.meta.mode,
            seats=dict(self.meta.seats),
            name=_("{game} - fork at turn {number}").format(game=self.label, number=number),
            parent=self.path.name,
            fork_turn=number,
            notes={turn: text for turn, text in self.meta.notes.items() if turn < number},
        )
        return game, meta

    def with_meta(self, **changes) -> SaveMeta:
        return dataclasses.replace(self.meta, **changes)

    # --- what the viewer and the debrief plot ------------------------------------------------------

    @cached_property
    def scorecard(self) -> Scorecard:
        return self.game.score()

    @cached_property
    def months(self) -> list[str]:
        return [view.month for view in self.turns]

    @cached_property
    def credibility(self) -> dict[str, list[int]]:
        """Credibility of each region at the start and after every turn (len = turns + 1)."""
        series = {region.id: [region.credibility] for region in self.scenario.regions}
        for view in self.turns:
            for region, values in series.items():
                values.append(dict(self.seen(view.number).credibility).get(region, values[-1]))
        return series

    @cached_property
    def national_credibility(self) -> list[int]:
        regions = list(self.credibility)
        steps = len(self.turns) + 1
        return [national({r: self.credibility[r][i] for r in regions}) for i in range(steps)]

    @cached_property
    def civilians_per_turn(self) -> list[int]:
        return [self.seen(v.number).civilians_killed for v in self.turns]

    @cached_property
    def peacekeepers_per_turn(self) -> list[int]:
        return [self.seen(view.number).peacekeepers_killed for view in self.turns]

    @cached_property
    def say_do(self) -> list[tuple[int, int]]:
        return [(seen.say, seen.do) for seen in (self.seen(view.number) for view in self.turns)]

    def historical_civilians(self) -> list[tuple[float, float] | None]:
        """History's civilian deaths per month for each turn (low, high), where history is known."""
        return [monthly_history(self.scenario.history.civilians_killed, m) for m in self.months]

    def historical_peacekeepers(self) -> list[tuple[float, float] | None]:
        return [monthly_history(self.scenario.history.peacekeepers_killed, m) for m in self.months]

    def decisions(self) -> list[Decision]:
        """Every card decision (with the defaults that stood) and every change of policy."""
        found: list[Decision] = []
        for view in self.turns:
            chosen = {g.order.card: g.order.option for g in view.orders if isinstance(g.order, O.DecideCard)}
            for card_id, option_id in self.seen(view.number).decisions:
                card = self.card(card_id)
                if card is None or card.choice is None:
                    continue
                label = next((o.label for o in card.choice.options if o.id == option_id), option_id)
                found.append(
                    Decision(
                        view.number,
                        view.month,
                        str(card.choice.role),
                        i18n.name(card.title),
                        i18n.name(label),
                        chosen.get(card_id) == option_id,
                    )
                )
            for given in view.orders:
                if isinstance(given.order, O.SetPolicy):
                    text = i18n.recorded(given.text.removeprefix("Policy: "))
                    found.append(Decision(view.number, view.month, given.role, _("Policy"), text, True))
        return found

    def card(self, card_id: str) -> Card | None:
        try:
            return self.game.context().card(card_id)  # the deck's, or one the facilitator wrote
        except KeyError:
            return None

    def notes(self) -> dict[int, list[str]]:
        """The facilitator's notes by turn: those given during play and those added to the save."""
        found: dict[int, list[str]] = {}
        for view in self.turns:
            if view.record.notes:
                found.setdefault(view.number, []).extend(view.record.notes)
        for turn, text in sorted(self.meta.notes.items()):
            found.setdefault(turn, []).append(text)
        return dict(sorted(found.items()))


def monthly_history(measures: list[Measure], month: str) -> tuple[float, float] | None:
    """History's range for one month: the measure covering it, spread evenly over its months."""
    for measure in measures:
        if in_period(month, measure.period):
            months = 6 if "-H" in measure.period else 12
            return measure.low / months, measure.high / months
    return None
