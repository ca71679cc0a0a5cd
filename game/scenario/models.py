"""Pydantic models of a scenario file: calendar, regions, actors, means and event cards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum, StrEnum
from functools import cache
from types import NoneType
from typing import Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from game import i18n
from game.i18n import _

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # a calendar outside these years is a typing mistake
MAX_TEXT = 20_000  # characters in any one text of a scenario (a card's text is a few hundred)


NUMBER_FIELDS = (  # whole-number fields of the models below, where YAML's true/false would pass as 1/0
    *("turn_months", "turns", "cost", "population", "credibility", "host_presence", "dispersion"),
    *("centre_km", "strength", "capacity", "aircraft", "hours_per_month", "range_km", "budget"),
    *("civilian_capacity_modifier_pct", "message_slots", "release_delay_turns", "low", "high"),
    *("central_share_pct", "deaths", "wounded", "civilian_deaths", "delta", "value", "weight"),
    *("starting_consent", "starting_mandate_support", "adversary_actions"),
)


def _whole_number_field(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and (field.annotation is int or str(field.annotation).startswith("tuple[int"))


class Strict(BaseModel):
    """Base for every scenario model: unknown keys are errors, values are immutable, text is bounded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_max_length=MAX_TEXT)

    @field_validator(*NUMBER_FIELDS, mode="before", check_fields=False)
    @classmethod
    def _numbers_are_not_booleans(cls, value: object, info: ValidationInfo) -> object:
        """`population: true` is a mistake that pydantic would read as 1."""
        items = value if isinstance(value, list | tuple) else (value,)
        if any(isinstance(item, bool) for item in items) and _whole_number_field(cls, info.field_name or ""):
            raise ValueError(_("a number is needed here, not {value}").format(value=repr(value)))
        return value


# --- text in other languages ---------------------------------------------------------------
# Shape: the English stays in its own field (`title: ...`), and the French of the same object sits
# beside it in one `fr:` block (`fr: {title: ..., text: ...}`). Chosen over `title: {en:, fr:}`
# because English-only scenarios (user files, tests/fixtures/mini.yaml) stay valid and unchanged,
# the rules engine keeps reading plain English strings (what it records is the same in every
# language), and an author reads the English and its French together in one card.

TEXT_LANGUAGES = ("fr",)  # languages a scenario may carry text for, besides English


class Translation(Strict):
    """The text of one scenario object in another language; a missing field shows the English."""


class NameText(Translation):
    name: str | None = None


class UnitText(Translation):
    name: str | None = None
    country: str | None = None


class ActorText(Translation):
    name: str | None = None
    description: str | None = None


class EffectText(Translation):
    note: str | None = None


class OptionText(Translation):
    label: str | None = None
    explanation: str | None = None


class ChoiceText(Translation):
    prompt: str | None = None


class CardText(Translation):
    title: str | None = None
    text: str | None = None
    source: str | None = None


class ScenarioText(Translation):
    title: str | None = None
    description: str | None = None


def _no_text(value: object) -> bool:
    return value is None


class Translated(Strict):
    """A scenario object whose player-facing text may be given in French under `fr:`."""

    UNTRANSLATED_OK: ClassVar[frozenset[str]] = frozenset()  # fields `validate --lang` does not require

    def shown(self, field: str) -> str:
        """The text of `field` in the player's language, the English where that language has none."""
        english: str = getattr(self, field)
        translation = getattr(self, i18n.language(), None)
        return getattr(translation, field, None) or english

    def translated(self, language: str) -> dict[str, str]:
        """English text -> its translation, for every field this object translates."""
        translation = getattr(self, language, None)
        if translation is None:
            return {}
        pairs = (
            (getattr(self, field), getattr(translation, field)) for field in type(translation).model_fields
        )
        return {english: text for english, text in pairs if english and text}

    def untranslated(self, language: str) -> Iterator[str]:
        """The fields with English text and no text in `language`."""
        translation = getattr(self, language, None)
        text_model = type(self).model_fields[language].annotation
        for field in _text_fields(text_model):
            if field in self.UNTRANSLATED_OK or not getattr(self, field):
                continue
            if translation is None or not getattr(translation, field):
                yield field


