"""Command-line subcommands for syndicate play: host a session, and see who has committed."""

from __future__ import annotations

import argparse
import getpass
import os
import random

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
    from game.cli import UserError

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
    from game.cli import UserError, _scenario
    from game.syndicate.store import Session, SessionError

    scenario = _scenario(args.scenario)
    seats = [seat_name(s) for s in args.seats.split(",") if s.strip()]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
    pin = _pin(args, "Facilitator PIN (at least 4 characters): ")
    try:
        Session.host(args.out, scenario, seed, seats, pin)
    except SessionError as error:
        raise UserError(str(error)) from None
    print(f"Hosted {scenario.title} (seed {seed}) in {args.out} with seats: {', '.join(seats)}")
    print(f"Each officer joins with: minusma join {args.out} --role SEAT")
    print(f"The facilitator runs:    minusma facilitate {args.out}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from game.cli import UserError
    from game.syndicate.store import Session, SessionError

    try:
        session = Session(args.session)
        game = session.game()
        status = session.status()
    except SessionError as error:
        raise UserError(str(error)) from None
    state = game.state
    print(
        f"{session.scenario.title}: turn {state.turn} ({state.month})"
        + (" - game over" if game.is_over() else "")
    )
    for seat in status:
        mark = "committed" if seat.committed else f"{seat.pending} pending order(s)"
        print(f"  {seat.role.replace('_', ' '):<22} {mark}")
    return 0


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
