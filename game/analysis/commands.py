"""Command-line subcommands for analysis (registered by game.cli): `analyse`, Monte Carlo comparisons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine.wording import plural
from game.errors import UserError

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
                raise UserError(f"bad policy file:\n{error}") from None
        elif entry in POLICIES:
            policies.append(POLICIES[entry])
        else:
            raise UserError(
                f"unknown policy {entry!r}; built-in policies: {', '.join(POLICIES)} "
                "(or give a policy file ending in .yaml; see --list-policies)"
            )
    names = [policy.name for policy in policies]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise UserError(f"policy {', '.join(repeated)} is given twice; give each policy once")
    return policies


def _list_policies() -> int:
    from game.bots.policies import POLICIES
    from game.bots.policy_file import PolicyFileError, load_policy_file

    print("Built-in policies (--policy NAME):")
    for policy in POLICIES.values():
        print(f"  {policy.name:<20} {policy.description}")
    files = _bundled_policy_files()
    if files:
        print("\nPolicy files (--policy FILE); write your own from scenarios/policies/example.yaml:")
        for path in files:
            try:
                policy = load_policy_file(path)
                print(f"  {path}  ({policy.name}: {policy.description})")
            except PolicyFileError as error:
                print(f"  {path}  (does not load: {error.problems[0]})")
    return 0


def check_batch_arguments(args: argparse.Namespace, example: str = "games.csv") -> None:
    """The options `analyse` and `whatif` share: runs, workers, the executor and output files."""
    if args.runs < 1:
        raise UserError("--runs must be at least 1")
    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.executor == "dask" and not args.scheduler:
        raise UserError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    if args.executor == "dask" and args.workers is not None:
        raise UserError("--workers is for the process executor; a Dask cluster runs on its own workers")
    if args.scheduler and args.executor != "dask":
        raise UserError("--scheduler is for --executor dask")
    for option, value in (("--csv", args.csv), ("--json", args.json)):
        if value and value != "-" and Path(value).is_dir():
            raise UserError(f"{option} {value} is a folder; give a file name, e.g. {Path(value) / example}")


def _chosen_measures(args: argparse.Namespace, scenario, policy) -> list[str]:
    """The measures to show, checked before the run: a probe game tells which there are."""
    from game.analysis.montecarlo import play_one

    every = list(play_one(scenario, policy, args.seed).measures)
    if not args.measure:
        return every
    keys = [key for key in every if any(text in key for text in args.measure)]
    if not keys:
        raise UserError(f"no measure matches {', '.join(args.measure)}; measures: {', '.join(every)}")
    return keys


def _write(path: str, text: str) -> None:
    from game.record.saves import write_output

    write_output(Path(path), text, "the results")


def _failure(error: Exception, scenario_name: str) -> Exception:
    """A failed game or an unusable executor, as a user-facing error."""
    from game.analysis.montecarlo import GameFailed
    from game.bots.policies import POLICIES

    hint = ""
    if isinstance(error, GameFailed) and error.policy in POLICIES:
        hint = (
            f"; replay it with: minusma simulate --scenario {scenario_name} "
            f"--seed {error.seed} --policy {error.policy}"
        )
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
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    total = args.runs * len(policies)
    with Progress(*columns, console=errors) as progress:
        task = progress.add_task(
            f"{scenario.id}: {plural(len(policies), 'policy', 'policies')} x {plural(args.runs, 'game')}",
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
        raise UserError(f"the baseline {baseline!r} is not among the policies run: {', '.join(names)}")
    errors = Console(stderr=True)
    try:
        keys = _chosen_measures(args, scenario, policies[0])
        outcome = _run_with_progress(args, scenario, policies, errors)
    except (GameFailed, ExecutorUnavailable) as error:
        raise _failure(error, args.scenario) from None

    if outcome.interrupted:
        finished = ", ".join(f"{name} {outcome.finished(name)}" for name in names)
        errors.print(
            f"[bold]interrupted[/]: {len(outcome.results)} of {outcome.planned} games finished "
            f"({finished}); the figures below cover those games only"
        )
    if not outcome.results:
        return 130 if outcome.interrupted else 1

    region_names = {region.id: region.name for region in scenario.regions}
    tables = compare(outcome, baseline, region_names, keys)
    shares = mandate_shares(outcome)
    console = Console(width=None if sys.stdout.isatty() else 160)
    heading = (
        f"{scenario.title}: {len(outcome.results)} games, seeds {args.seed}-{args.seed + args.runs - 1} "
        f"per policy, {outcome.elapsed_s:.1f} s on {plural(outcome.workers, 'worker')}"
    )
    print_report(console, heading, tables, baseline, shares)
    if not args.no_plots:
        print_plots(console, outcome, [key for key in PLOTTED if key in keys])
    if args.csv:
        _write(args.csv, csv_text(outcome, measure_keys(outcome.results)))
        errors.print(f"wrote {args.csv} ({len(outcome.results)} games)")
    if args.json:
        _write(args.json, json_text(json_data(outcome, scenario.id, baseline, tables, shares)))
        errors.print(f"wrote {args.json}")
    return 130 if outcome.interrupted else 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `minusma` parser."""
    analyse = commands.add_parser(
        "analyse",
        aliases=["analyze"],
        help="compare courses of action over many seeded games (Monte Carlo)",
        description="Play many seeded games of each policy in parallel and compare the outcomes: "
        "mean, median, 5th and 95th percentiles, 95% confidence intervals, and paired differences "
        "from a baseline policy. Game i of every policy uses seed SEED+i.",
    )
    analyse.add_argument("--scenario", default="mali-2019", help="scenario name or file (default mali-2019)")
    analyse.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"games per policy (default {DEFAULT_RUNS})"
    )
    analyse.add_argument(
        "--policy",
        action="append",
        metavar="NAME|FILE",
        help="a built-in policy or a policy file (.yaml); repeat for several "
        "(default: every built-in but the slow searched one)",
    )
    analyse.add_argument(
        "--policy-file", action="append", metavar="FILE", help="a YAML policy file; repeatable"
    )
    analyse.add_argument("--list-policies", action="store_true", help="list the policies and exit")
    analyse.add_argument(
        "--baseline", metavar="NAME", help="policy the others are compared with (default: the first)"
    )
    analyse.add_argument("--seed", type=int, default=1, help="seed of the first game (default 1)")
    analyse.add_argument("--workers", type=int, help="worker processes (default: every core)")
    analyse.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help="process: this machine's cores; dask: a Dask distributed cluster (the cluster extra)",
    )
    analyse.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786"
    )
    analyse.add_argument(
        "--measure",
        action="append",
        metavar="TEXT",
        help="show only measures whose key contains TEXT (e.g. civilians, credibility); repeatable",
    )
    analyse.add_argument("--no-plots", action="store_true", help="leave out the distribution plots")
    analyse.add_argument("--csv", metavar="FILE", help="write every game's measures to a CSV file")
    analyse.add_argument("--json", metavar="FILE", help="write the games and the summary to a JSON file")
    analyse.set_defaults(handler=_cmd_analyse)