def _text_fields(annotation: object) -> list[str]:
    """The fields of the Translation model in an `X | None` annotation."""
    for member in getattr(annotation, "__args__", (annotation,)):
        if isinstance(member, type) and issubclass(member, Translation):
            return list(member.model_fields)
    return []


def _may_hold_models(annotation: Any) -> bool:
    """Whether a field so annotated may hold a model: not when it holds only text, numbers, flags,
    literals and enums (or containers of them); yes when it names a model or a type not known here."""
    origin = get_origin(annotation)
    if origin is Literal:
        return False
    if origin is not None:  # list[X], X | None, dict[K, V], Annotated[X, ...]
        arguments = get_args(annotation)
        return any(_may_hold_models(a) for a in (arguments[:1] if origin is Annotated else arguments))
    if annotation is Ellipsis:  # tuple[int, ...]
        return False
    return not (
        isinstance(annotation, type) and issubclass(annotation, str | int | float | bool | NoneType | Enum)
    )


@cache
def _fields_to_search(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class where translated_parts looks for other models. A scenario is
    searched each time it is validated (for its names), so the fields of text and numbers, most of
    them, are left out once and for all."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if name not in TEXT_LANGUAGES and _may_hold_models(info.annotation)
    )


def translated_parts(
    model: BaseModel, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Translated]]:
    """Every object under `model` (itself included) that may carry translated text, with its location."""
    if isinstance(model, Translated):
        yield loc, model
    for name in _fields_to_search(type(model)):
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list | tuple) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                yield from translated_parts(item, (*loc, name) if index is None else (*loc, name, index))


def _french() -> Any:  # a field `fr: XText | None = _french()`
    return Field(
        None, description="The text in French (omit a field to show the English)", exclude_if=_no_text
    )


class Role(StrEnum):
    """The mission leadership seats; a solo player holds them all."""

    SRSG = "srsg"
    FORCE_COMMANDER = "force_commander"
    POLICE_COMMISSIONER = "police_commissioner"
    COMMS_CHIEF = "comms_chief"


class ActorKind(StrEnum):
    TERRORIST = "terrorist"
    NON_SIGNATORY = "non_signatory"
    SIGNATORY = "signatory"
    MILITIA = "militia"
    HOST_FORCES = "host_forces"
    INTERNATIONAL = "international"
    CRIMINAL = "criminal"


class Zone(StrEnum):
    NORTH = "north"
    CENTRE = "centre"
    SOUTH = "south"


class UnitType(StrEnum):
    INFANTRY = "infantry"
    MECHANISED = "mechanised"
    SPECIAL_FORCES = "special_forces"
    QUICK_REACTION = "quick_reaction"
    RECONNAISSANCE = "reconnaissance"
    CONVOY_SECURITY = "convoy_security"
    ENGINEER = "engineer"
    FORMED_POLICE = "formed_police"


class Caveat(StrEnum):
    """National caveats: each one forbids or weakens something (see rules.md, Caveats)."""

    SELF_DEFENCE_ONLY = "self_defence_only"  # may not take quick-reaction posture or open a TOB
    NO_AIR_MOBILITY = "no_air_mobility"  # may not be moved by helicopter
    REGION_RESTRICTED = "region_restricted"  # may only be in its allowed_regions
    STATIC_ONLY = "static_only"  # may only hold base posture
    NO_NIGHT_OPERATIONS = "no_night_operations"  # protection modifier -1 on response


class AviationKind(StrEnum):
    ATTACK = "attack"
    UTILITY = "utility"
    ISR = "isr"


class IRC(StrEnum):
    """Information-related capabilities."""

    PUBLIC_INFORMATION = "public_information"
    CIMIC = "cimic"
    PRESENCE_POSTURE_PROFILE = "presence_posture_profile"
    KEY_LEADER_ENGAGEMENT = "key_leader_engagement"
    COMMUNITY_OUTREACH = "community_outreach"
    CYBER = "cyber"
    SIGINT_EW = "sigint_ew"
    PSYOPS = "psyops"


