"""Command-line subcommands for syndicate play: host, status, join, facilitate, export and serve."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import random
import sqlite3
import sys
from pathlib import Path

from game import i18n
from game.engine.wording import seat_name as seat_name_words
from game.errors import UserError
from game.i18n import N_, _, ngettext

# The engine's seat titles (game.engine.wording.ROLE_NAMES) that no other module marks for the catalog.
SEAT_TITLES = (N_("armed groups' red cell"), N_("host state's green cell"))
SEAT_ALIASES = {
    "srsg": "srsg",
    "fc": "force_commander",
    "force_commander": "force_commander",
    "police": "police_commissioner",
    "police_commissioner": "police_commissioner",
    "comms": "comms_chief",
    "comms_chief": "comms_chief",
    "red": "armed_groups",
    "armed_groups": "armed_groups",
    "green": "host_state",
    "host_state": "host_state",
}


def seat_name(text: str) -> str:
    """A seat from its short alias (fc, police, comms) or any role's id (a new seat needs no alias)."""
    from game.scenario.models import Role

    key = text.strip().lower()
    if key in SEAT_ALIASES:
        return SEAT_ALIASES[key]
    if key in set(Role):
        return key
    raise UserError(
        _("unknown seat {seat}; seats are srsg, fc, police, comms, red, green").format(seat=repr(text))
    ) from None


def seat_title(role: str) -> str:
    """A seat's title in the player's language ("Force Commander", "Commandant de la Force")."""
    return _(seat_name_words(role))


def _secret_from(args: argparse.Namespace, what: str) -> str | None:
    """A secret from --secret-file or $MINUSMA_SECRET, never from the command line (`ps` shows it)."""
    if getattr(args, "secret_file", None):
        from game.fileread import FileReadError, read_text

        try:
            return read_text(Path(args.secret_file), what, 4096).strip()
        except FileReadError as error:
            raise UserError(str(error)) from None
    return os.environ.get("MINUSMA_SECRET") or None


def _ask_secret(prompt: str) -> str:
    """A secret typed at the terminal, unseen; without a terminal, a clear line instead of a hang."""
    if not sys.stdin.isatty():
        raise UserError(
            _("no terminal to ask the secret on; give it in a file (--secret-file) or $MINUSMA_SECRET")
        )
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UserError(_("no secret given")) from None


def _new_passphrase() -> str:
    from game.syndicate.credentials import passphrase_problem

    first = _ask_secret(_("Facilitator passphrase (at least 12 characters): "))
    problem = passphrase_problem(first)
    if problem:
        raise UserError(problem)
    if _ask_secret(_("Again, to confirm: ")) != first:
        raise UserError(_("the two passphrases differ; nothing was hosted"))
    return first


def _create_session(args: argparse.Namespace, out: Path) -> str | None:
    """A new session file; returns the facilitator secret when it was generated (to print once)."""
    from game.scenario.catalog import scenario_for_user
    from game.syndicate.credentials import new_code, passphrase_problem
    from game.syndicate.host import seat_red_cell
    from game.syndicate.store import Session, SessionError

    scenario = scenario_for_user(args.scenario)
    seats = list(dict.fromkeys(seat_name(s) for s in args.seats.split(",") if s.strip()))
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000_000)
    given = _secret_from(args, N_("the facilitator secret"))
    if given is not None and (problem := passphrase_problem(given)):
        raise UserError(problem)
    secret = given or (_new_passphrase() if args.passphrase else new_code())
    try:
        session = Session.host(out, scenario, seed, seats, secret)
        try:
            seat_red_cell(session)
        finally:
            session.close()
    except SessionError as error:
        raise UserError(str(error)) from None
    except (OSError, sqlite3.Error) as error:  # a folder that cannot be written, a full disk
        for part in ("", "-wal", "-shm", "-journal"):  # host() refuses an existing file: all ours
            with contextlib.suppress(OSError):
                out.with_name(out.name + part).unlink()
        raise UserError(
            _(
                "could not create the session file {file}: {error}; nothing was left behind. "
                "Choose a folder you can write to, with free space."
            ).format(file=out, error=error)
        ) from None
    return None if given or args.passphrase else secret


def _resume_session(args: argparse.Namespace, out: Path) -> str | None:
    """A new session file from an export (a save); returns the facilitator secret if generated."""
    from game.record.saves import SaveError
    from game.syndicate.credentials import new_code, passphrase_problem
    from game.syndicate.resume import session_from_save
    from game.syndicate.store import SessionError

    if out.exists():
        raise UserError(
            _("{file} already exists; give --session a new file to host the export in").format(file=out)
        )
    given = _secret_from(args, N_("the facilitator secret"))
    if given is not None and (problem := passphrase_problem(given)):
        raise UserError(problem)
    secret = given or (_new_passphrase() if args.passphrase else new_code())
    try:
        session_from_save(args.resume, out, secret).close()
    except (SaveError, SessionError) as error:
        for part in ("", "-wal", "-shm", ".writes"):
            with contextlib.suppress(OSError):
                out.with_name(out.name + part).unlink()
        raise UserError(str(error)) from None
    return None if given or args.passphrase else secret


