"""What the replay viewer shows for one turn, as rich renderables built from a Replay (no widgets)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from game import i18n
from game.engine import orders as O
from game.engine.wording import credibility_legend
from game.i18n import _
from game.record.replay import ROLE_TITLES, Replay
from game.tui.labels import (
    PHASE_TITLES,
    cause_text,
    credibility_band,
    labelled,
    say_do_text,
    target_label,
    words,
)

MAP_WIDTH, MAP_HEIGHT = 64, 14


def short_name(name: str) -> str:
    """ "Tombouctou and Taoudénit" -> "Tombouctou", "Koulikoro, Kayes and Sikasso" -> "Koulikoro"."""
    return name.split(",")[0].split(" and ")[0]


def credibility_style(value: int) -> str:
    """The colour of the value's band, the same bands as the game's map (rules.md §7)."""
    return f"bold {credibility_band(value).colour}"


def credibility_mark(value: int) -> str:
    """ "● 65": the band's symbol with the number, so the band never rests on colour alone."""
    return f"{credibility_band(value).symbol} {value}"


def credibility_before(replay: Replay, number: int) -> dict[str, int]:
    return {region: values[number - 1] for region, values in replay.credibility.items()}


def credibility_after(replay: Replay, number: int) -> dict[str, int]:
    return {region: values[number] for region, values in replay.credibility.items()}


def timeline_label(replay: Replay, number: int, width: int = 30) -> str:
    """One line per turn: number, month, the first event (shortened) and how many more."""
    view = replay.turn(number)
    titles = [i18n.name(card.title) if (card := replay.card(c)) else c for c in replay.seen(number).cards]
    more = f" +{len(titles) - 1}" if len(titles) > 1 else ""
    head = f"{number:>2} {view.month} "
    first = titles[0] if titles else _("no event")
    room = width - len(head) - len(more)
    if len(first) > room:
        first = first[: room - 1] + "…"
    return f"{head}{first}{more}"


def turn_story(replay: Replay, number: int) -> RenderableType:
    """The turn in words: events and decisions, orders by seat, the adversary, the results."""
    view = replay.turn(number)
    record = replay.seen(number)  # the umpire's view of the turn
    decisions = dict(record.decisions)
    heading = _("Turn {turn} of {turns} · {month}").format(
        turn=number, turns=len(replay.turns), month=view.month
    )
    parts: list[RenderableType] = [Text(heading, style="bold")]

    parts.append(Text("\n" + _("Events"), style="bold underline"))
    played = replay.cards_played(number)
    stories = replay.stories(number)
    regions = replay.game.index.regions
    if not record.cards:
        parts.append(Text("• " + _("(no event card this turn)")))
    for card_id in record.cards:
        card = replay.card(card_id)
        if card is None:
            parts.append(Text(f"• {card_id}"))
            continue
        where = ", ".join(
            short_name(i18n.name(regions[r].name)) for r in played.get(card_id, []) if r in regions
        )
        line = Text("• ")
        line.append(i18n.name(card.title), style="bold")
        if where:
            line.append(f" ({where})")
        if card_id in stories:
            line.append(f"\n  {i18n.recorded(stories[card_id])}", style="bold")
            text = i18n.name(card.text)
            history = _("In history: {text}").format(text=text) if card.kind == "historical" else text
            line.append(f"\n  {history}", style="dim")
        else:
            line.append(f"\n  {i18n.name(card.text)}", style="dim")
        if card.choice is not None and card_id in decisions:
            option = decisions[card_id]
            label = next((i18n.name(o.label) for o in card.choice.options if o.id == option), option)
            chosen = any(isinstance(g.order, O.DecideCard) and g.order.card == card_id for g in view.orders)
            who = _(ROLE_TITLES.get(str(card.choice.role), str(card.choice.role)))
            line.append(f"\n  {labelled(who, label)}", style="cyan")
            if not chosen:
                line.append(" " + _("(the default: nobody decided)"), style="italic")
        parts.append(line)

    parts.append(Text("\n" + _("Orders"), style="bold underline"))
    grouped = view.orders_by_role()
    if not grouped:
        parts.append(Text(_("No orders: standing postures and taskings carried on."), style="dim"))
    for role, orders in grouped.items():
        parts.append(Text(_(ROLE_TITLES.get(role, role)), style="bold magenta"))
        parts.extend(Text(f"  • {i18n.recorded(given.text)}") for given in orders)

    parts.append(Text("\n" + _("Armed groups"), style="bold underline"))
    adversary = replay.view(number).turn_view(number).adversary
    moves = [i18n.recorded(move) for move in adversary] or [_("(no action)")]
    parts.extend(Text(f"• {move}") for move in moves)

    parts.append(Text("\n" + _("Results"), style="bold underline"))
    killed = {r: n for r, n in record.civilians_by_region if n}
    where_killed = ", ".join(
        f"{short_name(i18n.name(regions[r].name))} {i18n.number(n)}"
        for r, n in killed.items()
        if r in regions
    )
    civilians = _("Civilians killed: {count}").format(count=i18n.number(sum(killed.values())))
    parts.append(Text(civilians + (f" ({where_killed})" if killed else "")))
    peacekeepers = _("Peacekeepers killed: {count}").format(count=i18n.number(record.peacekeepers_killed))
    parts.append(Text(peacekeepers))
    parts.append(Text(say_do_text(record.say, record.do)))
    if record.mandate_outcome:
        outcome = i18n.recorded(words(record.mandate_outcome))
        parts.append(Text(_("Mandate renewal: {outcome}").format(outcome=outcome)))
    notes = replay.notes().get(number, [])
    if notes:
        parts.append(Text("\n" + _("Facilitator's notes"), style="bold underline"))
        parts.extend(Text(f"• {note}", style="italic") for note in notes)
    return Group(*parts)