def _ordered(pair: tuple[int, int]) -> tuple[int, int]:
    if pair[0] > pair[1]:
        raise ValueError(
            _("the lower bound {low} is above the upper bound {high}: write [low, high]").format(
                low=pair[0], high=pair[1]
            )
        )
    return pair


Count = Annotated[int, Field(ge=0, le=100_000)]
CountRange = Annotated[tuple[Count, Count], AfterValidator(_ordered)]  # [low, high], low <= high


def month_number(month: str) -> int:
    """Months since year 0, so that months can be compared and counted."""
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


MonthStr = Annotated[str, Field(pattern=MONTH_PATTERN.pattern, examples=["2019-03"])]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Calendar(Strict):
    start: MonthStr = Field(description="First turn's month, YYYY-MM")
    turn_months: int = Field(1, ge=1, le=12, description="Months per turn")
    turns: int = Field(ge=1, le=120)

    @field_validator("start")
    @classmethod
    def _sensible_year(cls, value: str) -> str:
        if not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
            raise ValueError(
                _("the year must be between {first} and {last}").format(first=FIRST_YEAR, last=LAST_YEAR)
            )
        return value

    def last_month(self) -> str:
        """The month of the last turn."""
        return month_text(month_number(self.start) + (self.turns - 1) * self.turn_months)


class Link(Strict):
    to: Identifier
    cost: int = Field(1, ge=1, le=3, description="Ground travel cost in turns of movement")


class Region(Translated):
    UNTRANSLATED_OK = frozenset({"name"})  # place names: French only where it differs (Tombouctou, Ségou)

    id: Identifier
    name: str
    zone: Zone
    population: int = Field(ge=1, le=100_000_000, description="Inhabitants (estimate for the scenario start)")
    links: list[Link]
    credibility: int = Field(ge=0, le=100, description="Starting credibility of the mission")
    host_presence: int = Field(ge=0, le=5, description="Host-state presence and governance, 0-5")
    tri_border: bool = Field(False, description="Touches the Liptako-Gourma tri-border area")
    dispersion: int = Field(
        0,
        ge=0,
        le=3,
        description="How scattered the rural population is: protection malus 0-3 (rules.md 6.2)",
    )
    threat: dict[Identifier, int] = Field(description="Threat level 0-5 by actor id")
    centre_km: tuple[
        Annotated[int, Field(ge=-20_000, le=20_000)], Annotated[int, Field(ge=-20_000, le=20_000)]
    ] = Field(description="Approximate centre, km east and north")
    source: str = ""
    fr: NameText | None = _french()

    @field_validator("threat")
    @classmethod
    def _threat_bounds(cls, value: dict[str, int]) -> dict[str, int]:
        for actor, level in value.items():
            if not 0 <= level <= 5:
                raise ValueError(
                    _("threat of {actor} must be between 0 and 5, got {level}").format(
                        actor=actor, level=level
                    )
                )
        return value


class Actor(Translated):
    id: Identifier
    name: str
    kind: ActorKind
    targets: list[Literal["civilians", "peacekeepers", "host_forces", "supply_routes", "information"]]
    description: str = ""
    source: str = ""
    fr: ActorText | None = _french()


class Contingent(Translated):
    id: Identifier
    name: str
    country: str
    type: UnitType
    strength: int = Field(ge=1, le=2000)
    base: Identifier
    caveats: list[Caveat] = []
    allowed_regions: list[Identifier] = Field(
        default_factory=list, description="Regions a region_restricted unit may enter"
    )
    mobile_task_force: bool = False
    source: str = ""
    fr: UnitText | None = _french()

    @model_validator(mode="after")
    def _restriction_needs_regions(self) -> Contingent:
        if Caveat.REGION_RESTRICTED in self.caveats and not self.allowed_regions:
            raise ValueError(_("a region_restricted contingent needs allowed_regions"))
        return self


