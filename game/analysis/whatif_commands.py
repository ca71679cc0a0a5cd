"""The `minusma whatif` subcommand: from a turn of a saved game, run the alternatives many times."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import i18n
from game.analysis.commands import check_batch_arguments
from game.analysis.numbers import fixed
from game.errors import UserError
from game.i18n import N_, _, ngettext

# Translators: the kind of a decision point, as `whatif --list` shows it.
POINT_KINDS = {
    "card": N_("card"),
    "policy": N_("policy"),
    "unit": N_("unit"),
    "aviation": N_("aviation"),
    "message": N_("message"),
    "poc": N_("PoC"),
    "order": N_("order"),
}


def choose_alternatives(fork, turns: list[int], only: list[str], every: bool) -> list:
    """The generated alternatives of these turns: the first of each decision point, or all of them,
    or the ones named by id."""
    points = [point for turn in turns for point in fork.decision_points(turn)]
    alternatives = [
        a for point in points for a in (point.alternatives if every or only else point.alternatives[:1])
    ]
    if only:
        by_id = {a.id: a for a in alternatives}
        unknown = [name for name in only if name not in by_id]
        if unknown:
            raise UserError(
                _("no alternative {ids} at turn {turns}; see the ids with --list").format(
                    ids=", ".join(unknown), turns=", ".join(map(str, turns))
                )
            )
        alternatives = [by_id[name] for name in only]
    return alternatives


def _list(fork, turns: list[int]) -> int:
    from game.text import clean

    for turn in turns:
        view = fork.replay.turn(turn)
        print(clean(_("Turn {turn} ({month}): orders played").format(turn=turn, month=view.month)))
        for number, given in enumerate(view.orders, start=1):
            print(clean(f"  {number:>2}. {i18n.recorded(given.text)}"))
        for point in fork.decision_points(turn):
            kind = _(POINT_KINDS.get(point.kind, point.kind))
            print(
                clean(
                    "  "
                    + _("decision {id} ({kind}): {played}").format(
                        id=point.id, kind=kind, played=point.played
                    )
                )
            )
            for alternative in point.alternatives:
                print(clean(f"      {alternative.id}  {alternative.name}"))
    return 0


def _cmd_whatif(args: argparse.Namespace) -> int:
    from rich.console import Console

    from game.analysis.montecarlo import ExecutorUnavailable
    from game.analysis.whatif import Fork, continuation_policy, load_alternatives
    from game.analysis.whatif_output import (
        continuation_lines,
        csv_text,
        evaluate,
        json_data,
        json_text,
        print_text,
    )
    from game.record.saves import write_output

    check_batch_arguments(args, example="whatif.json")
    fork = Fork.open(args.save)
    for turn in args.turn or []:
        fork.check_turn(turn)
    if args.list:
        return _list(fork, args.turn or list(range(1, fork.turns + 1)))
    policy = continuation_policy(args.policy)
    if args.only and not args.turn:  # an id names its turn: 3.2b is at turn 3
        prefixes = {name.partition(".")[0] for name in args.only}
        if not all(prefix.isdigit() for prefix in prefixes):
            raise UserError(
                _("--only takes ids such as 3.2b (see --list), not {ids}").format(ids=", ".join(args.only))
            )
        args.turn = sorted(int(prefix) for prefix in prefixes)
        for turn in args.turn:
            fork.check_turn(turn)
    alternatives = []
    if args.file:
        alternatives += load_alternatives(
            args.file, fork, args.turn[0] if args.turn and len(args.turn) == 1 else None
        )
    if args.turn and (not args.file or args.only):
        alternatives += choose_alternatives(fork, args.turn, args.only or [], args.all)
    if not args.turn and not args.file:
        raise UserError(
            _(
                "give --turn N (this save has turns 1-{last}) or --file ALTERNATIVES.yaml; "
                "--list shows each turn's decisions and alternatives"
            ).format(last=fork.turns)
        )
    if not alternatives:
        raise UserError(
            _("no decision at that turn has an alternative the rules allow; try another --turn or a --file")
        )

    errors = Console(stderr=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    turns = sorted({alternative.turn for alternative in alternatives})
    total = args.runs * (len(alternatives) + len(turns))
    try:
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=errors,
            transient=True,
        ) as progress:
            task = progress.add_task(
                ngettext(
                    "{n} alternative x {runs} runs", "{n} alternatives x {runs} runs", len(alternatives)
                ).format(n=len(alternatives), runs=args.runs),
                total=total,
            )
            batches, found = evaluate(
                fork,
                alternatives,
                args.runs,
                args.seed,
                policy,
                args.workers,
                args.executor,
                args.scheduler,
                progress=lambda n: progress.advance(task, n),
            )
    except ExecutorUnavailable as error:
        raise UserError(str(error)) from None
    if batches.interrupted:
        errors.print(_("[bold]interrupted[/]: the figures cover the runs every line finished"))
    heading = [
        _(
            "What if: {save} ({scenario}), {alternatives}, {runs} paired runs each, {seconds} s on {workers}"
        ).format(
            save=fork.replay.label,
            scenario=i18n.name(fork.scenario.title),
            alternatives=ngettext("{n} alternative", "{n} alternatives", len(alternatives)).format(
                n=len(alternatives)
            ),
            runs=args.runs,
            seconds=fixed(batches.elapsed_s, 1, group=False),
            workers=ngettext("{n} worker", "{n} workers", batches.workers).format(n=batches.workers),
        ),
        *continuation_lines(fork, turns, policy.name),
    ]
    header = {
        "save": str(fork.replay.path),
        "scenario": fork.scenario.id,
        "runs": args.runs,
        "base_seed": args.seed,
        "continuation": heading[1:],
        "continuation_policy": policy.name,
        "interrupted": batches.interrupted,
    }
    outputs = [
        (args.json, lambda: json_text(json_data(header, found)), N_("the what-if results")),
        (args.csv, lambda: csv_text(found), N_("the what-if results")),
    ]
    to_stdout = any(path == "-" for path, _, _ in outputs)
    if not to_stdout:
        print_text(Console(width=None if sys.stdout.isatty() else 160), heading, found, args.runs, args.seed)
    for path, text, what in outputs:
        if path == "-":
            sys.stdout.write(text())
        elif path:
            write_output(Path(path), text(), what)
            errors.print(_("wrote {path}").format(path=path))
    return 130 if batches.interrupted else 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add `whatif` to the `minusma` parser."""
    from game.analysis.whatif import DEFAULT_POLICY, DEFAULT_RUNS

    whatif = commands.add_parser(
        "whatif",
        help=_("from a turn of a saved game, play the alternatives many times and show what they change"),
        description=_(
            "Fork a saved game at a turn, give other orders there, and play the rest of the game "
            "many times with paired dice for the orders played and each alternative; report the "
            "differences with 95% confidence intervals. Later turns get the orders played where the "
            "rules allow them, then a policy."
        ),
    )
    whatif.add_argument("save", metavar=_("SAVE"), help=_("a save file"))
    whatif.add_argument(
        "--turn", type=int, action="append", metavar="N", help=_("the turn to change; repeatable")
    )
    whatif.add_argument(
        "--list", action="store_true", help=_("list the decisions and alternatives, run nothing")
    )
    whatif.add_argument("--file", metavar=_("FILE"), help=_("alternatives of your own (YAML; see README)"))
    whatif.add_argument(
        "--only", action="append", metavar="ID", help=_("run only this alternative (e.g. 3.2b)")
    )
    whatif.add_argument(
        "--all", action="store_true", help=_("every alternative of each decision, not the first")
    )
    whatif.add_argument(
        "--runs",
        metavar=_("RUNS"),
        type=int,
        default=DEFAULT_RUNS,
        help=_("runs per line (default {runs})").format(runs=DEFAULT_RUNS),
    )
    whatif.add_argument(
        "--seed", type=int, default=1, metavar=_("SEED"), help=_("seed of the re-rolled dice (default 1)")
    )
    whatif.add_argument(
        "--policy",
        default=DEFAULT_POLICY,
        metavar=_("POLICY"),
        help=_("plays the turns after the save's last (default {policy})").format(policy=DEFAULT_POLICY),
    )
    whatif.add_argument(
        "--workers", type=int, metavar=_("WORKERS"), help=_("worker processes (default: every core)")
    )
    whatif.add_argument("--executor", choices=("process", "dask"), default="process")
    whatif.add_argument(
        "--scheduler", metavar=_("ADDRESS"), help=_("Dask scheduler address, e.g. tcp://host:8786")
    )
    whatif.add_argument(
        "--json", metavar=_("FILE"), help=_("write the results as JSON ('-': standard output)")
    )
    whatif.add_argument(
        "--csv", metavar=_("FILE"), help=_("write one row per alternative and measure ('-': standard output)")
    )
    whatif.set_defaults(handler=_cmd_whatif)
