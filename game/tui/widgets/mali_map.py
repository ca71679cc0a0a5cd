"""MaliMap: the regions as boxes in their real relative positions, selectable by keys or mouse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from game import i18n
from game.engine import Game
from game.engine.sides import GREEN, RED
from game.engine.view import GameView
from game.i18n import N_, _
from game.scenario.models import Role
from game.tui.labels import credibility_band, short_name, threat_summary, trend_arrow
from game.tui.widgets.map_layout import neighbour_in_direction, place_regions

MIN_BOX_WIDTH, MAX_BOX_WIDTH = 14, 24
MIN_BOX_HEIGHT, MAX_BOX_HEIGHT = 5, 8


@dataclass(frozen=True)
class RegionMarks:
    """What a region's box shows: numbers, symbols and markers, never colour alone."""

    name: str
    credibility: int
    trend: int
    threat: str
    warning: int | None  # None: the seat may not know the mission's early warning (the red cell)
    units: int
    tob: bool
    attack_helicopters: bool
    isr: bool
    attack_expected: bool
    population: int
    tier_one: int
    tier_three: int
    host_presence: int


def region_marks(view: GameView, region_id: str) -> RegionMarks:
    """A region's box from the seat's view (game.engine.view): the fog is already applied."""
    region = view.region(region_id)
    return RegionMarks(
        name=short_name(i18n.name(region.name)),
        credibility=region.credibility,
        trend=region.trend,
        threat=threat_summary(region.seen_threats()),  # partners are no threat
        warning=None if view.seat in (RED, GREEN) else region.warning,
        units=len(region.units),
        tob=region.tob,
        attack_helicopters=region.attack_helicopters,
        isr=region.isr,
        attack_expected=bool(region.expected_attacks),
        population=region.population,
        tier_one=region.tier_one,
        tier_three=region.tier_three,
        host_presence=region.host_presence,
    )


def _fit(inner: int, *candidates: str) -> str:
    """The first (longest) wording that fits the box, else the last one cut."""
    return next((c for c in candidates if len(c) <= inner), candidates[-1][:inner])


def box_lines(marks: RegionMarks, inner: int, lines: int) -> list[str]:
    """The text inside a box, in the longest wording that fits `inner` columns."""
    band = credibility_band(marks.credibility)
    word = i18n.recorded(band.word)
    trend = f"{trend_arrow(marks.trend)}{abs(marks.trend)}" if marks.trend else "→"
    threat = i18n.recorded(marks.threat)
    short_threat = {"medium": _("med"), "none seen": _("none")}.get(marks.threat, threat)
    marks_on = [
        flag
        for flag, on in (
            ("T", marks.tob),
            ("H", marks.attack_helicopters),
            ("I", marks.isr),
            ("!", marks.attack_expected),
        )
        if on
    ]
    # Translators: EW is early warning and its level, in a map box; keep it two letters.
    ew = " " + _("EW{level}").format(level=marks.warning) if marks.warning is not None else ""
    units, one, three = marks.units, marks.tier_one, marks.tier_three
    rows = [
        _fit(
            inner,
            f"{band.symbol} {marks.credibility} {word} {trend}",
            f"{band.symbol}{marks.credibility:>3} {trend}",
        ),
        _fit(
            inner,
            _("Threat {threat}").format(threat=threat),
            _("Thr {threat}").format(threat=threat),
            _("Thr {threat}").format(threat=short_threat),
        ),
        _fit(
            inner,
            " ".join([_("Units {units}").format(units=units) + ew, *marks_on]),
            (_("U{units}").format(units=units) + f"{ew} {''.join(marks_on)}").rstrip(),
        ),
        _fit(inner, _("Pop. {millions} M").format(millions=i18n.number(round(marks.population / 1e6, 2), 2))),
        _fit(
            inner,
            _("PoC tiers I:{one} III:{three}").format(one=one, three=three),
            f"I:{one} III:{three}",
        ),
        _fit(
            inner,
            _("Host state {presence}/5").format(presence=marks.host_presence),
            _("Host {presence}/5").format(presence=marks.host_presence),
        ),
    ]
    return rows[:lines]


