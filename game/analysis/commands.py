"""Command-line subcommands for analysis (registered by game.cli): `analyse`, Monte Carlo comparisons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game import i18n
from game.analysis.numbers import fixed
from game.errors import UserError
from game.i18n import N_, _, ngettext

POLICY_SUFFIXES = (".yaml", ".yml")
DEFAULT_RUNS = 1000


def _bundled_policy_files() -> list[Path]:
    from game.scenario.catalog import scenarios_dir

    folder = scenarios_dir() / "policies"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _load_policies(args: argparse.Namespace, scenario) -> list:
    """Built-in policies by name and policy files by path, in the order given; checked here."""
    from game.bots.policies import POLICIES
    from game.bots.policy_file import PolicyFileError, load_policy_file

    wanted = [*(args.policy or []), *(args.policy_file or [])]
    if not wanted:
        wanted = [name for name, policy in POLICIES.items() if not policy.slow]
    policies = []
    for entry in wanted:
        is_file = entry in (args.policy_file or []) or Path(entry).suffix in POLICY_SUFFIXES
        if is_file:
            try:
                policies.append(load_policy_file(entry, scenario))
            except PolicyFileError as error:
                raise UserError(_("bad policy file:\n{error}").format(error=error)) from None
        elif entry in POLICIES:
            policies.append(POLICIES[entry])
        else:
            raise UserError(
                _(
                    "unknown policy {policy!r}; built-in policies: {choices} "
                    "(or give a policy file ending in .yaml; see --list-policies)"
                ).format(policy=entry, choices=", ".join(POLICIES))
            )
    names = [policy.name for policy in policies]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UserError(
            _("policy {policies} is given twice; give each policy once").format(policies=", ".join(repeated))
        )
    return policies


def _list_policies() -> int:
    from game.bots.policies import POLICIES
    from game.bots.policy_file import PolicyFileError, load_policy_file

    print(_("Built-in policies (--policy NAME):"))
    for policy in POLICIES.values():
        description = _(policy.description)
        print(f"  {policy.name:<20} {description}")
    files = _bundled_policy_files()
    if files:
        print("\n" + _("Policy files (--policy FILE); write your own from scenarios/policies/example.yaml:"))
        for path in files:
            try:
                policy = load_policy_file(path)
                description = _(policy.description)
                print(f"  {path}  ({policy.name}: {description})")
            except PolicyFileError as error:
                print(f"  {path}  " + _("(does not load: {problem})").format(problem=error.problems[0]))
    return 0


def check_batch_arguments(args: argparse.Namespace, example: str = "games.csv") -> None:
    """The options `analyse` and `whatif` share: runs, workers, the executor and output files."""
    if args.runs < 1:
        raise UserError(_("--runs must be at least 1"))
    if args.workers is not None and args.workers < 1:
        raise UserError(_("--workers must be at least 1"))
    if args.executor == "dask" and not args.scheduler:
        raise UserError(_("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)"))
    if args.executor == "dask" and args.workers is not None:
        raise UserError(_("--workers is for the process executor; a Dask cluster runs on its own workers"))
    if args.scheduler and args.executor != "dask":
        raise UserError(_("--scheduler is for --executor dask"))
    for option, value in (("--csv", args.csv), ("--json", args.json)):
        if value and value != "-" and Path(value).is_dir():
            raise UserError(
                _("{option} {value} is a folder; give a file name, e.g. {example}").format(
                    option=option, value=value, example=Path(value) / example
                )
            )


def _chosen_measures(args: argparse.Namespace, scenario, policy) -> list[str]:
    """The measures to show, checked before the run: a probe game tells which there are."""
    from game.analysis.montecarlo import play_one

    every = list(play_one(scenario, policy, args.seed).measures)
    if not args.measure:
        return every
    keys = [key for key in every if any(text in key for text in args.measure)]
    if not keys:
        raise UserError(
            _("no measure matches {wanted}; measures: {choices}").format(
                wanted=", ".join(args.measure), choices=", ".join(every)
            )
        )
    return keys


def _write(path: str, text: str) -> None:
    from game.record.saves import write_output

    write_output(Path(path), text, N_("the results"))


def _failure(error: Exception, scenario_name: str) -> Exception:
    """A failed game or an unusable executor, as a user-facing error."""
    from game.analysis.montecarlo import GameFailed
    from game.bots.policies import POLICIES

    hint = ""
    if isinstance(error, GameFailed) and error.policy in POLICIES:
        hint = _(
            "; replay it with: minusma simulate --scenario {scenario} --seed {seed} --policy {policy}"
        ).format(scenario=scenario_name, seed=error.seed, policy=error.policy)
    return UserError(f"{error}{hint}")


def _run_with_progress(args: argparse.Namespace, scenario, policies: list, errors):
    """Run the games with a progress bar and time left on standard error."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from game.analysis.montecarlo import run_games

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TextColumn(_("left")),
        TimeRemainingColumn(),
    )
    total = args.runs * len(policies)
    with Progress(*columns, console=errors) as progress:
        task = progress.add_task(
            _("{scenario}: {policies} x {games}").format(
                scenario=scenario.id,
                policies=ngettext("{n} policy", "{n} policies", len(policies)).format(n=len(policies)),
                games=ngettext("{n} game", "{n} games", args.runs).format(n=args.runs),
            ),
            total=total,
        )
        return run_games(
            scenario,
            policies,
            args.runs,
            base_seed=args.seed,
            workers=args.workers,
            executor=args.executor,
            scheduler=args.scheduler,
            progress=lambda n: progress.advance(task, n),
        )


