"""Command-line subcommands for syndicate play: host, status, join, facilitate, export and serve."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import random
import sqlite3
from pathlib import Path

from game.engine.wording import plural
from game.engine.wording import seat_name as seat_title
from game.errors import UserError

SEAT_ALIASES = {
    "srsg": "srsg",
    "fc": "force_commander",
    "force_commander": "force_commander",
    "police": "police_commissioner",
    "police_commissioner": "police_commissioner",
    "comms": "comms_chief",
    "comms_chief": "comms_chief",
}


def seat_name(text: str) -> str:
    """A seat from its name or short alias (fc, police, comms)."""
    try:
        return SEAT_ALIASES[text.strip().lower()]
    except KeyError:
        raise UserError(f"unknown seat {text!r}; seats are srsg, fc, police, comms") from None


def _pin(args: argparse.Namespace, prompt: str) -> str:
    pin = args.pin or os.environ.get("MINUSMA_PIN")
    if pin:
        return pin
    return getpass.getpass(prompt)


def _cmd_host(args: argparse.Namespace) -> int:
    from game.scenario.catalog import scenario_for_user
    from game.syndicate.store import Session, SessionError
    from game.text import clean

    scenario = scenario_for_user(args.scenario)
    seats = [seat_name(s) for s in args.seats.split(",") if s.strip()]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    pin = _pin(args, "Facilitator PIN (at least 4 characters): ")
    out = Path(args.out)
    try:
        Session.host(out, scenario, seed, seats, pin)
    except SessionError as error:
        raise UserError(str(error)) from None
    except (OSError, sqlite3.Error) as error:  # a folder that cannot be written, a full disk
        for part in ("", "-wal", "-shm", "-journal"):  # host() refuses an existing file: all ours
            with contextlib.suppress(OSError):
                out.with_name(out.name + part).unlink()
        raise UserError(
            f"could not create the session file {out}: {error}; nothing was left behind. "
            "Choose a folder you can write to, with free space."
        ) from None
    print(f"Hosted {clean(scenario.title)} (seed {seed}) in {args.out} with seats: {', '.join(seats)}")
    print(f"Each officer joins with: minusma join {args.out} --role SEAT")
    print(f"The facilitator runs:    minusma facilitate {args.out}")
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

    state = game.state
    print(
        f"{clean(session.scenario.title)}: turn {state.turn} ({state.month})"
        + (" - game over" if game.is_over() else "")
    )
    if paused:
        print("  paused by the facilitator")
    if left is not None:
        print(f"  clock: {left // 60:02d}:{left % 60:02d} left")
    for seat in status:
        mark = "committed" if seat.committed else f"{plural(seat.pending, 'pending order')}"
        name = f" ({clean(names[seat.role])})" if names.get(seat.role) else ""  # typed by a player
        print(f"  {(seat_title(seat.role) + name):<34} {mark}")
    return 0


def _open(path: str):
    """The session, or a UserError that says what is wrong with the file."""
    from game.syndicate.store import Session, SessionError

    try:
        return Session(path)
    except SessionError as error:
        raise UserError(str(error)) from None


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.record.saves import SaveError
    from game.syndicate.export import export
    from game.syndicate.store import SessionError

    session = _open(args.session)
    out = Path(args.output) if args.output else Path(args.session).with_suffix(".save")
    try:
        path = export(session, out)
        game = session.game()
    except (SessionError, SaveError) as error:
        raise UserError(str(error)) from None
    finally:
        session.close()
    played = len(game.state.history)
    print(
        f"wrote {path} ({played} turn{'s' if played != 1 else ''} played, turn {game.state.turn} in progress)"
    )
    print(f"Replay it with: minusma replay {path}   Debrief: minusma report {path}")
    return 0


def _cmd_join(args: argparse.Namespace) -> int:
    from game.syndicate.store import SessionError

    role = seat_name(args.role) if args.role else None
    _open(args.session).close()  # a wrong file is refused before the screen changes
    try:
        from game.tui.syndicate.seat_app import run_seat
    except ImportError as error:  # pragma: no cover - only without the TUI installed
        raise UserError(f"the terminal interface is not available: {error}") from None
    try:
        return run_seat(args.session, role, args.name or "")
    except SessionError as error:
        raise UserError(str(error)) from None


def _cmd_facilitate(args: argparse.Namespace) -> int:
    from game.syndicate.store import SessionError

    session = _open(args.session)
    pin = args.pin or os.environ.get("MINUSMA_PIN")
    if pin is not None and not session.check_pin(pin):
        session.close()
        raise UserError("wrong facilitator PIN")
    session.close()
    from game.tui.syndicate.console_app import run_console

    try:
        return run_console(args.session, pin)
    except SessionError as error:
        raise UserError(str(error)) from None


def _cmd_serve(args: argparse.Namespace) -> int:
    from game.syndicate.serve import serve

    return serve(args.host, args.port, args.session)


def register(commands: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `minusma` parser."""
    host = commands.add_parser("host", help="host a syndicate game in a session file")
    host.add_argument("--scenario", default="mali-2019")
    host.add_argument(
        "--seats", default="srsg,fc,police,comms", help="comma-separated seats: srsg, fc, police, comms"
    )
    host.add_argument("--seed", type=int)
    host.add_argument("--out", required=True, help="the session file to create, e.g. exercise.db")
    host.add_argument("--pin", help="facilitator PIN (else $MINUSMA_PIN, else asked)")
    host.set_defaults(handler=_cmd_host)

    status = commands.add_parser("status", help="who has committed in a syndicate game")
    status.add_argument("session", help="the session file")
    status.set_defaults(handler=_cmd_status)

    join = commands.add_parser("join", help="take a seat in a syndicate game")
    join.add_argument("session", help="the session file, e.g. exercise.db")
    join.add_argument("--role", help="srsg, fc, police or comms (else a seat picker)")
    join.add_argument("--name", help="your name, shown to the facilitator")
    join.set_defaults(handler=_cmd_join)

    facilitate = commands.add_parser("facilitate", help="the facilitator's console of a syndicate game")
    facilitate.add_argument("session", help="the session file")
    facilitate.add_argument("--pin", help="facilitator PIN (else $MINUSMA_PIN, else asked on screen)")
    facilitate.set_defaults(handler=_cmd_facilitate)

    export = commands.add_parser("export", help="write a syndicate game to a save file (replay, report)")
    export.add_argument("session", help="the session file")
    export.add_argument("-o", "--output", help="the save file to write (default: SESSION.save)")
    export.set_defaults(handler=_cmd_export)

    serve = commands.add_parser("serve", help="serve the game to browsers (needs the web extra)")
    serve.add_argument("session", nargs="?", help="a session file: browser tabs join it as seats")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_cmd_serve)
