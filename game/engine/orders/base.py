"""What every order kind shares: the model base, the unit a kind is made of, and naming for players."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from game.engine.context import Context, ScenarioIndex
from game.engine.state import Cause
from game.engine.wording import words
from game.i18n import N_

FACILITATOR = "facilitator"

# A menu path: the (key, label, detail) groups an order sits under, and the order's own label.
MenuPath = tuple[list[tuple[str, str, str]], str]
RegionNamer = Callable[[str | None], str]


class _Order(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names:
    """Ids as players read them: the scenario's names when an index is known, plain words otherwise."""

    def __init__(self, index: ScenarioIndex | None):
        self.index = index

    def unit(self, unit_id: str) -> str:
        return self.index.unit_names[unit_id] if self.index else words(unit_id)

    def asset(self, asset_id: str) -> str:
        return self.index.asset_names[asset_id] if self.index else words(asset_id)

    def region(self, region_id: str) -> str:
        if region_id == "national":
            return N_("the national audience")
        return self.index.region_names[region_id] if self.index else words(region_id)

    def card(self, card_id: str) -> str:
        if self.index is not None and card_id in self.index.cards:
            return f"'{self.index.cards[card_id].title}'"
        return f"'{words(card_id)}'"


@dataclass(frozen=True)
class OrderKind:
    """One kind of order, whole: its model and every rule and word about it.

    role: the seat that gives it. candidates: the orders of this kind a seat could think of now.
    subject: what a candidate is about (a unit, a card...): candidates about one subject stay together.
    why_illegal: the reason it cannot be given now, or None (after the shared phase and seat checks).
    apply: its effect on the state, with the causes to record. describe: one line in names.
    menu: where it sits in a seat's order menu, and its label there.
    target: what it sets, when a later order on the same target replaces it this turn (else None).
    preview: what it will do by the rules, in plain words, before it is given (rules.md's numbers).
    """

    model: type[_Order]
    role: Callable[[Any, Context], str]
    candidates: Callable[[Context, str], Iterable[Any]]
    subject: Callable[[Any], str]
    why_illegal: Callable[[Any, Context], str | None]
    apply: Callable[[Any, Context, list[Cause]], None]
    describe: Callable[[Any, Names], str]
    menu: Callable[[Any, Context, RegionNamer], MenuPath]
    target: Callable[[Any], tuple[str, ...] | None] = lambda order: None
    preview: Callable[[Any, Context], list[str]] = lambda order, ctx: []

    @property
    def type(self) -> str:
        return self.model.model_fields["type"].default


def other_orders(describe: Callable[[Any, Names], str]) -> Callable[[Any, Context, RegionNamer], MenuPath]:
    """The menu place of kinds no seat's menu groups (the facilitator's): one 'Other orders' group."""

    def menu(order: Any, ctx: Context, region: RegionNamer) -> MenuPath:
        return [("other", N_("Other orders"), "")], describe(order, Names(ctx.index))

    return menu
