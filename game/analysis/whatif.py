"""What-if debrief: the decision points of a saved game, their alternatives, and one continuation.

A continuation forks the saved game at the start of a turn's orders phase (the state as the
players found it, cards drawn), gives that turn's orders (the played ones, or an alternative),
then plays the rest: each later turn's played orders where the rules still allow them, and
after the last saved turn a named policy. Run 0 keeps the dice the game was played with, so the
played line's run 0 is the saved game itself; run i > 0 re-rolls the dice from the turn on
with a seed made of (base seed, turn, i), the same for the played line and every alternative
at that turn (paired: both lines face the same dice until their orders make them differ).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from game import i18n
from game.analysis.montecarlo import GameResult, measure_game
from game.bots.policies import POLICIES, Policy
from game.engine import ORDER_ADAPTER, Game, GameState, TurnRecord
from game.engine import orders as O
from game.engine.context import ScenarioIndex
from game.engine.rng import MASK64, seed_state
from game.engine.wording import seat_name
from game.errors import UserError
from game.fileread import MEGABYTE, FileReadError, read_text
from game.i18n import N_, _
from game.record.replay import Replay
from game.record.saves import SaveError
from game.scenario.loader import ScenarioError, validate_yaml
from game.scenario.models import Scenario

DEFAULT_RUNS = 200
DEFAULT_POLICY = "historical"
PLAYED = N_("as played")  # the played line's name in results; shown through _()
MAX_NAMED = 4  # alternatives generated per decision point, besides "not given"
ALTERNATIVES_MAX_BYTES = MEGABYTE


class WhatIfError(UserError):
    """A what-if that cannot be run, said in one line: what is wrong and what to do."""


# --- the alternatives file ------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AlternativeSpec(_Strict):
    """One alternative order set at one turn, written by the user."""

    name: str = Field(min_length=1, max_length=200)
    turn: int | None = Field(None, ge=1, description="the turn it replaces (default: the file's turn)")
    orders: list[O.Order] = Field(default_factory=list, description="orders given at that turn")
    drop: list[int] = Field(
        default_factory=list, description="numbers of the played orders not given (as `--list` numbers them)"
    )
    replace_turn: bool = Field(
        False,
        description="true: these orders are the turn's only orders; false: they replace the played "
        "orders on the same subjects (a unit, an asset, a card, a policy) and the rest stand",
    )


class AlternativesFile(_Strict):
    """A what-if file: alternatives to run against the played line."""

    turn: int | None = Field(None, ge=1)
    alternatives: list[AlternativeSpec] = Field(min_length=1)


# --- decision points ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """An order set for one turn, instead of the orders played."""

    id: str  # "3.2b": turn 3, decision point 2, alternative b; "file.1" for a file's
    turn: int
    point: str  # the decision point, in words
    name: str  # the alternative, in words
    orders: tuple[str, ...]  # the turn's whole order list, as canonical JSON (picklable, hashable)


@dataclass(frozen=True)
class DecisionPoint:
    """A choice the players made at a turn: what was played, and what else could have been."""

    id: str
    turn: int
    month: str
    role: str
    kind: str  # "card" | "policy" | "unit" | "aviation" | "message" | "poc"
    played: str
    alternatives: tuple[Alternative, ...]

    @property
    def label(self) -> str:
        return _("turn {turn} ({month}), {seat}: {played}").format(
            turn=self.turn, month=self.month, seat=i18n.recorded(seat_name(self.role)), played=self.played
        )


KIND_OF_SUBJECT = {"unit": "unit", "air": "aviation", "msg": "message", "poc": "poc", "policy": "policy"}


def _order_json(order: O.Order) -> str:
    return order.model_dump_json()


def _describe(order: O.Order, game: Game) -> str:
    """An order in words, in the reader's language."""
    return i18n.recorded(" ".join(O.describe(order, game.context()).split()))


def _point_key(order: O.Order) -> str:
    """Orders about one choice: a unit, an asset, a tier, a policy; each message is its own."""
    if isinstance(order, O.IssueMessage):
        return f"msg:{order.theme}:{order.channel}:{order.audience}"
    return O.kind_of(order).subject(order)


