"""Resolution tables: protection in a region, attacks on civilians, peacekeepers and host forces."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import tables as T
from game.engine.context import Context, cause
from game.engine.state import Cause, UnitState
from game.engine.wording import counted, words
from game.i18n import N_
from game.scenario.models import AviationKind, Caveat, UnitType


@dataclass(slots=True)
class Protection:
    """A region's protection modifier and the items it is made of, for players to read.

    An item's label may be a template filled from its values: the labels are written out only
    when someone reads `items` (a player, the ledger), not for the thousands of protections the
    adversary and analysis weigh by their total alone.
    """

    total: int = 0
    parts: list[tuple[str, dict[str, object] | None, int]] = field(default_factory=list)
    air_response: tuple[str, str] | None = None  # (unit, lift asset) if projection is used
    responder: str | None = None  # a quick-reaction unit that goes out to another region to respond
    _items: list[tuple[str, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _described: str | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, label: str, value: int, values: dict[str, object] | None = None) -> None:
        """Add an item that counts (a zero adds nothing and is not shown)."""
        if value:
            self.parts.append((label, values, value))
            self.total += value
            self._items = self._described = None

    def note(self, label: str) -> None:
        """Show an item that adds nothing."""
        self.parts.append((label, None, 0))
        self._items = self._described = None

    @property
    def items(self) -> list[tuple[str, int]]:
        """(label, value) for each item, in order."""
        if self._items is None:
            self._items = [
                (label.format(**values) if values else label, value) for label, values, value in self.parts
            ]
        return self._items

    def describe(self) -> str:
        """The items as the ledger shows them: "patrols (transient presence) +1, ..." or "none"."""
        if self._described is None:  # a region's protection serves every strike there this turn
            self._described = ", ".join(
                [f"{label} {value:+d}" if value else label for label, value in self.items]
            ) or N_("none")
        return self._described


def outcome_for(modified_roll: int) -> tuple[str, int]:
    for lowest, name, percent in T.OUTCOME_TABLE:
        if modified_roll >= lowest:
            return name, percent
    raise AssertionError("the outcome table covers every roll")


def attack_helicopters_over(ctx: Context, region: str) -> list[str]:
    tasked = ctx.tasked_over(region)
    if not tasked:  # most regions, most turns
        return tasked
    aviation = ctx.index.aviation
    return [asset_id for asset_id in tasked if aviation[asset_id].kind == AviationKind.ATTACK]


# A quick reaction as _best_response weighs it: (label template, its values, value, unit, lift asset).
Response = tuple[str, dict[str, object] | None, int, str | None, str | None]
NO_RESPONSE: Response = ("", None, 0, None, None)


def _best_response(ctx: Context, region: str, warning: int, in_reach: bool = True) -> Response:
    """The single best quick-reaction response: (label template, its values, value, unit, lift asset).

    The unit is named when it goes out to another region (by road or air); the lift asset when
    it flies. Out of reach of the posts only a response by air arrives in time. A unit that went
    out to another region this turn is committed there and responds to nothing else. The first
    unit with the highest value responds.
    """
    best = NO_RESPONSE
    best_value = 0
    specs, links, committed = ctx.index.units, ctx.index.links, ctx.committed
    for unit in ctx.quick_reaction_units():
        unit_id = unit.id
        spec = specs[unit_id]
        caveats = spec.caveats
        if Caveat.SELF_DEFENCE_ONLY in caveats or unit_id in committed:
            continue  # not responsive, or committed elsewhere
        bonus = T.MTF_BONUS if spec.mobile_task_force else 0
        if Caveat.NO_NIGHT_OPERATIONS in caveats:
            bonus -= T.CAVEAT_NIGHT_PENALTY
        home = unit.region
        if not in_reach:
            pass  # only a response by air reaches a distant village in time
        elif home == region and unit.transit_share >= T.QRF_IN_REGION_SHARE:
            if T.QRF_IN_REGION + bonus > best_value:
                best_value = T.QRF_IN_REGION + bonus
                best = (
                    N_("quick reaction by {unit} in the region"),
                    {"unit": ctx.unit_name(unit_id)},
                    best_value,
                    unit_id,
                    None,
                )
            continue
        elif links[home].get(region) == T.QRF_ROAD_COST and unit.transit_share == 100:
            if T.QRF_NEIGHBOUR + bonus > best_value:
                best_value = T.QRF_NEIGHBOUR + bonus
                best = (
                    N_("quick reaction by {unit} by road from {region}"),
                    {"unit": ctx.unit_name(unit_id), "region": ctx.region_name(home)},
                    best_value,
                    unit_id,
                    None,
                )
            continue
        # no response on the ground: by air, if it would beat the best so far
        if (
            T.QRF_BY_AIR + bonus > best_value
            and warning >= T.QRF_AIR_WARNING
            and Caveat.NO_AIR_MOBILITY not in caveats
        ):
            aviation = ctx.state.aviation
            for asset_id in ctx.index.lift_between(home, region):
                if aviation[asset_id].hours >= T.QRF_AIR_HOURS:
                    best_value = T.QRF_BY_AIR + bonus
                    best = (
                        N_("{unit} projected by air ({aircraft}) from {region}"),
                        {
                            "unit": ctx.unit_name(unit_id),
                            "aircraft": ctx.asset_name(asset_id),
                            "region": ctx.region_name(home),
                        },
                        best_value,
                        unit_id,
                        asset_id,
                    )
                    break
    return best


def civilian_protection(
    ctx: Context, region: str, major: bool = False, in_reach: bool = True, raid: bool = False
) -> Protection:
    """Everything that protects civilians in a region against an attack now (rules.md §6.2).

    Out of reach of the mission's posts (§6.2, reach) only what flies or warns counts; a
    militia's raid out of reach is over before anything flies: only warning counts.
    """
    key = region if in_reach else f"{region}/raid" if raid else f"{region}/far"
    cached = ctx.protection_cache.get(key)
    if cached is None:
        cached = ctx.protection_cache[key] = _protection(ctx, region, in_reach, not in_reach and raid)
    if not major:
        return cached
    protection = Protection(cached.total, list(cached.parts), cached.air_response, cached.responder)
    protection.add(N_("a large, planned attack"), -T.MAJOR_ATTACK_PENALTY)
    return protection


# _protection's fixed labels, marked once rather than on every call (it runs some 170 times a game).
_TOB = N_("temporary operating base (permanent presence)")
_STATIC = N_("static protection around mission camps")
_PATROLS = N_("patrols (transient presence)")
_POLICE = N_("formed police unit")
_OUT_OF_REACH = N_("a village out of reach of the mission's posts")
_RAID = N_("a militia's raid, over before any response arrives")
_HELICOPTERS = N_("attack helicopters {aircraft}")
_WARNING_UNANSWERED = N_("early warning level {warning}, with no response or helicopter to act on it")
_WARNING = N_("early warning level {warning}")
_SCATTERED = N_("scattered villages far from any post")
_POC_DEFINED = N_("PoC defined: one understanding of when to act")
_POC_UNDEFINED = N_("PoC undefined: caveated units read it their own way")
_CAPPED = N_("at most {protection_max:+d}: more means in one place protect no more villages")


def _protection(ctx: Context, region: str, in_reach: bool = True, nothing_flies: bool = False) -> Protection:
    # The items are appended here as Protection.add would (a zero adds nothing and is not
    # shown), without a call for each: this runs for every region every turn.
    parts: list[tuple[str, dict[str, object] | None, int]] = []
    total = 0
    warning = ctx.state.regions[region].warning
    police, specs = ctx.index.police_units, ctx.index.units
    # One pass over the region's units (this runs for every region every turn).
    has_police = static = acting = caveated = False
    patrol_share = 0
    for unit in ctx.units_in(region) if in_reach else ():
        if unit.id in police:
            has_police = True
            continue
        if unit.posture == "base" and not unit.holds_tob:
            static = True
            continue
        acting = True
        caveats = specs[unit.id].caveats
        caveated = caveated or bool(caveats)
        if unit.posture == "patrol" and Caveat.SELF_DEFENCE_ONLY not in caveats:
            patrol_share += unit.transit_share
    if not in_reach:  # units acting in the region, sure of what PoC asks, go out to far villages too
        acting = any(
            unit.id not in police and (unit.posture != "base" or unit.holds_tob)
            for unit in ctx.units_in(region)
        )
    if in_reach and ctx.has_base(region) and T.TOB_PROTECTION:
        parts.append((_TOB, None, T.TOB_PROTECTION))
        total += T.TOB_PROTECTION
    if static and T.BASE_POSTURE_PROTECTION:
        parts.append((_STATIC, None, T.BASE_POSTURE_PROTECTION))
        total += T.BASE_POSTURE_PROTECTION
    if patrol_share >= 100:
        patrols = min(T.PATROL_PROTECTION_MAX, patrol_share // 100) * T.PATROL_PROTECTION
        if patrols:
            parts.append((_PATROLS, None, patrols))
            total += patrols
    if has_police and T.POLICE_PROTECTION:
        parts.append((_POLICE, None, T.POLICE_PROTECTION))
        total += T.POLICE_PROTECTION
    if not in_reach:  # shown, though it adds nothing: the posts' protection is missing
        parts.append((_OUT_OF_REACH, None, 0))
    if nothing_flies:
        parts.append((_RAID, None, 0))
        response, helicopters = NO_RESPONSE, []
    else:
        response = _best_response(ctx, region, warning, in_reach)
        helicopters = attack_helicopters_over(ctx, region)
    label, values, value, unit_id, asset_id = response
    if value:
        parts.append((label, values, value))
        total += value
    if helicopters:
        value = (
            T.ATTACK_HELICOPTER_WARNED
            if warning >= T.ATTACK_HELICOPTER_WARNING
            else T.ATTACK_HELICOPTER_UNWARNED
        )
        if value:
            for helicopter in helicopters:
                parts.append((_HELICOPTERS, {"aircraft": ctx.asset_name(helicopter)}, value))
                total += value
    warned = warning - T.WARNING_OFFSET
    answered = unit_id is not None or bool(helicopters)  # a quick reaction or helicopters act on the warning
    if warned > T.WARNING_UNANSWERED_MAX and not answered:
        warned = T.WARNING_UNANSWERED_MAX
        label = _WARNING_UNANSWERED
    else:
        label = _WARNING
    if warned:
        parts.append((label, {"warning": warning}, warned))
        total += warned
    dispersion = ctx.index.regions[region].dispersion
    if dispersion:
        parts.append((_SCATTERED, None, -dispersion))
        total -= dispersion
    if total > 0 or acting:
        definition = ctx.state.policy.poc_definition
        if definition == "define_poc" and acting and T.POC_DEFINED_BONUS:
            parts.append((_POC_DEFINED, None, T.POC_DEFINED_BONUS))
            total += T.POC_DEFINED_BONUS
        elif definition == "status_quo" and caveated and T.POC_UNDEFINED_PENALTY:
            parts.append((_POC_UNDEFINED, None, -T.POC_UNDEFINED_PENALTY))
            total -= T.POC_UNDEFINED_PENALTY
    if total > T.PROTECTION_MAX:
        parts.append((_CAPPED, {"protection_max": T.PROTECTION_MAX}, T.PROTECTION_MAX - total))
        total = T.PROTECTION_MAX
    return Protection(total, parts, (unit_id, asset_id) if unit_id and asset_id else None, unit_id)


ROLLED_PROTECTION = N_("rolled {roll}, protection {total:+d} ({mods})")
ROLLED_DEFENCE = N_("rolled {roll}, defence {total:+d} ({mods})")


def _rolled(template: str, roll: int, protection: Protection) -> Cause:
    """The attack's 2d6 with the protection or defence that was added to it, item by item."""
    return cause(
        "roll", "2d6", template.format(roll=roll, total=protection.total, mods=protection.describe())
    )


