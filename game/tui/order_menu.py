"""A seat's order menu, built from the engine's candidate orders and why_illegal: groups and labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import Game
from game.engine import orders as O
from game.engine import tables as T
from game.engine.cards import default_option
from game.engine.wording import POLICY_TITLES, plural
from game.tui.labels import POSTURES, short_name, words

RENEWAL_CASE_NOTE = (
    "The renewal card (each June) asks the SRSG again, and the decision taken there is the one that "
    "counts. This standing case is that card's default: it is argued if no decision is taken."
)


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
            return "the national audience"
        region = self.game.index.regions.get(region_id)
        return short_name(region.name) if region else region_id


def _group_for(game: Game, order: O.Order, namer: _Namer) -> tuple[list[tuple[str, str, str]], str]:
    """The path of (key, label, detail) groups an order sits under, and its own label."""
    state, index = game.state, game.index
    match order:
        case O.MoveUnit() | O.SetPosture() | O.OpenBase() | O.CloseBase():
            unit, spec = state.units[order.unit], index.units[order.unit]
            where = namer.region(unit.region)
            notes = [where, POSTURES[unit.posture], str(unit.strength)]
            if unit.holds_tob:
                notes.append("holds a TOB")
            if unit.moved != "no":
                notes.append(f"moved by {'road' if unit.moved == 'ground' else 'air'}")
            if spec.mobile_task_force:
                notes.append("Mobile Task Force")
            caveats = ", ".join(words(c) for c in spec.caveats) or "none"
            detail = (
                f"{spec.name} ({spec.country}), {words(spec.type)}, {unit.strength} personnel in {where}, "
                f"{POSTURES[unit.posture]} posture. Caveats: {caveats}."
            )
            group = [(f"unit:{order.unit}", f"{spec.name} — {', '.join(notes)}", detail)]
            match order:
                case O.MoveUnit(to=to, mode="ground"):
                    return group, f"move by road to {namer.region(to)}"
                case O.MoveUnit(to=to):
                    hours = O.air_hours_needed(unit.strength)
                    reach = O.lift_hours(game.context(), index.lift_between(unit.region, to))
                    return group, f"move by air to {namer.region(to)} ({hours} lift h; {reach} h in reach)"
                case O.SetPosture(posture=posture):
                    return group, f"posture: {POSTURES[posture]}"
                case O.OpenBase():
                    return group, f"open a temporary operating base in {where} ({T.TOB_OPEN_COST} budget)"
                case _:
                    return group, "close its temporary operating base"
        case O.TaskAviation(asset=asset_id, region=region):
            asset_spec, asset = index.aviation[asset_id], state.aviation[asset_id]
            task = f"over {namer.region(asset.tasked_region)}" if asset.tasked_region else "not tasked"
            label = f"{asset_spec.name} — {words(asset_spec.kind.value)}, {task}, {asset.hours} h left"
            detail = (
                f"{asset_spec.name} ({asset_spec.country}): {asset_spec.aircraft} "
                f"{words(asset_spec.kind.value)} aircraft based in {namer.region(asset_spec.base)}, "
                f"reach {asset_spec.range_km} km, {asset.hours} flying hours left, "
                f"{task}."
            )
            group = [(f"air:{asset_id}", label, detail)]
            if region is None:
                return group, "stand down"
            distance = index.distance_km[asset_spec.base][region]
            return group, f"task over {namer.region(region)} ({distance} km)"
        case O.SetPocActivity(region=region, tier=tier, points=points):
            regional = state.regions[region]
            label = f"{namer.region(region)} — Tier I {regional.tier_one}, Tier III {regional.tier_three}"
            detail = "Tier I: dialogue and community alert networks. Tier III: a protective environment."
            return [(f"poc:{region}", label, detail)], f"Tier {tier}: {plural(points, 'point')}"
        case O.IssueMessage(theme=theme, channel=channel, audience=audience):
            return (
                [
                    (f"msg:{theme}", f"Theme: {words(theme)}", _landing(state.means.release_delay)),
                    (f"msg:{theme}:{channel}", f"by {words(channel)}", ""),
                ],
                f"to {namer.region(audience)}",
            )
        case O.SetPolicy(name=name, value=value):
            current = str(getattr(state.policy, name)).lower()
            note = RENEWAL_CASE_NOTE if name == "renewal_case" else ""
            return [(f"policy:{name}", f"{POLICY_TITLES[name]} (now: {words(current)})", note)], words(value)
        case O.DecideCard(card=card_id, option=option):
            card = index.cards[card_id]
            assert card.choice is not None
            chosen = next((c.decided for c in state.choices if c.card == card_id), None)
            labels = {o.id: o.label for o in card.choice.options}
            label = labels[option]
            if option == default_option(game.context(), card):
                label += " (the default)"
            now = f" (chosen: {labels.get(chosen, chosen)})" if chosen else " (undecided)"
            return [(f"card:{card_id}", f"Decision: {card.title}{now}", card.choice.prompt)], label
    return [("other", "Other orders", "")], O.describe(order, game.context())


def _landing(delay: int) -> str:
    """When a message given now reaches its audience, and why."""
    if delay == 0:
        return "Lands this turn: the IRCs are under the U3, no civilian release to wait for."
    return (
        f"Lands in {plural(delay, 'turn')}: the civilian release authority clears it first "
        "(the SRSG can put the IRCs under the U3 to release at once)."
    )


def build_menu(game: Game, role: str) -> list[MenuGroup]:
    """The seat's candidate orders grouped by unit, asset, region, theme, policy or card.

    Allowed orders come first in each group; the others carry the engine's reason.
    """
    namer = _Namer(game)
    top: dict[str, MenuGroup] = {}
    order_of_groups: list[MenuGroup] = []
    for order in game.candidate_orders(role):
        path, label = _group_for(game, order, namer)
        siblings, parent = top, None
        for key, group_label, detail in path:
            group = siblings.get(key)
            if group is None:
                group = MenuGroup(key, group_label, detail)
                siblings[key] = group
                if parent is None:
                    order_of_groups.append(group)
                else:
                    parent.groups.append(group)
            parent = group
            siblings = {g.key: g for g in group.groups}
        assert parent is not None
        parent.items.append(MenuItem(order, label, game.why_illegal(order, role)))
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
    return O.describe(order, game.context())


def order_target(order: O.Order) -> tuple[str, ...] | None:
    """What an order sets; a later order on the same target replaces an earlier one this turn."""
    match order:
        case O.SetPosture(unit=unit):
            return ("posture", unit)
        case O.TaskAviation(asset=asset):
            return ("tasking", asset)
        case O.SetPocActivity(region=region, tier=tier):
            return ("tier", region, tier)
        case O.SetPolicy(name=name):
            return ("policy", name)
        case O.DecideCard(card=card):
            return ("decision", card)
    return None


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
