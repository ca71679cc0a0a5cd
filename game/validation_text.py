"""Pydantic's validation messages in the player's language, chosen by the error's `type`.

A scenario, a policy file or a save that does not fit its model is reported with pydantic's own
message ("Field required"); a French game shows it in French. The common types have a message of
their own here; the others keep pydantic's English. Our validators' `value_error`s are already
translated (they raise `ValueError(_("..."))`): only pydantic's "Value error, " prefix goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.i18n import DEFAULT_LANGUAGE, N_, _, language

MESSAGES = {
    "missing": N_("field required"),
    "extra_forbidden": N_("unknown field (check its spelling)"),
    "int_parsing": N_("should be a whole number"),
    "int_type": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number, not a fraction"),
    "float_parsing": N_("should be a number"),
    "float_type": N_("should be a number"),
    "bool_parsing": N_("should be true or false"),
    "bool_type": N_("should be true or false"),
    "string_type": N_("should be text"),
    "literal_error": N_("should be {expected}"),
    "enum": N_("should be {expected}"),
    "greater_than_equal": N_("should be {ge} or more"),
    "greater_than": N_("should be more than {gt}"),
    "less_than_equal": N_("should be {le} or less"),
    "less_than": N_("should be less than {lt}"),
    "too_short": N_("should have at least {min_length} items, not {actual_length}"),
    "too_long": N_("should have at most {max_length} items, not {actual_length}"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "string_too_long": N_("should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("should match the pattern {pattern}"),
    "dict_type": N_("should be a mapping of keys to values"),
    "model_type": N_("should be a mapping of keys to values"),
    "model_attributes_type": N_("should be a mapping of keys to values"),
    "list_type": N_("should be a list"),
    "tuple_type": N_("should be a list"),
    "set_type": N_("should be a list"),
    "union_tag_invalid": N_("unknown {discriminator} {tag}: expected one of {expected_tags}"),
    "union_tag_not_found": N_("no {discriminator} given to tell which kind it is"),
}


def validation_message(error: Mapping[str, Any]) -> str:
    """One pydantic error's message (an item of `ValidationError.errors()`) in the player's language."""
    english = str(error.get("msg", ""))
    kind = error.get("type", "")
    if kind == "value_error":
        return english.removeprefix("Value error, ")
    if language() == DEFAULT_LANGUAGE or kind not in MESSAGES:
        return english
    context = {key: _words(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return _(MESSAGES[kind]).format(**context)
    except (KeyError, IndexError, ValueError):  # a pydantic version that names its context otherwise
        return english


def _words(value: object) -> str:
    """A context value as the message shows it: pydantic's English "'a', 'b' or 'c'" joined in French."""
    text = str(value)
    return text.replace("' or '", "' " + _("or") + " '")
