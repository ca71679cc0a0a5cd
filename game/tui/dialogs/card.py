"""CardDialog: an event card (title, date, place, text, source) and the choice it puts to a seat."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.engine import Game
from game.engine.cards import default_option, story
from game.engine.preview import card_consequences, option_consequences
from game.engine.view import GameView
from game.i18n import N_, _, listed, name, ngettext, recorded
from game.text import clean
from game.tui.dialogs.once import DismissOnce
from game.tui.labels import ROLE_TITLES, short_name, shown

CARD_KINDS = {"historical": N_("historical card"), "generic": N_("generic card")}


def card_places(game: Game, view: GameView, card_id: str) -> list[str]:
    """Where the card struck this turn (the last time it was played)."""
    return [
        short_name(name(game.index.regions[r].name)) for r in view.places(card_id) if r in game.index.regions
    ]


class CardDialog(DismissOnce, ModalScreen[str | None]):
    """Dismissed with the option the seat chose, or None (no choice, or decide later)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", N_("Close"))]

    def __init__(self, game: Game, view: GameView, card_id: str, can_decide: bool, more: int = 0):
        """`view` is the seat's (the deciding seat's when it may decide): the card's places and
        the option chosen so far come from it."""
        super().__init__()
        self.game = game
        self.view = view
        self.card = game.context().card(card_id)  # a deck card, or one the facilitator wrote
        self.can_decide = can_decide
        self.more = more
        self.preview_text: Text | None = None  # the highlighted option's consequences

    def compose(self) -> ComposeResult:
        card = self.card
        places = ", ".join(card_places(self.game, self.view, card.id)) or "—"
        with Vertical(classes="dialog", id="card-dialog"):
            # A card's words come from a scenario file or the facilitator: plain text, never markup.
            yield Label(Text(clean(shown(card, "title"))), classes="dialog-title")
            when = card.date or self.view.month
            kind = _(CARD_KINDS.get(card.kind, card.kind))
            yield Static(Text(clean(f"{when} · {places} · {kind}"), style="italic"), id="card-meta")
            with VerticalScroll(id="card-body"):
                told = story(self.game.context(), card.id)
                if told:
                    yield Static(Text(recorded(told), style="bold"), id="card-story")
                history = card.kind == "historical" and card.id not in self._dependent_cards()
                text = clean(shown(card, "text"), lines=True)
                yield Static(
                    Text(_("In history: {text}").format(text=text) if history else text), id="card-text"
                )
                effects = card_consequences(self.game.context(), card)
                if effects:
                    rules = clean(
                        _("By the rules: {effects}.").format(effects=listed(map(recorded, effects)))
                    )
                    yield Static(Text(rules, style="italic"), id="card-rules")
                if card.source:
                    source = _("Source: {source}").format(source=shown(card, "source"))
                    yield Static(Text(clean(source), style="dim"), id="card-source")
                if card.choice is not None:
                    role = ROLE_TITLES.get(str(card.choice.role), str(card.choice.role))
                    prompt = _("{seat} decides: {prompt}").format(
                        seat=role, prompt=clean(shown(card.choice, "prompt"))
                    )
                    yield Static(Text("\n" + prompt, style="bold"), id="card-prompt")
                    if not self.can_decide:
                        yield Static(
                            _(
                                "The {seat} decides this in their orders; undecided, the default holds."
                            ).format(seat=role)
                        )
            if card.choice is not None and self.can_decide:
                chosen = decision.decided if (decision := self.view.decision(card.id)) else None
                default = default_option(self.game.context(), card)  # a renewal: the standing case
                options = []
                for option in card.choice.options:
                    label = shown(option, "label") + (_(" (the default)") if option.id == default else "")
                    if option.id == chosen:
                        label += _(" ← chosen")
                    options.append(Option(Text(clean(label)), id=option.id))
                current = chosen or default
                listing = OptionList(*options, id="card-options")
                listing.highlighted = [o.id for o in card.choice.options].index(current)
                yield listing
                yield Static(self.preview(current), id="card-preview")
                yield Static(Text(_("Enter: decide · Escape: decide later"), style="dim"))
            else:
                label = (
                    ngettext(
                        "Continue ({count} more card)", "Continue ({count} more cards)", self.more
                    ).format(count=self.more)
                    if self.more
                    else _("Continue")
                )
                yield Button(label, id="card-continue", variant="primary")

    def on_mount(self) -> None:
        if self.card.choice is not None and self.can_decide:
            self.query_one("#card-options", OptionList).focus()
        else:
            self.query_one("#card-continue", Button).focus()
        self.call_after_refresh(self.fit_body)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_body)

    def fit_body(self) -> None:
        """Let the card's text scroll so that the options, their consequences and the keys stay in
        sight on a small terminal (80×24)."""
        dialog = self.query_one("#card-dialog")
        body = self.query_one("#card-body")
        room = int(self.size.height * 0.9) - dialog.styles.gutter.height
        others = 0
        for child in dialog.children:
            if child is body:
                continue
            height = child.outer_size.height
            if child.id == "card-preview" and self.preview_text is not None:
                height = len(self.preview_text.wrap(self.app.console, dialog.size.width))
            others += height + child.styles.margin.height
        body.styles.max_height = max(3, min(16, room - others - body.styles.margin.height))

    def _dependent_cards(self) -> set[str]:
        """Cards that exist because of how an earlier card's attack ended in this game."""
        return {
            card.id
            for card in self.game.index.scenario.cards
            if any(condition.type == "card_outcome" for condition in card.conditions)
        }

    def preview(self, option_id: str) -> Text:
        """What the option will do by the rules, from the card's effects in the scenario."""
        assert self.card.choice is not None
        option = next(o for o in self.card.choice.options if o.id == option_id)
        lines = option_consequences(self.game.context(), self.card, option)
        text = Text(_("If chosen: "), style="bold")
        text.append(clean(listed(recorded(line) for line in lines)), style="not bold")
        self.preview_text = text
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and self.card.choice is not None:
            self.query_one("#card-preview", Static).update(self.preview(event.option.id))
            self.call_after_refresh(self.fit_body)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
