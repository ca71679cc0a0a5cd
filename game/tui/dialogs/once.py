"""DismissOnce: a screen answers once; a second key or click on its way out is ignored."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class DismissOnce:
    """Mixed into a Screen before the Screen class. Textual's dismiss() pops the top screen, whichever
    it is: a button press and an Escape queued together would close this screen and then the one under
    it (the game), or answer twice. Here a dismiss from a screen no longer on the stack (it has already
    answered) is ignored, and a screen closed while covered (a seat's orders when the turn resolves
    under a dialog) takes the screens over it along, unanswered, instead of closing the top one in its
    place. A screen that is pushed again later (the turn results, the SITREP) answers again."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        app = self.app  # type: ignore[attr-defined]  # a mixin: the Screen it is mixed into has .app
        if self not in app.screen_stack:
            return AwaitComplete.nothing()
        while app.screen is not self:
            app.pop_screen()
        if hasattr(app, "_check_size"):  # the too-small notice, if it was one of them, comes back
            app.call_after_refresh(app._check_size)
        return super().dismiss(result)  # type: ignore[misc]  # Screen.dismiss, after the mixin in the MRO
