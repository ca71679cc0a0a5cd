"""RegionPanel: one region's people, credibility trend, threats, forces, protection and recent events."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.engine import Game
from game.engine.context import ScenarioIndex
from game.engine.sides import GREEN, RED
from game.engine.view import ChangeView, GameView
from game.engine.wording import plural
from game.scenario.models import Role
from game.tui.labels import POSTURES, cause_text, credibility_band, short_name, signed, words


def changes_about(changes: Iterable[ChangeView], region_id: str, unit_ids: set[str]) -> list[ChangeView]:
    return [
        change
        for change in changes
        if change.target == region_id
        or change.target.startswith(f"{region_id}/")
        or change.target in unit_ids
    ]


def change_lines(index: ScenarioIndex, change: ChangeView, indent: str = "  ") -> Text:
    text = Text(indent)
    if change.delta:
        text.append(f"{signed(change.delta)} ", style="bold")
    text.append(f"{words(change.kind)}: {change.summary}")
    for cause in change.causes:
        text.append(f"\n{indent}  ↳ {cause_text(index, cause)}", style="dim")
    return text


def region_report(
    game: Game, region_id: str, seat: str = Role.SRSG, view: GameView | None = None
) -> RenderableType:
    """Everything about one region a seat may see, read from its view (game.engine.view)."""
    if seat == RED:
        from game.tui.red import red_region_report

        return red_region_report(game, region_id)
    if seat == GREEN:
        from game.tui.green import green_region_report

        return green_region_report(game, region_id)
    index = game.index
    view = view or game.observe(seat)
    spec, region = index.regions[region_id], view.region(region_id)
    band = credibility_band(region.credibility)
    parts: list[RenderableType] = []

    head = Text(spec.name, style="bold underline")
    head.append(f"  {spec.zone.value}{', tri-border' if spec.tri_border else ''}", style="")
    parts.append(head)
    parts.append(Text(f"Population {spec.population:,}   Host-state presence {region.host_presence}/5"))
    line = Text("Credibility ")
    line.append(f"{band.symbol} {region.credibility} {band.word}", style=f"bold {band.colour}")
    series = region.credibility_series
    line.append(f"\nTrend (start, each turn, now): {' → '.join(map(str, series[-8:]))}")
    parts.append(line)

    sources = ", ".join(region.warning_sources) or "no sources"
    parts.append(Text(f"Early warning {region.warning_next}/3: {sources}"))

    threats, partners = region.seen_threats(), region.seen_threats(partners=True)
    text = Text("\nThreats", style="bold")
    text.append(
        " (exact)" if region.exact_threats else " (exact with early warning 2+, else bands)", style="dim"
    )
    for actor, seen in threats.items():
        text.append(f"\n  {index.actors[actor].name}: {seen}")
    if not threats:
        text.append("\n  none seen")
    if partners:
        text.append("\nPartner forces", style="bold")
        text.append(" (host state, international: activity)", style="dim")
        for actor, seen in partners.items():
            text.append(f"\n  {index.actors[actor].name}: {seen}")
    for attack in region.expected_attacks:
        text.append(f"\n  ! expected this turn: {attack.title}", style="bold")
        text.append(f" ({attack.actor} against {attack.against})")
    parts.append(text)

    units = region.units
    text = Text("\nForces present", style="bold")
    for unit in units:
        unit_spec = index.units[unit.id]
        text.append(f"\n  {unit_spec.name} ({unit_spec.country}) {unit.strength}, {POSTURES[unit.posture]}")
        if unit.holds_tob:
            text.append(", holds the TOB", style="bold")
        if unit_spec.caveats:
            text.append(f"; caveats: {', '.join(words(c) for c in unit_spec.caveats)}", style="dim")
    for asset_id in region.aviation:
        asset_spec = index.aviation[asset_id]
        text.append(f"\n  {asset_spec.name}: {words(asset_spec.kind.value)} tasked here")
    for team in index.scenario.civilian_teams:
        if team.base == region_id:
            text.append(f"\n  {team.name} (civilian, {plural(team.capacity, 'point')})")
    if not units and not any(team.base == region_id for team in index.scenario.civilian_teams):
        text.append("\n  none: the mission is absent")
    text.append(f"\n  PoC activities: Tier I {region.tier_one}, Tier III {region.tier_three}")
    parts.append(text)

    text = Text(f"\nProtection of civilians now: {signed(region.protection)}", style="bold")
    for label, value in region.protection_items:
        text.append(f"\n  {signed(value)} {label}", style="")
    parts.append(text)

    roads = ", ".join(short_name(index.regions[to].name) for to in index.links[region_id])
    parts.append(Text(f"\nRoads to: {roads or 'none'}"))

    unit_ids = {u.id for u in units}
    recent = Text("\nRecent events and their causes", style="bold")
    shown = False
    for label, record in (("this turn", view.current), ("last turn", view.last)):
        if record is None:
            continue
        changes = changes_about(record.changes, region_id, unit_ids)
        if changes:
            shown = True
            recent.append(f"\n Turn {record.turn} ({label}, {record.month})", style="italic")
            for change in changes[:12]:
                recent.append("\n")
                recent.append_text(change_lines(index, change))
            if len(changes) > 12:
                recent.append(f"\n  … and {len(changes) - 12} more in the SITREP", style="dim")
    if not shown:
        recent.append("\n  nothing recorded yet")
    parts.append(recent)
    return Group(*parts)


class RegionPanel(VerticalScroll):
    """Scrollable details of the region selected on the map."""

    def compose(self):
        yield Static(id="region-report")

    def show(self, game: Game, region_id: str, seat: str = Role.SRSG, view: GameView | None = None) -> None:
        """The region as `seat` sees it (`view`: the seat's, from seat_view, when the screen has it)."""
        self.query_one("#region-report", Static).update(region_report(game, region_id, seat, view))