class CivilianTeam(Translated):
    id: Identifier
    name: str
    section: Literal["civil_affairs", "human_rights", "child_protection", "poc_unit", "dialogue"]
    base: Identifier
    capacity: int = Field(ge=1, le=10, description="Activity points per turn")
    fr: NameText | None = _french()


class Aviation(Translated):
    id: Identifier
    name: str
    country: str
    kind: AviationKind
    aircraft: int = Field(ge=1, le=20)
    base: Identifier
    hours_per_month: int = Field(ge=1, le=2000, description="Flying hours (ISR) or per aircraft")
    range_km: int = Field(ge=10, le=3000, description="Radius of action from the base")
    source: str = ""
    fr: UnitText | None = _french()


class Means(Strict):
    budget: int = Field(ge=0, le=1000, description="Budget points per turn")
    civilian_capacity_modifier_pct: int = Field(0, ge=-100, le=200)
    message_slots: int = Field(3, ge=0, le=10)
    release_delay_turns: int = Field(1, ge=0, le=3)
    irc_available: list[IRC]
    irc_locked: list[IRC]

    @model_validator(mode="after")
    def _available_or_locked(self) -> Means:
        both = sorted(set(self.irc_available) & set(self.irc_locked))
        if both:
            raise ValueError(
                _("{capabilities} cannot be both available and locked").format(capabilities=", ".join(both))
            )
        for name, items in (("irc_available", self.irc_available), ("irc_locked", self.irc_locked)):
            if len(set(items)) != len(items):
                raise ValueError(_("{field} names a capability twice").format(field=name))
        return self


class Measure(Strict):
    period: str = Field(pattern=r"^\d{4}(-H[12])?$", description="A year, or YYYY-H1 for a half-year")
    low: int = Field(ge=0, le=1_000_000)
    high: int = Field(ge=0, le=1_000_000)
    source: str

    @model_validator(mode="after")
    def _low_not_above_high(self) -> Measure:
        _ordered((self.low, self.high))
        return self


class Share(Strict):
    """A share of civilian deaths in one period, as a range of percentages, with its source."""

    period: str = Field(description="A year, or YYYY-H1 for a half-year")
    of: Identifier = Field(description="A region id, or a perpetrator group id")
    low: int = Field(ge=0, le=100, description="Lowest share, percent")
    high: int = Field(ge=0, le=100, description="Highest share, percent")
    source: str

    @model_validator(mode="after")
    def _ordered(self) -> Share:
        if self.low > self.high:
            raise ValueError(_("low {low} is above high {high}").format(low=self.low, high=self.high))
        return self


class PlaceShare(Share):
    """Where one perpetrator group killed: the share of its civilian victims in a region or zone."""

    group: Identifier = Field(description="A perpetrator group id")


NATIONAL = "national"  # an Opinion of the whole country, set beside the mean over regions


class Opinion(Strict):
    """What a survey found of the mission in one region and period, as a range of credibility."""

    period: str = Field(pattern=r"^\d{4}(-H[12])?$", description="A year, or YYYY-H1 for a half-year")
    of: Identifier = Field(description="A region id, or 'national' for the mean over regions (rules.md §7)")
    low: int = Field(ge=0, le=100, description="Lowest credibility the survey allows")
    high: int = Field(ge=0, le=100, description="Highest credibility the survey allows")
    source: str = Field(description="The survey, its figure, and how the figure was mapped onto the range")

    @model_validator(mode="after")
    def _low_not_above_high(self) -> Opinion:
        _ordered((self.low, self.high))
        return self


class PerpetratorGroup(Translated):
    """Armed actors counted together, as the human rights reports count them."""

    id: Identifier
    name: str
    actors: list[str] = Field(description="Actor ids (and 'crossfire') counted in the group")
    fr: NameText | None = _french()


