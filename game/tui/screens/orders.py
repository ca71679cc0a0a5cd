"""OrdersScreen: one seat's orders (allowed ✓, refused ✗ with the reason) and its pending orders."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.preview import order_consequences
from game.engine.sides import GREEN, RED
from game.i18n import N_, _, listed, ngettext, recorded
from game.text import clean
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_DUTIES, ROLE_ORDER, ROLE_SHORT, ROLE_TITLES
from game.tui.order_menu import MenuItem, build_menu, order_text, replaced_orders
from game.tui.session import PlaySession
from game.tui.widgets.footer import Footer
from game.tui.widgets.guide_panel import GuidePanel
from game.tui.widgets.order_tree import OrderTree
from game.tui.widgets.status_bar import StatusBar


class OrdersScreen(DismissOnce, Screen[None]):
    """Enter gives the highlighted order; w withdraws the pending order highlighted in the pending
    list (when it has focus), else the order under the tree's cursor if it is pending, else the
    seat's last order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Map")),
        Binding("w,delete", "withdraw", N_("Withdraw")),
        Binding("p", "focus_pending", N_("Pending")),
        # One footer entry for the four seats, so the footer fits 80 columns.
        *[
            Binding(
                str(n + 1),
                f"seat({n})",
                N_("Seat") if n == 0 else ROLE_SHORT.english[role],
                show=n == 0,
                key_display="1-4",
            )
            for n, role in enumerate(ROLE_ORDER)
        ],
    ]

    def __init__(self, session: PlaySession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Label(id="orders-title", classes="screen-title")
        with Horizontal(id="orders-body"):
            yield OrderTree(id="order-tree")
            with Vertical(id="orders-side"):
                yield GuidePanel()
                yield Static(id="order-detail")
                yield Label(id="pending-title")
                yield OptionList(id="pending")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()
        self.query_one(OrderTree).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "seat":  # the mission's seats are closed once a cell plays
            return not self.session.hotseat and self.session.seat not in (RED, GREEN)
        return True

    def rebuild(self) -> None:
        session = self.session
        role = session.seat
        self.query_one(StatusBar).show(session)
        self.query_one("#orders-title", Label).update(
            _("Orders of the {seat}: {duties}").format(seat=session.seat_label(), duties=ROLE_DUTIES[role])
        )
        self.query_one(OrderTree).show(build_menu(session.game, role))
        pending = session.pending_for(role)
        replaced = replaced_orders(session.game.pending_orders())
        effective = [index for index, _ in pending if index not in replaced]
        others = len([i for i, _ in session.pending_for(None) if i not in replaced]) - len(effective)
        title = _("Pending orders of this seat: {count}  (w: withdraw)").format(count=len(effective))
        replaced_count = len(pending) - len(effective)
        if replaced_count:
            title += "\n" + ngettext(
                "{count} order replaced by a later one",
                "{count} orders replaced by a later one",
                replaced_count,
            ).format(count=replaced_count)
        if others and not session.hotseat and role not in (RED, GREEN):
            title += "\n" + _("{count} more from other seats").format(count=others)
        self.query_one("#pending-title", Label).update(title)
        listing = self.query_one("#pending", OptionList)
        highlighted = listing.highlighted
        count = listing.option_count
        listing.clear_options()
        options = []
        for number, (index, order) in enumerate(pending):
            label = Text(f"{number + 1}. {order_text(session.game, order)}")
            if index in replaced:
                label.stylize("dim strike")
                label.append(_(" (replaced by a later order)"), style="dim italic")
            options.append(Option(label, id=str(index)))
        listing.add_options(options)
        if pending:
            newest = len(pending) > count  # an order was just given: show it
            listing.highlighted = len(pending) - 1 if newest else min(highlighted or 0, len(pending) - 1)

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
                allowed = ngettext(
                    "[{count}]: {count} order the rules allow now; ✗ marks the others.",
                    "[{count}]: {count} orders the rules allow now; ✗ marks the others.",
                    group.allowed(),
                )
                text.append(allowed.format(count=group.allowed()) + "\n")
            text.append(_("Enter or → opens the group; choose an order inside it."), style="dim")
            self.detail(text)
        elif item.order in self.session.game.pending_orders():
            # Just given (the menu now refuses it as "already"): say so rather than "not allowed".
            self.detail(
                Text.assemble(
                    (_("✓ Given this turn: "), "bold"),
                    order_text(self.session.game, item.order),
                    ("\n" + _("w withdraws it."), "dim"),
                )
            )
        elif item.reason is None:
            text = Text.assemble(
                (_("✓ Allowed: "), "bold"),
                order_text(self.session.game, item.order),
                "\n" + _("Enter gives it."),
            )
            self.detail(self._with_consequences(text, item))
        else:
            text = Text.assemble((_("✗ Not allowed: "), "bold"), recorded(item.reason))
            self.detail(self._with_consequences(text, item))

    def _with_consequences(self, text: Text, item: MenuItem) -> Text:
        """Add what the order will do by the rules (game.engine.preview)."""
        lines = order_consequences(self.session.game.context(), item.order)
        if lines:
            text.append("\n" + _("By the rules:"), style="bold")
            for line in lines:
                text.append(f"\n • {clean(recorded(line))}")
        return text

    @on(OrderTree.OrderChosen)
    def _chosen(self, event: OrderTree.OrderChosen) -> None:
        self.give(event.item)

    def give(self, item: MenuItem) -> None:
        try:
            self.session.give(item.order)
        except self.session.refusals as error:
            reason = recorded(self.session.refusal(error))
            self.detail(Text.assemble((_("✗ Refused: "), "bold"), reason))
            self.notify(reason, title=_("Order refused"), severity="warning")
            self.rebuild()  # a shared game may have moved on meanwhile
            return
        self.detail(
            Text.assemble(
                (_("✓ Given: "), "bold"),
                order_text(self.session.game, item.order),
                ("\n" + _("w withdraws it."), "dim"),
            )
        )
        self.rebuild()

    def withdraw_target(self) -> int | None:
        """Which pending order `w` withdraws (its index in the turn's orders), or None."""
        pending = self.session.pending_for(self.session.seat)
        if not pending:
            return None
        listing = self.query_one("#pending", OptionList)
        if listing.has_focus and listing.highlighted is not None:
            return int(listing.get_option_at_index(listing.highlighted).id or 0)
        under_cursor = self.query_one(OrderTree).chosen_order()
        matching = [index for index, order in pending if order == under_cursor]
        return matching[-1] if matching else pending[-1][0]

    def action_withdraw(self) -> None:
        index = self.withdraw_target()
        if index is None:
            self.notify(_("This seat has no pending order to withdraw."), severity="warning")
            return
        withdrawn = order_text(self.session.game, self.session.game.pending_orders()[index])
        try:
            dropped = self.session.withdraw(index)
        except self.session.refusals as error:
            self.notify(recorded(self.session.refusal(error)), title=_("Not withdrawn"), severity="warning")
            return
        message = _("Withdrawn: {order}").format(order=withdrawn)
        if dropped:
            also = listed(recorded(line) for line in dropped)
            message += "\n" + _("Also dropped, no longer possible: {orders}").format(orders=also)
        self.detail(Text(message))
        self.notify(message, title=_("Withdrawn"))
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
        self.notify(_("Acting as {seat}.").format(seat=ROLE_TITLES[self.session.seat]), timeout=2)

    def action_back(self) -> None:
        self.dismiss(None)