class Fork:
    """A verified save opened for what-ifs: the state at each turn and the orders played."""

    def __init__(self, replay: Replay):
        self.replay = replay
        self.scenario = replay.scenario
        self.index = replay.game.index
        self.played: list[list[O.Order]] = [[g.order for g in view.orders] for view in replay.turns]
        self.roles: list[list[str]] = [[g.role for g in view.orders] for view in replay.turns]

    @classmethod
    def open(cls, path: str | Path) -> Fork:
        try:
            replay = Replay.open(path)
        except SaveError as error:
            raise WhatIfError(str(error)) from None
        if not replay.turns:
            raise WhatIfError(
                _("{path}: no turn of this game has been played, so there is nothing to change").format(
                    path=path
                )
            )
        return cls(replay)

    @property
    def turns(self) -> int:
        return len(self.played)

    def check_turn(self, turn: int) -> None:
        if not 1 <= turn <= self.turns:
            raise WhatIfError(
                _(
                    "turn {turn} is not in this save: it has turns 1-{last}; give --turn from 1 to {last}"
                ).format(turn=turn, last=self.turns)
            )

    def game_at(self, turn: int) -> Game:
        """The game at the start of turn `turn`'s orders phase (cards drawn, no order given)."""
        self.check_turn(turn)
        state = GameState.model_validate_json(self.replay.turn(turn).opened_json)
        state.history = list(self.replay.game.state.history[: turn - 1])
        return Game(self.scenario, state, self.index, undo=False)

    def played_line(self, turn: int) -> tuple[str, ...]:
        return tuple(_order_json(order) for order in self.played[turn - 1])

    def decision_points(self, turn: int) -> list[DecisionPoint]:
        """The choices of one turn: card decisions (with defaults that stood), then orders by subject."""
        self.check_turn(turn)
        view = self.replay.turn(turn)
        played = self.played[turn - 1]
        points: list[DecisionPoint] = []

        def add(kind: str, role: str, text: str, alternatives: list[tuple[str, list[O.Order]]]) -> None:
            number = len(points) + 1
            point_id = f"{turn}.{number}"
            found: list[Alternative] = []
            for name, orders in alternatives:
                if self.legal_line(turn, orders) is None:
                    letter = chr(ord("a") + len(found))
                    line = tuple(_order_json(order) for order in orders)
                    found.append(Alternative(f"{point_id}{letter}", turn, text, name, line))
            if found:
                points.append(DecisionPoint(point_id, turn, view.month, role, kind, text, tuple(found)))

        for card_id, option_id in view.record.decisions.items():
            card = self.replay.card(card_id)
            if card is None or card.choice is None:
                continue
            given = [o for o in played if isinstance(o, O.DecideCard) and o.card == card_id]
            rest = [o for o in played if o not in given]
            label = {option.id: i18n.name(option.label) for option in card.choice.options}
            how = _("{card}: chose {option}") if given else _("{card}: let the default stand: {option}")
            text = how.format(card=i18n.name(card.title), option=label.get(option_id, option_id))
            options = [
                (
                    _("{alternative} instead").format(alternative=label[option.id]),
                    [*rest, O.DecideCard(card=card_id, option=option.id)],
                )
                for option in card.choice.options
                if option.id != option_id
            ]
            add("card", str(card.choice.role), text, options)

        game = self.game_at(turn)
        groups: dict[str, list[int]] = {}
        for position, order in enumerate(played):
            if isinstance(order, O.DecideCard) or self.roles[turn - 1][position] == O.FACILITATOR:
                continue
            groups.setdefault(_point_key(order), []).append(position)
        for key, positions in groups.items():
            orders = [played[p] for p in positions]
            rest = [o for p, o in enumerate(played) if p not in positions]
            first = positions[0]
            text = "; ".join(_describe(order, game) for order in orders)
            alternatives = [(_("not given"), rest)]
            subject = O.kind_of(orders[0]).subject(orders[0])
            role = self.roles[turn - 1][first]
            named = 0
            for candidate in game.candidate_orders(role):
                if named >= MAX_NAMED:
                    break
                if O.kind_of(candidate).subject(candidate) != subject or candidate in orders:
                    continue
                if isinstance(candidate, O.MoveUnit | O.IssueMessage):
                    continue  # too many to list: a file names the move or message it wants
                line = [*rest[:first], candidate, *rest[first:]]
                alternatives.append(
                    (_("{alternative} instead").format(alternative=_describe(candidate, game)), line)
                )
                named += 1
            add(KIND_OF_SUBJECT.get(key.partition(":")[0], "order"), role, text, alternatives)
        return points

    def legal_line(self, turn: int, orders: Iterable[O.Order]) -> str | None:
        """Why this order list cannot be given at `turn` (the first refused order), or None."""
        game = self.game_at(turn)
        for number, order in enumerate(orders, start=1):
            reason = game.why_illegal(order)
            if reason is not None:
                return _("order {number} ({order}) is refused at turn {turn}: {reason}").format(
                    number=number, order=_describe(order, game), turn=turn, reason=i18n.recorded(reason)
                )
            O.apply(order, game.context())
        return None

    def alternative(self, spec: AlternativeSpec, turn: int, number: int) -> Alternative:
        """A user's alternative as a whole order list for its turn; WhatIfError when illegal."""
        self.check_turn(turn)
        played = self.played[turn - 1]
        for drop in spec.drop:
            if not 1 <= drop <= len(played):
                raise WhatIfError(
                    _(
                        "alternative {name!r}: turn {turn} has played orders 1-{last}, not {drop}; "
                        "see them with --list"
                    ).format(name=spec.name, turn=turn, last=len(played), drop=drop)
                )
        kept = [o for position, o in enumerate(played, start=1) if position not in spec.drop]
        if spec.replace_turn:
            orders = list(spec.orders)
        else:
            subjects = {_point_key(order) for order in spec.orders}
            cards = {order.card for order in spec.orders if isinstance(order, O.DecideCard)}
            kept = [
                o
                for o in kept
                if _point_key(o) not in subjects and not (isinstance(o, O.DecideCard) and o.card in cards)
            ]
            orders = [*kept, *spec.orders]
        reason = self.legal_line(turn, orders)
        if reason is not None:
            raise WhatIfError(
                _("alternative {name!r} is illegal: {reason}").format(name=spec.name, reason=reason)
            )
        line = tuple(_order_json(order) for order in orders)
        return Alternative(f"file.{number}", turn, _("your alternative"), spec.name, line)

    def source(self, turns: Iterable[int], policy: Policy) -> ForkSource:
        """What the workers need, to be sent once: the scenario, the states at the turns, the orders."""
        history = self.replay.game.state.history
        return ForkSource(
            scenario=self.scenario,
            opened={turn: self.replay.turn(turn).opened_json for turn in sorted(set(turns))},
            history_json=[record.model_dump_json() for record in history[: max(turns, default=1)]],
            played=[[_order_json(order) for order in turn] for turn in self.played],
            policy=policy,
        )


