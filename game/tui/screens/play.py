"""PlayScreen: the map, the selected region, the means; it runs a turn from cards to SITREP."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from game.engine import Game, TurnRecord
from game.engine import orders as O
from game.engine.sides import GREEN, RED, sides
from game.engine.view import TurnView
from game.engine.wording import credibility_legend
from game.i18n import N_, _, ngettext, recorded
from game.record.saves import SaveError
from game.scenario.models import Role
from game.tui.dialogs.card import CardDialog
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.dialogs.save_name import SaveNameDialog
from game.tui.labels import ROLE_ORDER, ROLE_SHORT, ROLE_TITLES, shown
from game.tui.order_menu import order_text, replaced_orders
from game.tui.screens.handoff import HandoffScreen
from game.tui.session import PlaySession, Session, last_turn, seat_view
from game.tui.widgets.footer import Footer
from game.tui.widgets.guide_panel import GuidePanel
from game.tui.widgets.mali_map import MIN_BOX_WIDTH, MaliMap
from game.tui.widgets.region_panel import RegionPanel
from game.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from game.tui.app import MinusmaApp

LEGEND = N_("Credibility {legend} · ↑↓ last turn\nU units EW warning T TOB H heli I ISR ! attack")


CELLS = (RED, GREEN)  # the sides a human cell may hold besides the mission


class PlayScreen(Screen[None]):
    """Attributes down (the session), messages up (RegionSelected, dialog results)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "orders", N_("Orders")),
        Binding("c", "commit", N_("Commit")),
        Binding("d", "done", N_("Done: pass on")),
        Binding(
            "e", "events", N_("Cards")
        ),  # its event cards again; short, so the French footer fits 100 columns
        Binding("r", "sitrep", N_("SITREP")),
        Binding("s", "save", N_("Save")),
        Binding("escape", "leave", N_("Leave")),
        *[
            Binding(str(n + 1), f"seat({n})", ROLE_SHORT.english[role], show=False)
            for n, role in enumerate(ROLE_ORDER)
        ],
    ]

    AUTO_FOCUS = None  # the map takes the keyboard only once the turn's cards are read (see _ready)

    def __init__(self, session: PlaySession):
        super().__init__()
        self.session = session
        self._card_queue: list[str] = []
        self._installed: dict[str, Screen] = {}
        # Until the turn's opening (handoff, event cards) is on screen and read, keys must not
        # reach the map: a key pressed while the card is coming up would act on the map instead.
        self.opening = True

    @property
    def game(self) -> Game:
        return self.session.game

    @property
    def local(self) -> Session:
        """The game played at this keyboard: only it hands the seats round and ends the turn here
        (a hosted seat's screen commits through its store instead)."""
        assert isinstance(self.session, Session), "a hosted seat does not hand over or end the turn here"
        return self.session

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="play-body"):
            with Vertical(id="map-column"):
                yield MaliMap(self.game, id="map")
                yield Static(_(LEGEND).format(legend=credibility_legend()), id="legend")
                yield Static(id="seat-orders")
            with RegionPanel(id="region"):
                yield GuidePanel()
        yield Footer()

    def on_mount(self) -> None:
        world = self.query_one(MaliMap)
        self.query_one("#map-column").styles.min_width = world.columns * MIN_BOX_WIDTH
        self.refresh_view()
        self.begin_turn()

    # --- showing the game -----------------------------------------------------------------------
    @property
    def view_seat(self) -> str:
        """Whose view the map and region panel draw: a cell's own (red, green), or the mission's."""
        return self.session.seat if self.session.seat in CELLS else Role.SRSG

    def refresh_view(self) -> None:
        self.query_one(StatusBar).show(self.session)
        world = self.query_one(MaliMap)
        world.seat = self.view_seat
        view = seat_view(self.session, self.view_seat)  # a syndicate seat's map shows no other seat's drafts
        world.show(self.game, view)
        self.query_one(RegionPanel).show(self.game, world.selected, self.view_seat, view)
        self.query_one("#seat-orders", Static).update(self._orders_summary())
        self.refresh_bindings()

    def _orders_summary(self) -> Text:
        session = self.session
        role = session.seat if session.hotseat or session.seat in CELLS else None
        replaced = replaced_orders(self.game.pending_orders())
        pending = [(index, order) for index, order in session.pending_for(role) if index not in replaced]
        who = ROLE_TITLES[session.seat] if role else _("all seats")
        text = Text(_("Orders this turn ({who}): {count}").format(who=who, count=len(pending)), style="bold")
        for __, order in pending[-3:]:
            text.append(f"\n • {order_text(self.game, order)}")
        if len(pending) > 3:
            text.append(_("  (+{count} earlier)").format(count=len(pending) - 3), style="dim")
        for card_id in session.undecided_cards(role):
            card = self.game.index.cards[card_id]
            seat = ROLE_SHORT.get(str(card.choice.role), "") if card.choice else ""
            awaited = _("\n ? decision awaited: {card} ({seat})").format(card=shown(card, "title"), seat=seat)
            text.append(awaited, style="italic")
        if not pending and not session.undecided_cards(role):
            text.append(
                _("\n o: give orders · c: commit")
                if not session.hotseat
                else _("\n o: give orders · d: done")
            )
        return text

    @on(MaliMap.RegionSelected)
    def _region_selected(self, event: MaliMap.RegionSelected) -> None:
        self.query_one(RegionPanel).show(
            self.game, event.region, self.view_seat, seat_view(self.session, self.view_seat)
        )

    def on_screen_resume(self) -> None:
        if self._visible():  # not when the results give way straight to the SITREP
            self.refresh_view()

    def _visible(self) -> bool:
        """Whether the player sees this screen: on top, or under dialogs that let it show through.
        (Textual's is_current also counts the screen just under an opaque one: the map was redrawn
        under the SITREP as the turn results gave way to it, and the SITREP repainted over it.)"""
        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1 :] if self in stack else [self]
        return all(screen.styles.background.a < 1 for screen in above)

    def _ready(self) -> None:
        """The turn's opening is over: the map takes the keyboard."""
        self.opening = False
        self.query_one(MaliMap).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.opening:
            return False
        if action == "seat":  # the mission's seats are closed once a cell plays
            return not self.session.hotseat and self.session.seat not in CELLS
        if action == "commit":
            return not self.session.hotseat
        if action == "events":  # this turn's cards are the mission's briefing (a cell's view has none)
            return self.session.seat not in CELLS
        if action == "done":
            return self.session.hotseat
        if action == "sitrep":
            return True if last_turn(self.session) is not None else None
        return True

    # --- the turn's flow ------------------------------------------------------------------------
    def begin_turn(self) -> None:
        """Open a turn: the handoff to the first seat (hotseat), then the event cards."""
        self.opening = True  # no key reaches the map until _ready
        self.set_focus(None)
        self.refresh_bindings()
        if self.game.is_over():  # the last seat to commit reads the end screen from its side
            self._ready()
            self._show_end()
            return
        if self.session.hotseat:
            self._handoff(then=self._show_new_cards)
        else:
            self._show_new_cards()

    def _handoff(self, then) -> None:
        session = self.session
        decisions = [shown(self.game.index.cards[c], "title") for c in session.undecided_cards(session.seat)]

        def after_handoff(_: object) -> None:
            self.refresh_view()
            then()

        self.app.push_screen(HandoffScreen(session, decisions), after_handoff)

    def _show_new_cards(self) -> None:
        turn = seat_view(self.session).turn
        if self.session.seen_cards_turn != turn:
            self.session.seen_cards_turn = turn
            self.action_events()
        else:
            self._ready()

    def action_events(self) -> None:
        self._card_queue = list(seat_view(self.session).current.cards)
        if not self._card_queue:
            self.notify(_("No event card this turn."))
            self._ready()
            return
        self._next_card()

    def _next_card(self) -> None:
        if not self._card_queue:
            self.refresh_view()
            self._ready()
            return
        card_id = self._card_queue.pop(0)
        choice = seat_view(self.session, self._chooser(card_id)).decision(card_id)
        can_decide = choice is not None and self.session.can_decide(choice.role)
        view = seat_view(self.session, choice.role if can_decide and choice else None)
        dialog = CardDialog(self.game, view, card_id, can_decide, len(self._card_queue))
        self.app.push_screen(dialog, lambda option: self._card_closed(card_id, option))

    def _chooser(self, card_id: str) -> str:
        """The seat a card's decision is put to, or this seat (the decision is public, the
        draft answer is the deciding seat's)."""
        card = self.game.index.cards.get(card_id)
        role = str(card.choice.role) if card is not None and card.choice is not None else ""
        return role if role in ROLE_ORDER else self.session.seat

    def _card_closed(self, card_id: str, option: str | None) -> None:
        choice = seat_view(self.session, self._chooser(card_id)).decision(card_id)
        if option is not None and choice is not None and choice.decided != option:
            try:
                self.session.give(O.DecideCard(card=card_id, option=option), choice.role)
            except self.session.refusals as error:
                self.notify(
                    recorded(self.session.refusal(error)), title=_("Decision refused"), severity="warning"
                )
        self._next_card()

    def action_orders(self) -> None:
        from game.tui.screens.orders import OrdersScreen

        self.app.push_screen(OrdersScreen(self.session))

    def action_seat(self, number: int) -> None:
        self.session.select_seat(ROLE_ORDER[number])
        self.refresh_view()
        self.notify(_("Acting as {seat}.").format(seat=ROLE_TITLES[self.session.seat]), timeout=2)

    def action_commit(self) -> None:
        session = self.session
        replaced = replaced_orders(self.game.pending_orders())
        role = session.seat if session.seat in CELLS else None  # a cell counts only its own
        count = len([index for index, __ in session.pending_for(role) if index not in replaced])
        lines = [
            ngettext("{count} order given this turn.", "{count} orders given this turn.", count).format(
                count=count
            )
        ]
        for card_id in session.undecided_cards(role):
            card = self.game.index.cards[card_id]
            if card.choice:
                default = next(o for o in card.choice.options if o.id == card.choice.default)
                lines.append(
                    _("Undecided: {card} takes its default, '{option}'.").format(
                        card=shown(card, "title"), option=shown(default, "label")
                    )
                )
        turn = seat_view(session).turn
        title = _("Commit turn {turn}?").format(turn=turn)
        nxt = session.next_cell if isinstance(session, Session) else None
        if nxt is not None:
            if session.seat not in CELLS:
                title = _("Commit the mission's orders for turn {turn}?").format(turn=turn)
            lines.append(
                _("The {cell} gives its orders next.").format(cell=ROLE_TITLES[nxt])
                if nxt == GREEN
                else _("The red cell gives its orders next; then the turn is resolved.")
            )
        dialog = ConfirmDialog(title, "\n".join(lines), yes=_("Commit"), no=_("Not yet"))
        self.app.push_screen(dialog, lambda yes: self._commit() if yes else None)

    def action_done(self) -> None:
        session = self.local
        if session.seat_index + 1 < len(session.seat_order):
            nxt = ROLE_TITLES[session.seat_order[session.seat_index + 1]]
            dialog = ConfirmDialog(
                _("Finished, {seat}?").format(seat=ROLE_TITLES[session.seat]),
                _("Your orders stay hidden; the keyboard goes to the {seat}.").format(seat=nxt),
                yes=_("Pass on"),
                no=_("Not yet"),
            )
            self.app.push_screen(dialog, lambda yes: self._pass_on() if yes else None)
        else:
            self.action_commit()

    def action_hand_red(self, to: Literal["human", "bot"]) -> None:
        """The facilitator hands the armed groups to a red cell or back to the bot (an order in the log)."""
        self.action_hand_side(RED, to)

    def action_hand_side(self, side: str, to: Literal["human", "bot"]) -> None:
        """The facilitator hands a side (red, green) to a human cell or back to its bot (in the log)."""
        session = self.local
        seat = session.seat
        try:
            session.give(O.HandSide(side=side, to=to), O.FACILITATOR)
        except session.refusals as error:
            self.notify(recorded(session.refusal(error)), title=_("Not handed over"), severity="warning")
            return
        if to == "human":
            session.meta.seats.setdefault(side, ROLE_TITLES.english[side])
        if seat in session.seat_order:  # the same seat keeps the keyboard
            session.select_seat(seat)
        else:
            session.seat_index = min(session.seat_index, len(ROLE_ORDER) - 1)
        if side == RED:
            message = (
                _("The armed groups are now played by a red cell, after the mission commits.")
                if to == "human"
                else _("The armed groups are now played by the bot.")
            )
        else:
            message = (
                _("The host state is now played by a green cell, after the mission commits.")
                if to == "human"
                else _("The host state is now played by its rules.")
            )
        self.notify(message, title=_("Facilitator"))
        self.refresh_view()

    def _pass_on(self) -> None:
        self.local.pass_seat()
        self._handoff(then=lambda: None)

    def _commit(self) -> None:
        nxt = self.local.next_cell
        if nxt is not None:  # the orders before are in: a cell orders now (green, then red)
            self.local.to_cell(nxt)
            self._handoff(then=self._ready)
            return
        committer = self.local.seat
        record = self.local.commit()
        seen = seat_view(self.session, committer).turn_view(record.turn)  # the committing seat's own view
        if self.session.save_problem:
            self.notify(self.session.save_problem, title=_("Autosave failed"), severity="error", timeout=10)
        results = self._reused("results")
        results.record = seen
        self.app.push_screen(results, lambda __: self._show_sitrep(seen, True))

    def _show_sitrep(self, record: TurnRecord | TurnView, then_next_turn: bool) -> None:
        def closed(__: object) -> None:
            if then_next_turn:
                if isinstance(self.session, Session) and not self.game.is_over():
                    self.session.first_seat()  # the committing seat has read its results
                self.begin_turn()

        sitrep = self._reused("sitrep")
        sitrep.record = record
        self.app.push_screen(sitrep, closed)

    def _reused(self, kind: str):
        """The turn results or SITREP screen, built once per game and refilled each turn: a screen
        that stays installed comes up several times faster than a new one."""
        from game.tui.screens.results import TurnResultsScreen
        from game.tui.screens.sitrep import SitrepScreen

        screen = self._installed.get(kind)
        if screen is None:
            screen = (TurnResultsScreen if kind == "results" else SitrepScreen)(self.session)
            self.app.install_screen(screen, f"{kind}-{id(self)}")
            self._installed[kind] = screen
        return screen

    def on_unmount(self) -> None:
        for kind, screen in self._installed.items():
            if screen not in self.app.screen_stack:  # the app may be closing with it on top
                self.app.uninstall_screen(f"{kind}-{id(self)}")

    def action_sitrep(self) -> None:
        record = last_turn(self.session)
        if record is not None:
            self._show_sitrep(record, False)

    def _show_end(self) -> None:
        from game.tui.screens.end import EndScreen

        self.app.push_screen(EndScreen(self.session))

    # --- saving and leaving ---------------------------------------------------------------------
    def action_save(self) -> None:
        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = self.session.save_as(name)
            except SaveError as error:
                self.notify(str(error), title=_("Not saved"), severity="error", timeout=10)
            else:
                self.notify(_("Saved as {name}").format(name=path.name), title=_("Saved"))

        default = f"{self.game.scenario.id}-{seat_view(self.session).month}"
        self.app.push_screen(SaveNameDialog(default), named)

    def action_leave(self) -> None:
        dialog = ConfirmDialog(
            _("Leave this game?"),
            _("It is autosaved: Continue on the title screen brings it back where you left it."),
            yes=_("Leave"),
            no=_("Stay"),
        )
        self.app.push_screen(dialog, lambda yes: cast("MinusmaApp", self.app).leave_game() if yes else None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(_("Orders"), _("Give or withdraw this seat's orders"), self.action_orders)
        if self.session.hotseat:
            yield SystemCommand(_("Done: pass on"), _("Hand the keyboard to the next seat"), self.action_done)
        else:
            yield SystemCommand(
                _("Commit turn"), _("End the orders phase and resolve the turn"), self.action_commit
            )
            for number, role in enumerate(ROLE_ORDER):
                yield SystemCommand(
                    _("Act as {seat}").format(seat=ROLE_TITLES[role]),
                    _("Switch seat"),
                    lambda number=number: self.action_seat(number),
                )
        if isinstance(self.session, Session):
            to_bot = RED in self.session.seat_order
            yield SystemCommand(
                _("Facilitator: hand the armed groups to the bot")
                if to_bot
                else _("Facilitator: hand the armed groups to a red cell"),
                _("From now on; recorded in the game's log and the debrief (rules.md §5.2)"),
                lambda: self.action_hand_red("bot" if to_bot else "human"),
            )
            if GREEN in sides(self.game.scenario):
                green_to_bot = GREEN in self.session.seat_order
                yield SystemCommand(
                    _("Facilitator: hand the host state to its rules")
                    if green_to_bot
                    else _("Facilitator: hand the host state to a green cell"),
                    _("From now on; recorded in the game's log and the debrief (rules.md §9.1)"),
                    lambda: self.action_hand_side(GREEN, "bot" if green_to_bot else "human"),
                )
        if self.session.seat not in CELLS:
            yield SystemCommand(_("Event cards"), _("Show this turn's event cards again"), self.action_events)
        if self.session.last_record is not None:
            yield SystemCommand(
                _("Last SITREP"), _("Every change of the last turn, with causes"), self.action_sitrep
            )
        yield SystemCommand(_("Save game"), _("Save under a name"), self.action_save)
        yield SystemCommand(
            _("Leave game"), _("Back to the title screen (the game is saved)"), self.action_leave
        )
