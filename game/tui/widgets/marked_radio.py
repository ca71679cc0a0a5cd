"""MarkedRadioButton: a radio button whose state shows by shape (● / ○), not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton


class MarkedRadioButton(RadioButton):
    """Readable in monochrome and by colour-blind players: the chosen button is filled."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"  # the instance attribute shadows the class's
        return super()._button
