"""Where the bundled scenarios live, and lookup by name or path."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from game.errors import UserError
from game.i18n import _
from game.scenario.loader import ScenarioError, ScenarioProblem, load_scenario
from game.scenario.models import Scenario

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    """The scenarios folder: the repository's in a checkout, the packaged copy when installed."""
    for candidate in (PACKAGE_DIR.parent / "scenarios", PACKAGE_DIR / "_scenarios"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(_("the bundled scenarios folder is missing from this installation"))


def scenario_names() -> list[str]:
    return sorted(path.stem for path in scenarios_dir().glob("*.yaml"))


@cache
def _load_cached(path: str) -> Scenario:
    return load_scenario(path)


class UnknownScenario(ScenarioError):
    """A scenario name that is neither bundled nor a file: one plain line, no file:line prefix."""

    def __init__(self, name: str, valid: list[str]):
        self.message = _("unknown scenario {name}; choose from: {choices}").format(
            name=repr(name), choices=", ".join(valid)
        )
        super().__init__([ScenarioProblem(name, 1, 1, "", self.message)])

    def __str__(self) -> str:
        return self.message


def find_scenario(name_or_path: str) -> Scenario:
    """A bundled scenario by name (mali-2019) or any scenario file by path."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_scenario(path)
    bundled = scenarios_dir() / f"{name_or_path}.yaml"
    if not bundled.exists():
        raise UnknownScenario(name_or_path, scenario_names())
    return _load_cached(str(bundled))


def scenario_for_user(name_or_path: str) -> Scenario:
    """`find_scenario` for a command: a failure is one UserError (one line when there is one problem)."""
    try:
        return find_scenario(name_or_path)
    except ScenarioError as error:
        raise UserError(str(error).splitlines()[0] if len(error.problems) == 1 else str(error)) from None


def schema_text() -> str:
    """The JSON Schema of scenario files, as committed in scenarios/scenario.schema.json."""
    return json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
