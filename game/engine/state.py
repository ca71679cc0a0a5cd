"""The game state: everything that changes during a game, serializable to canonical JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

Posture = Literal["base", "patrol", "quick_reaction"]
PocDefinition = Literal["status_quo", "define_poc", "avoid_term"]
Orientation = Literal["state_centred", "people_centred"]
Phase = Literal["orders", "over"]
ChangeKind = Literal[
    "credibility",
    "attack",
    "civilians_killed",
    "peacekeepers_killed",
    "peacekeepers_wounded",
    "host_forces_killed",
    "means",
    "consent",
    "mandate_support",
    "threat",
    "host_presence",
    "warning",
    "policy",
    "unit",
]


class Model(BaseModel):
    """Mutable state model; unknown keys are rejected when a state is loaded."""

    model_config = ConfigDict(extra="forbid")

    def __setattr__(self, name: str, value: object) -> None:
        # The rules assign fields thousands of times a game. Assignments are not validated in
        # these models, so a declared field is stored directly; pydantic's own __setattr__
        # (two more calls) only also notes the name in model_fields_set, which nothing reads.
        if name in self.__pydantic_fields__:
            self.__dict__[name] = value
        else:
            super().__setattr__(name, value)


@dataclass(slots=True)
class Cause:
    """One reason behind a change: a card, an order, a roll, a modifier or a standing rule."""

    kind: Literal["card", "order", "roll", "modifier", "rule", "adversary", "policy", "facilitator"]
    ref: str
    detail: str = ""


@dataclass(slots=True)
class Change:
    """A recorded change to a number the players care about, with its causes."""

    turn: int
    phase: str
    kind: ChangeKind
    target: str
    delta: int
    after: int
    summary: str
    causes: list[Cause] = field(default_factory=list)


@dataclass(slots=True)
class Roll:
    """A chance result, kept so a replay can show and verify it."""

    purpose: str
    dice: str
    result: int


class UnitState(Model):
    id: str
    region: str
    posture: Posture = "base"
    strength: int
    killed: int = 0
    wounded: int = 0
    holds_tob: bool = False
    moved: Literal["no", "ground", "air"] = "no"
    transit_share: int = 100


class RegionState(Model):
    id: str
    credibility: int
    host_presence: int
    threat: dict[str, int]
    warning: int = 0
    tier_one: int = 0
    tier_three: int = 0
    last_success_turn: int = -99
    last_civilian_deaths: int = 0
    last_mission_harm: int = 0


class AviationState(Model):
    id: str
    hours: int
    tasked_region: str | None = None
    paid: bool = False


class Message(Model):
    theme: str
    channel: str
    audience: str
    issued_turn: int
    lands_turn: int


class Modifier(Model):
    key: str
    value: int
    last_turn: int
    source: str


class PendingAttack(Model):
    """An attack announced by a card, resolved in the adjudication phase."""

    card: str
    kind: Literal["civilians", "peacekeepers", "host_forces"]
    region: str
    actor: str
    deaths: tuple[int, int]
    wounded: tuple[int, int] = (0, 0)
    civilian_deaths: tuple[int, int] = (0, 0)
    revealed: bool = False


class CardResult(Model):
    """How a card's attack ended in this game: later cards and the debrief read it (rules.md §4.9)."""

    turn: int
    outcome: str  # a row of the resolution table; the worst one when the card struck several places
    deaths: int = 0  # killed in this game
    unopposed: int = 0  # the toll the dice gave before protection


class PendingInfoAttack(Model):
    """A hostile information attack waiting for the information phase."""

    region: str
    strength: int
    source: str


class PendingChoice(Model):
    card: str
    role: str
    decided: str | None = None


class Policy(Model):
    poc_definition: PocDefinition = "status_quo"
    orientation: Orientation = "state_centred"
    irc_under_u3: bool = False
    renewal_case: Literal["status_quo", "poc_first"] = "status_quo"
    definition_changes: int = 0
    lines_left: list[PocDefinition] = []  # PoC lines the mission held and gave up (a return is a reversal)


