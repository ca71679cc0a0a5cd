"""The guided tutorial: steps from scenarios/guides/*.yaml, each done when its checks hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game import i18n
from game.engine import Game
from game.engine.view import UMPIRE, GameView
from game.i18n import _
from game.scenario.catalog import scenarios_dir
from game.scenario.models import AviationKind, Identifier, Role


class _Check(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NextCheck(_Check):
    """The player presses n (an explanation to read)."""

    type: Literal["next"]


class CardsSeenCheck(_Check):
    """This turn's event cards have been shown and closed."""

    type: Literal["cards_seen"]


class ScreenCheck(_Check):
    """The player opened this screen since the step began."""

    type: Literal["screen"]
    name: Literal["orders", "sitrep", "glossary", "results", "rules"]


class SeatCheck(_Check):
    type: Literal["seat"]
    role: Role


class TaskedCheck(_Check):
    type: Literal["tasked"]
    kind: AviationKind
    region: Identifier


class PostureCheck(_Check):
    type: Literal["posture"]
    region: Identifier
    posture: Literal["base", "patrol", "quick_reaction"]


class TierOneCheck(_Check):
    type: Literal["tier_one"]
    region: Identifier
    points: int = Field(1, ge=1, le=3)


class WarningCheck(_Check):
    type: Literal["warning_at_least"]
    region: Identifier
    value: int = Field(ge=0, le=3)


class TurnCheck(_Check):
    type: Literal["turn_at_least"]
    turn: int = Field(ge=1)


class WhyCheck(_Check):
    """The player looked at the causes of a change in the SITREP."""

    type: Literal["why_asked"]


Check = Annotated[
    NextCheck
    | CardsSeenCheck
    | ScreenCheck
    | SeatCheck
    | TaskedCheck
    | PostureCheck
    | TierOneCheck
    | WarningCheck
    | TurnCheck
    | WhyCheck,
    Field(discriminator="type"),
]


class StepText(BaseModel):
    """A step's title and text in another language (French runs about a fifth longer than English)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(None, min_length=1)
    text: str | None = Field(None, min_length=1, max_length=240)


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Identifier
    title: str = Field(min_length=1)
    text: str = Field(min_length=1, max_length=200, description="Short: the panel is 30 columns at 80×24")
    done_when: list[Check] = Field(min_length=1)
    last_turn: int | None = Field(
        None, ge=1, description="The step is passed over once the game is beyond this turn"
    )

    fr: StepText | None = None

    def shown(self, field: Literal["title", "text"]) -> str:
        """The step's title or text in the player's language, the English where it has none."""
        translation = getattr(self, i18n.language(), None)
        return getattr(translation, field, None) or getattr(self, field)

    def passed(self, view: GameView) -> bool:
        return self.last_turn is not None and view.turn > self.last_turn


class GuideFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scenario: Identifier
    steps: list[Step] = Field(min_length=1)


class GuideError(Exception):
    """A guide file that cannot be used; the message names the file and the field."""


def guide_path(name: str) -> Path:
    return scenarios_dir() / "guides" / f"{name}.yaml"


def load_guide(name: str) -> GuideFile:
    path = guide_path(name)
    try:
        return GuideFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise GuideError(_("{path}: no such guide").format(path=path)) from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise GuideError(f"{path}: {where}: {first['msg']}") from None


@dataclass
class Observed:
    """What the player did that the game state does not keep: screens opened, n pressed."""

    screens: set[str] = field(default_factory=set)
    why_asked: bool = False
    seat: str = ""
    cards_seen: bool = False


def check_holds(check: Check, game: Game, view: GameView, seen: Observed) -> bool:
    """Whether the check holds in the seat's view of the game (the guide sees what the player sees)."""
    match check:
        case NextCheck():
            return False  # only n moves on (Guide.skip)
        case CardsSeenCheck():
            return seen.cards_seen
        case ScreenCheck(name=name):
            return name in seen.screens
        case SeatCheck(role=role):
            return seen.seat == role
        case TaskedCheck(kind=kind, region=region):
            return any(game.index.aviation[a].kind == kind for a in view.region(region).aviation)
        case PostureCheck(region=region, posture=posture):
            return any(u.posture == posture for u in view.region(region).units)
        case TierOneCheck(region=region, points=points):
            return view.region(region).tier_one >= points
        case WarningCheck(region=region, value=value):
            return view.region(region).warning >= value
        case TurnCheck(turn=turn):
            return view.turn >= turn or view.over
        case WhyCheck():
            return seen.why_asked
    return False


@dataclass
class Guide:
    """Where the player is in the guide. `advance` moves on while the current step is done."""

    steps: list[Step]
    index: int = 0
    seen: Observed = field(default_factory=Observed)
    ended: bool = False

    @classmethod
    def load(cls, name: str = "tutorial") -> Guide:
        return cls(list(load_guide(name).steps))

    @property
    def step(self) -> Step | None:
        return None if self.ended or self.index >= len(self.steps) else self.steps[self.index]

    @property
    def active(self) -> bool:
        return self.step is not None

    def advance(self, game: Game, view: GameView | None = None) -> bool:
        """Move past every step whose checks hold in `view` (the player's seat's; the umpire's
        by default), or whose turn is over; True when the step changed."""
        view = view or game.observe(UMPIRE)
        moved = False
        while (step := self.step) is not None and (
            step.passed(view) or all(check_holds(check, game, view, self.seen) for check in step.done_when)
        ):
            self._next()
            moved = True
        return moved

    def skip(self) -> None:
        """n: the player moves on, having read an explanation or choosing to skip a step."""
        if self.step is not None:
            self._next()

    def end(self) -> None:
        self.ended = True

    def _next(self) -> None:
        self.index += 1
        keep = self.seen.seat
        self.seen = Observed(seat=keep)
