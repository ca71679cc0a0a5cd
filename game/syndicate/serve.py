"""`minusma serve`: the game in a browser through textual-serve, bound to loopback by default."""

from __future__ import annotations

import ipaddress
import re
import shlex
import sys
import tempfile
from pathlib import Path

from game.errors import UserError

INSTALL_HINT = (
    "minusma serve needs the optional web extra: uv sync --extra web  (or: pip install 'minusma[web]')"
)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(session: str | None) -> str:
    """The command each browser tab runs: the seat picker of a session, or the game."""
    python = shlex.quote(sys.executable)
    if session:
        return f"{python} -m game join {shlex.quote(str(Path(session).resolve()))}"
    return f"{python} -m game play"


WEB_FONT = re.compile(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)


def offline_templates(folder: Path) -> Path:
    """textual-serve's page without its web font: an exercise room is often offline, and the page
    starts the game only once every resource has loaded (or failed to)."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    for template in source.glob("*.html"):
        (folder / template.name).write_text(WEB_FONT.sub("", template.read_text("utf-8")), "utf-8")
    return folder


def serve(host: str, port: int, session: str | None) -> int:
    """Serve until interrupted. Raises UserError when the web extra is missing or the file is wrong."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    if session:
        from game.syndicate.store import Session, SessionError

        try:
            Session(session).close()
        except SessionError as error:
            raise UserError(str(error)) from None
    if not is_loopback(host):
        print(
            f"minusma: WARNING: serving on {host}, beyond this computer: anyone who can reach "
            f"port {port} can {'take a seat in this game' if session else 'play'}. "
            "Use it only on a network you trust; the default, 127.0.0.1, is this computer only.",
            file=sys.stderr,
        )
    if not 0 < port < 65536:
        raise UserError(f"--port {port} is not a port number (1-65535)")
    title = "MINUSMA syndicate" if session else "MINUSMA"
    print(
        f"Serving {'seats of ' + session if session else 'the game'} at http://{host}:{port}  (Ctrl-C stops)"
    )
    sys.stdout.flush()
    with tempfile.TemporaryDirectory(prefix="minusma-serve-") as folder:
        templates = offline_templates(Path(folder))
        server = Server(serve_command(session), host=host, port=port, title=title, templates_path=templates)
        server.serve()
    return 0