def load_alternatives(path: str | Path, fork: Fork, default_turn: int | None) -> list[Alternative]:
    """Read a what-if file; every problem names the file, line and field, or the illegal order."""
    try:
        text = read_text(path, "a what-if file (YAML)", ALTERNATIVES_MAX_BYTES)
        spec, _source = validate_yaml(text, str(path), AlternativesFile, "a what-if file")
    except FileReadError as error:
        raise WhatIfError(str(error)) from None
    except ScenarioError as error:
        raise WhatIfError(str(error.problems[0])) from None
    found = []
    for number, alternative in enumerate(spec.alternatives, start=1):
        turn = alternative.turn or spec.turn or default_turn
        if turn is None:
            raise WhatIfError(
                _("{path}: alternative {name!r} has no turn; add turn: N or give --turn").format(
                    path=path, name=alternative.name
                )
            )
        found.append(fork.alternative(alternative, turn, number))
    return found


def continuation_policy(name: str) -> Policy:
    if name not in POLICIES:
        raise WhatIfError(
            _("unknown continuation policy {policy!r}; valid policies: {choices}").format(
                policy=name, choices=", ".join(POLICIES)
            )
        )
    return POLICIES[name]


def continuation_text(fork_turn: int, saved_turns: int, total_turns: int, policy: str) -> str:
    """The stated continuation policy, for every output."""
    parts = []
    if fork_turn < saved_turns:
        parts.append(
            _("turns {first}-{last}: the orders played, where the rules still allow them").format(
                first=fork_turn + 1, last=saved_turns
            )
        )
    if saved_turns < total_turns:
        parts.append(
            _("turns {first}-{last}: the {policy} policy").format(
                first=max(saved_turns, fork_turn) + 1, last=total_turns, policy=policy
            )
        )
    return "; ".join(parts) or _("none (the game ends with this turn)")


