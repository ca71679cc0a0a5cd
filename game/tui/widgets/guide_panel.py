"""GuidePanel: the guided tutorial's current step, at the top of the play, orders and SITREP screens."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from game.i18n import _
from game.tui.guide import Guide


def step_text(guide: Guide) -> Text:
    step = guide.step
    if step is None:
        return Text()
    text = Text(
        _("Tutorial {step}/{steps}: ").format(step=guide.index + 1, steps=len(guide.steps)), style="bold"
    )
    text.append(step.shown("title"), style="bold underline")
    text.append(f"\n{step.shown('text')}")
    text.append("\n" + _("n: next step · N: end the guide"), style="dim")
    return text


class GuidePanel(Static):
    """Hidden unless a guided tutorial is running; the app refreshes it when the step changes."""

    DEFAULT_CLASSES = "guide"

    def on_mount(self) -> None:
        self.show(getattr(self.app, "guide", None))

    def show(self, guide: Guide | None) -> None:
        active = guide is not None and guide.active
        self.display = active
        if guide is not None and active:
            self.update(step_text(guide))