class MaliMap(Widget, can_focus=True):
    """The theatre map. Arrow keys or a click select a region; RegionSelected tells the screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(0, -1)", N_("North"), show=False),
        Binding("down", "move(0, 1)", N_("South"), show=False),
        Binding("left", "move(-1, 0)", N_("West"), show=False),
        Binding("right", "move(1, 0)", N_("East"), show=False),
    ]

    selected: reactive[str] = reactive("", always_update=True)

    class RegionSelected(Message):
        """The player selected a region on the map."""

        def __init__(self, region: str):
            super().__init__()
            self.region = region

    def __init__(self, game: Game, *, seat: str = Role.SRSG, id: str | None = None):
        super().__init__(id=id)
        self.game = game
        self.seat = seat  # every mission seat sees the same map; the umpire sees exact threats
        self.view = game.observe(seat)
        self.cells, self.columns, self.rows = place_regions(
            {region.id: region.centre_km for region in game.scenario.regions}
        )
        self.set_reactive(MaliMap.selected, game.index.region_order[0])

    def show(self, game: Game, view: GameView | None = None) -> None:
        """Attributes down: the screen hands over the game, and the seat's view of it (a syndicate
        seat's is private: game.tui.session.seat_view), after every change."""
        self.game = game
        self.view = view or game.observe(self.seat)
        self.refresh()

    def box_size(self) -> tuple[int, int]:
        width = max(MIN_BOX_WIDTH, min(MAX_BOX_WIDTH, self.size.width // self.columns))
        height = max(MIN_BOX_HEIGHT, min(MAX_BOX_HEIGHT, self.size.height // self.rows))
        return width, height

    def get_content_width(self, container, viewport) -> int:
        return self.columns * MIN_BOX_WIDTH

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.rows * MIN_BOX_HEIGHT

    def render(self) -> Text:
        width, height = self.box_size()
        canvas_width = max(self.size.width, width * self.columns)
        grid = [[" "] * canvas_width for __ in range(height * self.rows)]
        styles: list[list[Style | None]] = [[None] * canvas_width for __ in range(height * self.rows)]
        for region_id, (column, row) in self.cells.items():
            self._draw_box(grid, styles, region_id, column * width, row * height, width, height)
        text = Text(no_wrap=True, overflow="crop")
        for line_chars, line_styles in zip(grid, styles, strict=True):
            for char, style in zip(line_chars, line_styles, strict=True):
                text.append(char, style)
            text.append("\n")
        text.rstrip()
        return text

    def _draw_box(self, grid, styles, region_id: str, left: int, top: int, width: int, height: int) -> None:
        marks = region_marks(self.view, region_id)
        band = credibility_band(marks.credibility)
        chosen = region_id == self.selected
        border = Style(color=band.colour, bold=chosen)
        corners = "╔╗╚╝═║" if chosen else "┌┐└┘─│"
        tl, tr, bl, br, horizontal, vertical = list(corners)
        right, bottom = left + width - 1, top + height - 1

        def put(x: int, y: int, char: str, style: Style | None) -> None:
            grid[y][x] = char
            styles[y][x] = style

        for x in range(left + 1, right):
            put(x, top, horizontal, border)
            put(x, bottom, horizontal, border)
        for y in range(top + 1, bottom):
            put(left, y, vertical, border)
            put(right, y, vertical, border)
        for x, y, char in ((left, top, tl), (right, top, tr), (left, bottom, bl), (right, bottom, br)):
            put(x, y, char, border)
        title = f" {marks.name} "[: width - 2]
        title_style = Style(bold=True, reverse=chosen)
        for offset, char in enumerate(title):
            put(left + 1 + offset, top, char, title_style)
        inner = width - 3
        for number, line in enumerate(box_lines(marks, inner, height - 2)):
            style = Style(color=band.colour, bold=True) if number == 0 else None
            for offset, char in enumerate(line):
                put(left + 2 + offset, top + 1 + number, char, style)

    def region_at(self, x: int, y: int) -> str | None:
        width, height = self.box_size()
        cell = (x // width, y // height)
        return next((region for region, place in self.cells.items() if place == cell), None)

    def on_click(self, event: events.Click) -> None:
        region = self.region_at(event.x, event.y)
        if region is not None:
            self.select(region)

    def action_move(self, dx: int, dy: int) -> None:
        found = neighbour_in_direction(self.cells, self.selected, dx, dy)
        if found is not None:
            self.select(found)

    def select(self, region: str) -> None:
        self.selected = region

    def watch_selected(self, region: str) -> None:
        self.post_message(self.RegionSelected(region))
