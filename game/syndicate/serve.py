"""`minusma serve`: the game in a browser through textual-serve, bound to loopback by default."""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

from game.errors import UserError
from game.i18n import N_, _
from game.syndicate.server import is_loopback

INSTALL_HINT = N_(
    "minusma serve needs the optional web extra: uv sync --extra web  (or: pip install 'minusma[web]')"
)


def serve_command(address: str | None, seat: str | None = None) -> str:
    """The command each browser tab runs: a seat of a hosted game (code asked on the page), or the game."""
    python = shlex.quote(sys.executable)
    if address and seat == "facilitator":
        return f"{python} -m game facilitate {shlex.quote(address)}"
    if address:
        return f"{python} -m game join {shlex.quote(address)} --seat {shlex.quote(seat or 'ask')}"
    return f"{python} -m game play"


MAX_TABS = 16  # each tab is a process: a page left open in a loop cannot start hundreds


def guarded_server(command: str, host: str, port: int, title: str, templates: Path, allowed: set[str]):
    """textual-serve's Server, refusing a foreign Host or Origin, capping tabs, and giving each page
    the address its browser actually used (not ws://0.0.0.0)."""
    from aiohttp import web
    from textual_serve.server import Server

    class GuardedServer(Server):
        tabs = 0

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(self._guard)
            return app

        @web.middleware
        async def _guard(self, request: web.Request, handler):
            if request.host.lower() not in allowed:
                return web.Response(
                    status=421, text=_("this server does not answer to that host name") + "\n"
                )
            origin = request.headers.get("Origin")
            if origin is not None and origin.lower() not in {f"http://{name}" for name in allowed}:
                return web.Response(
                    status=403, text=_("a page from another site cannot open this game") + "\n"
                )
            self.public_url = f"http://{request.host}"
            if request.path != "/ws":
                return await handler(request)
            if GuardedServer.tabs >= MAX_TABS:
                return web.Response(status=503, text=_("too many tabs are open on this game") + "\n")
            GuardedServer.tabs += 1
            try:
                return await handler(request)
            finally:
                GuardedServer.tabs -= 1

    return GuardedServer(command, host=host, port=port, title=title, templates_path=templates)


WEB_FONT = re.compile(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*>", re.DOTALL)


def offline_templates(folder: Path) -> Path:
    """textual-serve's page without its web font: an exercise room is often offline, and the page
    starts the game only once every resource has loaded (or failed to)."""
    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    for template in source.glob("*.html"):
        (folder / template.name).write_text(WEB_FONT.sub("", template.read_text("utf-8")), "utf-8")
    return folder


def serve(host: str, port: int, session: str | None, seat: str | None = None) -> int:
    """Serve until interrupted. Raises UserError when the web extra is missing or the address is wrong.

    `session` is a hosted game's address (ws://HOST:PORT): each tab is a client of that server."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise UserError(_(INSTALL_HINT)) from None
    if session:
        from game.syndicate.client import ClientError, socket_url

        try:
            socket_url(session)
        except ClientError as error:
            raise UserError(str(error)) from None
    if not is_loopback(host):
        warning = (
            _(
                "minusma: WARNING: serving on {address}, beyond this computer: anyone who can reach "
                "port {port} can take a seat in this game. Use it only on a network you trust; the "
                "default, 127.0.0.1, is this computer only."
            )
            if session
            else _(
                "minusma: WARNING: serving on {address}, beyond this computer: anyone who can reach "
                "port {port} can play. Use it only on a network you trust; the default, 127.0.0.1, "
                "is this computer only."
            )
        )
        print(warning.format(address=host, port=port), file=sys.stderr)
    if not 0 < port < 65536:
        raise UserError(
            _("{option} {port} is not a port number (1-65535)").format(option="--port", port=port)
        )
    title = "MINUSMA syndicate" if session else "MINUSMA"
    address = f"http://{reachable_address_for(host)}:{port}"
    if session:
        print(_("Serving seats of {game} at {address}  (Ctrl-C stops)").format(game=session, address=address))
    else:
        print(_("Serving the game at {address}  (Ctrl-C stops)").format(address=address))
    sys.stdout.flush()
    with tempfile.TemporaryDirectory(prefix="minusma-serve-") as folder:
        templates = offline_templates(Path(folder))
        from game.syndicate.server import public_hosts, reachable_address

        allowed = public_hosts(host, port, reachable_address(host))
        server = guarded_server(serve_command(session, seat), host, port, title, templates, allowed)
        server.serve()
    return 0


def reachable_address_for(host: str) -> str:
    from game.syndicate.server import reachable_address

    return reachable_address(host)
