"""NewGameScreen: pick a scenario (description, length, editable seed) and the seats, then play."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from game.engine.sides import GREEN, RED, sides
from game.i18n import N_, _, ngettext
from game.scenario.catalog import find_scenario, scenario_names
from game.scenario.loader import ScenarioError
from game.scenario.models import Scenario
from game.tui.labels import ROLE_ORDER, ROLE_TITLES, Translated, shown
from game.tui.session import Session
from game.tui.widgets.footer import Footer
from game.tui.widgets.marked_radio import MarkedRadioButton

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

PREFERRED_FIRST = ("tutorial", "mali-2019")
SEAT_LABELS = Translated({**ROLE_TITLES.english, "comms_chief": N_("Chief of Communications")})


def seat_label(role: str) -> str:
    """A seat as a form's label: capitalised (French writes functions in lower case in a sentence)."""
    label = SEAT_LABELS[role]
    return label[:1].upper() + label[1:]


def scenario_summary(scenario: Scenario) -> str:
    calendar = scenario.calendar
    months = calendar.turns * calendar.turn_months
    from game.engine.turn import next_month

    last = next_month(calendar.start, months - calendar.turn_months)
    turns = ngettext("{count} turn", "{count} turns", calendar.turns).format(count=calendar.turns)
    each = ngettext("{count} month", "{count} months", calendar.turn_months).format(
        count=calendar.turn_months
    )
    length = _("Length: {turns} of {months}, {start} to {last}.").format(
        turns=turns, months=each, start=calendar.start, last=last
    )
    sizes = _(
        "{regions} regions, {contingents} contingents, {aviation} aviation assets, {cards} event cards."
    ).format(
        regions=len(scenario.regions),
        contingents=len(scenario.contingents),
        aviation=len(scenario.aviation),
        cards=len(scenario.cards),
    )
    return f"{shown(scenario, 'title')}\n\n{shown(scenario, 'description')}\n\n{length}\n{sizes}"


