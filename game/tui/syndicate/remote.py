"""RemoteApp: `minusma join` and `minusma facilitate` — a thin client of the syndicate server.

It holds no game: it shows the view the host pushes (this seat's, or the umpire's for the
facilitator), sends orders, withdrawals and commits, and rejoins by itself after a dropped
connection. The code is asked on screen (a terminal or a browser tab alike) and kept in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Literal, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Middle, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game import i18n
from game.engine.sides import GREEN, RED
from game.engine.view import GameView
from game.engine.wording import seat_name, words
from game.i18n import N_, _, ngettext
from game.syndicate.client import ClientError, SyndicateClient
from game.syndicate.protocol import FACILITATOR_SEAT
from game.syndicate.wire import view_from_json
from game.text import clean
from game.tui.dialogs.confirm import ConfirmDialog
from game.tui.labels import labelled
from game.tui.safe_app import SafeApp
from game.tui.syndicate.forms import CardEditor, FormDialog
from game.tui.widgets.footer import Footer


def seat_title(seat: str) -> str:
    return _("Facilitator") if seat == FACILITATOR_SEAT else i18n.recorded(seat_name(seat))


YES = ("y", "yes", "o", "oui")  # the clock form's answer, in English or French


def killed_line(civilians: int, peacekeepers: int, sentence: bool = True) -> str:
    """ "3 civilians and 1 peacekeepers killed." as the language counts them (the end stop optional)."""
    people = ngettext("{civilians} civilian", "{civilians} civilians", civilians).format(civilians=civilians)
    soldiers = ngettext("{peacekeepers} peacekeeper", "{peacekeepers} peacekeepers", peacekeepers).format(
        peacekeepers=peacekeepers
    )
    line = _("{civilians} and {peacekeepers} killed").format(civilians=people, peacekeepers=soldiers)
    return line + "." if sentence else line


class CodeScreen(Screen[str]):
    """The seat's join code (or the facilitator secret), typed hidden; errors shown under it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.quit", N_("Quit"))]
    DEFAULT_CSS = """
    #code-box { width: 80; max-width: 100%; height: auto; padding: 1 2; border: round $accent; }
    #code-problem { color: $error; height: auto; }
    """

    def __init__(self, seat: str | None, address: str):
        super().__init__()
        self.seat, self.address = seat, address

    def compose(self) -> ComposeResult:
        if self.seat == FACILITATOR_SEAT:
            ask = _("Your facilitator secret, as the host gave it (Enter to join):")
        else:
            ask = _("Your join code, as the host gave it (Enter to join):")
        with Middle(), Center(), Vertical(id="code-box"):
            title = seat_title(self.seat) if self.seat else _("A seat")
            where = _("{seat} at {address}").format(seat=title, address=clean(self.address))
            yield Label(Text(where), classes="screen-title")
            if self.seat is None:
                yield Static(_("Your seat: srsg, fc, police, comms, red, green or facilitator"))
                yield Input(placeholder="fc", id="seat")
            yield Static(ask)
            yield Input(password=True, placeholder="xxxxx-xxxxx-xxxxx-xxxxx", id="code")
            yield Static("", id="code-problem")
        yield Footer()

    def show_problem(self, message: str) -> None:
        self.query_one("#code-problem", Static).update(Text(clean(message)))
        self.query_one("#code", Input).value = ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "seat":
            self.query_one("#code", Input).focus()
            return
        if self.seat is None:
            from game.errors import UserError
            from game.syndicate.commands import seat_name as seat_from

            typed = self.query_one("#seat", Input).value.strip().lower()
            try:
                seat = FACILITATOR_SEAT if typed == FACILITATOR_SEAT else seat_from(typed)
            except UserError:
                seat = None
            if seat is None:
                self.show_problem(
                    _("no seat {typed}: srsg, fc, police, comms, red, green or facilitator").format(
                        typed=repr(typed)
                    )
                )
                return
            self.app.seat = seat  # type: ignore[attr-defined]
            self.app.board.seat = seat  # type: ignore[attr-defined]
        if event.value.strip():
            self.app.call_later(self.app.join, event.value.strip())  # type: ignore[attr-defined]


