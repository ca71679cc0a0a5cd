"""The glossary of the game's terms and acronyms, from data/glossary.yaml, validated and searchable."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from game.i18n import language

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yaml"
MEANING_SEARCH_MIN = 4  # letters a query needs before meanings are searched too


class TermText(BaseModel):
    """An entry in another language: the term, its other spellings and its meaning (the rule is shared)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    aliases: list[str] = []
    meaning: str = Field(min_length=10)


class Term(BaseModel):
    """One entry: the term as the screens write it, other spellings, its meaning, its rule, its French."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    aliases: list[str] = []
    meaning: str = Field(min_length=10)
    rule: str = ""
    fr: TermText | None = None

    def in_language(self, code: str) -> Term:
        """The entry as a player of that language reads it; the English names stay searchable."""
        text = getattr(self, code, None) if code != "en" else None
        if text is None:
            return self
        aliases = [*text.aliases, *(name for name in (self.term, *self.aliases) if name not in text.aliases)]
        return Term(term=text.term, aliases=aliases, meaning=text.meaning, rule=self.rule)

    def matches(self, query: str) -> bool:
        query = query.strip().casefold()
        if not query:
            return True
        names = [self.term, *self.aliases]
        if any(query in name.casefold() for name in names):
            return True
        # Short queries ("EW") would match inside many words ("renewal"): names only.
        return len(query) >= MEANING_SEARCH_MIN and query in self.meaning.casefold()


@cache
def glossary() -> tuple[Term, ...]:
    """Every term, in the file's order; raises ValueError naming the entry that is wrong."""
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return tuple(TypeAdapter(list[Term]).validate_python(data))


@cache
def glossary_in(code: str) -> tuple[Term, ...]:
    """Every term as a player of that language reads it (English where an entry has no translation)."""
    return tuple(term.in_language(code) for term in glossary())


def untranslated(code: str) -> list[str]:
    """The entries with no text in that language (tests/unit/test_glossary.py wants none for French)."""
    return [term.term for term in glossary() if getattr(term, code, None) is None]


def search(query: str) -> list[Term]:
    """Matching terms in the player's language, best first: the exact name, a name that starts so,
    contains it, a meaning."""
    query = query.strip().casefold()

    def rank(term: Term) -> int:
        names = [name.casefold() for name in (term.term, *term.aliases)]
        if query in names:
            return 0
        if any(name.startswith(query) for name in names):
            return 1
        return 2 if any(query in name for name in names) else 3

    return sorted((term for term in glossary_in(language()) if term.matches(query)), key=rank)
