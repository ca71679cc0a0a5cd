"""What the red cell's screens show in place of the mission's: its region panel and its status line."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game.engine import Game
from game.engine.orders import red_budget
from game.engine.sides import RED
from game.tui.labels import POSTURES, credibility_band, short_name
from game.tui.widgets.region_panel import change_lines, changes_about


def red_region_report(game: Game, region_id: str) -> RenderableType:
    """A region as the red cell sees it (its view): its groups, the mission in sight, the people."""
    index, view = game.index, game.observe(RED)
    spec, region = index.regions[region_id], view.region(region_id)
    band = credibility_band(region.credibility)
    parts: list[RenderableType] = [
        Text(spec.name, style="bold underline")
        + Text(f"  {spec.zone.value}{', tri-border' if spec.tri_border else ''}"),
        Text(f"Population {spec.population:,}   Host-state presence {region.host_presence}/5"),
        Text(f"People's trust in the mission {band.symbol} {region.credibility} {band.word}"),
    ]
    if region.last_civilian_deaths or region.last_mission_harm:
        parts.append(
            Text(
                f"Last turn: {region.last_civilian_deaths} civilians died here, "
                f"{region.last_mission_harm} by the mission or its partners"
            )
        )
    text = Text("\nOur groups here", style="bold")
    groups = region.seen_threats()
    for actor, level in groups.items():
        text.append(f"\n  {index.actors[actor].name}: threat {level}")
    if not groups:
        text.append("\n  none")
    partners = region.seen_threats(partners=True)
    if partners:
        text.append("\nTheir forces", style="bold")
        for actor, level in partners.items():
            text.append(f"\n  {index.actors[actor].name}: {level}")
    parts.append(text)
    text = Text("\nThe mission, as our informants see it", style="bold")
    for unit in region.units:
        text.append(f"\n  {index.units[unit.id].name} {unit.strength}, {POSTURES[unit.posture]}")
        if unit.holds_tob:
            text.append(", holds a base", style="bold")
    for asset_id in region.aviation:
        text.append(f"\n  {index.aviation[asset_id].name}: attack helicopters overhead", style="bold")
    if not region.units and not region.aviation:
        text.append("\n  no troops seen")
    parts.append(text)
    roads = ", ".join(short_name(index.regions[to].name) for to in index.links[region_id])
    parts.append(Text(f"\nRoads to: {roads or 'none'}"))
    recent = Text("\nOur actions and what followed", style="bold")
    shown = False
    for label, record in (("this turn", view.current), ("last turn", view.last)):
        changes = changes_about(record.changes, region_id, {u.id for u in region.units}) if record else []
        if record is not None and changes:
            shown = True
            recent.append(f"\n Turn {record.turn} ({label}, {record.month})", style="italic")
            for change in changes[:12]:
                recent.append("\n")
                recent.append_text(change_lines(index, change))
    if not shown:
        recent.append("\n  nothing recorded yet")
    parts.append(recent)
    return Group(*parts)


def red_means_line(game: Game, width: int) -> str:
    """The red cell's second status line: its actions this turn and the public numbers it works on."""
    view = game.observe(RED)
    used, budget = red_budget(game.context())
    long = (
        f"Actions {budget - used}/{budget} left · mission credibility {view.national_credibility} · "
        f"consent {view.consent} · Council support {view.mandate_support}"
    )
    short = (
        f"Actions {budget - used}/{budget} · cred {view.national_credibility} · "
        f"consent {view.consent} · UNSC {view.mandate_support}"
    )
    return long if len(long) <= width - 2 else short
