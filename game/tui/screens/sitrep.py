"""SitrepScreen: every change of a finished turn, grouped by region, with a drill-down into causes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static, Tree

from game.engine import TurnRecord
from game.engine.context import ScenarioIndex
from game.engine.sides import GREEN, RED
from game.engine.view import ChangeView, GameView, TurnView
from game.i18n import N_, _, ngettext, recorded
from game.i18n import name as i18n_name
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import (
    PHASE_TITLES,
    cause_parts,
    change_kind,
    labelled,
    say_do_text,
    short_name,
    signed,
    target_label,
    words,
)
from game.tui.session import PlaySession, seat_view
from game.tui.widgets.fold_tree import FoldTree
from game.tui.widgets.footer import Footer
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


def changes_count(count: int) -> str:
    return ngettext("{count} change", "{count} changes", count).format(count=count)


def group_title(
    session: PlaySession, record: TurnRecord | TurnView, key: str, changes: list[ChangeView]
) -> Text:
    if key == "mission":
        return Text.assemble((_("Mission-wide"), "bold"), (f" · {changes_count(len(changes))}", "dim"))
    name = short_name(i18n_name(session.game.index.regions[key].name))
    credibility = sum(c.delta for c in changes if c.kind == "credibility")
    civilians = sum(c.delta for c in changes if c.kind == "civilians_killed")
    text = Text.assemble((name, "bold"), _(": credibility {delta}").format(delta=signed(credibility)))
    credibility_now = dict(seat_view(session).turn_view(record.turn).credibility)
    if key in credibility_now:
        text.append(_(" (now {value})").format(value=credibility_now[key]))
    if civilians:
        killed = ngettext("{count} civilian killed", "{count} civilians killed", civilians)
        text.append(" · " + killed.format(count=civilians))
    text.append(f" · {changes_count(len(changes))}", style="dim")
    return text


def change_title(change: ChangeView) -> Text:
    text = Text()
    text.append(f"{signed(change.delta)} " if change.delta else "", style="bold")
    text.append(labelled(change_kind(change.kind, change.delta), recorded(change.summary)))
    return text


def change_detail(index: ScenarioIndex, change: ChangeView) -> Text:
    text = Text()
    text.append(f"{recorded(words(change.kind))} · {target_label(index, change.target)}\n", style="bold")
    if change.hidden and change.seen_before:
        seen = _("seen {before} to {after} (early warning below 2)")
        text.append(seen.format(before=change.seen_before, after=change.seen_after) + "\n")
    elif change.delta:
        text.append(
            _("change {delta}, now {value}").format(delta=signed(change.delta), value=change.after) + "\n"
        )
    phase = PHASE_TITLES.get(change.phase, change.phase)
    text.append(_("{phase} phase").format(phase=phase) + "\n\n", style="italic")
    text.append(recorded(change.summary) + "\n\n" + _("Why:") + "\n", style="")
    for cause in change.causes:
        kind, rest = cause_parts(index, cause)
        text.append(f" • {kind} ", style="bold")
        text.append(f"{rest}\n")
    if not change.causes:
        text.append(_(" • a standing rule (rules.md)") + "\n")
    return text


def group_detail(title: str | Text, changes: list[ChangeView]) -> Text:
    text = Text.assemble(title, "\n\n")
    credibility = [c for c in changes if c.kind == "credibility"]
    if credibility:
        text.append(_("Credibility moved because:") + "\n", style="bold")
        for change in credibility:
            text.append(f" {signed(change.delta):>4}  {recorded(change.summary)}\n")
    text.append("\n" + _("Open the group (Enter) and pick a change to see every cause."), style="dim")
    return text


class SitrepScreen(DismissOnce, Screen[None]):
    """The situation report of one turn, the worst-hit region first. Continue (c, Escape) returns.

    Built once per game and refilled with each turn's record (`record` before pushing).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c,escape", "close", N_("Continue")),
        Binding("x", "expand_all", N_("Expand all")),
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
            tree: FoldTree[str | ChangeView] = FoldTree(_("Changes"), id="sitrep-tree")
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
        self.query_one("#sitrep-title", Label).update(
            _("SITREP, turn {turn} ({month})").format(turn=seen.turn, month=seen.month)
        )
        totals = _(
            "Civilians killed {civilians} · peacekeepers killed {peacekeepers} · "
            "national credibility {national}"
        ).format(civilians=seen.civilians_killed, peacekeepers=seen.peacekeepers_killed, national=national)
        if self.session.seat not in (RED, GREEN):
            totals += f" · {say_do_text(seen.say, seen.do)}"
        if seen.mandate_outcome:
            totals += " · " + _("mandate: {outcome}").format(outcome=recorded(words(seen.mandate_outcome)))
        self.query_one("#sitrep-totals", Static).update(totals)
        self.query_one("#cause-detail", Static).update(
            Text(_("Pick a region or a change to see why it moved."), style="dim")
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
