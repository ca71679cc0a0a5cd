"""The `minusma` command line: play, simulate, calibrate, validate and schema."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from game import i18n
from game.cli_words import speak_the_players_language
from game.crash import EXIT_CRASH, CrashReported, crash_line, write_crash_report
from game.errors import ReadError, UserError
from game.i18n import N_, _, ngettext
from game.scenario.catalog import scenario_for_user
from game.scenario.loader import ScenarioError
from game.text import clean

EXIT_USER_ERROR = 2


def _cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import load_scenario

    language = None
    if args.check_language:
        try:
            language = i18n.set_language(args.check_language)  # like --lang elsewhere: and speak it
        except ValueError as error:
            print(clean(str(error)), file=sys.stderr)
            return EXIT_USER_ERROR
    failed = False
    for file in args.files:
        try:
            scenario = load_scenario(file, language)
        except ScenarioError as error:
            failed = True
            for problem in error.problems:
                print(clean(str(problem), lines=True), file=sys.stderr)
        else:
            regions, contingents, cards = (
                len(scenario.regions),
                len(scenario.contingents),
                len(scenario.cards),
            )
            counts = ", ".join(
                (
                    ngettext("{n} region", "{n} regions", regions).format(n=regions),
                    ngettext("{n} contingent", "{n} contingents", contingents).format(n=contingents),
                    ngettext("{n} card", "{n} cards", cards).format(n=cards),
                )
            )
            print(
                clean(
                    _("{file}: ok ({scenario}: {counts})").format(
                        file=file, scenario=scenario.id, counts=counts
                    )
                )
            )
    return 1 if failed else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from game.record.saves import write_output
    from game.scenario.catalog import schema_text

    text = schema_text()
    if args.output:
        write_output(Path(args.output), text, N_("the schema"))
        print(_("wrote {file}").format(file=args.output))
    else:
        sys.stdout.write(text)
    return 0


def _policy(name: str) -> str:
    from game.bots.policies import POLICIES

    if name not in POLICIES:
        raise UserError(
            _("unknown policy {name}; valid policies: {choices}").format(
                name=repr(name), choices=", ".join(POLICIES)
            )
        )
    return name


def _cmd_simulate(args: argparse.Namespace) -> int:
    from game.analysis.simulate import format_scorecard, format_turns, game_summary, simulate

    policy = _policy(args.policy)
    scenario = scenario_for_user(args.scenario)
    game = simulate(scenario, args.seed, policy)
    if args.json:
        print(json.dumps(game_summary(game, policy), indent=2, sort_keys=True))
        return 0
    # Titles and region names come from the scenario file: printed cleaned (json.dumps escapes its own).
    print(
        clean(
            _("{title} - seed {seed} - policy {policy}").format(
                title=i18n.name(scenario.title), seed=args.seed, policy=policy
            )
        )
    )
    print(clean("\n".join(format_turns(game)), lines=True))
    print()
    print(clean("\n".join(format_scorecard(game.score(), game.index)), lines=True))
    return 0


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from game.analysis.calibrate import calibrate, format_calibration

    policy = _policy(args.policy)
    scenario = scenario_for_user(args.scenario)
    if args.seeds < 1:
        raise UserError(_("{option} must be at least 1").format(option="--seeds"))
    if args.workers is not None and args.workers < 1:
        raise UserError(_("{option} must be at least 1").format(option="--workers"))
    result = calibrate(scenario, args.seeds, policy, workers=args.workers)
    print(clean("\n".join(format_calibration(result, sources=not args.no_sources)), lines=True))
    failed = bool(result.failures)
    if args.difficulty:
        from game.analysis import difficulty

        lines, band_kept = difficulty.run_from_command(args, scenario)
        print()
        print(clean("\n".join(lines), lines=True))
        failed = failed or not band_kept
    if args.check and failed:
        return 1
    return 0


def _cmd_play(args: argparse.Namespace) -> int:
    try:
        from game.tui.app import run
    except ImportError as error:  # pragma: no cover - only without the TUI installed
        raise UserError(_("the terminal interface is not available: {error}").format(error=error)) from None
    return run(scenario=args.scenario, seed=args.seed, load=getattr(args, "load", None)) or 0


def _language_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # On a subcommand the default is SUPPRESS, so `minusma --lang fr play` keeps the top-level choice.
    parser.add_argument(
        "--lang",
        metavar="CODE",
        default=None if top else argparse.SUPPRESS,
        help=_("language: {choices} (default: ${variable}, then your setting, then the system's)").format(
            choices=", ".join(i18n.LANGUAGES), variable=i18n.LANGUAGE_ENV
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the language set now (call after choose_language)."""
    parser = argparse.ArgumentParser(
        prog="minusma",
        description=_(
            "A terminal wargame of the UN mission in Mali and its Protection of Civilians "
            "mandate. With no command, opens the game."
        ),
    )
    _language_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    play = commands.add_parser("play", help=_("play in the terminal (the default)"))
    play.add_argument("--scenario", metavar=_("SCENARIO"), help=_("start a new game of this scenario"))
    play.add_argument("--seed", type=int, metavar=_("SEED"), help=_("seed for a new game"))
    play.add_argument("--load", metavar=_("LOAD"), help=_("open a saved game file"))
    play.set_defaults(handler=_cmd_play)

    simulate = commands.add_parser("simulate", help=_("play a whole game headless with a policy"))
    simulate.add_argument("--scenario", default="mali-2019", metavar=_("SCENARIO"))
    simulate.add_argument("--seed", type=int, default=1, metavar=_("SEED"))
    simulate.add_argument("--policy", default="historical", metavar=_("POLICY"))
    simulate.add_argument("--json", action="store_true", help=_("machine-readable output"))
    simulate.set_defaults(handler=_cmd_simulate)

    calibrate = commands.add_parser("calibrate", help=_("simulated casualties beside history"))
    calibrate.add_argument("--scenario", default="mali-2019", metavar=_("SCENARIO"))
    calibrate.add_argument("--seeds", type=int, default=50, metavar=_("SEEDS"))
    calibrate.add_argument("--policy", default="historical", metavar=_("POLICY"))
    calibrate.add_argument(
        "--check", action="store_true", help=_("exit 1 when any row is outside history's range")
    )
    calibrate.add_argument(
        "--workers", type=int, metavar=_("WORKERS"), help=_("worker processes (default: every core)")
    )
    calibrate.add_argument("--no-sources", action="store_true", help=_("leave the source column out"))
    calibrate.add_argument(
        "--difficulty",
        action="store_true",
        help=_(
            "also play the searched, naive and study policies and check the difficulty band "
            "(rules.md §13.2; with --check, a broken band exits 1); the searched policy takes seconds a game"
        ),
    )
    calibrate.add_argument(
        "--search-seeds",
        type=int,
        default=10,
        metavar="N",
        help=_("games of the searched policy for --difficulty, the first N seeds (default 10)"),
    )
    calibrate.set_defaults(handler=_cmd_calibrate)

    validate = commands.add_parser("validate", help=_("check scenario files"))
    validate.add_argument("files", nargs="+", metavar=_("FILE"))
    validate.add_argument(
        "--lang",
        dest="check_language",
        metavar=_("LANG"),
        help=_("also report every text players read that has no translation into LANG (fr)"),
    )
    validate.set_defaults(handler=_cmd_validate)

    schema = commands.add_parser("schema", help=_("print the scenario JSON Schema"))
    schema.add_argument("-o", "--output", metavar=_("OUTPUT"), help=_("write to this file instead"))
    schema.set_defaults(handler=_cmd_schema)

    from game.analysis.commands import register as register_analysis
    from game.analysis.whatif_commands import register as register_whatif
    from game.record.commands import register as register_record
    from game.syndicate.commands import register as register_syndicate

    register_record(commands)
    register_analysis(commands)
    register_whatif(commands)
    register_syndicate(commands)
    for subcommand in commands.choices.values():
        if not any("--lang" in action.option_strings for action in subcommand._actions):
            _language_option(subcommand)
    return parser


