"""Mission policies written in YAML: which orders to give under which conditions, no Python needed.

A policy file holds a name, an optional built-in policy to start from (`base`), and rules. Each
turn, every rule whose conditions hold gives its orders, in file order, through the same engine
API as a player; an order the rules refuse this turn is skipped, as the built-in scripts do.
See scenarios/policies/example.yaml for a commented example.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.bots.policies import POLICIES, Policy
from game.engine import Game, IllegalOrder
from game.engine import orders as O
from game.engine.score import national_credibility
from game.errors import ReadError
from game.fileread import MEGABYTE, FileReadError, read_text
from game.i18n import N_, _, language
from game.scenario.loader import ScenarioError, ScenarioProblem, problem_at, validate_yaml
from game.scenario.models import Caveat, MonthStr, Scenario, UnitType, Zone

UnitGroup = Literal["combat", "police", "mobile_task_force", "all"]
RegionOrder = Literal["listed", "credibility", "threat", "warning", "civilian_deaths"]
Target = Literal["first"]
Points = Annotated[int, Field(ge=0, le=3)]
POLICY_MAX_BYTES = MEGABYTE  # the commented example is 3 KB


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Strict):
    """Conditions of a rule. National ones gate the rule; regional ones pick the regions it acts in."""

    from_month: MonthStr | None = Field(None, alias="from", description="First month, YYYY-MM")
    until_month: MonthStr | None = Field(None, alias="until", description="Last month, YYYY-MM")
    from_turn: int | None = Field(None, ge=1)
    until_turn: int | None = Field(None, ge=1)
    card_drawn: str | None = Field(None, description="Only in turns when this card was drawn")
    consent_below: int | None = Field(None, ge=0, le=101)
    consent_at_least: int | None = Field(None, ge=0, le=100)
    mandate_support_below: int | None = Field(None, ge=0, le=101)
    national_credibility_below: int | None = Field(None, ge=0, le=101)
    national_credibility_at_least: int | None = Field(None, ge=0, le=100)
    regions: list[str] | None = Field(None, description="Regions the rule may act in (default: all)")
    zone: Zone | None = None
    credibility_below: int | None = Field(None, ge=0, le=101)
    credibility_at_least: int | None = Field(None, ge=0, le=100)
    threat_at_least: int | None = Field(None, ge=0, le=5, description="Highest threat of any actor")
    warning_at_least: int | None = Field(None, ge=0, le=3)
    civilian_deaths_at_least: int | None = Field(None, ge=0, description="Deaths there last turn")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ranges_in_order(self) -> When:
        if (
            self.from_month is not None
            and self.until_month is not None
            and self.from_month > self.until_month
        ):
            raise ValueError(
                _("the months run backwards: from {first} until {last} holds for no turn").format(
                    first=self.from_month, last=self.until_month
                )
            )
        if self.from_turn is not None and self.until_turn is not None and self.from_turn > self.until_turn:
            raise ValueError(
                _("the turns run backwards: from {first} until {last} holds for no turn").format(
                    first=self.from_turn, last=self.until_turn
                )
            )
        return self


class SetPolicies(_Strict):
    poc_definition: Literal["status_quo", "define_poc", "avoid_term"] | None = None
    orientation: Literal["state_centred", "people_centred"] | None = None
    irc_under_u3: bool | None = None
    renewal_case: Literal["status_quo", "poc_first"] | None = None


class PostureAction(_Strict):
    posture: Literal["base", "patrol", "quick_reaction"]
    units: UnitGroup | list[str] = "combat"


class OpenBaseAction(_Strict):
    unit: str | None = Field(None, description="Default: the first free combat unit in the region")


class MoveAction(_Strict):
    """Move the named units, wherever they stand, to a region."""

    units: UnitGroup | list[str]
    to: str | Target = Field(description="A region id, or 'first': the rule's first matched region")
    mode: Literal["ground", "air"] = "ground"


class TaskAviationAction(_Strict):
    kind: Literal["isr", "attack"] | None = None
    assets: list[str] | None = None
    retask: bool = Field(False, description="Move assets already tasked elsewhere (costs hours)")

    @model_validator(mode="after")
    def _kind_or_assets(self) -> TaskAviationAction:
        if (self.kind is None) == (self.assets is None):
            raise ValueError(_("give either kind (isr or attack) or a list of assets"))
        return self


class PocActivityAction(_Strict):
    tier: Literal["I", "III"]
    points: Points


class MessageAction(_Strict):
    theme: O.Theme
    channel: O.Channel
    audience: str = Field("matched", description="national, a region id, or matched (each matched region)")


ACTIONS = (
    "set_policy",
    "posture",
    "open_base",
    "close_base",
    "move",
    "task_aviation",
    "poc_activity",
    "message",
    "choose",
)


class Action(_Strict):
    """One kind of order per list item, written as `- posture: {posture: patrol}`."""

    set_policy: SetPolicies | None = None
    posture: PostureAction | None = None
    open_base: OpenBaseAction | None = None
    close_base: bool | None = None
    move: MoveAction | None = None
    task_aviation: TaskAviationAction | None = None
    poc_activity: PocActivityAction | None = None
    message: MessageAction | None = None
    choose: list[str] | None = Field(None, description="Preferred card options, best first")

    @model_validator(mode="before")
    @classmethod
    def _empty_open_base(cls, data: object) -> object:
        if isinstance(data, dict) and "open_base" in data and data["open_base"] in (None, True):
            return {**data, "open_base": {}}
        return data

    @model_validator(mode="after")
    def _exactly_one(self) -> Action:
        given = [name for name in ACTIONS if getattr(self, name) is not None]
        if len(given) != 1:
            found = ", ".join(given) or _("none")
            raise ValueError(
                _("give exactly one action per item (found: {found}); actions: {actions}").format(
                    found=found, actions=", ".join(ACTIONS)
                )
            )
        return self

    @property
    def kind(self) -> str:
        return next(name for name in ACTIONS if getattr(self, name) is not None)


class Rule(_Strict):
    name: str = ""
    when: When = Field(default_factory=When)
    order_by: RegionOrder = Field(
        "listed",
        description="Order of matched regions: listed (as in `regions`, else the scenario's), lowest "
        "credibility, highest threat, highest warning or most civilian deaths last turn first",
    )
    max_regions: int | None = Field(None, ge=1, description="Act in at most this many matched regions")
    orders: list[Action] = Field(min_length=1)


class PolicyText(_Strict):
    """A policy file's description in another language (`fr: {description: ...}`)."""

    description: str | None = None


