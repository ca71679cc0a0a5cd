"""Debrief sections for a hot-wash: what each card led to, every seat's orders, every attack and why.

Rendered from the umpire's view of the game (Replay.ledger, Replay.stories): a debrief sees all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game import i18n
from game.engine import orders as O
from game.engine.view import ChangeView
from game.engine.wording import words
from game.i18n import N_, _, ngettext
from game.record.replay import ROLE_TITLES, Replay, role_title
from game.record.report import Block, Bullets, Para, Section, Table, month_label

TABLE_CAUSE = "resolution table"  # the rule cause every resolved attack carries (adjudicate.py)
FOLD_ROWS = 12


def hot_wash_sections(replay: Replay) -> list[Section]:
    return [card_outcomes_section(replay), orders_section(replay), attacks_section(replay)]


# --- what each event card led to ---------------------------------------------------------------


def _card_changes(changes: tuple[ChangeView, ...], card_id: str) -> list[ChangeView]:
    return [c for c in changes if any(k.kind == "card" and k.ref == card_id for k in c.causes)]


def _led_to(replay: Replay, changes: list[ChangeView]) -> str:
    """The changes a card caused, summed by kind and place: "credibility −3 in Mopti; consent −3"."""
    index = replay.game.index
    totals: dict[tuple[str, str, str], int] = {}  # (kind, "region" | "unit" | "", its name) -> delta
    for change in changes:
        if change.kind in ("means", "policy", "unit", "warning"):
            continue
        place = change.target.partition("/")[0]
        if place in index.regions:
            key = (change.kind, "region", i18n.name(index.regions[place].name))
        elif change.target in index.units:
            key = (change.kind, "unit", i18n.name(index.units[change.target].name))
        else:
            key = (change.kind, "", "")
        totals[key] = totals.get(key, 0) + change.delta
    templates = {"region": _("{what} {delta} in {place}"), "unit": _("{what} {delta} among the {place}")}
    parts = [
        templates.get(where, "{what} {delta}").format(
            what=i18n.recorded(words(kind)), delta=f"{delta:+d}", place=place
        )
        for (kind, where, place), delta in totals.items()
        if delta
    ]
    return i18n.listed(parts)


def card_outcomes_section(replay: Replay) -> Section:
    """Each card of the game and what it came to here, not in history."""
    items: list[str] = []
    for view in replay.turns:
        record = view.record
        stories = replay.stories(view.number)
        for card_id in dict.fromkeys(record.cards):
            card = replay.card(card_id)
            title = i18n.name(card.title) if card else words(card_id)
            parts = []
            if card_id in stories:
                parts.append(i18n.recorded(stories[card_id]))
            decided = record.decisions.get(card_id)
            if card is not None and card.choice is not None and decided:
                label = next((o.label for o in card.choice.options if o.id == decided), words(decided))
                parts.append(_("Decision: {choice}.").format(choice=i18n.name(label)))
            led = _led_to(replay, _card_changes(replay.ledger(view.number), card_id))
            parts.append(
                _("It led to: {changes}.").format(changes=led) if led else _("No number moved because of it.")
            )
            heading = _("Turn {turn} ({month}): **{card}**.").format(
                turn=view.number, month=month_label(view.month), card=title
            )
            items.append(heading + " " + " ".join(p for p in parts if p))
    blocks: list[Block] = [
        Para(_("What each event card came to in this game (the Events section keeps the historical text).")),
        Bullets(items) if items else Para(_("No event cards were drawn.")),
    ]
    return Section(_("What each event led to"), "card-outcomes", blocks)


# --- every seat's orders ------------------------------------------------------------------------


def _card_decision(order: O.Order) -> bool:
    return isinstance(order, O.DecideCard)  # card decisions have their own section


def orders_section(replay: Replay) -> Section:
    """Every order each seat gave, turn by turn: moves, postures, bases, aviation, activities, messages."""
    blocks: list[Block] = []
    for role in ROLE_TITLES:
        if role == O.FACILITATOR:
            continue
        rows = [
            [
                str(view.number),
                month_label(view.month),
                i18n.listed(i18n.recorded(given.text) for given in orders),
            ]
            for view in replay.turns
            if (
                orders := [g for g in view.orders if g.role == role and not isinstance(g.order, O.DecideCard)]
            )
        ]
        if not rows:
            continue
        count = sum(len(row[2].split("; ")) for row in rows)
        fold = (
            _("{count} orders in {turns} turns").format(count=count, turns=len(rows))
            if len(rows) > FOLD_ROWS
            else ""
        )
        headers = [_("turn"), _("month"), _("orders")]
        blocks += [Para(f"**{role_title(role)}**"), Table(headers, rows, folded=fold)]
    if not blocks:
        blocks.append(Para(_("No seat gave an order: standing postures and card defaults played the game.")))
    return Section(_("Orders by seat"), "orders", blocks)


# --- attacks, their outcome and causes, by region -----------------------------------------------


# The attack table's source for an attack the armed groups chose (rules.md §5), by its target kind
ARMED_GROUPS_MOVE = N_("armed groups' move")
ADVERSARY_MOVES = {
    "civilians": N_("armed groups' move: civilians"),
    "peacekeepers": N_("armed groups' move: peacekeepers"),
    "supply_route": N_("armed groups' move: a supply route"),
    "community violence": N_("community violence"),
}


@dataclass
class Attack:
    turn: int
    month: str
    region: str
    what: str
    source: str
    outcome: str
    killed: int
    protection: str
    changes: list[ChangeView] = field(default_factory=list)


def _cause(change: ChangeView, kind: str, ref: str | None = None):
    return next((c for c in change.causes if c.kind == kind and (ref is None or c.ref == ref)), None)


def _region_of(replay: Replay, number: int, change: ChangeView) -> str:
    region = change.target.partition("/")[0]
    if region in replay.game.index.regions:
        return region
    regions = replay.view(number).regions  # where the unit stood as the turn was played
    return next((r.id for r in regions if any(u.id == change.target for u in r.units)), "")


def attacks_of(replay: Replay) -> list[Attack]:
    """Every resolved attack (the changes sharing one resolution-table roll), in the order played."""
    found: list[Attack] = []
    for view in replay.turns:
        current: Attack | None = None
        key = None
        for change in replay.ledger(view.number):
            table = _cause(change, "rule", TABLE_CAUSE)
            if table is None:
                current, key = None, None
                continue
            roll = _cause(change, "roll")
            this_key = (change.causes[0].detail, roll.detail if roll else "", table.detail)
            if current is None or this_key != key:
                source = change.causes[0]
                # a card's title ("... (no warning)"), or the armed groups' move without its long reason
                if source.kind == "card":
                    origin = source.detail or words(source.ref)
                else:
                    origin = ADVERSARY_MOVES.get(source.ref, ARMED_GROUPS_MOVE)
                defence = roll is not None and roll.detail.partition(", ")[2].startswith("defence")
                current = Attack(
                    view.number,
                    view.month,
                    _region_of(replay, view.number, change),
                    _("an attack on peacekeepers") if defence else _("an attack on civilians"),
                    origin,
                    table.detail,
                    0,
                    roll.detail if roll else "",
                )
                found.append(current)
                key = this_key
            current.changes.append(change)
            if change.kind in ("civilians_killed", "peacekeepers_killed"):
                current.killed += change.delta
                current.what = i18n.recorded(change.summary)
    return found


def attacks_section(replay: Replay) -> Section:
    """The attacks of the game by region: what, outcome, deaths and the protection that decided it."""
    regions = replay.game.index.regions
    by_region: dict[str, list[Attack]] = {}
    for attack in attacks_of(replay):
        by_region.setdefault(attack.region, []).append(attack)
    blocks: list[Block] = [
        Para(
            _(
                "Every attack resolved on the table (rules.md §6): the outcome row, the deaths, and the roll "
                "with the protection items that decided it."
            )
        )
    ]
    for region_id in [*replay.game.index.region_order, ""]:
        attacks = by_region.get(region_id)
        if not attacks:
            continue
        rows = [
            [
                str(a.turn),
                month_label(a.month),
                a.what,
                i18n.recorded(a.source),
                i18n.recorded(a.outcome),
                i18n.number(a.killed),
                i18n.recorded(a.protection),
            ]
            for a in attacks
        ]
        stopped = sum(a.outcome.split(":")[0] in ("prevented", "deterred", "mitigated") for a in attacks)
        name = i18n.name(regions[region_id].name) if region_id in regions else _("Elsewhere")
        count = len(attacks)
        summary = ngettext(
            "**{region}**: {count} attack, {stopped} prevented, deterred or mitigated, {killed} killed",
            "**{region}**: {count} attacks, {stopped} prevented, deterred or mitigated, {killed} killed",
            count,
        )
        killed = i18n.number(sum(a.killed for a in attacks))
        blocks.append(Para(summary.format(region=name, count=count, stopped=stopped, killed=killed)))
        fold = (
            ngettext("{count} attack", "{count} attacks", count).format(count=count)
            if count > FOLD_ROWS
            else ""
        )
        headers = [
            _("turn"),
            _("month"),
            _("attack"),
            _("source"),
            _("outcome"),
            _("killed"),
            _("roll and protection"),
        ]
        blocks.append(Table(headers, rows, fold))
    if len(blocks) == 1:
        blocks.append(Para(_("No attack was resolved.")))
    return Section(_("Attacks and their causes, by region"), "attacks", blocks)
