"""The player's settings that outlive a game (the language): a small JSON file beside the saves folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.i18n import _
from game.record.saves import SaveError, save_dir, write_atomic


def settings_path() -> Path:
    """Where the settings live: settings.json in the data folder ($MINUSMA_DATA_DIR or the user's)."""
    return save_dir().parent / "settings.json"


def load_settings() -> dict[str, Any]:
    """The saved settings; {} when there are none or the file cannot be read (defaults then apply)."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_language() -> str | None:
    """The language the player last chose, if any."""
    value = load_settings().get("language")
    return value if isinstance(value, str) else None


def save_setting(key: str, value: Any) -> str | None:
    """Remember one setting; returns None, or a one-line reason it could not be written (play goes on)."""
    settings = load_settings()
    settings[key] = value
    try:
        write_atomic(settings_path(), json.dumps(settings, indent=2, sort_keys=True) + "\n")
    except SaveError as error:
        return _("the setting was not saved: {reason}").format(reason=error)
    return None