class BoardScreen(Screen[None]):
    """The seat's view: the regions, its orders, what it may order, who has committed, the clock."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "commit", N_("Commit")),
        Binding("w", "withdraw", N_("Withdraw order")),
        Binding("o", "focus_menu", N_("Orders menu")),
        Binding("p", "pause", N_("Pause/resume")),  # these six: the facilitator's only (check_action)
        Binding("f", "force", N_("Force the turn")),
        Binding("k", "clock", N_("Clock")),
        Binding("t", "note", N_("Note")),
        Binding("v", "override", N_("Override")),
        Binding("y", "card", N_("Write a card")),
        Binding("escape", "app.leave", N_("Leave")),
    ]
    DEFAULT_CSS = """
    #bar { height: auto; padding: 0 1; background: $primary-background; }
    #problem { height: auto; color: $error; padding: 0 1; }
    #regions { height: 1fr; min-height: 6; }
    #side { width: 50%; }
    #menu { height: 1fr; border: round $accent; }
    #mine { height: auto; max-height: 10; border: round $secondary; }
    #last { height: auto; max-height: 25%; padding: 0 1; }
    #region { height: auto; max-height: 35%; padding: 0 1; border-top: solid $secondary; }
    """

    def __init__(self, seat: str):
        super().__init__()
        self.seat = seat
        self.message: dict[str, Any] | None = None
        self.view: GameView | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="bar")
        yield Static("", id="problem")
        with Horizontal():
            with Vertical():
                yield DataTable(id="regions", cursor_type="row", zebra_stripes=True)
                yield VerticalScroll(Static("", id="region-text"), id="region")
                yield VerticalScroll(Static("", id="last-text"), id="last")
            with Vertical(id="side"):
                yield OptionList(id="menu")
                yield OptionList(id="mine")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#regions", DataTable)
        if self.seat == RED:  # no early warning, no expected attacks: what the red cell may know (§5.2)
            table.add_columns(
                _("Region"),
                _("Credibility"),
                _("Your groups"),
                _("Host"),
                _("Mission units"),
                _("Helicopters"),
            )
        elif self.seat == GREEN:  # its army and the mission's requests, no warning (§9.1)
            table.add_columns(
                _("Region"),
                _("Credibility"),
                _("Armed groups seen"),
                _("State"),
                _("Mission units"),
                _("Asked"),
            )
        else:
            table.add_columns(
                _("Region"),
                _("Credibility"),
                _("Armed groups seen"),
                _("Warning"),
                _("Mission units"),
                _("Expected"),
            )
        self.query_one("#menu", OptionList).border_title = _("What you can order (Enter gives it)")
        self.query_one("#mine", OptionList).border_title = _("Your orders this turn (w withdraws)")
        self._ready = True
        if self.message is not None:
            self.show(self.message)

    # --- drawing the pushed view ---------------------------------------------------------------
    def show(self, message: dict[str, Any]) -> None:
        self.message = message
        self.view = view = view_from_json(message["view"])
        if not self._ready:
            return
        status = message["status"]
        bar = Text(_("Turn {turn} ({month})").format(turn=view.turn, month=view.month) + "  ", style="bold")
        bar.append(_("National credibility {value}").format(value=view.national_credibility) + "  ")
        if self.seat == RED:
            bar.append(self._red_line(status), style="bold")
        elif self.seat == GREEN:
            bar.append(self._green_line(status), style="bold")
        else:
            bar.append(_("Budget {budget}").format(budget=view.means.budget) + "   ")
        for number, seat in enumerate(status["seats"]):
            bar.append(" · " if number else _("Seats: "))
            mark = (
                _("committed") if seat["committed"] else (_("ordering") if seat["connected"] else _("(away)"))
            )
            mark = _("(bot)") if seat.get("bot") else mark
            style = "bold green" if seat["committed"] else ""
            title = i18n.recorded(seat["title"])
            bar.append(f"{title} {mark}", style=f"{style} underline" if seat["seat"] == self.seat else style)
        if status["paused"]:
            bar.append("   " + _("PAUSED by the facilitator"), style="bold reverse")
        if status["seconds_left"] is not None:
            minutes, seconds = divmod(int(status["seconds_left"]), 60)
            bar.append("   " + _("Clock {time}").format(time=f"{minutes:02d}:{seconds:02d}"), style="bold")
        if status["over"]:
            bar.append("   " + _("The game is over."), style="bold")
        self.query_one("#bar", Static).update(bar)
        self.query_one("#problem", Static).update(Text(clean(status["storage_problem"] or "")))
        self._show_regions(view)
        self._show_menu(message["menu"])
        self._show_mine(view)
        self._show_last(view, message.get("cards", []))
        self._show_region()

    @staticmethod
    def _red_line(status: dict[str, Any]) -> str:
        """What the red cell may do now (rules.md §5.2: it orders after the mission commits)."""
        red: dict[str, Any] = next((seat for seat in status["seats"] if seat["seat"] == RED), {})
        if red.get("bot"):
            return _("The facilitator has given the armed groups to their bot.") + "   "
        if status.get("red_orders_open"):
            return _("The mission has committed: give your orders, then commit.") + "   "
        if red.get("committed"):
            return "   "
        return _("Waiting for the mission's seats to commit.") + "   "

    @staticmethod
    def _green_line(status: dict[str, Any]) -> str:
        """What the green cell may do now (rules.md §9.1: it answers after the mission commits)."""
        green: dict[str, Any] = next((seat for seat in status["seats"] if seat["seat"] == GREEN), {})
        if green.get("bot"):
            return _("The facilitator has given the host state back to its rules.") + "   "
        if status.get("green_orders_open"):
            return _("The mission has committed: answer its requests, give your orders, commit.") + "   "
        if green.get("committed"):
            return "   "
        return _("Waiting for the mission's seats to commit.") + "   "

    def _show_regions(self, view: GameView) -> None:
        table = self.query_one("#regions", DataTable)
        row = table.cursor_row
        table.clear()
        for region in view.regions:
            threats = (
                ", ".join(
                    f"{i18n.name(t.name)} {i18n.recorded(t.seen)}" for t in region.threats if not t.partner
                )
                or "-"
            )
            units = ", ".join(i18n.name(u.name) for u in region.units) or "-"
            expected = (
                ", ".join(
                    f"{i18n.name(a.title)} ({i18n.recorded(a.against)})" for a in region.expected_attacks
                )
                or "-"
            )
            trend = f"{region.trend:+d}" if region.trend else ""
            if self.seat == RED:
                units = (
                    ", ".join(
                        f"{i18n.name(u.name)} ({i18n.recorded(words(u.posture))})" for u in region.units
                    )
                    or "-"
                )
                # Translators: also a kind of change (an attack); here, attack helicopters over the region.
                expected = _("attack") if region.attack_helicopters else "-"
            if self.seat == GREEN:
                expected = str(len(region.requests)) if region.requests else "-"
            table.add_row(
                Text(clean(i18n.name(region.name))),
                f"{region.credibility} {trend}",
                Text(clean(threats)),
                str(region.host_presence if self.seat in (RED, GREEN) else region.warning),
                Text(clean(units)),
                Text(clean(expected)),
                key=region.id,
            )
        if 0 <= row < table.row_count:
            table.move_cursor(row=row)

    def _show_menu(self, entries: list[dict[str, Any]]) -> None:
        """The menu grouped as the engine places each order: a heading per unit, asset or theme."""
        menu = self.query_one("#menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        heading: list[str] | None = None
        for number, entry in enumerate(entries):
            if entry["path"] != heading:
                heading = entry["path"]
                path = " › ".join(i18n.recorded(part) for part in heading)
                menu.add_option(Option(Text(clean(path), style="bold"), disabled=True))
            label = Text("  " + clean(i18n.recorded(entry["label"])))
            if entry["reason"] is not None:
                label.stylize("dim")
                label.append(Text(clean(f"  ({i18n.recorded(entry['reason'])})"), style="italic dim"))
            menu.add_option(Option(label, id=str(number), disabled=entry["reason"] is not None))
        if highlighted is not None and highlighted < menu.option_count:
            menu.highlighted = highlighted

    def _mine(self, view: GameView) -> list[str]:
        role = "facilitator" if self.seat == FACILITATOR_SEAT else self.seat
        return [order.text for order in view.orders if order.role == role]

    def _show_mine(self, view: GameView) -> None:
        mine = self.query_one("#mine", OptionList)
        mine.clear_options()
        for text in self._mine(view):
            mine.add_option(Option(Text(clean(i18n.recorded(text)))))
        if not self._mine(view):
            none = Text(_("none yet: choose in the menu above"), style="dim")
            mine.add_option(Option(none, disabled=True))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_region()

    def _show_region(self) -> None:
        """The highlighted region, and why its numbers moved: each change with its causes."""
        view, table = self.view, self.query_one("#regions", DataTable)
        if view is None or not view.regions or not 0 <= table.cursor_row < len(view.regions):
            return
        region = view.regions[table.cursor_row]
        text = Text(clean(i18n.name(region.name)), style="bold")
        if self.seat in (RED, GREEN):
            numbers = _("  credibility {credibility}, host presence {presence}")
        else:
            numbers = _("  credibility {credibility}, early warning {warning}, host presence {presence}")
        text.append(
            numbers.format(
                credibility=region.credibility, warning=region.warning, presence=region.host_presence
            )
            + "\n"
        )
        for request in region.requests:  # the green cell's: what the mission asks of the state here
            text.append(" " + _("asked: {request}").format(request=clean(request)) + "\n", style="bold")
        turns = [view.current, *reversed(view.history)][:2]
        changes = [c for t in turns for c in t.changes if c.target.partition("/")[0] == region.id]
        for change in changes[:8]:
            summary = clean(i18n.recorded(change.summary))
            text.append(" • " + _("turn {turn}: {summary}").format(turn=change.turn, summary=summary) + "\n")
            for cause in change.causes[:3]:
                because = clean(i18n.recorded(cause.detail or words(cause.kind)))
                text.append("     " + _("because {cause}").format(cause=because) + "\n", style="dim")
        if not changes:
            text.append(" " + _("No change here this turn or the last."), style="dim")
        self.query_one("#region-text", Static).update(text)

    def _show_last(self, view: GameView, cards: list[dict[str, Any]]) -> None:
        text = Text()
        log = self.message.get("log", []) if self.message else []
        if log:
            text.append(_("This turn's orders, every seat:") + "\n", style="bold")
            for entry in log:
                said = clean(i18n.recorded(entry["text"]))
                text.append(f" • {labelled(seat_title(entry['seat']), said)}\n")
        for card in cards:
            text.append(clean(i18n.name(card["title"])), style="bold")
            text.append(f"\n{clean(i18n.name(card['text'])).strip()}\n")
        last = view.last
        if last is not None:
            text.append(_("Turn {turn} ({month}): ").format(turn=last.turn, month=last.month), style="bold")
            text.append(killed_line(last.civilians_killed, last.peacekeepers_killed) + "\n")
            for line in last.adversary[:6]:
                text.append(f" • {clean(i18n.recorded(line))}\n")
        self.query_one("#last-text", Static).update(text or Text(_("No turn played yet."), style="dim"))

    # --- actions --------------------------------------------------------------------------------
    def _send(self, kind: str, **fields: Any) -> None:
        cast(RemoteApp, self.app).send(kind, **fields)

    def _then(self, kind: str) -> Callable[[bool | None], None]:
        """A dialog's answer: send the request on yes."""

        def answered(yes: bool | None) -> None:
            if yes:
                self._send(kind)

        return answered

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "menu" or self.message is None or event.option.id is None:
            return
        entry = self.message["menu"][int(event.option.id)]
        self._send("give", order=entry["order"])

    def action_focus_menu(self) -> None:
        self.query_one("#menu", OptionList).focus()

    def action_withdraw(self) -> None:
        mine = self.query_one("#mine", OptionList)
        if self.view is None or mine.highlighted is None or not self._mine(self.view):
            self.notify(_("Highlight one of your orders first (Tab to the list)."))
            return
        self._send("withdraw", index=mine.highlighted)

    def action_commit(self) -> None:
        mine = len(self._mine(self.view)) if self.view else 0
        gave = ngettext(
            "You gave {count} order this turn. Once committed it cannot be changed.",
            "You gave {count} orders this turn. Once committed they cannot be changed.",
            mine,
        )
        dialog = ConfirmDialog(
            _("Commit your orders?"), gave.format(count=mine), yes=_("Commit"), no=_("Not yet")
        )
        self.app.push_screen(dialog, self._then("commit"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        facilitator_only = ("pause", "force", "clock", "note", "override", "card")
        if action in facilitator_only:
            return self.seat == FACILITATOR_SEAT
        if action == "commit":
            return self.seat != FACILITATOR_SEAT
        return True

    async def _ask(self, kind: str, **fields: Any) -> str | None:
        """Send a request; the host's reason when refused, else None."""
        client = cast(RemoteApp, self.app).client
        if client is None:
            return _("not connected to the host")
        try:
            await client.request(kind, **fields)
        except ClientError as error:
            return str(error)
        return None

    def action_clock(self) -> None:
        async def submit(values: dict[str, str]) -> str | None:
            try:
                minutes = float(values["minutes"])
            except ValueError:
                return _("give the minutes as a number, e.g. 20 (or -5 with extend to take time away)")
            extend = values["extend"].strip().lower() in YES
            return await self._ask("clock", minutes=minutes, extend=extend)

        fields = [("minutes", _("Minutes"), "20"), ("extend", _("Extend the running clock? (y/n)"), _("n"))]
        self.app.push_screen(FormDialog(_("The phase clock"), fields, submit))

    def action_note(self) -> None:
        turn = self.view.turn if self.view else 1

        async def submit(values: dict[str, str]) -> str | None:
            text = values["text"].strip()
            if not values["turn"].strip().isdigit():
                return _("the turn is a number")
            if int(values["turn"]) == turn:
                order = {"type": "facilitator_note", "text": text}
                return await self._ask("give", order=order)
            return await self._ask("note", turn=int(values["turn"]), text=text)

        fields = [
            ("turn", _("Turn (this one, or an earlier one for the debrief)"), str(turn)),
            ("text", _("Note"), ""),
        ]
        self.app.push_screen(FormDialog(_("A note for the debrief"), fields, submit))

    def action_override(self) -> None:
        async def submit(values: dict[str, str]) -> str | None:
            try:
                delta = int(values["delta"])
            except ValueError:
                return _("the change is a whole number, e.g. -5")
            order = {
                "type": "override_result",
                "kind": values["kind"].strip(),
                "target": values["target"].strip(),
                "delta": delta,
                "reason": values["reason"].strip(),
            }
            return await self._ask("give", order=order)

        region = self.view.regions[0].id if self.view and self.view.regions else ""
        fields = [
            # Translators: the five words after "What:" are ids the host reads: keep them in English.
            (
                "kind",
                _("What: credibility, consent, mandate_support, threat or host_presence"),
                "credibility",
            ),
            ("target", _("Where: a region id (region/actor for threat; empty for consent, support)"), region),
            ("delta", _("Change (up to ±30)"), "-5"),
            ("reason", _("Reason (shown in every explanation of that number)"), ""),
        ]
        self.app.push_screen(FormDialog(_("Override a result"), fields, submit))

    def action_card(self) -> None:
        from game.syndicate.cards import TEMPLATE

        region = self.view.regions[0].id if self.view and self.view.regions else "REGION"

        async def submit(text: str) -> str | None:
            return await self._ask("inject_yaml", text=text)

        self.app.push_screen(CardEditor(TEMPLATE.replace("REGION", region), submit))

    def action_pause(self) -> None:
        if self.message is not None:
            paused = not self.message["status"]["paused"]
            self._send("pause", paused=paused)

    def action_force(self) -> None:
        dialog = ConfirmDialog(_("Force the turn?"), _("Resolve it now, without waiting for every seat."))
        self.app.push_screen(dialog, self._then("force"))


class RemoteApp(SafeApp[int]):
    """One seat (or the facilitator) of a hosted game, through the server at `address`."""

    KEPT_AFTER_CRASH = N_("The game is on the host: join again to carry on, your orders are kept.")
    TITLE = N_("MINUSMA syndicate")

    def __init__(
        self, address: str, seat: str | None, name: str = "", takeover: bool = False, code: str = ""
    ):
        super().__init__()
        self.address, self.seat, self.officer, self.takeover = address, seat, name, takeover
        self._code = code
        self.client: SyndicateClient | None = None
        self.board = BoardScreen(seat or "")

    def keep_after_crash(self) -> str:
        return _(self.KEPT_AFTER_CRASH)

    def on_mount(self) -> None:
        self.title = _(self.TITLE)
        self.sub_title = seat_title(self.seat) if self.seat else ""
        self.push_screen(CodeScreen(self.seat, self.address))
        if self._code:
            self.call_later(self.join, self._code)

    async def join(self, code: str) -> None:
        if self.seat is None:
            return
        self.sub_title = seat_title(self.seat)
        client = SyndicateClient(self.address, self.seat, code, self.officer, on_message=self._pushed)
        try:
            await client.join(takeover=self.takeover)
        except ClientError as error:
            if isinstance(self.screen, CodeScreen):
                self.screen.show_problem(str(error))
            return
        self.client = client
        self.switch_screen(self.board)
        if client.view_message is not None:
            self.board.show(client.view_message)

    def _announce_turn(self, status: dict[str, Any]) -> None:
        """Tell a cell when the seats before it have committed and its orders open (by a view or a status)."""
        before = self.board.message["status"] if self.board.message else {}
        if self.seat == RED and status.get("red_orders_open") and not before.get("red_orders_open"):
            self.notify(_("The mission has committed: the armed groups may order."), title=_("Your turn"))
        if self.seat == GREEN and status.get("green_orders_open") and not before.get("green_orders_open"):
            self.notify(_("The mission has committed: the host state may answer."), title=_("Your turn"))

    def _pushed(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "view":
            before = self.board.view.turn if self.board.view is not None else None
            self._announce_turn(message["status"])
            self.board.show(message)
            last = self.board.view.last if self.board.view is not None else None
            if before is not None and last is not None and last.turn >= before:
                opens = _("{killed}; turn {turn} opens.").format(
                    killed=killed_line(last.civilians_killed, last.peacekeepers_killed, sentence=False),
                    turn=last.turn + 1,
                )
                self.notify(opens, title=_("Turn {turn} resolved").format(turn=last.turn), timeout=12)
        elif kind == "status" and self.board.message is not None:
            self._announce_turn(message["status"])
            self.board.show({**self.board.message, "status": message["status"]})
        elif kind == "closed":
            self.notify(
                clean(str(message.get("message"))), title=_("Seat closed"), severity="error", timeout=30
            )
        elif kind == "connection":
            severity: Literal["information", "warning"] = (
                "information" if message.get("connected") else "warning"
            )
            self.notify(clean(str(message.get("message"))), title=_("Host"), severity=severity)
        elif kind == "error":
            self.notify(clean(str(message.get("message"))), title=_("Host"), severity="error")

    @work(exclusive=False, group="requests")
    async def send(self, kind: str, **fields: Any) -> None:
        if self.client is None:
            return
        try:
            answer = await self.client.request(kind, **fields)
        except ClientError as error:
            self.notify(clean(str(error)), title=_("Refused"), severity="error", timeout=8)
            return
        if answer.get("dropped"):
            dropped = "; ".join(i18n.recorded(line) for line in answer["dropped"])
            self.notify(clean(_("Also dropped: {orders}").format(orders=dropped)), title=_("Withdrawn"))
        if kind == "commit":
            if answer.get("resolved"):
                note = _("Committed: the turn is resolved.")
            else:
                note = _("Committed: waiting for the other seats.")
            self.notify(note, title=_("Committed"))

    def action_leave(self) -> None:
        self.push_screen(
            ConfirmDialog(
                _("Leave?"), _("Your orders stay on the host: join again with your code to carry on.")
            ),
            lambda leave: self.exit(0) if leave else None,
        )

    async def on_unmount(self) -> None:
        if self.client is not None:
            await self.client.close()


def run_remote(address: str, seat: str | None, name: str = "", takeover: bool = False, code: str = "") -> int:
    app = RemoteApp(address, seat, name, takeover, code)
    result = app.run()
    return result if result is not None else (app.return_code or 0)