def choose_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """Set the language before anything is printed: --lang (anywhere on the line), $MINUSMA_LANG,
    the saved setting, then the system locale. ValueError names a code the game does not have."""
    from game.record.settings import saved_language

    early = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    early.add_argument("--lang")
    try:
        flag = early.parse_known_args(list(argv))[0].lang
    except argparse.ArgumentError:  # `--lang` with no code: the whole parser says so, in the language found
        flag = None
    environ = os.environ if environ is None else environ
    speak_the_players_language()
    return i18n.set_language(i18n.pick_language(flag, environ, saved_language()))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        choose_language(argv)
    except ValueError as error:  # a code given on the line or in $MINUSMA_LANG that the game lacks
        print(f"minusma: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        args = parser.parse_args(["play", *argv])
        handler = args.handler
    if args.lang:  # an abbreviation (--lan fr) reaches only the full parser
        try:
            i18n.set_language(args.lang)
        except ValueError as error:
            print(f"minusma: {error}", file=sys.stderr)
            return EXIT_USER_ERROR
    try:
        return handler(args)
    except (UserError, ReadError) as error:  # a file's error that no command caught is still one message
        print(f"minusma: {clean(str(error), lines=True)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("minusma: interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except CrashReported:  # a terminal app crashed and said so when it closed
        return EXIT_CRASH
    except Exception as error:  # a bug: one line here, the traceback in a crash file
        report = write_crash_report(error, f"`minusma {args.command}`")
        kept = _("Saves are written whole or not at all: none was left half-written.")
        print(crash_line(error, report, kept), file=sys.stderr)
        return EXIT_CRASH


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