class HistoricalRecord(Strict):
    civilians_killed: list[Measure]
    peacekeepers_killed: list[Measure]
    host_forces_killed: list[Measure] = Field(
        default_factory=list, description="Malian soldiers killed by armed groups, per period"
    )
    attacks_on_peacekeepers: list[Measure] = Field(
        default_factory=list,
        description="Attacks on the mission per period, every one counted (mortar rounds and mines included)",
    )
    attacks_on_host_forces: list[Measure] = Field(
        default_factory=list,
        description="Attacks on the host state's forces per period, every one counted",
    )
    central_share_pct: int = Field(ge=0, le=100, description="Share of civilian deaths in the centre")
    regional_shares: list[Share] = Field(
        default_factory=list, description="Share of civilian deaths per region, per period"
    )
    perpetrator_groups: list[PerpetratorGroup] = Field(default_factory=list)
    credibility: list[Opinion] = Field(
        default_factory=list,
        description="Surveys of the mission per region and period, as credibility: shown, never checked",
        exclude_if=lambda opinions: not opinions,  # scenarios without them keep their content hash
    )
    perpetrator_shares: list[Share] = Field(
        default_factory=list, description="Share of civilian deaths per perpetrator group, per period"
    )
    perpetrator_places: list[PlaceShare] = Field(
        default_factory=list,
        description="Share of one group's victims in a region or zone, per period: shown, never checked",
        exclude_if=lambda shares: not shares,  # scenarios without them keep their content hash
    )
    notes: str = ""

    @model_validator(mode="after")
    def _known_groups(self) -> HistoricalRecord:
        groups = {group.id for group in self.perpetrator_groups}
        named = [share.of for share in self.perpetrator_shares] + [p.group for p in self.perpetrator_places]
        for group in named:
            if group not in groups:
                known = ", ".join(sorted(groups)) or _("none")
                raise ValueError(
                    _("perpetrator share of unknown group {group} (known: {known})").format(
                        group=repr(group), known=known
                    )
                )
        return self


# --- event cards ----------------------------------------------------------------------------


AttackOutcome = Literal["prevented", "deterred", "mitigated", "partly_mitigated", "unopposed"]
ATTACK_EFFECTS = ("civilian_attack", "peacekeeper_attack")


class _Effect(Translated):
    note: str = ""
    if_outcome: list[AttackOutcome] = Field(
        default_factory=list,
        description="Apply only after this card's attack is resolved, if it ended in one of these outcomes",
    )
    fr: EffectText | None = _french()


class CivilianAttackEffect(_Effect):
    type: Literal["civilian_attack"]
    region: Identifier | None = None
    perpetrator: Identifier
    deaths: CountRange = Field(description="Range of deaths if unopposed")


class PeacekeeperAttackEffect(_Effect):
    type: Literal["peacekeeper_attack"]
    region: Identifier | None = None
    attacker: Identifier
    deaths: CountRange
    wounded: CountRange = (0, 0)
    civilian_deaths: CountRange = Field((0, 0), description="Civilians caught in the fight")


class HostForceAttackEffect(_Effect):
    type: Literal["host_force_attack"]
    region: Identifier | None = None
    attacker: Identifier
    deaths: CountRange


class CredibilityEffect(_Effect):
    type: Literal["credibility"]
    region: Identifier | Literal["all"] | None = None
    delta: int = Field(ge=-30, le=30)


class ConsentEffect(_Effect):
    type: Literal["consent"]
    delta: int = Field(ge=-30, le=30)


class MandateSupportEffect(_Effect):
    type: Literal["mandate_support"]
    delta: int = Field(ge=-30, le=30)


class ThreatEffect(_Effect):
    type: Literal["threat"]
    region: Identifier | Literal["all"] | None = None
    actor: Identifier
    delta: int = Field(ge=-5, le=5)


class HostPresenceEffect(_Effect):
    type: Literal["host_presence"]
    region: Identifier | Literal["all"] | None = None
    delta: int = Field(ge=-5, le=5)


class ModifierEffect(_Effect):
    """A temporary modifier on a mission-wide quantity for a number of turns."""

    type: Literal["modifier"]
    key: Literal[
        "attack_rate_pct",
        "civilian_capacity_pct",
        "budget_pct",
        "utility_hours_pct",
        "attack_hours_pct",
        "isr_hours_pct",
        "international_support",
        "host_operations",
    ]
    value: int = Field(ge=-100, le=200)
    turns: int = Field(ge=1, le=60)