class PolicySpec(_Strict):
    """A whole policy file."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)
    description: str = ""
    scenario: str | None = Field(
        None, description="The scenario whose ids this file uses (mali-2019 or its id mali_2019)"
    )
    base: str | None = Field(None, description="A built-in policy played first each turn")
    rules: list[Rule] = []
    fr: PolicyText | None = None

    def shown_description(self) -> str:
        """The description in the reader's language, the English where it has none."""
        translation = getattr(self, language(), None)
        return getattr(translation, "description", None) or self.description


class PolicyFileError(ReadError):
    """A policy file could not be loaded; `problems` lists every reason, positioned in the file."""

    def __init__(self, problems: list[ScenarioProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


# --- loading --------------------------------------------------------------------------------------


def parse_policy(text: str, file: str = "<policy>", scenario: Scenario | None = None) -> Policy:
    """Validate policy YAML (against a scenario's ids, if given) and build a playable Policy."""
    try:
        spec, root = validate_yaml(text, file, PolicySpec, N_("a policy file"))
    except ScenarioError as error:
        raise PolicyFileError(error.problems) from None
    problems = [problem_at(file, root, loc, message) for loc, message in reference_problems(spec, scenario)]
    if problems:
        raise PolicyFileError(problems)
    description = spec.shown_description() or _("policy file {name}").format(name=Path(file).name)
    return Policy(spec.name, description, FilePolicy(spec))


def load_policy_file(path: str | Path, scenario: Scenario | None = None) -> Policy:
    """Load and check a policy file from disk."""
    try:
        text = read_text(path, N_("a policy file (YAML)"), POLICY_MAX_BYTES)
    except FileReadError as error:
        raise PolicyFileError(ScenarioError.unreadable(error).problems) from None
    return parse_policy(text, str(path), scenario)


# One whole sentence for each kind of name, so that each language can word it (shown through _()).
UNKNOWN = {
    "region": N_("unknown region {value} (known: {known})"),
    "card": N_("unknown card {value} (known: {known})"),
    "unit": N_("unknown unit {value} (known: {known})"),
    "attack or ISR asset": N_("unknown attack or ISR asset {value} (known: {known})"),
    "audience": N_("unknown audience {value} (known: {known})"),
    "card option": N_("unknown card option {value} (known: {known})"),
}


def reference_problems(spec: PolicySpec, scenario: Scenario | None) -> list[tuple[tuple, str]]:
    """Names in the policy that point at nothing: built-in policies, and the scenario's ids."""
    problems: list[tuple[tuple, str]] = []
    if spec.base is not None and spec.base not in POLICIES:
        unknown = _("unknown built-in policy {name} (known: {known})")
        problems.append((("base",), unknown.format(name=repr(spec.base), known=", ".join(POLICIES))))
    if spec.name in POLICIES:
        taken = _("{name} is a built-in policy's name; choose another").format(name=repr(spec.name))
        problems.append((("name",), taken))
    if scenario is None:
        return problems
    if spec.scenario is not None and spec.scenario.replace("-", "_") != scenario.id:
        other = _("written for scenario {written_for}, not {scenario}").format(
            written_for=repr(spec.scenario), scenario=repr(scenario.id)
        )
        problems.append((("scenario",), other))
        return problems
    regions = [region.id for region in scenario.regions]
    units = [unit.id for unit in scenario.contingents]
    assets = {asset.id: asset.kind for asset in scenario.aviation}
    cards = [card.id for card in scenario.cards]
    options = sorted({o.id for card in scenario.cards if card.choice for o in card.choice.options})

    def check(loc: tuple, value: str, known: list[str], what: str) -> None:
        if value not in known:
            message = _(UNKNOWN[what]).format(value=repr(value), known=", ".join(known) or _("none"))
            problems.append((loc, message))

    for r_index, rule in enumerate(spec.rules):
        here = ("rules", r_index)
        for g_index, region in enumerate(rule.when.regions or []):
            check((*here, "when", "regions", g_index), region, regions, "region")
        if rule.when.card_drawn is not None:
            check((*here, "when", "card_drawn"), rule.when.card_drawn, cards, "card")
        for a_index, action in enumerate(rule.orders):
            at = (*here, "orders", a_index, action.kind)
            if action.posture and isinstance(action.posture.units, list):
                for u_index, unit in enumerate(action.posture.units):
                    check((*at, "units", u_index), unit, units, "unit")
            if action.move:
                if isinstance(action.move.units, list):
                    for u_index, unit in enumerate(action.move.units):
                        check((*at, "units", u_index), unit, units, "unit")
                if action.move.to != "first":
                    check((*at, "to"), action.move.to, regions, "region")
            if action.open_base and action.open_base.unit is not None:
                check((*at, "unit"), action.open_base.unit, units, "unit")
            if action.task_aviation and action.task_aviation.assets is not None:
                tasked = [a for a, kind in assets.items() if kind != "utility"]
                for s_index, asset in enumerate(action.task_aviation.assets):
                    check((*at, "assets", s_index), asset, tasked, "attack or ISR asset")
            if action.message and action.message.audience not in ("national", "matched"):
                check((*at, "audience"), action.message.audience, regions, "audience")
            for o_index, option in enumerate(action.choose or []):
                check((*at, o_index), option, options, "card option")
    return problems


# --- playing ----------------------------------------------------------------------------------------


def _give(game: Game, order: O.Order) -> None:
    # the rules may refuse it this turn (no capacity, a caveat...): a policy just moves on
    with suppress(IllegalOrder):
        game.apply(order)


def _gate_holds(when: When, game: Game) -> bool:
    state = game.state
    checks = (
        (when.from_month, lambda v: state.month >= v),
        (when.until_month, lambda v: state.month <= v),
        (when.from_turn, lambda v: state.turn >= v),
        (when.until_turn, lambda v: state.turn <= v),
        (when.card_drawn, lambda v: v in state.current.cards),
        (when.consent_below, lambda v: state.consent < v),
        (when.consent_at_least, lambda v: state.consent >= v),
        (when.mandate_support_below, lambda v: state.mandate_support < v),
        (when.national_credibility_below, lambda v: national_credibility(game.state) < v),
        (when.national_credibility_at_least, lambda v: national_credibility(game.state) >= v),
    )
    return all(value is None or test(value) for value, test in checks)


def matched_regions(rule: Rule, game: Game) -> list[str]:
    """The regions a rule acts in this turn, best first; empty if its conditions fail."""
    when = rule.when
    if not _gate_holds(when, game):
        return []
    index, state = game.index, game.state
    candidates = when.regions if when.regions is not None else index.region_order
    found = []
    for region_id in candidates:
        region = state.regions.get(region_id)
        if region is None:
            continue
        if when.zone is not None and index.regions[region_id].zone != when.zone:
            continue
        if when.credibility_below is not None and region.credibility >= when.credibility_below:
            continue
        if when.credibility_at_least is not None and region.credibility < when.credibility_at_least:
            continue
        if when.threat_at_least is not None and max(region.threat.values(), default=0) < when.threat_at_least:
            continue
        if when.warning_at_least is not None and region.warning < when.warning_at_least:
            continue
        if (
            when.civilian_deaths_at_least is not None
            and region.last_civilian_deaths < when.civilian_deaths_at_least
        ):
            continue
        found.append(region_id)
    sort_keys = {
        "credibility": lambda r: state.regions[r].credibility,
        "threat": lambda r: -max(state.regions[r].threat.values(), default=0),
        "warning": lambda r: -state.regions[r].warning,
        "civilian_deaths": lambda r: -state.regions[r].last_civilian_deaths,
    }
    if rule.order_by in sort_keys:
        found.sort(key=sort_keys[rule.order_by])  # stable: ties keep the listed order
    return found[: rule.max_regions] if rule.max_regions else found


def _units(game: Game, selector: UnitGroup | list[str], regions: list[str]) -> list[str]:
    """Units a selector names, standing in one of the regions (in the regions' order)."""
    index, state = game.index, game.state
    chosen = []
    for region in regions:
        for unit_id, unit in state.units.items():
            if unit.region != region:
                continue
            spec = index.units[unit_id]
            if isinstance(selector, list):
                picked = unit_id in selector
            elif selector == "combat":
                picked = spec.type in O.COMBAT_TYPES and not spec.mobile_task_force
            elif selector == "police":
                picked = spec.type == UnitType.FORMED_POLICE
            elif selector == "mobile_task_force":
                picked = spec.mobile_task_force
            else:
                picked = True
            if picked:
                chosen.append(unit_id)
    return chosen


def _open_base(game: Game, region: str, unit: str | None) -> None:
    if any(u.holds_tob and u.region == region for u in game.state.units.values()):
        return
    if unit is not None:
        _give(game, O.OpenBase(unit=unit))
        return
    for unit_id in _units(game, "combat", [region]):
        caveats = game.index.units[unit_id].caveats
        if Caveat.SELF_DEFENCE_ONLY in caveats or Caveat.STATIC_ONLY in caveats:
            continue
        if game.why_illegal(O.OpenBase(unit=unit_id)) is None:
            _give(game, O.OpenBase(unit=unit_id))
            return


def _task_aviation(game: Game, action: TaskAviationAction, regions: list[str]) -> None:
    index, state = game.index, game.state
    assets = action.assets or [a for a, spec in index.aviation.items() if spec.kind == action.kind]
    for asset_id in assets:
        tasked = state.aviation[asset_id].tasked_region
        if tasked in regions or (tasked is not None and not action.retask):
            continue
        for region in regions:
            if game.why_illegal(O.TaskAviation(asset=asset_id, region=region)) is None:
                _give(game, O.TaskAviation(asset=asset_id, region=region))
                break


def _choose(game: Game, preferred: list[str]) -> None:
    for choice in list(game.state.choices):
        card = game.index.cards.get(choice.card)
        if card is None or card.choice is None:
            continue
        offered = {option.id for option in card.choice.options}
        option = next((o for o in preferred if o in offered), None)
        if option is not None and choice.decided != option:
            _give(game, O.DecideCard(card=card.id, option=option))


def _act(game: Game, action: Action, regions: list[str]) -> None:
    """Give the orders of one action in the matched regions."""
    if action.set_policy is not None:
        for name, value in action.set_policy.model_dump(exclude_none=True).items():
            text = str(value).lower() if isinstance(value, bool) else value
            if str(getattr(game.state.policy, name)).lower() != text:
                _give(game, O.SetPolicy(name=name, value=text))
    elif action.posture is not None:
        for unit_id in _units(game, action.posture.units, regions):
            unit = game.state.units[unit_id]
            if unit.posture != action.posture.posture and not unit.holds_tob:
                _give(game, O.SetPosture(unit=unit_id, posture=action.posture.posture))
    elif action.open_base is not None:
        for region in regions:
            _open_base(game, region, action.open_base.unit)
    elif action.close_base:
        for unit in game.state.units.values():
            if unit.holds_tob and unit.region in regions:
                _give(game, O.CloseBase(unit=unit.id))
    elif action.move is not None:
        to = regions[0] if action.move.to == "first" else action.move.to
        for unit_id in _units(game, action.move.units, game.index.region_order):
            if game.state.units[unit_id].region != to:
                _give(game, O.MoveUnit(unit=unit_id, to=to, mode=action.move.mode))
    elif action.task_aviation is not None:
        _task_aviation(game, action.task_aviation, regions)
    elif action.poc_activity is not None:
        tier, points = action.poc_activity.tier, action.poc_activity.points
        for region in regions:
            regional = game.state.regions[region]
            if (regional.tier_one if tier == "I" else regional.tier_three) != points:
                _give(game, O.SetPocActivity(region=region, tier=tier, points=points))
    elif action.message is not None:
        message = action.message
        audiences = regions if message.audience == "matched" else [message.audience]
        for audience in audiences:
            _give(game, O.IssueMessage(theme=message.theme, channel=message.channel, audience=audience))
    elif action.choose is not None:
        _choose(game, action.choose)


@dataclass(frozen=True)
class FilePolicy:
    """The `play` function of a policy file: picklable, so it can run in worker processes."""

    spec: PolicySpec

    def __call__(self, game: Game) -> None:
        if self.spec.base is not None:
            POLICIES[self.spec.base].play(game)
        for rule in self.spec.rules:
            regions = matched_regions(rule, game)
            if not regions:
                continue
            for action in rule.orders:
                _act(game, action, regions)
