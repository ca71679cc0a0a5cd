"""SitrepScreen: every change of a finished turn, grouped by region, with a drill-down into causes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static, Tree

from game.engine import TurnRecord
from game.engine.context import ScenarioIndex
from game.engine.sides import GREEN, RED
from game.engine.view import ChangeView, GameView, TurnView
from game.engine.wording import plural
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import PHASE_TITLES, cause_text, say_do_text, short_name, signed, target_label, words
from game.tui.session import PlaySession, seat_view
from game.tui.widgets.fold_tree import FoldTree
from game.tui.widgets.guide_panel import GuidePanel

MISSION_KINDS = {"means", "consent", "mandate_support", "policy"}


def change_group(view: GameView, change: ChangeView) -> str:
    """The region a change belongs to, or "mission" for mission-wide ones."""
    if change.kind in MISSION_KINDS:
        return "mission"
    region = change.target.partition("/")[0]
    if any(r.id == region for r in view.regions):
        return region
    return next((r.id for r in view.regions if any(u.id == change.target for u in r.units)), "mission")


def group_changes(session: PlaySession, record: TurnRecord | TurnView) -> dict[str, list[ChangeView]]:
    """The turn's changes as this seat saw them, by region (`record` names the turn)."""
    groups: dict[str, list[ChangeView]] = {region: [] for region in session.game.index.region_order}
    groups["mission"] = []
    view = seat_view(session)
    for change in view.turn_view(record.turn).changes:
        groups[change_group(view, change)].append(change)
    regions = sorted(
        (key for key, changes in groups.items() if changes and key != "mission"),
        key=lambda key: sum(c.delta for c in groups[key] if c.kind == "credibility"),
    )
    ordered = {key: groups[key] for key in regions}
    if groups["mission"]:
        ordered["mission"] = groups["mission"]
    return ordered


def group_title(
    session: PlaySession, record: TurnRecord | TurnView, key: str, changes: list[ChangeView]
) -> Text:
    if key == "mission":
        return Text.assemble(("Mission-wide", "bold"), (f" · {plural(len(changes), 'change')}", "dim"))
    name = short_name(session.game.index.regions[key].name)
    credibility = sum(c.delta for c in changes if c.kind == "credibility")
    civilians = sum(c.delta for c in changes if c.kind == "civilians_killed")
    text = Text.assemble((name, "bold"), f": credibility {signed(credibility)}")
    credibility_now = dict(seat_view(session).turn_view(record.turn).credibility)
    if key in credibility_now:
        text.append(f" (now {credibility_now[key]})")
    if civilians:
        text.append(f" · {plural(civilians, 'civilian')} killed")
    text.append(f" · {plural(len(changes), 'change')}", style="dim")
    return text


def change_title(change: ChangeView) -> Text:
    text = Text()
    text.append(f"{signed(change.delta)} " if change.delta else "", style="bold")
    text.append(f"{words(change.kind)}: {change.summary}")
    return text


def change_detail(index: ScenarioIndex, change: ChangeView) -> Text:
    text = Text()
    text.append(f"{words(change.kind)} · {target_label(index, change.target)}\n", style="bold")
    if change.hidden and change.seen_before:
        text.append(f"seen {change.seen_before} to {change.seen_after} (early warning below 2)\n")
    elif change.delta:
        text.append(f"change {signed(change.delta)}, now {change.after}\n")
    text.append(f"{PHASE_TITLES.get(change.phase, change.phase)} phase\n\n", style="italic")
    text.append(f"{change.summary}\n\nWhy:\n", style="")
    for cause in change.causes:
        kind, _, rest = cause_text(index, cause).partition(" ")
        text.append(f" • {kind} ", style="bold")
        text.append(f"{rest}\n")
    if not change.causes:
        text.append(" • a standing rule (rules.md)\n")
    return text


def group_detail(title: str | Text, changes: list[ChangeView]) -> Text:
    text = Text.assemble(title, "\n\n")
    credibility = [c for c in changes if c.kind == "credibility"]
    if credibility:
        text.append("Credibility moved because:\n", style="bold")
        for change in credibility:
            text.append(f" {signed(change.delta):>4}  {change.summary}\n")
    text.append("\nOpen the group (Enter) and pick a change to see every cause.", style="dim")
    return text


class SitrepScreen(DismissOnce, Screen[None]):
    """The situation report of one turn, the worst-hit region first. Continue (c, Escape) returns.

    Built once per game and refilled with each turn's record (`record` before pushing).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c,escape", "close", "Continue"),
        Binding("x", "expand_all", "Expand all"),
    ]

    def __init__(self, session: PlaySession, record: TurnRecord | TurnView | None = None):
        super().__init__()
        self.session = session
        self.record = record
        self.filled: TurnRecord | TurnView | None = None  # the record on screen; resuming from Help keeps it
        self.filled_for = ""  # and the seat whose view it shows
        self.groups: dict[str, list[ChangeView]] = {}

    def compose(self) -> ComposeResult:
        yield Label(id="sitrep-title", classes="screen-title")
        yield Static(id="sitrep-totals")
        with Horizontal(id="sitrep-body"):
            tree: FoldTree[str | ChangeView] = FoldTree("Changes", id="sitrep-tree")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="cause-pane"):
                yield GuidePanel()
                yield Static(id="cause-detail")
        yield Footer()

    def on_screen_resume(self) -> None:
        record = self.record
        if record is None or (record is self.filled and self.filled_for == self.session.seat):
            return
        self.filled, self.filled_for = record, self.session.seat  # the red cell has its own view
        self.groups = group_changes(self.session, record)
        seen = seat_view(self.session).turn_view(record.turn)
        national = "—" if seen.national_credibility is None else seen.national_credibility
        self.query_one("#sitrep-title", Label).update(f"SITREP, turn {seen.turn} ({seen.month})")
        self.query_one("#sitrep-totals", Static).update(
            f"Civilians killed {seen.civilians_killed} · peacekeepers killed {seen.peacekeepers_killed} · "
            f"national credibility {national}"
            + ("" if self.session.seat in (RED, GREEN) else f" · {say_do_text(seen.say, seen.do)}")
            + (f" · mandate: {words(seen.mandate_outcome)}" if seen.mandate_outcome else "")
        )
        self.query_one("#cause-detail", Static).update(
            Text("Pick a region or a change to see why it moved.", style="dim")
        )
        tree = self.query_one(Tree)
        tree.clear()
        for number, (key, changes) in enumerate(self.groups.items()):
            node = tree.root.add(
                group_title(self.session, record, key, changes), data=key, expand=number == 0
            )  # the worst-hit region comes first, open
            for change in changes:
                node.add_leaf(change_title(change), data=change)
        tree.cursor_line = 0
        tree.focus()

    @on(Tree.NodeHighlighted, "#sitrep-tree")
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        detail = self.query_one("#cause-detail", Static)
        if isinstance(data, ChangeView):
            detail.update(change_detail(self.session.game.index, data))
        elif isinstance(data, str) and data in self.groups:
            detail.update(group_detail(event.node.label, self.groups[data]))

    def action_expand_all(self) -> None:
        self.query_one(Tree).root.expand_all()

    def action_close(self) -> None:
        self.dismiss(None)