class InfoAttackEffect(_Effect):
    type: Literal["info_attack"]
    region: Identifier | Literal["all"] | None = None
    strength: int = Field(ge=1, le=10)


class MandateRenewalEffect(_Effect):
    type: Literal["mandate_renewal"]
    resolution: str


class FlagEffect(_Effect):
    type: Literal["flag"]
    name: Identifier
    value: bool = True


Effect = Annotated[
    CivilianAttackEffect
    | PeacekeeperAttackEffect
    | HostForceAttackEffect
    | CredibilityEffect
    | ConsentEffect
    | MandateSupportEffect
    | ThreatEffect
    | HostPresenceEffect
    | ModifierEffect
    | InfoAttackEffect
    | MandateRenewalEffect
    | FlagEffect,
    Field(discriminator="type"),
]


class FlagCondition(Strict):
    type: Literal["flag"]
    name: Identifier
    value: bool = True


class CredibilityCondition(Strict):
    type: Literal["credibility_below", "credibility_above"]
    region: Identifier | None = None
    value: int = Field(ge=0, le=100)


class ThreatCondition(Strict):
    type: Literal["threat_at_least"]
    region: Identifier | None = None
    actor: Identifier
    value: int = Field(ge=0, le=5)


class PresenceCondition(Strict):
    type: Literal["mission_present", "mission_absent"]
    region: Identifier | None = None


class CardOutcomeCondition(Strict):
    """An earlier card's attack ended in one of these outcomes ("not_played": the card never fired)."""

    type: Literal["card_outcome"]
    card: Identifier
    outcomes: list[AttackOutcome | Literal["not_played"]] = Field(min_length=1)


Condition = Annotated[
    FlagCondition | CredibilityCondition | ThreatCondition | PresenceCondition | CardOutcomeCondition,
    Field(discriminator="type"),
]


class Option(Translated):
    id: Identifier
    label: str
    effects: list[Effect] = []
    explanation: str = ""
    fr: OptionText | None = _french()


class Choice(Translated):
    role: Role
    prompt: str
    options: list[Option] = Field(min_length=2)
    default: Identifier
    fr: ChoiceText | None = _french()

    @model_validator(mode="after")
    def _default_is_an_option(self) -> Choice:
        ids = [option.id for option in self.options]
        if self.default not in ids:
            raise ValueError(
                _("default {default} is not one of the options {options}").format(
                    default=repr(self.default), options=ids
                )
            )
        if len(set(ids)) != len(ids):
            raise ValueError(_("option ids must be unique"))
        return self


class Card(Translated):
    id: Identifier
    title: str
    kind: Literal["historical", "generic"]
    date: MonthStr | None = Field(None, description="Month a historical card fires")
    window: tuple[MonthStr, MonthStr] | None = Field(
        None, description="First and last month a generic card may be drawn"
    )
    regions: list[Identifier] = Field(
        default_factory=list,
        description="Where it happens; a generic card picks one at random",
    )
    weight: int = Field(1, ge=1, le=20, description="Relative chance of a generic card")
    repeatable: bool = False
    text: str
    source: str = ""
    conditions: list[Condition] = []
    effects: list[Effect] = []
    choice: Choice | None = None
    fr: CardText | None = _french()

    @model_validator(mode="after")
    def _timing(self) -> Card:
        if self.kind == "historical" and self.date is None:
            raise ValueError(_("a historical card needs a date"))
        if self.kind == "historical" and not self.source:
            raise ValueError(_("a historical card needs a source"))
        if self.window is not None and self.window[0] > self.window[1]:
            raise ValueError(
                _("the window ends ({end}) before it starts ({start})").format(
                    end=self.window[1], start=self.window[0]
                )
            )
        return self

    @model_validator(mode="after")
    def _outcome_effects_need_an_attack(self) -> Card:
        effects = list(self.effects)
        for option in self.choice.options if self.choice else []:
            effects += option.effects
        if any(effect.if_outcome for effect in effects) and not self.attack_effects():
            raise ValueError(_("if_outcome needs a civilian or peacekeeper attack on the same card"))
        return self

    def attack_effects(self) -> list:
        """The card's attacks whose outcome later effects and cards may depend on."""
        return [effect for effect in self.effects if effect.type in ATTACK_EFFECTS]


