"""What the green cell's screens show in place of the mission's: its region panel and its status line."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game.engine import Game
from game.engine.sides import GREEN
from game.i18n import _, name, recorded
from game.tui.labels import POSTURES, credibility_band, short_name
from game.tui.red import recent_changes


def green_region_report(game: Game, region_id: str) -> RenderableType:
    """A region as the host state sees it (its view): its army, the groups by band, the mission's requests."""
    index, view = game.index, game.observe(GREEN)
    spec, region = index.regions[region_id], view.region(region_id)
    band = credibility_band(region.credibility)
    where = ", " + _("tri-border") if spec.tri_border else ""
    parts: list[RenderableType] = [
        Text(name(spec.name), style="bold underline") + Text(f"  {spec.zone.value}{where}"),
        Text(
            _("Population {people}   The state's presence {level}/5").format(
                people=f"{spec.population:,}", level=region.host_presence
            )
        ),
        Text(
            _("People's trust in the mission {symbol} {value} {band}").format(
                symbol=band.symbol, value=region.credibility, band=band.word
            )
        ),
    ]
    text = Text("\n" + _("Our forces here"), style="bold")
    partners = region.seen_threats(partners=True)
    for actor, level in partners.items():
        text.append("\n  " + _("{force}: {level}").format(force=name(index.actors[actor].name), level=level))
    if not partners:
        text.append("\n  " + _("none"))
    text.append("\n" + _("Armed groups, as our intelligence reports them"), style="bold")
    groups = region.seen_threats()
    for actor, level in groups.items():
        group = name(index.actors[actor].name)
        text.append("\n  " + _("{group}: {band}").format(group=group, band=recorded(level)))
    if not groups:
        text.append("\n  " + _("none reported"))
    parts.append(text)
    text = Text("\n" + _("The mission here"), style="bold")
    for unit in region.units:
        text.append(
            "\n  " + f"{name(index.units[unit.id].name)} {unit.strength}, {recorded(POSTURES[unit.posture])}"
        )
        if unit.holds_tob:
            text.append(", " + _("holds a base"), style="bold")
    if not region.units:
        text.append("\n  " + _("no troops"))
    parts.append(text)
    asked = Text("\n" + _("The mission asks us this turn"), style="bold")
    for request in region.requests:
        asked.append("\n  " + recorded(request))
    if not region.requests:
        asked.append("\n  " + _("nothing"))
    parts.append(asked)
    roads = ", ".join(short_name(name(index.regions[to].name)) for to in index.links[region_id])
    parts.append(Text("\n" + _("Roads to: {roads}").format(roads=roads or _("none"))))
    parts.append(recent_changes(index, view, region, _("What changed here")))
    return Group(*parts)


def green_means_line(game: Game, width: int) -> str:
    """The green cell's second status line: the numbers its objectives are scored on (rules.md §12.1)."""
    view = game.observe(GREEN)
    presence = sum(region.host_presence for region in view.regions)
    asked = sum(len(region.requests) for region in view.regions)
    long = _(
        "State presence {presence} in all · consent {consent} · mission credibility {credibility} · "
        "requests this turn {asked}"
    ).format(presence=presence, consent=view.consent, credibility=view.national_credibility, asked=asked)
    short = _("Presence {presence} · consent {consent} · cred {credibility} · asked {asked}").format(
        presence=presence, consent=view.consent, credibility=view.national_credibility, asked=asked
    )
    return long if len(long) <= width - 2 else short