# --- one continuation (runs in a worker) -----------------------------------------------------------


@dataclass
class ForkSource:
    """The saved game as a worker needs it; parsed once per worker (see Continuer)."""

    scenario: Scenario
    opened: dict[int, str]  # turn -> state JSON at its orders phase, without history
    history_json: list[str]
    played: list[list[str]]
    policy: Policy


def dice_for(base_seed: int, turn: int, run: int) -> int:
    """The generator state for run `run` from turn `turn` (run 0 keeps the game's own dice)."""
    digest = hashlib.sha256(f"minusma-whatif:{base_seed}:{turn}:{run}".encode()).digest()
    return seed_state(int.from_bytes(digest[:8], "big")) & MASK64


@dataclass
class Continuer:
    """Plays continuations of one saved game; the parsed scenario, states and orders are kept."""

    source: ForkSource
    index: ScenarioIndex = field(init=False)
    history: list[TurnRecord] = field(init=False)
    played: list[list[O.Order]] = field(init=False)
    _orders: dict[tuple[str, ...], list[O.Order]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.index = ScenarioIndex(self.source.scenario)
        self.history = [TurnRecord.model_validate_json(text) for text in self.source.history_json]
        self.played = [self._parse(tuple(turn)) for turn in self.source.played]

    def _parse(self, line: tuple[str, ...]) -> list[O.Order]:
        found = self._orders.get(line)
        if found is None:
            found = [ORDER_ADAPTER.validate_json(text) for text in line]
            self._orders[line] = found
        return found

    def play(self, turn: int, line: tuple[str, ...], run: int, base_seed: int) -> tuple[Game, int]:
        """Play from `turn` with `line` as its orders; the finished game and the later orders refused."""
        state = GameState.model_validate_json(self.source.opened[turn])
        state.history = self.history[: turn - 1]  # records are never changed once written: shared
        if run > 0:
            state.rng = dice_for(base_seed, turn, run)
        game = Game(self.source.scenario, state, self.index, undo=False)
        for order in self._parse(line):
            game.apply(order)  # checked when the line was made: an error here is a bug
        game.end_turn()
        refused = 0
        policy = self.source.policy
        while not game.is_over():
            number = game.state.turn
            if number <= len(self.played):
                for order in self.played[number - 1]:
                    if game.why_illegal(order) is None:
                        O.apply(order, game.context())
                    else:
                        refused += 1
            else:
                policy.play(game)
            game.end_turn()
        return game, refused

    def measure(
        self, turn: int, line_name: str, line: tuple[str, ...], run: int, base_seed: int
    ) -> GameResult:
        game, refused = self.play(turn, line, run, base_seed)
        return whatif_measures(game, line_name, run, refused)


def whatif_measures(game: Game, line_name: str, run: int, refused: int = 0) -> GameResult:
    """The measures a what-if compares: analyse's, with civilians killed by region and without
    the per-period breakdowns; `seed` holds the run number."""
    base = measure_game(game, line_name)
    measures = {
        key: value
        for key, value in base.measures.items()
        if not (key.startswith(("civilians_killed.", "peacekeepers_killed.")))
    }
    for region in game.index.region_order:
        measures[f"civilians_killed.{region}"] = sum(
            game.state.tallies.civilians_killed.get(region, {}).values()
        )
    measures["orders_refused"] = refused
    return GameResult(line_name, run, measures, base.mandate_outcomes)
