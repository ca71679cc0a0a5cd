"""OrdersScreen: one seat's orders (allowed ✓, refused ✗ with the reason) and its pending orders."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_DUTIES, ROLE_ORDER, ROLE_SHORT, ROLE_TITLES
from game.tui.order_menu import MenuItem, build_menu, order_text
from game.tui.session import Session
from game.tui.widgets.order_tree import OrderTree
from game.tui.widgets.status_bar import StatusBar


class OrdersScreen(DismissOnce, Screen[None]):
    """Enter gives the highlighted order; w withdraws the highlighted pending order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Map"),
        Binding("w,delete", "withdraw", "Withdraw"),
        Binding("p", "focus_pending", "Pending"),
        *[Binding(str(n + 1), f"seat({n})", ROLE_SHORT[role]) for n, role in enumerate(ROLE_ORDER)],
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Label(id="orders-title", classes="screen-title")
        with Horizontal(id="orders-body"):
            yield OrderTree(id="order-tree")
            with Vertical(id="orders-side"):
                yield Static(id="order-detail")
                yield Label(id="pending-title")
                yield OptionList(id="pending")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()
        self.query_one(OrderTree).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "seat":
            return not self.session.hotseat
        return True

    def rebuild(self) -> None:
        session = self.session
        role = session.seat
        self.query_one(StatusBar).show(session)
        self.query_one("#orders-title", Label).update(
            f"Orders of the {session.seat_label()}: {ROLE_DUTIES[role]}"
        )
        self.query_one(OrderTree).show(build_menu(session.game, role))
        pending = session.pending_for(role)
        others = len(session.pending_for(None)) - len(pending)
        title = f"Pending orders of this seat: {len(pending)}  (w: withdraw)"
        if others and not session.hotseat:
            title += f"\n{others} more from other seats"
        self.query_one("#pending-title", Label).update(title)
        listing = self.query_one("#pending", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(
            [
                Option(f"{number + 1}. {order_text(session.game, order)}", id=str(index))
                for number, (index, order) in enumerate(pending)
            ]
        )
        if pending:
            listing.highlighted = min(highlighted or 0, len(pending) - 1)

    def detail(self, text: Text) -> None:
        self.query_one("#order-detail", Static).update(text)

    @on(OrderTree.OrderHighlighted)
    def _highlighted(self, event: OrderTree.OrderHighlighted) -> None:
        item, group = event.item, event.group
        if item is None:
            text = Text()
            if group is not None:
                text.append(f"{group.label}\n", style="bold")
                if group.detail:
                    text.append(f"{group.detail}\n")
                text.append(f"{group.allowed()} order(s) allowed now.\n")
            text.append("Enter or → opens the group; choose an order inside it.", style="dim")
            self.detail(text)
        elif item.reason is None:
            self.detail(
                Text.assemble(
                    ("✓ Allowed: ", "bold"), order_text(self.session.game, item.order), "\nEnter gives it."
                )
            )
        else:
            self.detail(Text.assemble(("✗ Not allowed: ", "bold"), item.reason))

    @on(OrderTree.OrderChosen)
    def _chosen(self, event: OrderTree.OrderChosen) -> None:
        self.give(event.item)

    def give(self, item: MenuItem) -> None:
        try:
            self.session.give(item.order)
        except self.session.refusals as error:
            reason = self.session.refusal(error)
            self.detail(Text.assemble(("✗ Refused: ", "bold"), reason))
            self.notify(reason, title="Order refused", severity="warning")
            self.rebuild()  # a shared game may have moved on meanwhile
            return
        self.detail(Text.assemble(("✓ Given: ", "bold"), order_text(self.session.game, item.order)))
        self.rebuild()

    def action_withdraw(self) -> None:
        listing = self.query_one("#pending", OptionList)
        if listing.highlighted is None or listing.option_count == 0:
            self.notify("This seat has no pending order to withdraw.", severity="warning")
            return
        option = listing.get_option_at_index(listing.highlighted)
        index = int(option.id or 0)
        withdrawn = order_text(self.session.game, self.session.game.pending_orders()[index])
        try:
            dropped = self.session.withdraw(index)
        except self.session.refusals as error:
            self.notify(self.session.refusal(error), title="Not withdrawn", severity="warning")
            return
        message = f"Withdrawn: {withdrawn}"
        if dropped:
            message += "\nAlso dropped, no longer possible: " + "; ".join(dropped)
        self.detail(Text(message))
        self.notify(message, title="Withdrawn")
        self.rebuild()

    @on(OptionList.OptionSelected, "#pending")
    def _pending_selected(self) -> None:
        self.action_withdraw()

    def action_focus_pending(self) -> None:
        self.query_one("#pending", OptionList).focus()

    def action_seat(self, number: int) -> None:
        self.session.select_seat(ROLE_ORDER[number])
        self.rebuild()
        tree = self.query_one(OrderTree)
        tree.cursor_line = 0  # another seat's menu: start at its top, and describe what is there
        tree.call_after_refresh(tree.describe_cursor)
        self.notify(f"Acting as {ROLE_TITLES[self.session.seat]}.", timeout=2)

    def action_back(self) -> None:
        self.dismiss(None)
