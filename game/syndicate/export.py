"""Export a syndicate session as a save: the save format is the export and replay format."""

from __future__ import annotations

from pathlib import Path

from game.i18n import _
from game.record import saves
from game.syndicate.store import Session


def session_meta(session: Session) -> saves.SaveMeta:
    """The save's metadata: a syndicate game, the officers' names, the debrief notes."""
    names = session.names()
    return saves.SaveMeta(
        mode="syndicate",
        seats={seat: names.get(seat, "") for seat in session.seats},
        name=session.path.stem,
        notes=session.debrief_notes(),
        game_id=session.meta.get("game_id", session.meta["pin_salt"][:12]),
    )


def export(session: Session, out: str | Path) -> Path:
    """Write every resolved turn and this turn's pending orders to a save file, atomically.

    Raises saves.SaveError when the file cannot be written.
    """
    game = session.game()
    path = Path(out)
    if path.is_dir():
        raise saves.SaveError(
            _("{file} is a folder; give a file name, e.g. {example}").format(
                file=path, example=path / "game.save"
            )
        )
    return saves.save_to(path, game, session_meta(session))
