"""Footer: Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer rebuilds all its keys (a widget each, mounted and styled anew) after
    every change its screen's bindings might have had: each time a screen is pushed over its
    screen or uncovered, each time the focus moves. Committing a turn did that six times over
    three footers (the map's, the turn results', the SITREP's) for keys that had not changed,
    and put off the SITREP's first frame by tens of milliseconds. This one recomposes only when
    what it would show differs from what it shows (the same widgets otherwise: the same frame).
    """

    _shown: Hashable = None  # what the keys on screen were composed from

    def _shows(self) -> Hashable:
        """Everything `compose` reads: the shown bindings (key, description, tooltip, group...),
        whether each is enabled, the key's name in the player's language, and the palette key."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (binding, enabled, tooltip, app.get_key_display(binding))
            for __, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        palette_key = None if palette is None else (*palette[1:], app.get_key_display(palette[1]))
        return (keys, palette_key, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:
            return
        shows = self._shows()
        if shows == self._shown:
            return
        self._shown = shows
        await super().recompose()
