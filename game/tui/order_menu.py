"""A seat's order menu, built from the engine's candidate orders, why_illegal and each kind's menu place."""

from __future__ import annotations

from dataclasses import dataclass, field

from game import i18n
from game.engine import Game
from game.engine import orders as O
from game.i18n import N_
from game.tui.labels import short_name


@dataclass
class MenuItem:
    """One order; `reason` is None when the rules allow it now."""

    order: O.Order
    label: str
    reason: str | None


@dataclass
class MenuGroup:
    key: str
    label: str
    detail: str = ""
    items: list[MenuItem] = field(default_factory=list)
    groups: list[MenuGroup] = field(default_factory=list)

    def allowed(self) -> int:
        return sum(item.reason is None for item in self.items) + sum(g.allowed() for g in self.groups)


class _Namer:
    """Turns ids into the names players know."""

    def __init__(self, game: Game):
        self.game = game

    def region(self, region_id: str | None) -> str:
        if region_id is None:
            return "—"
        if region_id == "national":
            return N_("the national audience")  # English inside the engine's line; recorded() translates it
        region = self.game.index.regions.get(region_id)
        return short_name(region.name) if region else region_id


def build_menu(game: Game, role: str) -> list[MenuGroup]:
    """The seat's candidate orders grouped by unit, asset, region, theme, policy or card.

    Allowed orders come first in each group; the others carry the engine's reason. Labels and
    reasons are the engine's English lines, shown in the player's language (i18n.recorded).
    """
    namer, context = _Namer(game), game.context()
    top: dict[str, MenuGroup] = {}
    order_of_groups: list[MenuGroup] = []
    for order in game.candidate_orders(role):
        path, label = O.menu_path(order, context, namer.region)
        siblings, parent = top, None
        for key, group_label, detail in path:
            group = siblings.get(key)
            if group is None:
                group = MenuGroup(key, i18n.recorded(group_label), i18n.recorded(detail))
                siblings[key] = group
                if parent is None:
                    order_of_groups.append(group)
                else:
                    parent.groups.append(group)
            parent = group
            siblings = {g.key: g for g in group.groups}
        assert parent is not None
        reason = game.why_illegal(order, role)
        shown_reason = i18n.recorded(reason) if reason is not None else None
        parent.items.append(MenuItem(order, i18n.recorded(label), shown_reason))
    decisions = [g for g in order_of_groups if g.key.startswith("card:")]
    others = [g for g in order_of_groups if not g.key.startswith("card:")]
    for group in order_of_groups:
        _sort(group)
    return decisions + others


def _sort(group: MenuGroup) -> None:
    group.items.sort(key=lambda item: item.reason is not None)
    for child in group.groups:
        _sort(child)


def order_text(game: Game, order: O.Order) -> str:
    """An order in the names players know: the engine's describe() with the scenario's names."""
    return i18n.recorded(O.describe(order, game.context()))


def order_target(order: O.Order) -> tuple[str, ...] | None:
    """What an order sets; a later order on the same target replaces an earlier one this turn."""
    return O.kind_of(order).target(order)


def replaced_orders(orders: list[O.Order]) -> set[int]:
    """Indexes of this turn's orders that a later order on the same target replaced."""
    last: dict[tuple[str, ...], int] = {}
    replaced: set[int] = set()
    for number, order in enumerate(orders):
        target = order_target(order)
        if target is None:
            continue
        if target in last:
            replaced.add(last[target])
        last[target] = number
    return replaced
