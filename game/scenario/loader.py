"""Safe YAML loading of scenarios with errors that name file, line, column and field."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from game.errors import ReadError
from game.fileread import MEGABYTE, FileReadError, parse_yaml, read_text
from game.i18n import DEFAULT_LANGUAGE, N_, _
from game.scenario.models import NATIONAL, Card, Scenario, Zone
from game.validation_text import validation_message

SCENARIO_MAX_BYTES = 16 * MEGABYTE  # the bundled campaign is 70 KB
LANGUAGE_NAMES = {"fr": N_("French")}  # the languages a scenario's text may be checked in

M = TypeVar("M", bound=BaseModel)

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class ScenarioProblem:
    """One thing wrong with a scenario file, positioned in the file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(ReadError):
    """A scenario could not be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[ScenarioProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))

    @classmethod
    def unreadable(cls, error: FileReadError) -> ScenarioError:
        """The one problem of a file that could not be read or parsed."""
        problem = error.problem
        return cls([ScenarioProblem(problem.file, problem.line, problem.column, "", problem.message)])


def _node_at(root: yaml.Node, loc: Location, want_key: bool = False) -> yaml.Node:
    """Walk a composed YAML node tree along a pydantic error location, as far as it goes.

    With want_key, the last step returns the key's node (where an unknown key is written).
    """
    node = root
    for depth, key in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            if want_key and depth == len(loc) - 1:
                key_node = next((k for k, _ in node.value if k.value == key), None)
                return key_node or node
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                key_node = next((k for k, _ in node.value if k.value == key), None)
                return key_node or node
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return node
            node = node.value[key]
        else:
            return node
    return node


def _field_name(loc: Location) -> str:
    return ".".join(str(part) for part in loc)


def problem_at(
    file: str, root: yaml.Node | None, loc: Location, message: str, want_key: bool = False
) -> ScenarioProblem:
    """A problem placed at the YAML node of a field (line 1 when there is no tree)."""
    node = _node_at(root, loc, want_key) if root is not None else None
    line = node.start_mark.line + 1 if node is not None else 1
    column = node.start_mark.column + 1 if node is not None else 1
    return ScenarioProblem(file, line, column, _field_name(loc), message)


def _yaml_loc(data: object, loc: Iterable[str | int]) -> Location:
    """The part of a pydantic error location that names keys of the YAML (not union tags)."""
    kept: list[str | int] = []
    for part in loc:
        inside = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        )
        if inside:
            data = data[part]  # type: ignore[index]  # `inside` checked the key or index
        elif isinstance(part, str) and ("[" in part or (isinstance(data, dict) and part == data.get("type"))):
            continue  # pydantic's tag of a union member, such as 'credibility': not written in the YAML
        else:
            data = None  # an unknown or missing key: keep it, it names the field
        kept.append(part)
    return tuple(kept)


def validate_yaml(text: str, file: str, model: type[M], what: str) -> tuple[M, yaml.Node]:
    """Parse YAML safely and validate it against a pydantic model; the model and the YAML tree.

    Raises ScenarioError whose problems name file, line, column and field. `what` names the
    document for a message ("a scenario", "a policy file").
    """
    try:
        data, root = parse_yaml(text, file)
    except FileReadError as error:
        raise ScenarioError.unreadable(error) from None
    if not isinstance(data, dict) or root is None:
        message = _("{what} must be a mapping of keys to values").format(what=_(what))
        raise ScenarioError([ScenarioProblem(file, 1, 1, "", message)])
    try:
        return model.model_validate(data), root
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = _yaml_loc(data, item["loc"])
            unknown = item["type"] == "extra_forbidden"
            message = _("unknown field (check its spelling)") if unknown else validation_message(item)
            problems.append(problem_at(file, root, loc, message, want_key=unknown))
        raise ScenarioError(problems) from None


def parse_scenario(text: str, file: str = "<scenario>", language: str | None = None) -> Scenario:
    """Parse and validate scenario YAML text; raise ScenarioError with positioned problems.

    With a `language` other than English, a text players read that has no translation into it is a
    problem too (`minusma validate --lang fr`).
    """
    scenario, root = validate_yaml(text, file, Scenario, N_("a scenario"))
    problems = [problem_at(file, root, loc, msg) for loc, msg in cross_reference_problems(scenario)]
    if language is not None and language != DEFAULT_LANGUAGE:
        problems += missing_text_problems(scenario, root, file, language)
    if problems:
        raise ScenarioError(problems)
    return scenario


def missing_text_problems(
    scenario: Scenario, root: yaml.Node, file: str, language: str
) -> list[ScenarioProblem]:
    """One problem per English text with no translation into `language`, at the line of the English."""
    problems = []
    for loc, field in scenario.missing_text(language):
        message = _("no {language} text: write it as {field} under {code}:").format(
            language=_(LANGUAGE_NAMES.get(language, language)), field=field, code=language
        )
        problem = problem_at(file, root, (*loc, field), message)
        problems.append(replace(problem, field=_field_name((*loc, language, field))))
    return problems


def load_scenario(path: str | Path, language: str | None = None) -> Scenario:
    """Load a scenario file from disk (checking its text in `language`, if given)."""
    try:
        text = read_text(path, _("a scenario file (YAML)"), SCENARIO_MAX_BYTES)
    except FileReadError as error:
        raise ScenarioError.unreadable(error) from None
    return parse_scenario(text, str(path), language)


def scenario_hash(scenario: Scenario) -> str:
    """A content hash of the validated scenario, stable across formatting changes."""
    canonical = scenario.model_dump_json().encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def cross_reference_problems(scenario: Scenario) -> list[tuple[Location, str]]:
    """References between parts of a scenario that point at nothing, or point twice."""
    problems: list[tuple[Location, str]] = []
    region_ids = [region.id for region in scenario.regions]
    actor_ids = [actor.id for actor in scenario.actors]
    regions, actors = set(region_ids), set(actor_ids)
    by_id = {region.id: region for region in reversed(scenario.regions)}  # the first of a duplicated id
    known_regions, known_actors = _known(region_ids), _known(actor_ids)

    def unique(kind: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                problems.append(((kind, index, "id"), _("duplicate id {id}").format(id=repr(item_id))))
            seen.add(item_id)

    unique("regions", region_ids)
    unique("actors", actor_ids)
    unique("contingents", [unit.id for unit in scenario.contingents])
    unique("aviation", [asset.id for asset in scenario.aviation])
    unique("civilian_teams", [team.id for team in scenario.civilian_teams])
    unique("cards", [card.id for card in scenario.cards])

    def region_ref(loc: Location, region: str | None, allow_all: bool = False) -> None:
        if region is None or (allow_all and region == "all") or region in regions:
            return
        problems.append(
            (
                loc,
                _("unknown region {region} (known: {known})").format(
                    region=repr(region), known=known_regions
                ),
            )
        )

    def actor_ref(loc: Location, actor: str) -> None:
        if actor not in actors:
            problems.append(
                (
                    loc,
                    _("unknown actor {actor} (known: {known})").format(actor=repr(actor), known=known_actors),
                )
            )

    for r_index, region in enumerate(scenario.regions):
        for l_index, link in enumerate(region.links):
            region_ref(("regions", r_index, "links", l_index, "to"), link.to)
            if link.to == region.id:
                problems.append((("regions", r_index, "links", l_index, "to"), _("links to itself")))
            other = by_id.get(link.to)
            if other is not None and not any(back.to == region.id for back in other.links):
                problems.append(
                    (
                        ("regions", r_index, "links", l_index, "to"),
                        _("link to {region} has no link back from {region}").format(region=repr(link.to)),
                    )
                )
        for actor in region.threat:
            actor_ref(("regions", r_index, "threat", actor), actor)
    for index, unit in enumerate(scenario.contingents):
        region_ref(("contingents", index, "base"), unit.base)
        for a_index, allowed in enumerate(unit.allowed_regions):
            region_ref(("contingents", index, "allowed_regions", a_index), allowed)
        if unit.allowed_regions and unit.base not in unit.allowed_regions:
            problems.append((("contingents", index, "base"), _("base is outside allowed_regions")))
    for index, team in enumerate(scenario.civilian_teams):
        region_ref(("civilian_teams", index, "base"), team.base)
    zones = {str(zone) for zone in Zone}
    for index, share in enumerate(scenario.history.regional_shares):
        if share.of not in regions and share.of not in zones:
            problems.append(
                (
                    ("history", "regional_shares", index, "of"),
                    _("unknown region or zone {name} (known: {known}; zones: {zones})").format(
                        name=repr(share.of), known=known_regions, zones=", ".join(sorted(zones))
                    ),
                )
            )
    for index, opinion in enumerate(scenario.history.credibility):
        if opinion.of != NATIONAL:
            region_ref(("history", "credibility", index, "of"), opinion.of)
    for index, asset in enumerate(scenario.aviation):
        region_ref(("aviation", index, "base"), asset.base)
    first_month, last_month = scenario.calendar.start, scenario.calendar.last_month()
    for c_index, card in enumerate(scenario.cards):
        if card.date is not None and not first_month <= card.date <= last_month:
            problems.append(
                (
                    ("cards", c_index, "date"),
                    _("outside the calendar ({first} to {last})").format(first=first_month, last=last_month),
                )
            )
        for g_index, card_region in enumerate(card.regions):
            region_ref(("cards", c_index, "regions", g_index), card_region)
        effect_lists: list[tuple[Location, list]] = [((("cards", c_index, "effects")), card.effects)]
        if card.choice is not None:
            for o_index, option in enumerate(card.choice.options):
                effect_lists.append(
                    (("cards", c_index, "choice", "options", o_index, "effects"), option.effects)
                )
        for base_loc, effects in effect_lists:
            for e_index, effect in enumerate(effects):
                loc = (*base_loc, e_index)
                effect_region = getattr(effect, "region", None)
                region_ref((*loc, "region"), effect_region, allow_all=True)
                if effect_region is None and hasattr(effect, "region") and not card.regions:
                    problems.append(((*loc, "region"), _("no region here and the card names no regions")))
                for field in ("perpetrator", "attacker", "actor"):
                    if hasattr(effect, field):
                        actor_ref((*loc, field), getattr(effect, field))
        for k_index, condition in enumerate(card.conditions):
            region_ref(("cards", c_index, "conditions", k_index, "region"), condition_region(condition))
            if hasattr(condition, "actor"):
                actor_ref(("cards", c_index, "conditions", k_index, "actor"), condition.actor)
    return problems


def _known(ids: list[str], shown: int = 12) -> str:
    """The valid ids for a message, the first dozen of a long list."""
    more = len(ids) - shown
    listed = ", ".join(ids[:shown])
    return _("{listed} and {more} more").format(listed=listed, more=more) if more > 0 else listed


def card_problems(scenario: Scenario, card: Card) -> list[tuple[Location, str]]:
    """Cross-reference one new card (a facilitator's) against a scenario; locations within the card."""
    checked = scenario.model_copy(update={"cards": [card]})
    return [
        (loc[2:], message) for loc, message in cross_reference_problems(checked) if loc[:2] == ("cards", 0)
    ]


def condition_region(condition: object) -> str | None:
    return getattr(condition, "region", None)