class Scenario(Translated):
    """A whole scenario file."""

    id: Identifier
    title: str
    description: str
    calendar: Calendar
    regions: list[Region] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)
    contingents: list[Contingent] = Field(min_length=1)
    civilian_teams: list[CivilianTeam] = []
    aviation: list[Aviation] = []
    means: Means
    starting_consent: int = Field(ge=0, le=100)
    starting_mandate_support: int = Field(ge=0, le=100)
    adversary_actions: int = Field(ge=0, le=40, description="Armed-group actions per turn")
    host_state_seat: bool = Field(
        False,
        description="The host state may be played by a green cell (rules.md §9.1)",
        exclude_if=lambda allowed: not allowed,  # scenarios without it keep their content hash
    )
    cards: list[Card] = []
    history: HistoricalRecord
    sources: list[str] = []
    fr: ScenarioText | None = _french()

    @model_validator(mode="after")
    def _register_names(self) -> Scenario:
        """Let `i18n.name(english)` find this text in each language, however the scenario was loaded."""
        i18n.use_names(self.language_names(), self.id)
        return self

    def language_names(self) -> dict[str, dict[str, str]]:
        """names() in each language a scenario may carry text for, as i18n.use_names takes them."""
        return {language: self.names(language) for language in TEXT_LANGUAGES}

    def names(self, language: str) -> dict[str, str]:
        """texts(language); each region's and card's id to its name (the engine writes a few lines with
        the id: "spreading from mopti"); and the names that read the same in `language` ("Mopti",
        "JNIM"), so that i18n.recorded() knows them for names."""
        table = self.texts(language)
        named = [(region.id, region.name) for region in self.regions]
        named += [(card.id, card.title) for card in self.cards]
        for item_id, english in named:
            table.setdefault(item_id, table.get(english, english))
        # an actor's short name, its name's last brackets (the engine writes "ISGS strikes"), as the
        # translated name's brackets have it ("EIGS")
        for actor in self.actors:
            translated = table.get(actor.name, "")
            if actor.name.endswith(")") and translated.endswith(")"):
                short = actor.name[actor.name.rindex("(") + 1 : -1]
                table.setdefault(short, translated[translated.rindex("(") + 1 : -1])
        same = [region.name for region in self.regions] + [unit.name for unit in self.contingents]
        same += [asset.name for asset in self.aviation] + [actor.name for actor in self.actors]
        same += [unit.country for unit in self.contingents]
        same += [
            actor.name[actor.name.rindex("(") + 1 : -1] for actor in self.actors if actor.name.endswith(")")
        ]
        for english in same:
            table.setdefault(english, english)
        return table

    def texts(self, language: str) -> dict[str, str]:
        """Every English text of the scenario that has a translation in `language`, to that translation."""
        table: dict[str, str] = {}
        for _loc, part in translated_parts(self):
            table.update(part.translated(language))
        return table

    def missing_text(self, language: str) -> list[tuple[tuple[str | int, ...], str]]:
        """(location of the object, field) of each English text with no translation in `language`."""
        return [(loc, field) for loc, part in translated_parts(self) for field in part.untranslated(language)]

    @model_validator(mode="after")
    def _card_outcome_conditions_name_attack_cards(self) -> Scenario:
        attacks = {card.id for card in self.cards if card.attack_effects()}
        for card in self.cards:
            for condition in card.conditions:
                if condition.type == "card_outcome" and condition.card not in attacks:
                    raise ValueError(
                        _(
                            "card {card}: condition card_outcome names {other}, "
                            "which is not a card of this deck with a civilian or peacekeeper attack"
                        ).format(card=repr(card.id), other=repr(condition.card))
                    )
        return self
