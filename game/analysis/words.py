"""Words analysis shows: verdicts, mandate renewals and intervals, in the reader's language."""

from __future__ import annotations

from game.i18n import N_, _

# Translators: a policy's verdict against the baseline in analyse's and whatif's tables.
VERDICTS = {"better": N_("better"), "worse": N_("worse"), "different": N_("different")}
# Translators: a mandate renewal's outcome in analyse's table of renewals (ids kept in English).
MANDATE_OUTCOMES = {"poc_first": N_("poc_first"), "renewed": N_("renewed"), "reduced": N_("reduced")}


def verdict_text(verdict: str) -> str:
    """A verdict ('better', 'worse', 'different' or '') in the reader's language."""
    return _(VERDICTS[verdict]) if verdict in VERDICTS else verdict


def interval(low: str, high: str) -> str:
    """A confidence interval's two ends, already written: "-3.2 to 4.1"."""
    return _("{low} to {high}").format(low=low, high=high)


def renewal_text(entry: str) -> str:
    """A recorded renewal ("2480:renewed") as shown: unchanged in English, in words in other languages."""
    resolution, _sep, outcome = entry.rpartition(":")
    if not resolution or outcome not in MANDATE_OUTCOMES or _(MANDATE_OUTCOMES[outcome]) == outcome:
        return entry
    return _("UNSCR {resolution}: {outcome}").format(resolution=resolution, outcome=outcome_text(outcome))


def outcome_text(outcome: str) -> str:
    """A renewal's outcome as the table shows it: the id in English, its words in other languages."""
    return _(MANDATE_OUTCOMES[outcome]) if outcome in MANDATE_OUTCOMES else outcome
