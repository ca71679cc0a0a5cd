"""DismissOnce: a screen answers once; a second key or click on its way out is ignored."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class DismissOnce:
    """Mixed into a Screen before the Screen class. Textual's dismiss() pops the top screen, whichever
    it is: a button press and an Escape queued together would close this screen and then the one under
    it (the game), or answer twice. Only the first dismiss, while this screen is on top, counts."""

    _answered = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._answered or not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc]
