"""The glossary of the game's terms and acronyms, from data/glossary.yaml, validated and searchable."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yaml"
MEANING_SEARCH_MIN = 4  # letters a query needs before meanings are searched too


class Term(BaseModel):
    """One entry: the term as the screens write it, other spellings, its meaning, its rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(min_length=1)
    aliases: list[str] = []
    meaning: str = Field(min_length=10)
    rule: str = ""

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


def search(query: str) -> list[Term]:
    """Matching terms, best first: the exact name, a name that starts so, contains it, a meaning."""
    query = query.strip().casefold()

    def rank(term: Term) -> int:
        names = [name.casefold() for name in (term.term, *term.aliases)]
        if query in names:
            return 0
        if any(name.startswith(query) for name in names):
            return 1
        return 2 if any(query in name for name in names) else 3

    return sorted((term for term in glossary() if term.matches(query)), key=rank)