def change_rows(replay: Replay, number: int) -> list[tuple[str, str, str, Text, str, str]]:
    """Every change of the turn with its causes: phase, what, where, change, summary, because."""
    rows = []
    for change in replay.view(number).turn_view(number).changes:
        after = "?" if change.after is None else change.after
        delta = Text(f"{change.delta:+d} → {after}", style="red" if change.delta < 0 else "green")
        because = i18n.listed(i18n.recorded(cause_text(replay.game.index, c)) for c in change.causes)
        rows.append(
            (
                _(PHASE_TITLES.get(change.phase, change.phase)),
                i18n.recorded(words(change.kind)),
                target_label(replay.game.index, change.target),
                delta,
                i18n.recorded(change.summary),
                because,
            )
        )
    return rows


def change_detail(replay: Replay, number: int, index: int) -> Text:
    """One change in full: what moved, by how much, and every cause behind it."""
    change = replay.view(number).turn_view(number).changes[index]
    text = Text(f"{i18n.recorded(change.summary)}\n", style="bold")
    target = target_label(replay.game.index, change.target)
    if change.after is not None:
        now = _("{delta}, now {after}").format(delta=f"{change.delta:+d}", after=change.after)
    else:
        now = _("seen as a band")
    what = i18n.recorded(words(change.kind))
    text.append(_("{what} of {target}: {now}").format(what=what, target=target, now=now) + " ")
    phase = _(PHASE_TITLES.get(change.phase, change.phase))
    text.append(_("({phase} phase)").format(phase=phase) + "\n", style="dim")
    for cause in change.causes:
        because = i18n.recorded(cause_text(replay.game.index, cause))
        text.append("  " + _("because: {cause}").format(cause=because) + "\n")
    return text


def region_table(replay: Replay, number: int) -> Table:
    """Each region as the turn was played: credibility before and after, threat, warning, forces."""
    view = replay.view(number)
    before, after = credibility_before(replay, number), credibility_after(replay, number)
    killed = dict(view.turn_view(number).civilians_by_region)
    table = Table(expand=True, pad_edge=False)
    for header in (
        _("region"),
        _("credibility"),
        _("threat"),
        _("warning"),
        _("forces"),
        _("civilians killed"),
    ):
        table.add_column(header)
    for region in replay.scenario.regions:
        seen = view.region(region.id)
        units = []
        for unit in seen.units:
            marker = {"patrol": "P", "quick_reaction": "Q"}.get(unit.posture, "")
            base = _("+TOB") if unit.holds_tob else ""
            units.append(f"{i18n.name(unit.name)}{'/' + marker if marker else ''}{base}")
        change = after[region.id] - before[region.id]
        credibility = Text(f"{before[region.id]} → ")
        credibility.append(credibility_mark(after[region.id]), style=credibility_style(after[region.id]))
        credibility.append(f" ({change:+d})" if change else "")
        levels = [(int(t.seen), t.actor) for t in seen.threats if t.seen.isdigit()]
        level, actor = max(levels, key=lambda item: item[0], default=(0, "-"))
        table.add_row(
            short_name(i18n.name(region.name)),
            credibility,
            f"{level} {target_label(replay.game.index, actor)}" if level else "0",
            str(seen.warning),
            ", ".join(units) or "-",
            i18n.number(killed.get(region.id, 0)),
        )
    return table


def map_text(replay: Replay, number: int, width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> Text:
    """Regions placed by their map position, each with credibility after the turn and its units."""
    view = replay.view(number)
    after, before = credibility_after(replay, number), credibility_before(replay, number)
    regions = replay.scenario.regions
    xs = [r.centre_km[0] for r in regions]
    ys = [r.centre_km[1] for r in regions]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    units = {region.id: len(region.units) for region in view.regions}
    grid: list[list[tuple[str, str]]] = [[(" ", "")] * width for __ in range(height)]
    for region in sorted(regions, key=lambda r: -r.centre_km[1]):
        change = after[region.id] - before[region.id]
        label = f"{short_name(i18n.name(region.name))} {credibility_mark(after[region.id])}"
        label += f"{'▲' if change > 0 else '▼'}{abs(change)}" if change else ""
        label += f" ⚑{units.get(region.id, 0)}"
        col = round((region.centre_km[0] - min(xs)) / span_x * (width - 1 - len(label)))
        row = round((max(ys) - region.centre_km[1]) / span_y * (height - 1))
        for shift in (0, 1, -1, 2, -2, 3, -3):
            r = row + shift
            if 0 <= r < height and all(
                grid[r][c][0] == " " for c in range(max(0, col - 1), col + len(label) + 1) if c < width
            ):
                for i, char in enumerate(label[: width - col]):
                    grid[r][col + i] = (char, credibility_style(after[region.id]) if i < len(label) else "")
                break
    text = Text()
    for row_cells in grid:
        for char, style in row_cells:
            text.append(char, style=style)
        text.append("\n")
    legend = _("credibility after the turn ({legend}, ▲▼ change) · ⚑ units present")
    text.append(legend.format(legend=i18n.recorded(credibility_legend())), style="dim")
    return text