def _cmd_host(args: argparse.Namespace) -> int:
    """Create (or open again) the session and serve it until Ctrl-C."""
    import asyncio
    import logging

    from game.syndicate.credentials import Hashed, new_code
    from game.syndicate.host import GameHost
    from game.syndicate.server import HostServer, is_loopback, public_hosts, reachable_address, start
    from game.syndicate.store import Session, SessionError, meta_write
    from game.text import clean

    if args.scenario_name:
        args.scenario = args.scenario_name
    out = Path(args.session or args.out or f"{args.scenario}-syndicate.db")
    if not 0 <= args.port < 65536:
        raise UserError(
            _("{option} {port} is not a port number (1-65535)").format(option="--port", port=args.port)
        )
    if args.resume:
        generated = _resume_session(args, out)
    else:
        generated = None if out.exists() else _create_session(args, out)
    try:
        store = Session(out)
    except SessionError as error:
        raise UserError(str(error)) from None
    if store.make_private():
        print(
            _("minusma: made {file} readable by you only (it holds the game's secrets)").format(file=out),
            file=sys.stderr,
        )
    kept = {seat: store.meta.get(f"code:{seat}", "").partition(":") for seat in store.seats}
    if args.new_codes or not all(salt and digest for salt, __, digest in kept.values()):
        codes = {seat: new_code() for seat in store.seats}
        hashed = {seat: Hashed.of(code) for seat, code in codes.items()}
        try:
            store.write_all([meta_write(f"code:{s}", f"{h.salt}:{h.digest}") for s, h in hashed.items()])
        except SessionError as error:
            raise UserError(str(error)) from None
    else:
        codes = {}
        hashed = {seat: Hashed(salt, digest) for seat, (salt, __, digest) in kept.items()}
    host = GameHost(store, hashed)
    address = args.public_address or reachable_address(args.bind)
    if not is_loopback(args.bind):
        print(
            _(
                "minusma: WARNING: listening on {address}, beyond this computer: anyone who can reach port "
                "{port} can try the codes (wrong ones are slowed down and logged). Use a network you trust."
            ).format(address=args.bind, port=args.port),
            file=sys.stderr,
        )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def serve() -> None:
        server = HostServer(host, public_hosts(args.bind, args.port, address))
        runner, port = await start(server, args.bind, args.port)
        server.public_hosts = public_hosts(args.bind, port, address)
        url = f"ws://{address}:{port}"
        title = clean(i18n.name(store.scenario.title))
        print(_("Hosting {scenario}, turn {turn}").format(scenario=title, turn=host.game.turn))
        print(_("  at {address}, kept in {file}").format(address=url, file=out))
        if codes:
            print(_("Each officer joins with their seat's code (shown only now):"))
        else:
            print(_("Each officer joins with the seat's code given before (--new-codes makes new ones):"))
        for seat in store.seats:
            alias = next((a for a, s in SEAT_ALIASES.items() if s == seat), seat)
            title = seat_title(seat)
            heading = _("  {seat}:").format(seat=title[:1].upper() + title[1:])
            print(f"{heading}\n    minusma join {url} --seat {alias}")
            if seat in codes:  # one seat to three short lines: an 80-column terminal does not wrap a code
                print(_("    code: {code}").format(code=codes[seat]))
        print(_("The facilitator:") + f"\n    minusma facilitate {url}")
        if generated:
            print(
                _("    facilitator secret (kept hashed, shown only now): {secret}").format(secret=generated)
            )
        print(_("Ctrl-C stops the host; the game is kept in the session file."))
        sys.stdout.flush()
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(serve())
    except OSError as error:
        raise UserError(
            _("cannot listen on {address}:{port} ({error})").format(
                address=args.bind, port=args.port, error=error.strerror or error
            )
        ) from None
    finally:
        host.flush()
        store.close()
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from game.syndicate.store import Session, SessionError

    try:
        session = Session(args.session)
        game = session.game()
        status = session.status()
        names, left, paused = session.names(), session.seconds_left(), session.paused()
    except SessionError as error:
        raise UserError(str(error)) from None
    from game.text import clean

    line = _("{scenario}: turn {turn} ({month})").format(
        scenario=clean(i18n.name(session.scenario.title)), turn=game.turn, month=game.month
    )
    print(_("{line} - game over").format(line=line) if game.is_over() else line)
    if paused:
        print(_("  paused by the facilitator"))
    if left is not None:
        print(_("  clock: {minutes:02d}:{seconds:02d} left").format(minutes=left // 60, seconds=left % 60))
    secret = _secret_from(args, N_("the facilitator secret"))
    facilitator = secret is not None and session.check_pin(secret)
    if secret is not None and not facilitator:
        raise UserError(_("wrong facilitator secret"))
    rows = []
    for seat in status:  # how many orders a seat has drafted is the facilitator's to know
        mark = _("committed") if seat.committed else _("not committed")
        if facilitator and not seat.committed:
            mark = ngettext("{count} pending order", "{count} pending orders", seat.pending).format(
                count=seat.pending
            )
        player = f" ({clean(names[seat.role])})" if names.get(seat.role) else ""  # typed by a player
        rows.append((seat_title(seat.role) + player, mark))
    width = max([34, *(len(row[0]) for row in rows)])  # a French title runs longer
    for who, mark in rows:
        print(f"  {who:<{width}} {mark}")
    return 0


def _open(path: str):
    """The session, or a UserError that says what is wrong with the file."""
    from game.syndicate.store import Session, SessionError

    try:
        return Session(path)
    except SessionError as error:
        raise UserError(str(error)) from None


def _cmd_export(args: argparse.Namespace) -> int:
    from game.record.saves import SaveError
    from game.syndicate.export import export
    from game.syndicate.store import SessionError

    session = _open(args.session)
    try:
        session.game()  # a damaged file is said first, before any secret is asked
    except SessionError as error:
        session.close()
        raise UserError(str(error)) from None
    secret = _secret_from(args, N_("the facilitator secret")) or _ask_secret(_("Facilitator secret: "))
    if not session.check_pin(secret):  # the export holds every seat's drafts and held cards
        session.close()
        raise UserError(_("wrong facilitator secret; the export holds hidden things, so it needs it"))
    out = Path(args.output) if args.output else Path(args.session).with_suffix(".save")
    try:
        path = export(session, out)
        game = session.game()
    except (SessionError, SaveError) as error:
        raise UserError(str(error)) from None
    finally:
        session.close()
    played = len(game.records())
    print(
        ngettext(
            "wrote {file} ({count} turn played, turn {turn} in progress)",
            "wrote {file} ({count} turns played, turn {turn} in progress)",
            played,
        ).format(file=path, count=played, turn=game.turn)
    )
    print(_("Replay it with: minusma replay {file}   Debrief: minusma report {file}").format(file=path))
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from game.syndicate.store import SessionError

    session = _open(args.session)
    try:
        path = session.backup(args.output)
        turn = session.current_turn()
    except SessionError as error:
        raise UserError(str(error)) from None
    finally:
        session.close()
    print(
        _("wrote {file} (the game at turn {turn}; host it again with: minusma host --session {file})").format(
            file=path, turn=turn
        )
    )
    return 0


def _cmd_join(args: argparse.Namespace) -> int:
    from game.syndicate.client import ClientError, socket_url

    seat = None if args.seat in (None, "ask") else seat_name(args.seat)
    try:
        socket_url(args.address)
    except ClientError as error:
        raise UserError(str(error)) from None
    from game.tui.syndicate.remote import run_remote

    return run_remote(args.address, seat, args.name or "", args.takeover, os.environ.get("MINUSMA_CODE", ""))


def _cmd_facilitate(args: argparse.Namespace) -> int:
    from game.syndicate.client import ClientError, socket_url
    from game.syndicate.protocol import FACILITATOR_SEAT

    try:
        socket_url(args.address)
    except ClientError as error:
        raise UserError(str(error)) from None
    from game.tui.syndicate.remote import run_remote

    return run_remote(
        args.address, FACILITATOR_SEAT, "", args.takeover, _secret_from(args, N_("the secret")) or ""
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from game.syndicate.serve import serve

    seat = None
    if args.seat:
        seat = "facilitator" if args.seat.strip().lower() == "facilitator" else seat_name(args.seat)
    return serve(args.host, args.port, args.address, seat)


def register(commands: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `minusma` parser."""
    host = commands.add_parser(
        "host", help=_("host a syndicate game: seats and the facilitator join over the network")
    )
    host.add_argument(
        "scenario_name", nargs="?", metavar=_("SCENARIO"), help=_("the scenario (default mali-2019)")
    )
    host.add_argument("--scenario", default="mali-2019", help=argparse.SUPPRESS)
    host.add_argument(
        "--seats",
        metavar=_("SEATS"),
        default="srsg,fc,police,comms",
        help=_(
            "comma-separated: srsg, fc, police, comms; add red for a red cell playing the armed groups, "
            "green for a green cell playing the host state (where the scenario defines it)"
        ),
    )
    host.add_argument("--seed", metavar=_("SEED"), type=int)
    host.add_argument(
        "--session",
        metavar=_("SESSION"),
        help=_("the session file (default SCENARIO-syndicate.db); an existing one is hosted again"),
    )
    host.add_argument("--out", help=argparse.SUPPRESS)
    host.add_argument(
        "--bind",
        metavar=_("BIND"),
        default="127.0.0.1",
        help=_("address to listen on (default loopback; 0.0.0.0: every network)"),
    )
    host.add_argument("--port", metavar=_("PORT"), type=int, default=8765)
    host.add_argument(
        "--public-address",
        metavar=_("PUBLIC_ADDRESS"),
        help=_("the address seats use to reach this computer (default: found)"),
    )
    host.add_argument(
        "--passphrase",
        action="store_true",
        help=_("ask for a facilitator passphrase (else one is generated)"),
    )
    host.add_argument(
        "--secret-file",
        metavar=_("SECRET_FILE"),
        help=_("read the facilitator passphrase from this file (or $MINUSMA_SECRET)"),
    )
    host.add_argument(
        "--resume", metavar=_("EXPORT"), help=_("host again a syndicate exported to this save file")
    )
    host.add_argument(
        "--new-codes", action="store_true", help=_("new seat codes (the old ones stop working)")
    )
    host.set_defaults(handler=_cmd_host)

    status = commands.add_parser("status", help=_("who has committed in a syndicate game (on the host)"))
    status.add_argument("session", metavar=_("SESSION"), help=_("the session file"))
    status.add_argument(
        "--secret-file",
        metavar=_("SECRET_FILE"),
        help=_("with the facilitator secret (or $MINUSMA_SECRET): pending orders"),
    )
    status.set_defaults(handler=_cmd_status)

    join = commands.add_parser("join", help=_("take a seat in a hosted syndicate game"))
    join.add_argument("address", metavar=_("ADDRESS"), help=_("the host's address, ws://HOST:PORT"))
    join.add_argument(
        "--seat", metavar=_("SEAT"), help=_("srsg, fc, police, comms, red or green (else asked on screen)")
    )
    join.add_argument("--name", metavar=_("NAME"), help=_("your name, shown to the facilitator"))
    join.add_argument(
        "--takeover", action="store_true", help=_("take the seat from another window (with its code)")
    )
    join.set_defaults(handler=_cmd_join)

    facilitate = commands.add_parser("facilitate", help=_("the facilitator's console of a hosted game"))
    facilitate.add_argument("address", metavar=_("ADDRESS"), help=_("the host's address, ws://HOST:PORT"))
    facilitate.add_argument(
        "--secret-file",
        metavar=_("SECRET_FILE"),
        help=_("read the facilitator secret from this file (else asked)"),
    )
    facilitate.add_argument("--takeover", action="store_true", help=_("take the console from another window"))
    facilitate.set_defaults(handler=_cmd_facilitate)

    export = commands.add_parser("export", help=_("write a syndicate game to a save file (replay, report)"))
    export.add_argument("session", metavar=_("SESSION"), help=_("the session file"))
    export.add_argument(
        "-o", "--output", metavar=_("OUTPUT"), help=_("the save file to write (default: SESSION.save)")
    )
    export.add_argument(
        "--secret-file",
        metavar=_("SECRET_FILE"),
        help=_("the facilitator secret in a file (else $MINUSMA_SECRET, else asked)"),
    )
    export.set_defaults(handler=_cmd_export)

    backup = commands.add_parser("backup", help=_("a consistent copy of a session file, even while hosted"))
    backup.add_argument("session", metavar=_("SESSION"), help=_("the session file"))
    backup.add_argument("-o", "--output", required=True, help=_("the copy to write (a new file)"))
    backup.set_defaults(handler=_cmd_backup)

    serve = commands.add_parser("serve", help=_("serve the game to browsers (needs the web extra)"))
    serve.add_argument(
        "address",
        metavar=_("ADDRESS"),
        nargs="?",
        help=_("a hosted game, ws://HOST:PORT: browser tabs join it as seats"),
    )
    serve.add_argument(
        "--seat", metavar=_("SEAT"), help=_("the seat each tab takes (srsg, fc, police, comms, facilitator)")
    )
    serve.add_argument(
        "--host", metavar=_("HOST"), default="127.0.0.1", help=_("address to listen on (default: loopback)")
    )
    serve.add_argument("--port", metavar=_("PORT"), type=int, default=8000)
    serve.set_defaults(handler=_cmd_serve)
