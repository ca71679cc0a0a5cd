"""What the red cell's screens show in place of the mission's: its region panel and its status line."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from game import i18n
from game.engine import Game
from game.engine.orders import red_budget
from game.engine.sides import RED
from game.i18n import _, ngettext
from game.tui.labels import POSTURES, credibility_band, labelled, short_name
from game.tui.widgets.region_panel import change_lines, changes_about, people_line, zone_line


def red_region_report(game: Game, region_id: str) -> RenderableType:
    """A region as the red cell sees it (its view): its groups, the mission in sight, the people."""
    index, view = game.index, game.observe(RED)
    spec, region = index.regions[region_id], view.region(region_id)
    band = credibility_band(region.credibility)
    trust = f"{band.symbol} {region.credibility} {i18n.recorded(band.word)}"
    parts: list[RenderableType] = [
        Text(i18n.name(spec.name), style="bold underline")
        + Text(zone_line(spec.zone.value, spec.tri_border)),
        Text(people_line(spec.population, region.host_presence)),
        Text(_("People's trust in the mission {trust}").format(trust=trust)),
    ]
    if region.last_civilian_deaths or region.last_mission_harm:
        deaths = ngettext(
            "Last turn: {deaths} civilian died here, {harm} by the mission or its partners",
            "Last turn: {deaths} civilians died here, {harm} by the mission or its partners",
            region.last_civilian_deaths,
        )
        parts.append(Text(deaths.format(deaths=region.last_civilian_deaths, harm=region.last_mission_harm)))
    text = Text("\n" + _("Our groups here"), style="bold")
    groups = region.seen_threats()
    for actor, level in groups.items():
        threat = _("threat {level}").format(level=i18n.recorded(level))
        text.append(f"\n  {labelled(i18n.name(index.actors[actor].name), threat)}")
    if not groups:
        text.append("\n  " + _("none"))
    partners = region.seen_threats(partners=True)
    if partners:
        text.append("\n" + _("Their forces"), style="bold")
        for actor, level in partners.items():
            text.append(f"\n  {labelled(i18n.name(index.actors[actor].name), i18n.recorded(level))}")
    parts.append(text)
    text = Text("\n" + _("The mission, as our informants see it"), style="bold")
    for unit in region.units:
        posture = i18n.recorded(POSTURES[unit.posture])
        text.append(f"\n  {i18n.name(index.units[unit.id].name)} {unit.strength}, {posture}")
        if unit.holds_tob:
            text.append(_(", holds a base"), style="bold")
    for asset_id in region.aviation:
        asset = i18n.name(index.aviation[asset_id].name)
        text.append("\n  " + _("{asset}: attack helicopters overhead").format(asset=asset), style="bold")
    if not region.units and not region.aviation:
        text.append("\n  " + _("no troops seen"))
    parts.append(text)
    roads = ", ".join(short_name(i18n.name(index.regions[to].name)) for to in index.links[region_id])
    parts.append(Text("\n" + _("Roads to: {regions}").format(regions=roads or _("none"))))
    parts.append(recent_changes(index, view, region, _("Our actions and what followed")))
    return Group(*parts)


def recent_changes(index, view, region, heading: str) -> Text:
    """What changed in a region this turn and last, under `heading`, as a cell's region panel lists it."""
    region_id = region.id
    recent = Text("\n" + heading, style="bold")
    shown = False
    for this, record in ((True, view.current), (False, view.last)):
        changes = changes_about(record.changes, region_id, {u.id for u in region.units}) if record else []
        if record is not None and changes:
            shown = True
            title = _("Turn {turn} (this turn, {month})") if this else _("Turn {turn} (last turn, {month})")
            recent.append("\n " + title.format(turn=record.turn, month=record.month), style="italic")
            for change in changes[:12]:
                recent.append("\n")
                recent.append_text(change_lines(index, change))
    if not shown:
        recent.append("\n  " + _("nothing recorded yet"))
    return recent


def red_means_line(game: Game, width: int) -> str:
    """The red cell's second status line: its actions this turn and the public numbers it works on."""
    view = game.observe(RED)
    used, budget = red_budget(game.context())
    values = {
        "left": budget - used,
        "budget": budget,
        "credibility": view.national_credibility,
        "consent": view.consent,
        "support": view.mandate_support,
    }
    long = _(
        "Actions {left}/{budget} left · mission credibility {credibility} · consent {consent} · "
        "Council support {support}"
    ).format(**values)
    short = _("Actions {left}/{budget} · cred {credibility} · consent {consent} · UNSC {support}").format(
        **values
    )
    return long if len(long) <= width - 2 else short
