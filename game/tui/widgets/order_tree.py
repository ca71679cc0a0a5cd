"""OrderTree: a seat's orders as a tree; allowed ones marked ✓, refused ones ✗ with the reason."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from game.engine import orders as O
from game.i18n import _
from game.tui.order_menu import MenuGroup, MenuItem
from game.tui.widgets.fold_tree import FoldTree


def item_label(item: MenuItem) -> Text:
    if item.reason is None:
        return Text.assemble(("✓ ", "bold"), item.label)
    return Text.assemble(("✗ ", "dim"), (item.label, "dim"), (f" — {item.reason}", "dim italic"))


def group_label(group: MenuGroup) -> Text:
    allowed = group.allowed()
    return Text.assemble((f"[{allowed}] ", "dim"), (group.label, "bold" if allowed else "dim"))


def _node_key(data: MenuItem | MenuGroup | None) -> object:
    """What a node stands for, stable across rebuilds: its order, or its group's key."""
    if isinstance(data, MenuItem):
        return ("order", data.order)
    if isinstance(data, MenuGroup):
        return ("group", data.key)
    return None


class OrderTree(FoldTree[MenuItem | MenuGroup]):
    """Leaves hold MenuItems, groups their MenuGroup. Enter or a click on a leaf posts OrderChosen."""

    class OrderChosen(Message):
        """The player chose an order (allowed or not: the engine decides and says why)."""

        def __init__(self, item: MenuItem):
            super().__init__()
            self.item = item

    class OrderHighlighted(Message):
        """The cursor is on an order (item) or on a group (group)."""

        def __init__(self, item: MenuItem | None, group: MenuGroup | None = None):
            super().__init__()
            self.item = item
            self.group = group

    def __init__(self, *, id: str | None = None):
        super().__init__(_("Orders"), id=id)
        self.show_root = False
        self.guide_depth = 2

    def show(self, groups: list[MenuGroup]) -> None:
        """Rebuild from a fresh menu, keeping open groups and the cursor on the same order or group.

        Groups re-sort after an order (allowed ones first), so the cursor follows what it was on,
        not its row: a second Enter must not give a different order.
        """
        opened = {
            node.data.key
            for node in self._all_nodes()
            if node.is_expanded and isinstance(node.data, MenuGroup)
        }
        cursor = self.cursor_node
        wanted = _node_key(cursor.data) if cursor is not None and cursor.data is not None else None
        parent_key = (
            _node_key(cursor.parent.data)
            if cursor is not None and cursor.parent is not None and cursor.parent.data is not None
            else None
        )
        cursor_line = self.cursor_line
        first = not self.root.children
        self.clear()
        for group in groups:
            self._add_group(self.root, group, opened, expand=first and len(groups) <= 2)
        last_line = self.last_line  # builds the tree's lines, so nodes know their line
        target = self._find(wanted) or self._find(parent_key)
        if target is not None and target.line >= 0:
            self.cursor_line = target.line
        else:
            self.cursor_line = max(0, min(cursor_line, last_line))
        self.scroll_to_line(self.cursor_line, animate=False)

    def _find(self, key: object) -> TreeNode | None:
        if key is None:
            return None
        return next((node for node in self._all_nodes() if _node_key(node.data) == key), None)

    def _add_group(self, parent: TreeNode, group: MenuGroup, opened: set[str], expand: bool) -> None:
        node = parent.add(group_label(group), data=group, expand=expand or group.key in opened)
        for child in group.groups:
            self._add_group(node, child, opened, expand=False)
        for item in group.items:
            node.add_leaf(item_label(item), data=item)

    def _all_nodes(self) -> list[TreeNode]:
        found, stack = [], list(self.root.children)
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.children)
        return found

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if isinstance(event.node.data, MenuItem):
            self.post_message(self.OrderChosen(event.node.data))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        event.stop()
        self._announce(event.node)

    def describe_cursor(self) -> None:
        """Announce the node under the cursor again, after the menu changed under it."""
        if self.cursor_node is not None:
            self._announce(self.cursor_node)

    def _announce(self, node: TreeNode) -> None:
        data = node.data
        if isinstance(data, MenuItem):
            self.post_message(self.OrderHighlighted(data))
        else:
            self.post_message(self.OrderHighlighted(None, data))

    def chosen_order(self) -> O.Order | None:
        node = self.cursor_node
        return node.data.order if node is not None and isinstance(node.data, MenuItem) else None