def _resolved(outcome: str, percent: int, unopposed: int) -> Cause:
    """The row of the resolution table the roll reached, and the share of the toll it leaves."""
    return cause(
        "rule",
        N_("resolution table"),
        N_("{outcome}: {percent}% of {unopposed}").format(
            outcome=words(outcome), percent=percent, unopposed=unopposed
        ),
    )


def resolve_civilian_attack(ctx: Context, region: str, actor: str, unopposed: int, source: Cause) -> str:
    """Roll on the resolution table; record deaths and their credibility cost. Returns outcome.

    The explanations (causes, summaries) are built only when the ledger keeps them: none of the
    changes made here is read back, and analysis resolves thousands of attacks without a ledger.
    """
    index = ctx.index
    if actor in index.partner_forces:
        return _partner_harm(ctx, region, actor, unopposed, source)
    major = unopposed >= T.MAJOR_ATTACK_DEATHS
    dispersion = index.regions[region].dispersion
    explain = ctx.ledger  # the rolls' purposes and the changes' texts are kept only then
    where = ctx.region_name(region) if explain else ""
    in_reach, raid = True, actor in index.militias
    if dispersion:  # a raid on a village out of reach of the mission's posts (rules.md §6.2)
        # a large, planned attack is reconnoitred: it picks a village the posts cannot reach
        far = dispersion + (T.MAJOR_ATTACK_REACH if major else 0)
        if raid:  # neighbours raid the next hamlet at night: the posts are rarely near
            far += T.MILITIA_RAID_REACH
        elif ctx.has_base(region):  # the groups know where the base is and go beyond it
            far += T.BASE_AVOIDED_REACH
        in_reach = ctx.die(6, f"reach of the posts in {where}" if explain else "") > far
    protection = civilian_protection(ctx, region, major, in_reach, raid)
    roll = ctx.dice(2, 6, f"protection of civilians in {where}" if explain else "")
    outcome, percent = outcome_for(roll + protection.total)
    deaths = unopposed * percent // 100
    if protection.responder:  # out for days: the search, the wounded, the road back
        ctx.committed.add(protection.responder)
        ctx.protection_cache.clear()
        if explain:
            ctx.record(
                "means",
                f"{protection.responder}.committed",
                0,
                0,
                N_(
                    "{unit} went out to {region}: committed there, it responds to nothing else this turn"
                ).format(unit=ctx.unit_name(protection.responder), region=where),
                [source, cause("rule", N_("quick reaction"), N_("one response away from its region a turn"))],
            )
    if protection.air_response:
        unit_id, asset_id = protection.air_response
        asset = ctx.state.aviation[asset_id]
        asset.hours -= T.QRF_AIR_HOURS
        ctx.protection_cache.clear()  # lift hours changed: air responses may no longer reach
        if explain:
            ctx.record(
                "means",
                f"{asset_id}.hours",
                -T.QRF_AIR_HOURS,
                asset.hours,
                N_("air response to {region} by {unit}").format(region=where, unit=ctx.unit_name(unit_id)),
                [source],
            )
    why: list[Cause] = []
    attacked = ""  # "... attacked civilians in ...", the summary of the attack's changes
    if explain:
        why = [source, _rolled(ROLLED_PROTECTION, roll, protection), _resolved(outcome, percent, unopposed)]
        attacked = N_("{name} attacked civilians in {region}").format(
            name=ctx.actor_name(actor), region=where
        )
    credited = 0
    if deaths:
        ctx.civilians_killed(region, actor, deaths, attacked, why)
    state = ctx.state
    tallies = state.tallies.outcomes
    tallies[outcome] = tallies.get(outcome, 0) + 1
    if outcome in T.SUCCESS_OUTCOMES:
        state.regions[region].last_success_turn = state.turn
        credited = ctx.credibility(
            region,
            T.OUTCOME_CREDIBILITY[outcome],
            N_("the mission {outcome} an attack on civilians").format(outcome=outcome) if explain else "",
            why,
        )
        state.current.do += T.DO_PER_PREVENTED if outcome == "prevented" else T.DO_PER_SUCCESS
        if outcome == "prevented" and not state.current.council_heard:
            state.current.council_heard = True
            ctx.mandate_support(
                T.PREVENTED_MANDATE_SUPPORT,
                N_("an attack prevented in {region} (once a turn)").format(region=where) if explain else "",
                why,
            )
    if explain and not deaths and not credited:
        _no_harm(ctx, region, attacked, outcome, why)
    if not deaths:
        return outcome
    present = bool(ctx.units_in(region))
    per_point = T.DEATHS_PER_CREDIBILITY_POINT if present else T.DEATHS_PER_CREDIBILITY_POINT_ABSENT
    loss = min(T.CIVILIAN_DEATHS_CREDIBILITY_CAP, -(-deaths // per_point))
    if loss:
        ctx.credibility(
            region,
            -loss,
            N_("{count} killed in {region}").format(
                count=counted("{n} civilian", "{n} civilians", deaths), region=where
            )
            if explain
            else "",
            why,
        )
    if (
        deaths >= T.FAILED_DESPITE_PRESENCE_DEATHS
        and outcome in ("unopposed", "partly_mitigated")
        and present
    ):
        ctx.credibility(
            region,
            -T.FAILED_DESPITE_PRESENCE,
            N_("peacekeepers were there and civilians still died"),
            why,
        )
    if deaths >= T.MASSACRE_DEATHS:
        news = N_("news of the massacre in {region}").format(region=where) if explain else ""
        for neighbour in index.links[region]:
            ctx.credibility(neighbour, -T.MASSACRE_NEIGHBOUR_LOSS, news, why)
        ctx.mandate_support(
            -T.MASSACRE_MANDATE_LOSS, N_("massacre in {region}").format(region=where) if explain else "", why
        )
    return outcome


def _partner_harm(ctx: Context, region: str, actor: str, deaths: int, source: Cause) -> str:
    """A partner's operation or strike: peacekeepers do not stand between them and civilians."""
    why: list[Cause] = []
    killed = harmed = ""
    if ctx.ledger:  # neither change is read back
        where = ctx.region_name(region)
        why = [source, cause("rule", N_("partners' conduct"), N_("the mission's protection does not apply"))]
        killed = N_("{group} killed civilians in {region}").format(group=ctx.actor_name(actor), region=where)
        harmed = N_("the mission's partners harmed civilians in {region}").format(region=where)
    ctx.civilians_killed(region, actor, deaths, killed, why)
    ctx.credibility(region, -T.PARTNER_HARM_CREDIBILITY, harmed, why)
    return "unopposed"


def peacekeeper_defence(ctx: Context, unit: UnitState) -> Protection:
    protection = Protection()
    spec = ctx.index.units[unit.id]
    if unit.holds_tob:
        protection.add(N_("fortified operating base"), T.PK_TOB_FORTIFIED)
    if spec.type == UnitType.SPECIAL_FORCES:
        protection.add(N_("special forces"), T.PK_SPECIAL_FORCES)
    region = unit.region
    if attack_helicopters_over(ctx, region):
        protection.add(N_("attack helicopter cover"), T.PK_ATTACK_HELICOPTER)
    links = ctx.index.links
    if any(
        other.id != unit.id and (other.region == region or region in links[other.region])
        for other in ctx.quick_reaction_units()
    ):
        protection.add(N_("quick reaction force nearby"), T.PK_QRF_NEARBY)
    warning = ctx.state.regions[region].warning
    protection.add(N_("early warning level {warning}"), warning - T.WARNING_OFFSET, {"warning": warning})
    return protection


def resolve_peacekeeper_attack(
    ctx: Context,
    unit_id: str,
    actor: str,
    unopposed: int,
    wounded: int,
    civilians: int,
    source: Cause,
) -> str:
    """Roll an attack on a unit on the resolution table; record its toll. Returns the outcome.

    As for attacks on civilians, the explanations are built only when the ledger keeps them.
    """
    ctx.attack_on("peacekeepers")
    unit = ctx.state.units[unit_id]
    protection = peacekeeper_defence(ctx, unit)
    explain = ctx.ledger  # the roll's purpose and the changes' texts are kept only then
    unit_name = ctx.unit_name(unit_id) if explain else ""
    roll = ctx.dice(2, 6, f"defence of {unit_name}" if explain else "")
    outcome, percent = outcome_for(roll + protection.total)
    killed = unopposed * percent // 100
    hurt = wounded * percent // 100 if wounded else killed * T.PK_WOUNDED_PER_DEATH
    why: list[Cause] = []
    attacked = where = ""
    if explain:
        why = [source, _rolled(ROLLED_DEFENCE, roll, protection), _resolved(outcome, percent, unopposed)]
        where = ctx.region_name(unit.region)
        attacked = N_("{name} attacked {unit} in {region}").format(
            name=ctx.actor_name(actor), unit=unit_name, region=where
        )
    before = ctx.state.tallies.peacekeepers_killed
    killed = ctx.peacekeepers_hit(unit_id, killed, hurt, attacked, why)
    step = T.PEACEKEEPERS_KILLED_PER_MANDATE_POINT
    points = (before + killed) // step - before // step
    if points:
        ctx.mandate_support(
            -points,
            N_("{count} killed so far: troop contributors press the Council").format(
                count=counted("{n} peacekeeper", "{n} peacekeepers", before + killed)
            )
            if explain
            else "",
            why,
        )
    credited = 0
    if not killed and outcome in T.SUCCESS_OUTCOMES:
        credited = ctx.credibility(
            unit.region,
            T.REPELLED_ATTACK_CREDIBILITY,
            N_("{unit} repelled an attack").format(unit=unit_name) if explain else "",
            why,
        )
        ctx.state.regions[unit.region].last_success_turn = ctx.state.turn
    if explain and not killed and not hurt and not credited:
        _no_harm(ctx, unit_id, attacked, outcome, why)
    if civilians:
        ctx.civilians_killed(
            unit.region,
            "crossfire",
            civilians,
            N_("civilians caught in the fighting at {region}").format(region=where) if explain else "",
            why,
        )
    return outcome


def resolve_host_force_attack(ctx: Context, region: str, actor: str, deaths: int, source: Cause) -> None:
    ctx.attack_on("host_forces")
    why = [source]
    summary = ""
    if deaths > 0 or ctx.ledger:  # soldiers killed are read back (the turn's tally), ledger or not
        summary = N_("{name} attacked host forces in {region}").format(
            name=ctx.actor_name(actor), region=ctx.region_name(region)
        )
    ctx.host_forces_killed(region, deaths, summary, why)
    if deaths <= 0 and ctx.ledger:
        _no_harm(ctx, region, summary, "", why)
    if deaths >= T.HOST_RETREAT_DEATHS:
        ctx.host_presence(
            region,
            -T.HOST_RETREAT_PRESENCE,
            N_("the host state pulls back from {region}").format(region=ctx.region_name(region))
            if ctx.ledger
            else "",
            why,
        )


def _no_harm(ctx: Context, target: str, summary: str, outcome: str, why: list[Cause]) -> None:
    """An attack that killed and wounded no one still gets its line in the ledger, with its why."""
    if outcome:
        line = N_("{summary}: {outcome}: no one killed or wounded").format(
            summary=summary, outcome=words(outcome)
        )
    else:
        line = N_("{summary}: no one killed or wounded").format(summary=summary)
    ctx.record("attack", target, 0, 0, line, why)