class NewGameScreen(Screen[None]):
    """Enter in a field moves to the next one; Ctrl-S (or the Start button) starts the game."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", N_("Start"), priority=True),
        Binding("escape", "app.pop_screen", N_("Back")),
    ]

    def __init__(self, scenario: str | None = None, seed: int | None = None):
        super().__init__()
        names = scenario_names()
        self.names = [n for n in PREFERRED_FIRST if n in names] + [
            n for n in names if n not in PREFERRED_FIRST
        ]
        self.wanted = scenario
        self.seed = seed if seed is not None else random.randint(1, 99_999)
        self.scenario: Scenario | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-game"):
            yield Label(_("New game"), classes="screen-title")
            with Horizontal(id="scenario-row"):
                yield OptionList(*[Option(name, id=name) for name in self.names], id="scenario-list")
                with VerticalScroll(id="scenario-info", can_focus=False):
                    yield Static(id="scenario-text")
            with Horizontal(classes="form-row"):
                yield Label(_("Seed"), classes="form-label")
                yield Input(str(self.seed), id="seed", type="integer", max_length=9, compact=True)
                yield Static(_("Same scenario + seed + orders = the same game."), classes="form-help")
            with Horizontal(classes="form-row"):
                yield Label(_("Seats"), classes="form-label")
                with RadioSet(id="mode", compact=True):
                    yield MarkedRadioButton(_("Solo: I hold every role"), value=True, id="solo")
                    yield MarkedRadioButton(_("Hotseat: one named player per role"), id="hotseat")
            with Vertical(id="names"):
                for role in ROLE_ORDER:
                    with Horizontal(classes="form-row name-row", id=f"row-{role}"):
                        yield Label(
                            seat_label(role) if role != "srsg" else _("Your name"), classes="form-label"
                        )
                        yield Input(
                            placeholder=_("player's name (optional)"),
                            id=f"name-{role}",
                            max_length=30,
                            compact=True,
                        )
            with Horizontal(classes="form-row", id="row-sides"):
                yield Label(_("Armed groups"), classes="form-label")
                with RadioSet(id="red-holder", compact=True):
                    yield MarkedRadioButton(_("Bot (rules §5)"), value=True, id="red-bot")
                    yield MarkedRadioButton(_("Red cell: a player"), id="red-human")
            with Horizontal(classes="form-row name-row", id=f"row-{RED}"):
                yield Label(_("Red cell"), classes="form-label")
                yield Input(
                    placeholder=_("player's name (optional)"), id=f"name-{RED}", max_length=30, compact=True
                )
            with Horizontal(classes="form-row", id="row-green-holder"):
                yield Label(_("Host state"), classes="form-label")
                with RadioSet(id="green-holder", compact=True):
                    yield MarkedRadioButton(_("Its rules (§9)"), value=True, id="green-bot")
                    yield MarkedRadioButton(_("Green cell: a player"), id="green-human")
            with Horizontal(classes="form-row name-row", id=f"row-{GREEN}"):
                yield Label(_("Green cell"), classes="form-label")
                yield Input(
                    placeholder=_("player's name (optional)"), id=f"name-{GREEN}", max_length=30, compact=True
                )
            yield Static(id="new-game-problem", classes="problem")
            yield Button(_("Start (Ctrl-S)"), id="start", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#scenario-list", OptionList)
        if self.wanted and self.wanted not in self.names:
            try:
                self.scenario = find_scenario(self.wanted)
            except ScenarioError as error:
                self.problem(str(error).splitlines()[0])
            else:
                menu.add_option(Option(self.scenario.id, id=self.wanted))
                self.names.append(self.wanted)
        index = self.names.index(self.wanted) if self.wanted in self.names else 0
        menu.highlighted = index
        menu.focus()
        self._show_seats()
        self._show_red()
        self._show_green()

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _scenario_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        text = self.query_one("#scenario-text", Static)
        try:
            self.scenario = find_scenario(event.option.id or "")
        except ScenarioError as error:
            self.scenario = None
            text.update(_("This scenario cannot be played:\n{error}").format(error=error))
            self._show_green()
            return
        text.update(scenario_summary(self.scenario))
        self._show_green()

    @on(OptionList.OptionSelected, "#scenario-list")
    def _scenario_selected(self) -> None:
        self.query_one("#seed", Input).focus()

    @on(RadioSet.Changed, "#red-holder")
    def _show_red(self) -> None:
        self.query_one(f"#row-{RED}").display = self.query_one("#red-human", MarkedRadioButton).value

    @on(RadioSet.Changed, "#green-holder")
    def _show_green(self) -> None:
        """The host state is offered only by a scenario that defines its seat (rules.md §9.1)."""
        offered = self.scenario is not None and GREEN in sides(self.scenario)
        self.query_one("#row-green-holder").display = offered
        human = self.query_one("#green-human", MarkedRadioButton).value
        self.query_one(f"#row-{GREEN}").display = offered and human

    @on(RadioSet.Changed, "#mode")
    def _show_seats(self) -> None:
        hotseat = self.query_one("#hotseat", MarkedRadioButton).value
        for role in ROLE_ORDER[1:]:
            self.query_one(f"#row-{role}").display = hotseat
        label = self.query_one("#row-srsg Label", Label)
        label.update(seat_label("srsg") if hotseat else _("Your name"))

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        visible = [i for i in self.query(Input) if i.display and i.parent is not None and i.parent.display]
        if event.input is visible[-1]:
            self.action_start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def problem(self, message: str) -> None:
        self.query_one("#new-game-problem", Static).update(message)

    def action_start(self) -> None:
        if self.scenario is None:
            self.problem(_("Choose a scenario that loads (see its description)."))
            return
        raw = self.query_one("#seed", Input).value.strip()
        if not raw.lstrip("-").isdigit():
            self.problem(_("The seed must be a whole number, for example 1234."))
            self.query_one("#seed", Input).focus()
            return
        hotseat = self.query_one("#hotseat", MarkedRadioButton).value
        names = {role: self.query_one(f"#name-{role}", Input).value.strip() for role in ROLE_ORDER}
        if hotseat:
            seats = {role: names[role] or ROLE_TITLES.english[role] for role in ROLE_ORDER}
        else:
            seats = dict.fromkeys(ROLE_ORDER, names["srsg"])
        red_cell = self.query_one("#red-human", MarkedRadioButton).value
        if red_cell:  # a human plays the armed groups (rules.md §5.2)
            seats[RED] = self.query_one(f"#name-{RED}", Input).value.strip() or ROLE_TITLES.english[RED]
        green_cell = GREEN in sides(self.scenario) and self.query_one("#green-human", MarkedRadioButton).value
        if green_cell:  # a human plays the host state (rules.md §9.1)
            seats[GREEN] = self.query_one(f"#name-{GREEN}", Input).value.strip() or ROLE_TITLES.english[GREEN]
        mode = "hotseat" if hotseat else "solo"
        session = Session.new(self.scenario, int(raw), seats, mode, red_cell=red_cell, green_cell=green_cell)
        cast("MinusmaApp", self.app).play(session)
