"""The errors a player may cause: each is shown as plain lines (one per problem), never a traceback.

`UserError` is a mistake in what was asked (an unknown name, a missing file, a bad option): every
command and the terminal interface raise it, and `minusma` prints it and exits with code 2.
`ReadError` is the common base of the errors raised when a file the player gave cannot be read
(a scenario, a policy file, a save, a session, any file through game/fileread.py).
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake in what the user asked for: shown as one line, exit code 2."""


class ReadError(Exception):
    """A file the player gave could not be read or used; the message says where and why."""
