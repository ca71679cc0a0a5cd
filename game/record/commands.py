"""Command-line subcommands for saves and replays (registered by game.cli): replay and report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.errors import UserError
from game.i18n import N_, _, ngettext


def _open_replays(files: list[str]):
    from game.record.replay import Replay
    from game.record.saves import SaveError

    try:
        return [Replay.open(file) for file in files]
    except SaveError as error:
        raise UserError(str(error)) from None


def _cmd_report(args: argparse.Namespace) -> int:
    from game.record.report import ReportError, build_report, render
    from game.record.saves import write_output

    fmt = args.format or (
        "html" if args.output and Path(args.output).suffix.lower() in (".html", ".htm") else "md"
    )
    replays = _open_replays(args.files)
    try:
        document = build_report(replays)
    except ReportError as error:
        raise UserError(str(error)) from None
    if args.whatif:
        document.sections.append(_whatif_section(args, replays))
    text = render(document, fmt)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    output = Path(args.output)
    if output.is_dir():
        raise UserError(
            _("{folder} is a folder; give a file name for the report, e.g. {example}").format(
                folder=output, example=output / f"debrief.{fmt}"
            )
        )
    write_output(output, text, N_("the report"))
    games = len(replays)
    print(
        ngettext("wrote {file} ({format}, {n} game)", "wrote {file} ({format}, {n} games)", games).format(
            file=output, format=fmt, n=games
        )
    )
    return 0


def _whatif_section(args: argparse.Namespace, replays):
    """The what-if ranking (game/analysis/whatif_report.py), with progress on standard error."""
    from rich.console import Console
    from rich.progress import Progress

    from game.analysis.whatif_report import whatif_section

    if len(replays) != 1:
        raise UserError(_("--whatif weighs the decisions of one game: give one save"))
    if args.whatif_runs < 1 or args.whatif_points < 1:
        raise UserError(_("--whatif-runs and --whatif-points must be at least 1"))
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(_("what-if"), total=None)
        return whatif_section(
            replays[0], args.whatif_runs, args.whatif_points, progress=lambda n: progress.advance(task, n)
        )


def _cmd_replay(args: argparse.Namespace) -> int:
    (replay,) = _open_replays([args.file])
    if not replay.turns:
        raise UserError(
            _(
                "{file}: no turn of this game has been played, so there is nothing to replay; "
                "continue it with: minusma play --load {file}"
            ).format(file=args.file)
        )
    try:
        from game.tui.replay.app import run_replay
    except ImportError as error:  # pragma: no cover - only without the TUI installed
        raise UserError(_("the terminal interface is not available: {error}").format(error=error)) from None
    forked = run_replay(replay)
    if forked is None:
        return 0
    print(_("saved the fork as {file}").format(file=forked))
    try:
        from game.tui.app import run
    except ImportError:
        print(_("continue it with: minusma play --load {file}").format(file=forked))
        return 0
    return run(scenario=None, seed=None, load=str(forked)) or 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `minusma` parser."""
    replay = commands.add_parser(
        "replay",
        help=_("step through a saved game turn by turn; fork it to take command from any turn"),
    )
    replay.add_argument("file", metavar=_("FILE"), help=_("a save file"))
    replay.set_defaults(handler=_cmd_replay)

    report = commands.add_parser(
        "report",
        help=_("debrief report of a saved game, or of several games of one scenario side by side"),
    )
    report.add_argument("files", nargs="+", metavar=_("FILE"), help=_("one save, or several to compare"))
    report.add_argument("--format", choices=("md", "html"), help=_("md or html (default: from -o, else md)"))
    report.add_argument(
        "-o", "--output", metavar=_("OUT"), help=_("write to this file (default: standard output)")
    )
    report.add_argument(
        "--whatif",
        action="store_true",
        help=_(
            "add a section ranking the game's key decisions by their effect (plays each alternative "
            "many times: about a minute for 10 decisions)"
        ),
    )
    report.add_argument(
        "--whatif-runs", type=int, default=200, metavar="N", help=_("runs per line (default 200)")
    )
    report.add_argument(
        "--whatif-points", type=int, default=10, metavar="N", help=_("decisions weighed (default 10)")
    )
    report.set_defaults(handler=_cmd_report)
