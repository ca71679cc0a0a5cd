"""RegionPanel: one region's people, credibility trend, threats, forces, protection and recent events."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from game import i18n
from game.engine import Game
from game.engine.context import ScenarioIndex
from game.engine.sides import GREEN, RED
from game.engine.view import ChangeView, GameView
from game.i18n import N_, _, ngettext
from game.scenario.models import Role
from game.tui.labels import (
    POSTURES,
    cause_text,
    change_kind,
    credibility_band,
    labelled,
    short_name,
    signed,
    words,
)


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
    text.append(labelled(change_kind(change.kind, change.delta), i18n.recorded(change.summary)))
    for cause in change.causes:
        text.append(f"\n{indent}  ↳ {i18n.recorded(cause_text(index, cause))}", style="dim")
    return text


ZONES = {"north": N_("north"), "centre": N_("centre"), "south": N_("south")}


def zone_line(zone: str, tri_border: bool) -> str:
    """ "  centre, tri-border": the region's zone, as the map's legend names it."""
    shown = _(ZONES.get(zone, zone))
    return "  " + (_("{zone}, tri-border").format(zone=shown) if tri_border else shown)


def people_line(population: int, presence: int) -> str:
    return _("Population {population}   Host-state presence {presence}/5").format(
        population=i18n.number(population), presence=presence
    )


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

    head = Text(i18n.name(spec.name), style="bold underline")
    head.append(zone_line(spec.zone.value, spec.tri_border), style="")
    parts.append(head)
    parts.append(Text(people_line(spec.population, region.host_presence)))
    line = Text(_("Credibility") + " ")
    line.append(f"{band.symbol} {region.credibility} {i18n.recorded(band.word)}", style=f"bold {band.colour}")
    series = region.credibility_series
    line.append(
        "\n" + _("Trend (start, each turn, now): {values}").format(values=" → ".join(map(str, series[-8:])))
    )
    parts.append(line)

    sources = ", ".join(i18n.recorded(source) for source in region.warning_sources) or _("no sources")
    parts.append(
        Text(_("Early warning {level}/3: {sources}").format(level=region.warning_next, sources=sources))
    )

    threats, partners = region.seen_threats(), region.seen_threats(partners=True)
    text = Text("\n" + _("Threats"), style="bold")
    text.append(
        " " + (_("(exact)") if region.exact_threats else _("(exact with early warning 2+, else bands)")),
        style="dim",
    )
    for actor, seen in threats.items():
        text.append(f"\n  {labelled(i18n.name(index.actors[actor].name), i18n.recorded(seen))}")
    if not threats:
        text.append("\n  " + _("none seen"))
    if partners:
        text.append("\n" + _("Partner forces"), style="bold")
        text.append(" " + _("(host state, international: activity)"), style="dim")
        for actor, seen in partners.items():
            text.append(f"\n  {labelled(i18n.name(index.actors[actor].name), i18n.recorded(seen))}")
    for attack in region.expected_attacks:
        text.append(
            "\n  " + _("! expected this turn: {attack}").format(attack=i18n.name(attack.title)), style="bold"
        )
        text.append(
            " "
            + _("({group} against {target})").format(
                group=i18n.name(attack.actor), target=i18n.recorded(attack.against)
            )
        )
    parts.append(text)

    units = region.units
    text = Text("\n" + _("Forces present"), style="bold")
    for unit in units:
        unit_spec = index.units[unit.id]
        text.append(
            f"\n  {i18n.name(unit_spec.name)} ({i18n.name(unit_spec.country)}) {unit.strength}, "
            f"{i18n.recorded(POSTURES[unit.posture])}"
        )
        if unit.holds_tob:
            text.append(_(", holds the TOB"), style="bold")
        if unit_spec.caveats:
            caveats = ", ".join(i18n.recorded(words(c)) for c in unit_spec.caveats)
            text.append(_("; caveats: {caveats}").format(caveats=caveats), style="dim")
    for asset_id in region.aviation:
        asset_spec = index.aviation[asset_id]
        text.append(
            "\n  "
            + _("{asset}: {kind} tasked here").format(
                asset=i18n.name(asset_spec.name), kind=i18n.recorded(words(asset_spec.kind.value))
            )
        )
    for team in index.scenario.civilian_teams:
        if team.base == region_id:
            points = ngettext("(civilian, {count} point)", "(civilian, {count} points)", team.capacity)
            text.append(f"\n  {i18n.name(team.name)} {points.format(count=team.capacity)}")
    if not units and not any(team.base == region_id for team in index.scenario.civilian_teams):
        text.append("\n  " + _("none: the mission is absent"))
    text.append(
        "\n  "
        + _("PoC activities: Tier I {one}, Tier III {three}").format(
            one=region.tier_one, three=region.tier_three
        )
    )
    parts.append(text)

    text = Text(
        "\n" + _("Protection of civilians now: {value}").format(value=signed(region.protection)), style="bold"
    )
    for label, value in region.protection_items:
        text.append(f"\n  {signed(value)} {i18n.recorded(label)}", style="")
    parts.append(text)

    roads = ", ".join(short_name(i18n.name(index.regions[to].name)) for to in index.links[region_id])
    parts.append(Text("\n" + _("Roads to: {regions}").format(regions=roads or _("none"))))

    unit_ids = {u.id for u in units}
    parts.append(recent_changes(index, view, region_id, unit_ids, _("Recent events and their causes")))
    return Group(*parts)


def recent_changes(
    index: ScenarioIndex, view: GameView, region_id: str, unit_ids: set[str], title: str
) -> Text:
    """This turn's and last turn's changes about a region, each with its causes (twelve a turn at most)."""
    recent = Text("\n" + title, style="bold")
    shown = False
    for this, record in ((True, view.current), (False, view.last)):
        if record is None:
            continue
        changes = changes_about(record.changes, region_id, unit_ids)
        if changes:
            shown = True
            heading = _("Turn {turn} (this turn, {month})") if this else _("Turn {turn} (last turn, {month})")
            recent.append("\n " + heading.format(turn=record.turn, month=record.month), style="italic")
            for change in changes[:12]:
                recent.append("\n")
                recent.append_text(change_lines(index, change))
            if len(changes) > 12:
                more = len(changes) - 12
                line = ngettext("… and {count} more in the SITREP", "… and {count} more in the SITREP", more)
                recent.append("\n  " + line.format(count=more), style="dim")
    if not shown:
        recent.append("\n  " + _("nothing recorded yet"))
    return recent


class RegionPanel(VerticalScroll):
    """Scrollable details of the region selected on the map."""

    def compose(self):
        yield Static(id="region-report")

    def show(self, game: Game, region_id: str, seat: str = Role.SRSG, view: GameView | None = None) -> None:
        """The region as `seat` sees it (`view`: the seat's, from seat_view, when the screen has it)."""
        self.query_one("#region-report", Static).update(region_report(game, region_id, seat, view))