def _cmd_analyse(args: argparse.Namespace) -> int:
    if args.list_policies:
        return _list_policies()
    from rich.console import Console

    from game.analysis.compare import compare, mandate_shares, measure_keys
    from game.analysis.montecarlo import ExecutorUnavailable, GameFailed
    from game.analysis.output import PLOTTED, csv_text, json_data, json_text, print_plots, print_report
    from game.scenario.catalog import scenario_for_user

    check_batch_arguments(args)
    scenario = scenario_for_user(args.scenario)
    policies = _load_policies(args, scenario)
    names = [policy.name for policy in policies]
    baseline = args.baseline or names[0]
    if baseline not in names:
        raise UserError(
            _("the baseline {baseline!r} is not among the policies run: {names}").format(
                baseline=baseline, names=", ".join(names)
            )
        )
    errors = Console(stderr=True)
    try:
        keys = _chosen_measures(args, scenario, policies[0])
        outcome = _run_with_progress(args, scenario, policies, errors)
    except (GameFailed, ExecutorUnavailable) as error:
        raise _failure(error, args.scenario) from None

    if outcome.interrupted:
        finished = ", ".join(f"{name} {outcome.finished(name)}" for name in names)
        errors.print(
            _(
                "[bold]interrupted[/]: {finished} of {planned} games finished ({by_policy}); "
                "the figures below cover those games only"
            ).format(finished=len(outcome.results), planned=outcome.planned, by_policy=finished)
        )
    if not outcome.results:
        return 130 if outcome.interrupted else 1

    region_names = {region.id: i18n.name(region.name) for region in scenario.regions}
    tables = compare(outcome, baseline, region_names, keys)
    shares = mandate_shares(outcome)
    console = Console(width=None if sys.stdout.isatty() else 160)
    heading = ngettext(
        "{title}: {games} games, seeds {first}-{last} per policy, {seconds} s on {n} worker",
        "{title}: {games} games, seeds {first}-{last} per policy, {seconds} s on {n} workers",
        outcome.workers,
    ).format(
        title=i18n.name(scenario.title),
        games=len(outcome.results),
        first=args.seed,
        last=args.seed + args.runs - 1,
        seconds=fixed(outcome.elapsed_s, 1, group=False),
        n=outcome.workers,
    )
    print_report(console, heading, tables, baseline, shares)
    if not args.no_plots:
        print_plots(console, outcome, [key for key in PLOTTED if key in keys])
    if args.csv:
        _write(args.csv, csv_text(outcome, measure_keys(outcome.results)))
        games = len(outcome.results)
        errors.print(
            ngettext("wrote {path} ({n} game)", "wrote {path} ({n} games)", games).format(
                path=args.csv, n=games
            )
        )
    if args.json:
        _write(args.json, json_text(json_data(outcome, scenario.id, baseline, tables, shares)))
        errors.print(_("wrote {path}").format(path=args.json))
    return 130 if outcome.interrupted else 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `minusma` parser."""
    analyse = commands.add_parser(
        "analyse",
        aliases=["analyze"],
        help=_("compare courses of action over many seeded games (Monte Carlo)"),
        description=_(
            "Play many seeded games of each policy in parallel and compare the outcomes: "
            "mean, median, 5th and 95th percentiles, 95% confidence intervals, and paired differences "
            "from a baseline policy. Game i of every policy uses seed SEED+i."
        ),
    )
    analyse.add_argument(
        "--scenario",
        default="mali-2019",
        metavar=_("SCENARIO"),
        help=_("scenario name or file (default mali-2019)"),
    )
    analyse.add_argument(
        "--runs",
        metavar=_("RUNS"),
        type=int,
        default=DEFAULT_RUNS,
        help=_("games per policy (default {runs})").format(runs=DEFAULT_RUNS),
    )
    analyse.add_argument(
        "--policy",
        action="append",
        metavar=_("NAME|FILE"),
        help=_(
            "a built-in policy or a policy file (.yaml); repeat for several "
            "(default: every built-in but the slow searched one)"
        ),
    )
    analyse.add_argument(
        "--policy-file", action="append", metavar=_("FILE"), help=_("a YAML policy file; repeatable")
    )
    analyse.add_argument("--list-policies", action="store_true", help=_("list the policies and exit"))
    analyse.add_argument(
        "--baseline", metavar=_("NAME"), help=_("policy the others are compared with (default: the first)")
    )
    analyse.add_argument(
        "--seed", type=int, default=1, metavar=_("SEED"), help=_("seed of the first game (default 1)")
    )
    analyse.add_argument(
        "--workers", type=int, metavar=_("WORKERS"), help=_("worker processes (default: every core)")
    )
    analyse.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help=_("process: this machine's cores; dask: a Dask distributed cluster (the cluster extra)"),
    )
    analyse.add_argument(
        "--scheduler", metavar=_("ADDRESS"), help=_("Dask scheduler address, e.g. tcp://host:8786")
    )
    analyse.add_argument(
        "--measure",
        action="append",
        metavar=_("TEXT"),
        help=_("show only measures whose key contains TEXT (e.g. civilians, credibility); repeatable"),
    )
    analyse.add_argument("--no-plots", action="store_true", help=_("leave out the distribution plots"))
    analyse.add_argument("--csv", metavar=_("FILE"), help=_("write every game's measures to a CSV file"))
    analyse.add_argument(
        "--json", metavar=_("FILE"), help=_("write the games and the summary to a JSON file")
    )
    analyse.set_defaults(handler=_cmd_analyse)
