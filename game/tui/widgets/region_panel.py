"""RegionPanel: one region's people, credibility trend, threats, forces, protection and recent events."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.engine import Game
from game.engine.adjudicate import civilian_protection
from game.engine.context import ScenarioIndex
from game.engine.fog import visible_threat
from game.engine.state import Change
from game.engine.turn import warning_level
from game.engine.wording import plural
from game.scenario.models import ActorKind
from game.tui.labels import POSTURES, cause_text, credibility_band, short_name, signed, words

PARTNER_KINDS = (ActorKind.HOST_FORCES, ActorKind.INTERNATIONAL)


def threats_and_partners(game: Game, region_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """What the mission sees of the armed groups, and apart from them its partners (FAMa, Barkhane)."""
    seen = visible_threat(game.state, region_id)
    partners = {a: level for a, level in seen.items() if game.index.actors[a].kind in PARTNER_KINDS}
    return {a: level for a, level in seen.items() if a not in partners}, partners


def credibility_series(game: Game, region_id: str) -> list[int]:
    """Credibility at the start, after each finished turn, and now."""
    start = game.index.regions[region_id].credibility
    after_turns = [record.credibility.get(region_id, start) for record in game.state.history]
    return [start, *after_turns, game.state.regions[region_id].credibility]


def changes_about(changes: list[Change], region_id: str, unit_ids: set[str]) -> list[Change]:
    return [
        change
        for change in changes
        if change.target == region_id
        or change.target.startswith(f"{region_id}/")
        or change.target in unit_ids
    ]


def change_lines(index: ScenarioIndex, change: Change, indent: str = "  ") -> Text:
    text = Text(indent)
    if change.delta:
        text.append(f"{signed(change.delta)} ", style="bold")
    text.append(f"{words(change.kind)}: {change.summary}")
    for cause in change.causes:
        text.append(f"\n{indent}  ↳ {cause_text(index, cause)}", style="dim")
    return text


def region_report(game: Game, region_id: str) -> RenderableType:
    """Everything about one region a player may see (fog of war respected)."""
    state, index = game.state, game.index
    spec, region = index.regions[region_id], state.regions[region_id]
    band = credibility_band(region.credibility)
    parts: list[RenderableType] = []

    head = Text(spec.name, style="bold underline")
    head.append(f"  {spec.zone.value}{', tri-border' if spec.tri_border else ''}", style="")
    parts.append(head)
    parts.append(Text(f"Population {spec.population:,}   Host-state presence {region.host_presence}/5"))
    line = Text("Credibility ")
    line.append(f"{band.symbol} {region.credibility} {band.word}", style=f"bold {band.colour}")
    series = credibility_series(game, region_id)
    line.append(f"\nTrend (start, each turn, now): {' → '.join(map(str, series[-8:]))}")
    parts.append(line)

    ctx = game.context()
    level, sources = warning_level(ctx, region_id)
    parts.append(Text(f"Early warning {level}/3: {', '.join(sources) or 'no sources'}"))

    threats, partners = threats_and_partners(game, region_id)
    text = Text("\nThreats", style="bold")
    text.append(
        " (exact with early warning 2+, else bands)" if region.warning < 2 else " (exact)", style="dim"
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
    for attack in state.pending_attacks:
        if attack.revealed and attack.region == region_id:
            card = index.cards.get(attack.card)
            text.append(f"\n  ! expected this turn: {card.title if card else attack.card}", style="bold")
            text.append(f" ({index.actors[attack.actor].name} against {words(attack.kind)})")
    parts.append(text)

    units = [u for u in state.units.values() if u.region == region_id]
    text = Text("\nForces present", style="bold")
    for unit in units:
        unit_spec = index.units[unit.id]
        text.append(f"\n  {unit_spec.name} ({unit_spec.country}) {unit.strength}, {POSTURES[unit.posture]}")
        if unit.holds_tob:
            text.append(", holds the TOB", style="bold")
        if unit_spec.caveats:
            text.append(f"; caveats: {', '.join(words(c) for c in unit_spec.caveats)}", style="dim")
    for asset_id, asset in state.aviation.items():
        if asset.tasked_region == region_id:
            asset_spec = index.aviation[asset_id]
            text.append(f"\n  {asset_spec.name}: {words(asset_spec.kind.value)} tasked here")
    for team in index.scenario.civilian_teams:
        if team.base == region_id:
            text.append(f"\n  {team.name} (civilian, {plural(team.capacity, 'point')})")
    if not units and not any(team.base == region_id for team in index.scenario.civilian_teams):
        text.append("\n  none: the mission is absent")
    text.append(f"\n  PoC activities: Tier I {region.tier_one}, Tier III {region.tier_three}")
    parts.append(text)

    protection = civilian_protection(ctx, region_id)
    text = Text(f"\nProtection of civilians now: {signed(protection.total)}", style="bold")
    for label, value in protection.items:
        text.append(f"\n  {signed(value)} {label}", style="")
    parts.append(text)

    roads = ", ".join(short_name(index.regions[to].name) for to in index.links[region_id])
    parts.append(Text(f"\nRoads to: {roads or 'none'}"))

    unit_ids = {u.id for u in units}
    recent = Text("\nRecent events and their causes", style="bold")
    shown = False
    for label, record in (
        ("this turn", state.current),
        ("last turn", state.history[-1] if state.history else None),
    ):
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

    def show(self, game: Game, region_id: str) -> None:
        self.query_one("#region-report", Static).update(region_report(game, region_id))
