"""FoldTree: a Tree that also opens a group with → and closes it (or goes to its parent) with ←."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from game.i18n import N_

T = TypeVar("T")


class FoldTree(Tree[T]):
    """Arrow keys fold and unfold, as in a file manager. A label that does not fit ends in "…"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "unfold", N_("Open"), show=False),
        Binding("left", "fold", N_("Close"), show=False),
    ]

    def render_label(self, node: TreeNode, base_style: Style, style: Style) -> Text:
        """A label that does not fit ends in "…" (the pane beside shows it whole)."""
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - 1
        if room > 8 and text.cell_len > room:
            text.truncate(room - 1)
            text.append("…", style=base_style)
        return text

    def action_unfold(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded and node.children:
            self.move_cursor(node.children[0])
        else:
            node.expand()

    def action_fold(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