class MeansState(Model):
    budget: int
    budget_per_turn: int
    civilian_capacity: int
    civilian_capacity_used: int = 0
    message_slots: int
    messages_issued: int = 0
    release_delay: int
    aviation_pct: int = 0
    civilian_pct: int = 0
    irc_available: list[str]
    irc_locked: list[str]


class Tallies(Model):
    civilians_killed: dict[str, dict[str, int]] = {}
    peacekeepers_killed: int = 0
    peacekeepers_wounded: int = 0
    host_forces_killed: int = 0
    outcomes: dict[str, int] = {}
    info_attacks: int = 0
    info_attacks_countered: int = 0


class TurnRecord(Model):
    """What happened in one turn: cards, orders, the adversary's moves, rolls and changes."""

    turn: int
    month: str
    cards: list[str] = Field(default_factory=list)
    orders: list[dict] = Field(default_factory=list)
    decisions: dict[str, str] = Field(default_factory=dict)
    adversary: list[str] = Field(default_factory=list)
    rolls: list[Roll] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    say: int = 0
    do: int = 0
    civilians_killed: dict[str, dict[str, int]] = Field(default_factory=dict)
    peacekeepers_killed: int = 0
    credibility: dict[str, int] = Field(default_factory=dict)
    mandate_outcome: str | None = None
    notes: list[str] = Field(default_factory=list)  # the facilitator's notes on this turn, for the debrief
    council_heard: bool = False  # the Council has already heard of a prevented attack this turn
    # every attack on the mission ("peacekeepers") and on the army ("host_forces") this turn, deadly
    # or not, as the Secretary-General's reports count them (rules.md §5.3)
    attacks: dict[str, int] = Field(default_factory=dict)


class PlayedCard(BaseModel):
    """One card play: the card and the regions it struck. Saves store it as "card@region1+region2"."""

    model_config = ConfigDict(frozen=True)

    card: str
    regions: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        if isinstance(value, str):
            card, _, regions = value.partition("@")
            return {"card": card, "regions": tuple(r for r in regions.split("+") if r)}
        return value

    @model_serializer
    def _format(self) -> str:
        return f"{self.card}@{'+'.join(self.regions)}"


class GameState(Model):
    """Everything that changes in a game. With the scenario, it determines the rest of play."""

    version: int = 1
    scenario_id: str
    seed: int
    rng: int
    turn: int = 1
    month: str
    phase: Phase = "orders"
    regions: dict[str, RegionState]
    units: dict[str, UnitState]
    aviation: dict[str, AviationState]
    means: MeansState
    policy: Policy = Field(default_factory=Policy)
    consent: int
    mandate_support: int
    flags: dict[str, bool] = {}
    modifiers: list[Modifier] = []
    messages: list[Message] = []
    message_memory: dict[str, int] = {}  # "theme@audience" -> turn it last landed
    pending_attacks: list[PendingAttack] = []
    pending_info: list[PendingInfoAttack] = []
    pending_renewal: str | None = None
    choices: list[PendingChoice] = []
    cards_played: list[PlayedCard] = []
    card_results: dict[str, CardResult] = {}  # card id -> how its attack ended
    held_cards: dict[str, str] = {}  # card id -> month it is delayed to, or "never"
    custom_cards: dict[str, dict] = {}  # cards written by the facilitator during the game
    # side -> "human" for the sides a human holds (sides.py); left out of the JSON while every side
    # is its bot, so a game the bots play has the same bytes and digests as before the sides existed
    sides: dict[str, str] = Field(default_factory=dict, exclude_if=lambda held: not held)
    mandate_outcomes: list[str] = []
    tallies: Tallies = Field(default_factory=Tallies)
    history: list[TurnRecord] = []
    current: TurnRecord

    def played_card_ids(self) -> set[str]:
        """Every card played so far, drawn or injected."""
        return {played.card for played in self.cards_played}

    def to_json(self) -> str:
        """Canonical JSON: the same state gives the same bytes on every machine."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def digest(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()

    def clone(self) -> GameState:
        return GameState.model_validate_json(self.to_json())
