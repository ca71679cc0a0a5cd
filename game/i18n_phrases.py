"""Whole phrases recorded() reads in place of the engine's pieces, so the French can agree and read well.

The engine writes "11 civilians killed in Mopti" from two templates, "{count} killed in {region}"
and "{n} civilians": read piece by piece the French could not make "tués" agree with its count, nor
put the count first. The phrases below match the same English as the pieces put together; having
more fixed text, recorded() prefers them (game.i18n_record), and their French agrees with `{n}`.
Nothing calls these at run time: `python -m game.catalogs` extracts them into the catalog, whose
templates recorded() reads. The English must stay exactly what the engine writes
(tests/test_recorded.py plays games and checks that each phrase is met).
"""

from __future__ import annotations

from game.i18n import N_, N_plural

AGREEING = (
    N_plural("{n} civilian killed in {region}", "{n} civilians killed in {region}"),
    N_plural("{n} soldier killed", "{n} soldiers killed"),
    N_plural("{n} killed", "{n} killed"),
    N_plural(
        "{n} peacekeeper killed so far: troop contributors press the Council",
        "{n} peacekeepers killed so far: troop contributors press the Council",
    ),
    N_plural("{n} peacekeeper wounded, no one killed", "{n} peacekeepers wounded, no one killed"),
    N_plural(
        "{n} civilian died in {region} last turn ({harm} blamed on the mission or its partners)",
        "{n} civilians died in {region} last turn ({harm} blamed on the mission or its partners)",
    ),
)

# The armed groups' bot prefixes each reason with its priority's English label (rules.md §5).
PRIORITIES = (
    N_("P1 exploit: {reason}"),
    N_("P2 exposed: {reason}"),
    N_("P3 host forces: {reason}"),
    N_("P4 roads: {reason}"),
    N_("P5 civilians: {reason}"),
)

# A card's title or a message's theme between the engine's quotes: the French puts its guillemets.
QUOTED = N_("'{title}'")

# "the mission {outcome} an attack on civilians": French puts the outcome in the past participle.
OUTCOMES = (
    N_("the mission prevented an attack on civilians"),
    N_("the mission deterred an attack on civilians"),
    N_("the mission mitigated an attack on civilians"),
    N_("the mission partly mitigated an attack on civilians"),
)

# A unit's posture in French: "en patrouille", "en posture de réaction rapide"; base posture is the
# order menu's "static" ("statique"), as the order that a refusal answers calls it.
POSTURES = (
    N_("{unit} already has base posture"),
    N_("{unit} already has patrol posture"),
    N_("{unit} already has quick reaction posture"),
    N_("Put the {unit} in patrol posture"),
    N_("Put the {unit} in quick reaction posture"),
)
