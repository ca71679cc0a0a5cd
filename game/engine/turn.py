"""The sequence of play: situation, event, (orders), adversary, adjudication, information, assessment."""

from __future__ import annotations

import re
from functools import lru_cache

from game.engine import adversary, cards
from game.engine import tables as T
from game.engine.adjudicate import (
    resolve_civilian_attack,
    resolve_host_force_attack,
    resolve_peacekeeper_attack,
)
from game.engine.context import Context, cause
from game.engine.orders import charge_tasking, choose_actions, record_answers
from game.engine.score import national_credibility, say_do_gap
from game.engine.state import Cause, PendingInfoAttack, RegionState, TurnRecord
from game.engine.turn_tables import turn_tables
from game.engine.wording import counted, plural, words
from game.i18n import N_
from game.scenario.models import AviationKind


def next_month(month: str, step: int = 1) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def scaled(base: int, percent: int) -> int:
    return max(0, base * (100 + percent) // 100)


# The source of an attack in a game without a ledger, where none of the changes it explains
# (civilians killed, peacekeepers hit, credibility) is recorded.
UNRECORDED = cause("rule", "")


# --- start of a turn: situation and event phases ----------------------------------------------


def start_turn(ctx: Context) -> None:
    """Draw the cards, refresh the means, build the warning picture (rules.md §1).

    Cards are drawn before the means are refreshed so that a card's modifier (helicopters
    grounded, COVID-19) already counts in the turn it is drawn; the warning picture then
    decides which of the cards' attacks are known before the orders phase.
    """
    state = ctx.state
    ctx.protection_cache.clear()
    state.modifiers = [m for m in state.modifiers if m.last_turn >= state.turn]
    for unit in state.units.values():
        if unit.moved != "no":  # pydantic assignments are slow; most units did not move
            unit.moved = "no"
            unit.transit_share = 100
    ctx.phase = "event"
    cards.draw(ctx)
    ctx.phase = "situation"
    _refresh_means(ctx)
    _warnings(ctx)
    for attack in state.pending_attacks:
        attack.revealed = state.regions[attack.region].warning >= T.WARNING_REVEALS_CARDS
    ctx.phase = "orders"


def _refresh_means(ctx: Context) -> None:
    state, means, ledger = ctx.state, ctx.state.means, ctx.ledger  # the means are not read back
    modifiers: dict[str, int] = {}  # ctx.modifier_total of every key at once: five are read here
    for modifier in state.modifiers:
        modifiers[modifier.key] = modifiers.get(modifier.key, 0) + modifier.value
    upkeep = T.TOB_UPKEEP * len([unit for unit in state.units.values() if unit.holds_tob])
    u3 = T.U3_BUDGET_COST if state.policy.irc_under_u3 else 0
    means.budget = scaled(means.budget_per_turn, modifiers.get("budget_pct", 0)) - upkeep - u3
    if (upkeep or u3) and ledger:
        ctx.record(
            "means",
            "budget",
            -(upkeep + u3),
            means.budget,
            _upkeep_line(upkeep, u3),
            UPKEEP_WHY,
        )
    tables = turn_tables(ctx.index)
    base_capacity = tables.civilian_capacity
    pct = means.civilian_pct + modifiers.get("civilian_capacity_pct", 0)
    means.civilian_capacity = scaled(base_capacity, pct)
    if pct and ledger:
        ctx.record(
            "means",
            "civilian_capacity",
            means.civilian_capacity - base_capacity,
            means.civilian_capacity,
            N_("civilian capacity {pct:+d}%").format(pct=pct),
            [cause("modifier", "civilian_capacity_pct")],
        )
    _fit_tier_points(ctx)
    means.messages_issued = 0
    hours_pct = {kind: means.aviation_pct + modifiers.get(key, 0) for kind, key in HOURS_MODIFIER.items()}
    aviation = ctx.index.aviation
    for asset_id, asset in state.aviation.items():
        spec = aviation[asset_id]
        hours = scaled(tables.monthly_hours[asset_id], hours_pct[spec.kind])
        if asset.hours != hours:  # model assignments are slow; an untasked aircraft kept its hours
            asset.hours = hours
        if asset.paid:  # pydantic assignments are slow; most assets were not tasked
            asset.paid = False
        if asset.tasked_region is None:
            continue
        if asset.hours >= T.TASK_HOURS[spec.kind]:
            charge_tasking(ctx, asset_id, STANDING_TASKING_WHY if ledger else [])
            continue
        if ledger:
            ctx.record(
                "means",
                f"{asset_id}.hours",
                0,
                asset.hours,
                N_("{aircraft} lacks the hours to keep flying over {region}").format(
                    aircraft=ctx.asset_name(asset_id), region=ctx.region_name(asset.tasked_region)
                ),
                [cause("modifier", HOURS_MODIFIER[spec.kind])],
            )
        asset.tasked_region = None
        ctx.retasked()


HOURS_MODIFIER = {"utility": "utility_hours_pct", "attack": "attack_hours_pct", "isr": "isr_hours_pct"}
# The means' standing reasons, every turn: one list each, shared by the changes they explain
UPKEEP_WHY = [cause("rule", N_("upkeep"))]
STANDING_TASKING_WHY = [cause("rule", N_("standing tasking"))]


@lru_cache(maxsize=64)  # the same upkeep turn after turn
def _upkeep_line(upkeep: int, u3: int) -> str:
    return N_("upkeep: {upkeep} for operating bases, {u3} for IRCs under the U3").format(upkeep=upkeep, u3=u3)


def _fit_tier_points(ctx: Context) -> None:
    """When capacity shrinks, cut standing Tier I/III points, last region first."""
    means = ctx.state.means
    used = 0
    for region in ctx.state.regions.values():
        used += region.tier_one + region.tier_three
    if used <= means.civilian_capacity:  # nearly always: nothing to cut
        means.civilian_capacity_used = used
        return
    for region_id in reversed(ctx.index.region_order):
        region = ctx.state.regions[region_id]
        while used > means.civilian_capacity and (region.tier_three or region.tier_one):
            if region.tier_three:
                region.tier_three -= 1
            else:
                region.tier_one -= 1
            used -= 1
            if ctx.ledger:  # the means are not read back
                ctx.record(
                    "means",
                    f"{region_id}.tier_points",
                    -1,
                    used,
                    N_("civilian capacity shrank: one PoC activity point in {region} dropped").format(
                        region=ctx.region_name(region_id)
                    ),
                    [cause("rule", N_("capacity"))],
                )
    means.civilian_capacity_used = used


def warning_level(ctx: Context, region_id: str, explain: bool = True) -> tuple[int, list[str]]:
    """Early-warning level of a region and, if `explain`, what it is made of (rules.md §1)."""
    region = ctx.state.regions[region_id]
    level = 0
    parts: list[str] = []
    for asset_id in ctx.tasked_over(region_id):
        spec = ctx.index.aviation[asset_id]
        if spec.kind == AviationKind.ISR:
            value = (
                T.WARNING_ISR_LONG if spec.range_km >= T.WARNING_ISR_LONG_RANGE_KM else T.WARNING_ISR_TACTICAL
            )
            level += value
            if explain:
                parts.append(N_("ISR {aircraft}").format(aircraft=ctx.asset_name(asset_id)) + f" +{value}")
    if region.credibility >= T.WARNING_CREDIBILITY_THRESHOLD:
        level += T.WARNING_HIGH_CREDIBILITY
        if explain:
            parts.append(
                N_("people trust the mission and report threats") + f" +{T.WARNING_HIGH_CREDIBILITY}"
            )
    if region.tier_one:
        level += T.WARNING_TIER_ONE
        if explain:
            parts.append(N_("community alert network (Tier I)") + f" +{T.WARNING_TIER_ONE}")
    if "sigint_ew" in ctx.state.means.irc_available and ctx.mission_present(region_id):
        level += T.WARNING_SIGINT
        if explain:
            parts.append(f"SIGINT/EW +{T.WARNING_SIGINT}")
    return min(T.WARNING_MAX, level), parts


def _warnings(ctx: Context) -> None:
    for region_id in ctx.index.region_order:
        region = ctx.state.regions[region_id]
        level, _ = warning_level(ctx, region_id, explain=False)
        if level == region.warning:
            continue
        if ctx.ledger:
            _, parts = warning_level(ctx, region_id)
            ctx.record(
                "warning",
                region_id,
                level - region.warning,
                level,
                N_("early warning in {region} is now {level}").format(
                    region=ctx.region_name(region_id), level=level
                ),
                [cause("rule", N_("early warning"), ", ".join(parts) or N_("no sources"))],
            )
        region.warning = level


# --- end of a turn ----------------------------------------------------------------------------


def end_turn(ctx: Context) -> TurnRecord:
    """Resolve the turn after the orders phase and open the next one. Returns the finished record."""
    state = ctx.state
    ctx.phase = "event"
    cards.resolve_choices(ctx)
    record_answers(ctx)  # a green cell's answers to the mission's requests (rules.md §9.1)
    ctx.phase = "adversary"
    ctx.protection_cache.clear()
    ctx.committed.clear()
    _supply_convoys(ctx)
    actions = choose_actions(ctx)  # the bot's plan, or the red cell's orders (rules.md §5.2)
    region_name, actor_name = ctx.region_name, ctx.actor_name
    state.current.adversary = [
        _adversary_line(a.kind, region_name(a.region), actor_name(a.actor), a.reason) for a in actions
    ]
    grieving = state.history[-1].civilians_killed if state.history else {}  # last turn's dead
    for region in state.regions.values():
        if region.last_civilian_deaths or region.last_mission_harm:
            region.last_civilian_deaths = 0
            region.last_mission_harm = 0
    ctx.phase = "adjudication"
    _resolve_card_attacks(ctx)
    _resolve_actions(ctx, actions)
    _harassing_fire(ctx)
    _community_violence(ctx, grieving)
    _host_force_conduct(ctx)
    ctx.phase = "information"
    _information(ctx, actions)
    ctx.phase = "assessment"
    _assessment(ctx)
    if state.pending_renewal:
        _mandate_renewal(ctx, state.pending_renewal)
        state.pending_renewal = None
    record = state.current
    record.credibility = {r: state.regions[r].credibility for r in ctx.index.region_order}
    state.history.append(record)
    calendar = ctx.index.scenario.calendar
    if state.turn >= calendar.turns:
        state.phase = "over"
        state.current = TurnRecord(turn=state.turn + 1, month=next_month(state.month, calendar.turn_months))
        return record
    state.turn += 1
    state.month = next_month(state.month, calendar.turn_months)
    state.current = TurnRecord(turn=state.turn, month=state.month)
    start_turn(ctx)
    return record


ACTION_TITLES = {
    "civilians": N_("Attack on civilians"),
    "peacekeepers": N_("Attack on peacekeepers"),
    "supply_route": N_("Roadside bomb on a supply route"),
    "host_forces": N_("Attack on host forces"),
    "information": N_("Hostile narrative"),
}


@lru_cache(maxsize=4096)  # the same few hundred lines every game
def _adversary_line(kind: str, region: str, group: str, reason: str) -> str:
    """The turn record's line for one of the adversary's actions."""
    return N_("{action} in {region} by {group}: {reason}").format(
        action=ACTION_TITLES.get(kind) or words(kind), region=region, group=group, reason=plain_reason(reason)
    )


@lru_cache(maxsize=4096)  # the bot gives the same few reasons every turn
def plain_reason(reason: str) -> str:
    """The bot's reason without its priority code: "P2 exposed: X is on patrol" -> "X is on patrol"."""
    head, sep, rest = reason.partition(": ")
    return rest if sep and PRIORITY_CODE.fullmatch(head) else reason


PRIORITY_CODE = re.compile(r"P\d+ [\w ]+")


def _resolve_card_attacks(ctx: Context) -> None:
    state, ledger = ctx.state, ctx.ledger
    for attack in state.pending_attacks:
        card = ctx.card(attack.card)
        # soldiers killed are read back (the army's conduct): their attack explained with or without a ledger
        source = (
            cause(
                "card",
                card.id,
                card.title if attack.revealed else N_("{title} (no warning)").format(title=card.title),
            )
            if ledger or attack.kind == "host_forces"
            else UNRECORDED
        )
        unopposed = ctx.between(
            attack.deaths[0], attack.deaths[1], f"toll of '{card.title}'" if ledger else ""
        )
        if attack.kind == "civilians":
            outcome = resolve_civilian_attack(ctx, attack.region, attack.actor, unopposed, source)
            cards.note_result(ctx, card.id, outcome, unopposed)
        elif attack.kind == "host_forces":
            resolve_host_force_attack(ctx, attack.region, attack.actor, unopposed, source)
        else:
            target = _peacekeeper_target(ctx, attack.region)
            wounded = ctx.between(
                attack.wounded[0], attack.wounded[1], f"wounded in '{card.title}'" if ledger else ""
            )
            civilians = ctx.between(
                attack.civilian_deaths[0],
                attack.civilian_deaths[1],
                f"civilians caught in '{card.title}'" if ledger else "",
            )
            if target is None:
                if ledger:
                    ctx.record(
                        "unit",
                        attack.region,
                        0,
                        0,
                        N_("{title}: no mission unit in {region} to strike").format(
                            title=card.title, region=ctx.region_name(attack.region)
                        ),
                        [source],
                    )
                continue
            outcome = resolve_peacekeeper_attack(
                ctx, target, attack.actor, unopposed, wounded, civilians, source
            )
            cards.note_result(ctx, card.id, outcome, unopposed)
    cards.after_attacks(ctx, [attack.card for attack in state.pending_attacks])
    state.pending_attacks = []


def _supply_convoys(ctx: Context) -> None:
    """Each temporary base lives on its road convoys, and the groups mine the road (rules.md §4.4).

    Where a group that strikes supply routes holds threat L of 3 or more, the convoy is mined on
    1d6 <= L - 2: 1d6 - 3 peacekeepers killed (the base keeps weeks of stocks and holds).
    """
    ledger = ctx.ledger
    bases = [u for u in ctx.state.units.values() if u.holds_tob]
    if not bases:
        return
    miners = ctx.index.actors_striking("supply_routes")
    for unit in sorted(bases, key=lambda u: u.id):
        threat = ctx.state.regions[unit.region].threat
        level, actor = max([(threat.get(a, 0), a) for a in miners], default=(0, ""))
        if level < T.EXPOSED_THREAT:
            continue
        roll = ctx.die(6, f"the road to the base in {ctx.region_name(unit.region)}" if ledger else "")
        if roll > level - T.CONVOY_AMBUSH_OFFSET:
            continue
        sides, minus = T.IED_DICE
        mine = ctx.die(sides, f"toll of a mine on the convoy to {ctx.unit_name(unit.id)}" if ledger else "")
        unopposed = max(0, mine - minus)
        source = (
            cause(
                "rule",
                N_("supply convoys"),
                N_("rolled {roll}, needed {number} or less ({group} threat {level} on the roads)").format(
                    roll=roll, number=level - T.CONVOY_AMBUSH_OFFSET, group=ctx.actor_name(actor), level=level
                ),
            )
            if ledger
            else UNRECORDED
        )
        resolve_peacekeeper_attack(ctx, unit.id, actor, unopposed, 0, 0, source)


HARASSING_THE_MISSION = {
    "camps": N_("{group} fired mortar rounds or rockets at the camp of {unit} in {region} (harassing fire)"),
    "roads": N_("{group} mined the road of {unit} in {region} (harassing fire)"),
}
HARASSING_THE_ARMY = {
    "camps": N_("{group} fired on the army's posts in {region} (harassing fire)"),
    "roads": N_("{group} mined the army's roads in {region} (harassing fire)"),
}
NO_ONE_HURT = N_("{summary}: no one killed or wounded")


def _harassing_fire(ctx: Context) -> None:
    """Mortar rounds, rockets and mines on the forces' camps and roads, mostly harmless (rules.md §5.3).

    Each group that attacks peacekeepers or the army, with threat L of 2 or more in a region where
    the mission's units stand or the army keeps posts, harasses them on 1d6 <= L - 1: the mission
    once on its camps and once on its roads; the army once on each level of its presence (a string
    of small posts) and once on its roads, more while its offensives put columns on them.
    Harassing fire is not the bot's choice and costs it no action.
    """
    # about 900 rolls a game: the lookups are hoisted, and a roll's purpose is made only for the ledger
    index, ledger, die, units_in = ctx.index, ctx.ledger, ctx.die, ctx.units_in
    regions = ctx.state.regions
    operations = max(0, ctx.modifier_total("host_operations"))
    tables = turn_tables(index)
    mission_groups, army_groups = tables.harassing_mission, tables.harassing_army
    purposes = tables.harassing_purposes
    mission_offset, army_offset = T.HARASS_OFFSET["peacekeepers"], T.HARASS_OFFSET["host_forces"]
    for region_id in index.region_order:
        region = regions[region_id]
        threat = region.threat
        if units_in(region_id):
            for actor in mission_groups:
                level = threat.get(actor, 0)
                if level < T.HARASS_THREAT:
                    continue
                chance = level - mission_offset
                for front in MISSION_FRONTS:
                    roll = die(6, purposes[actor, front, region_id] if ledger else "")
                    if roll <= chance:
                        _harass_the_mission(ctx, region_id, actor, front, (level, 0, roll, chance))
        presence = region.host_presence
        if presence >= T.HOST_CAMPS_PRESENCE:
            for actor in army_groups:
                level = threat.get(actor, 0)
                if level < T.HARASS_THREAT:
                    continue
                chance = level - army_offset
                for _ in range(presence):  # once on each level of the army's presence: its camps
                    roll = die(6, purposes[actor, "camps", region_id] if ledger else "")
                    if roll <= chance:
                        _harass_the_army(ctx, region_id, actor, "camps", (level, 0, roll, chance))
                roll = die(6, purposes[actor, "roads", region_id] if ledger else "")  # then its roads
                if roll <= chance + operations:
                    _harass_the_army(
                        ctx, region_id, actor, "roads", (level, operations, roll, chance + operations)
                    )


MISSION_FRONTS = T.HARASS_FRONTS  # the mission is harassed once on each, whatever its strength


@lru_cache(maxsize=4096)  # the same few hundred explanations every game
def _harassing_why(name: str, odds: tuple[int, int, int, int], outcome: str) -> list[Cause]:
    """Why harassing fire struck, and what its toll's roll did. One list, shared by the changes
    it explains (a change's causes are never changed)."""
    return [cause("rule", "harassing fire", _harassing_detail(name, *odds)), cause("roll", "1d6", outcome)]


def _harassing_detail(name: str, level: int, tempo: int, roll: int, chance: int) -> str:
    """Why harassing fire struck: the roll against the group's threat (and the army's offensives)."""
    reason = N_("{name} threat {level}").format(name=name, level=level)
    if tempo:
        reason += N_(", +{tempo} the army's offensive operations").format(tempo=tempo)
    return N_("rolled {roll}, needed {chance} or less ({reason})").format(
        roll=roll, chance=chance, reason=reason
    )


@lru_cache(maxsize=1024)
def _harassing_lines(template: str, group: str, region: str, unit: str = "") -> tuple[str, str]:
    """A harassing attack's summary, and its line when it hurt no one."""
    summary = template.format(group=group, unit=unit, region=region)
    return summary, NO_ONE_HURT.format(summary=summary)


# What harassing fire can do (1d6 - 4 peacekeepers wounded, 1d6 - 5 soldiers killed), worded once
HARASSING_WOUNDED = {
    n: N_("{count} wounded, no one killed").format(count=plural(n, "peacekeeper"))
    for n in range(T.HARASS_WOUNDED_DICE[0])
}
HARASSING_KILLED = {
    n: N_("{count} killed").format(count=plural(n, "soldier")) for n in range(T.HARASS_SOLDIERS_DICE[0])
}


def _harass_the_mission(
    ctx: Context, region_id: str, actor: str, front: str, odds: tuple[int, int, int, int]
) -> None:
    """Harassing fire on the mission; `odds` are the group's threat, tempo, roll and chance."""
    ctx.attack_on("peacekeepers")
    sides, minus = T.HARASS_WOUNDED_DICE
    if not ctx.ledger:  # peacekeepers wounded are not read back: no explanation to build
        wounded = ctx.die(sides, "") - minus
        if wounded > 0:  # mostly no one: the unit struck is looked for only then
            ctx.peacekeepers_hit(_harassed_unit(ctx, region_id, front), 0, wounded, "", [])
        return
    target = _harassed_unit(ctx, region_id, front)
    wounded = max(0, ctx.die(sides, f"wounded by harassing fire on {ctx.unit_name(target)}") - minus)
    summary, unhurt = _harassing_lines(
        HARASSING_THE_MISSION[front], ctx.actor_name(actor), ctx.region_name(region_id), ctx.unit_name(target)
    )
    why = _harassing_why(ctx.actor_name(actor), odds, HARASSING_WOUNDED[wounded])
    if wounded:
        ctx.peacekeepers_hit(target, 0, wounded, summary, why)
    else:
        ctx.record("attack", target, 0, 0, unhurt, why)


def _harassed_unit(ctx: Context, region_id: str, front: str) -> str:
    """The unit harassing fire strikes: the strongest on the road, or the camp's first target."""
    if front == "roads":
        moving = [
            (u.strength, u.id) for u in ctx.units_in(region_id) if u.posture == "patrol" or u.moved != "no"
        ]
        if moving:
            return max(moving)[1]
    target = _peacekeeper_target(ctx, region_id)
    assert target is not None  # the region has units
    return target


def _harass_the_army(
    ctx: Context, region_id: str, actor: str, front: str, odds: tuple[int, int, int, int]
) -> None:
    """Harassing fire on the army; `odds` are the group's threat, tempo, roll and chance."""
    ctx.attack_on("host_forces")
    sides, minus = T.HARASS_SOLDIERS_DICE
    if ctx.ledger:
        killed = max(
            0, ctx.die(sides, f"soldiers killed by harassing fire in {ctx.region_name(region_id)}") - minus
        )
    else:
        killed = ctx.die(sides, "") - minus
        if killed <= 0:  # a harmless attack is only a line in the ledger
            return
    summary, unhurt = _harassing_lines(
        HARASSING_THE_ARMY[front], ctx.actor_name(actor), ctx.region_name(region_id)
    )
    why = _harassing_why(ctx.actor_name(actor), odds, HARASSING_KILLED[killed])
    if killed:
        ctx.host_forces_killed(region_id, killed, summary, why)
    else:
        ctx.record("attack", region_id, 0, 0, unhurt, why)


def _peacekeeper_target(ctx: Context, region: str) -> str | None:
    """The unit an attack on a region strikes first: a base's garrison, then the strongest; the
    formed police only where no one else stands."""
    present = ctx.units_in(region)
    if not present:
        return None
    police = ctx.index.police_units
    # min() of (not at a base, -strength, id) tuples: no key function called for every unit
    ranked = [(not u.holds_tob, -u.strength, u.id) for u in present if u.id not in police] or [
        (not u.holds_tob, -u.strength, u.id) for u in present
    ]
    return min(ranked)[2]


def _resolve_actions(ctx: Context, actions: list[adversary.Action]) -> None:
    ledger = ctx.ledger
    for action in actions:
        threat = ctx.state.regions[action.region].threat.get(action.actor, 0)
        if action.kind == "civilians":
            source = cause("adversary", action.kind, plain_reason(action.reason)) if ledger else UNRECORDED
            unopposed = strike_toll(ctx, action.region, threat, "strike")
            resolve_civilian_attack(ctx, action.region, action.actor, unopposed, source)
        elif action.kind in ("peacekeepers", "supply_route"):
            source = cause("adversary", action.kind, plain_reason(action.reason)) if ledger else UNRECORDED
            sides, minus = T.PK_STRIKE_DICE if action.kind == "peacekeepers" else T.IED_DICE
            assert action.unit is not None
            purpose = f"toll of a strike on {ctx.unit_name(action.unit)}" if ledger else ""
            unopposed = max(0, ctx.die(sides, purpose) - minus)
            resolve_peacekeeper_attack(ctx, action.unit, action.actor, unopposed, 0, 0, source)
        elif action.kind == "host_forces":
            # soldiers killed are read back (the army's conduct): explained with or without a ledger
            source = cause("adversary", action.kind, plain_reason(action.reason))
            purpose = f"toll of a strike on host forces in {ctx.region_name(action.region)}" if ledger else ""
            deaths = ctx.dice(*T.HOST_STRIKE_DICE, purpose) + threat
            resolve_host_force_attack(ctx, action.region, action.actor, deaths, source)
        else:
            ctx.state.pending_info.append(
                PendingInfoAttack(region=action.region, strength=action.strength, source=action.reason)
            )


def strike_toll(
    ctx: Context, region_id: str, level: int, what: str, per_threat: int = T.CIVILIAN_STRIKE_PER_THREAT
) -> int:
    """Unopposed toll of a strike on civilians (rules.md §6.5): halved where few people live."""
    purpose = f"toll of a {what} in {ctx.region_name(region_id)}" if ctx.ledger else ""
    toll = ctx.dice(*T.CIVILIAN_STRIKE_DICE, purpose)
    toll += per_threat * level
    if ctx.index.regions[region_id].population < T.SMALL_REGION:
        toll //= T.SMALL_REGION_DIVISOR  # nomad camps and hamlets of a few families
    return toll


def _community_violence(ctx: Context, grieving: dict[str, dict[str, int]]) -> None:
    """Community militias raid at home, and every massacre by others invites the next (rules.md §5.1)."""
    state, ledger = ctx.state, ctx.ledger
    militias = turn_tables(ctx.index).militias
    for region_id in ctx.index.region_order:
        threats = state.regions[region_id].threat
        dead = grieving.get(region_id)
        all_dead = sum(dead.values()) if dead else 0
        for actor_id in militias:
            level = threats.get(actor_id, 0)
            if level <= 0:
                continue
            chance = level
            lost = all_dead - dead.get(actor_id, 0) if dead else 0  # killed there by others
            if lost >= T.REPRISAL_DEATHS:
                chance += T.REPRISAL_BONUS
            if not ledger:  # what a raid does is not read back: its reasons are only for the ledger
                if ctx.die(6, "") <= chance:
                    unopposed = strike_toll(ctx, region_id, level, "raid", T.MILITIA_RAID_PER_THREAT)
                    resolve_civilian_attack(ctx, region_id, actor_id, unopposed, UNRECORDED)
                continue
            name, where = ctx.actor_name(actor_id), ctx.region_name(region_id)
            roll = ctx.die(6, f"raid by {name} in {where}")
            if roll > chance:
                continue
            unopposed = strike_toll(ctx, region_id, level, "raid", T.MILITIA_RAID_PER_THREAT)
            source = cause(
                "adversary", "community violence", _raid_detail(name, where, level, lost, roll, chance)
            )
            resolve_civilian_attack(ctx, region_id, actor_id, unopposed, source)


@lru_cache(maxsize=1024)
def _raid_detail(name: str, where: str, level: int, lost: int, roll: int, chance: int) -> str:
    """Why a militia raided: its threat, and a reprisal for the dead of last turn."""
    reason = N_("{name} threat {level}").format(name=name, level=level)
    if lost >= T.REPRISAL_DEATHS:
        reason = N_(
            "{reason}, +{bonus} reprisal for {lost} civilians killed there by others last turn"
        ).format(reason=reason, bonus=T.REPRISAL_BONUS, lost=lost)
    return N_("{name} raids in {where}: rolled {roll} against {chance} ({reason})").format(
        name=name, where=where, roll=roll, chance=chance, reason=reason
    )


def _joint_sweep(ctx: Context, region: RegionState) -> str:
    """The partner force that runs the army's sweep with it where no community is profiled (§6.4)."""
    if any(region.threat.get(m, 0) > 0 for m in ctx.index.militias):
        return ""  # the centre: the army sweeps the communities it takes for the enemy's own
    partners = [a for a in ctx.index.partner_forces if ctx.index.actors[a].kind != "host_forces"]
    return next((a for a in sorted(partners) if region.threat.get(a, 0) > 0), "")


def _host_force_conduct(ctx: Context) -> None:
    """Host-nation and international forces harm civilians too (rules.md §6.4)."""
    state, ledger = ctx.state, ctx.ledger  # what partners do to civilians is not read back
    partners = ctx.index.partner_forces
    offensive = max(0, ctx.modifier_total("international_support"))  # tempo of partner strikes
    operations = ctx.modifier_total("host_operations")  # tempo of the army's own operations
    struck: dict[str, int] = {}  # regions where armed groups killed soldiers this turn
    for change in state.current.changes:
        if change.kind == "host_forces_killed":
            struck[change.target] = struck.get(change.target, 0) + change.delta
    units = state.units
    policed = {units[u].region for u in ctx.index.police_units}  # no one moves here
    actors, regions = ctx.index.actors, state.regions
    state_centred = state.policy.orientation == "state_centred"
    for region_id in ctx.index.region_order:
        region = regions[region_id]
        for actor_id, level in region.threat.items():
            if level <= 0 or actor_id not in partners:
                continue
            actor = actors[actor_id]
            joint = ""  # a sweep run with the regional partners, whose units the record charges
            detail = ""
            if actor.kind == "host_forces":
                chance = level + (T.HOST_STATE_CENTRED if state_centred else T.HOST_PEOPLE_CENTRED)
                checks = []
                if struck.get(region_id, 0) >= T.HOST_SWEEP_DEATHS:
                    joint = _joint_sweep(ctx, region)
                    chance += T.HOST_SWEEP_BONUS
                    if ledger:
                        checks.append(
                            N_("a sweep after {struck} soldiers were killed (+{host_sweep_bonus})").format(
                                struck=struck[region_id], host_sweep_bonus=T.HOST_SWEEP_BONUS
                            )
                        )
                    if joint:
                        checks.append(N_("a joint sweep: its abuses are the partner forces'"))
                if operations:
                    chance += operations
                    if ledger:
                        checks.append(
                            N_("the army's offensive operations ({operations:+d})").format(
                                operations=operations
                            )
                        )
                if region.tier_three:
                    chance -= T.HOST_TIER_THREE_CHECK
                    if ledger:
                        checks.append(N_("human-rights monitoring (Tier III)"))
                police = region_id in policed
                if police:
                    chance -= T.HOST_POLICE_CHECK
                    if ledger:
                        checks.append(N_("formed police present"))
                held = 0 if state_centred else T.HOST_STATE_CENTRED - T.HOST_PEOPLE_CENTRED
                held += (T.HOST_TIER_THREE_CHECK if region.tier_three else 0) + (
                    T.HOST_POLICE_CHECK if police else 0
                )
                if held > T.HOST_CHECKS_MAX:  # the mission's leverage on the army is one lever, not three
                    chance += held - T.HOST_CHECKS_MAX
                    if ledger:
                        checks.append(
                            N_("the mission's checks count at most -{host_checks_max} together").format(
                                host_checks_max=T.HOST_CHECKS_MAX
                            )
                        )
                where = ctx.region_name(region_id) if ledger else ""  # only for the rolls' purposes
                roll = ctx.die(6, f"conduct of {ctx.actor_name(actor_id)} in {where}" if ledger else "")
                if roll > chance:
                    continue
                deaths = (
                    ctx.dice(*T.HOST_ABUSE_DICE, f"toll of abuses in {where}" if ledger else "")
                    + T.HOST_ABUSE_DEATHS_BASE
                )
                if ledger:
                    orientation = state.policy.orientation.replace("_", "-")
                    if checks:
                        detail = N_("rolled {roll} against {chance} ({orientation}; {checks})").format(
                            roll=roll, chance=chance, orientation=orientation, checks=", ".join(checks)
                        )
                    else:
                        detail = N_("rolled {roll} against {chance} ({orientation})").format(
                            roll=roll, chance=chance, orientation=orientation
                        )
            else:
                where = ctx.region_name(region_id) if ledger else ""  # only for the rolls' purposes
                roll = ctx.dice(
                    *T.COLLATERAL_DICE,
                    f"collateral harm by {ctx.actor_name(actor_id)} in {where}" if ledger else "",
                )
                chance = level + T.COLLATERAL_BASE + T.STRIKE_TEMPO_PER_SUPPORT * max(0, offensive)
                if roll > chance:
                    continue
                deaths = ctx.dice(*T.COLLATERAL_DICE, f"toll of collateral harm in {where}" if ledger else "")
                base = level + T.COLLATERAL_BASE
                if ledger:
                    tempo = (
                        N_(", operations tempo +{number}").format(number=chance - base)
                        if chance > base
                        else ""
                    )
                    detail = N_(
                        "rolled {roll} against {chance} (level {level} + {collateral_base}{tempo})"
                    ).format(
                        roll=roll, chance=chance, level=level, collateral_base=T.COLLATERAL_BASE, tempo=tempo
                    )
            perpetrator = joint or actor_id
            if not ledger:
                ctx.civilians_killed(region_id, perpetrator, deaths, "", [])
                ctx.credibility(region_id, -T.PARTNER_HARM_CREDIBILITY, "", [])
                continue
            ctx.civilians_killed(
                region_id,
                perpetrator,
                deaths,
                N_("{name} killed civilians in {region}").format(
                    name=ctx.index.actors[perpetrator].name, region=ctx.region_name(region_id)
                ),
                [cause("rule", N_("conduct of other forces")), cause("roll", "d6", detail)],
            )
            ctx.credibility(
                region_id,
                -T.PARTNER_HARM_CREDIBILITY,
                N_("the mission's partners harmed civilians in {region}").format(
                    region=ctx.region_name(region_id)
                ),
                PARTNERS_WHY,
            )


PARTNERS_WHY = [cause("rule", N_("partners' conduct"))]  # shared by every change it explains


# --- information phase ------------------------------------------------------------------------


def _information(ctx: Context, actions: list[adversary.Action]) -> None:
    state = ctx.state
    landing = [m for m in state.messages if m.lands_turn <= state.turn]
    state.messages = [m for m in state.messages if m.lands_turn > state.turn]
    say = T.POLICY_SAY[state.policy.poc_definition]
    countered: dict[str, int] = {}
    for message in landing:
        say += _land_message(ctx, message)
        if message.theme == "counter_rumour":
            countered[message.audience] = countered.get(message.audience, 0) + 1
    for attack in state.pending_info:
        _resolve_info_attack(ctx, attack, countered)
    state.pending_info = []
    do = state.current.do + sum(T.DO_PER_TOB for u in state.units.values() if u.holds_tob)
    state.current.say, state.current.do = say, do
    gap = say - do
    ledger = ctx.ledger  # credibility is not read back: explained only for the ledger
    why = (
        [cause("rule", N_("Say-Do gap"), N_("said {say}, did {do}").format(say=say, do=do))] if ledger else []
    )
    if gap >= T.SAY_DO_SMALL_GAP:
        loss = T.SAY_DO_LARGE_LOSS if gap >= T.SAY_DO_LARGE_GAP else T.SAY_DO_SMALL_LOSS
        summary = N_("Say-Do gap of {gap}: promises not kept").format(gap=gap) if ledger else ""
        for region_id in ctx.index.region_order:
            if ctx.units_in(region_id):
                ctx.credibility(region_id, -loss, summary, why)
    elif -gap >= T.DO_EXCEEDS_SAY_MARGIN:
        for region_id in ctx.index.region_order:
            if state.regions[region_id].last_success_turn == state.turn:
                ctx.credibility(
                    region_id, T.DO_EXCEEDS_SAY_GAIN, N_("the mission did more than it said"), why
                )


def _audience(ctx: Context, audience: str) -> tuple[list[str], int]:
    if audience == "national":
        return list(ctx.index.region_order), T.NATIONAL_AUDIENCE_DIVISOR
    return [audience], 1


CHANNEL_LIMITS = {
    "social_media": N_("social media reaches only the south"),
    "community_outreach": N_("community outreach needs a mission unit or civilian team there"),
    "cimic": N_("CIMIC needs mission units there"),
    "presence": N_("presence needs mission units there"),
}


def _channel_reaches(ctx: Context, channel: str, region_id: str) -> bool:
    if channel == "social_media":
        return ctx.index.regions[region_id].zone == "south"
    if channel in ("community_outreach",):
        return ctx.mission_present(region_id)
    if channel in ("cimic", "presence"):
        return bool(ctx.units_in(region_id))
    return True


def _land_message(ctx: Context, message) -> int:
    """Apply one message that lands this turn; return what it adds to 'Say'."""
    state, ledger = ctx.state, ctx.ledger  # what a message does is not read back: explained for the ledger
    theme = message.theme
    audience = ""  # who heard it, as the ledger says
    if ledger:
        audience = (
            N_("the national audience")
            if message.audience == "national"
            else ctx.region_name(message.audience)
        )
    why = _message_why(theme, message.channel, audience, message.issued_turn) if ledger else []
    regions, divisor = _audience(ctx, message.audience)
    say = T.THEME_SAY[theme]
    key = f"{theme}@{message.audience}"
    last = state.message_memory.get(key)
    state.message_memory[key] = state.turn
    if last is not None and state.turn - last <= T.MESSAGE_FATIGUE_TURNS and theme != "counter_rumour":
        if ledger:
            ctx.record(
                "credibility",
                message.audience,
                0,
                0,
                N_("'{theme}' again to {audience}: people tune out").format(
                    theme=words(theme), audience=audience
                ),
                why,
            )
        return say
    if theme == "mandate_explain":
        ctx.consent(T.MANDATE_EXPLAIN_CONSENT, N_("the mission explained its mandate"), why)
        return say
    unreached = [r for r in regions if not _channel_reaches(ctx, message.channel, r)]
    if unreached and ledger:
        ctx.record(
            "credibility",
            message.audience,
            0,
            0,
            N_("'{theme}' by {channel} did not reach {list}: {channel_limits}").format(
                theme=words(theme),
                channel=words(message.channel),
                list=", ".join(ctx.region_name(r) for r in unreached),
                channel_limits=CHANNEL_LIMITS[message.channel],
            ),
            why,
        )
    for region_id in regions:
        if region_id in unreached:
            continue
        value = T.THEME_CREDIBILITY[theme]
        if theme == "tactical_success":
            recent = state.turn - state.regions[region_id].last_success_turn <= T.SUCCESS_MEMORY_TURNS
            if not recent:
                if message.audience != "national":
                    ctx.credibility(
                        region_id,
                        T.TACTICAL_SUCCESS_WITHOUT_SUCCESS,
                        N_("claimed a success people did not see"),
                        why,
                    )
                    say += T.TACTICAL_SUCCESS_UNBACKED_SAY
                continue
            if state.policy.poc_definition == "avoid_term":
                value += T.AVOID_TERM_SUCCESS_BONUS
        if value:
            ctx.credibility(
                region_id,
                max(1, value // divisor),
                _reached_line(theme, ctx.region_name(region_id)) if ledger else "",
                why,
            )
    return say


@lru_cache(maxsize=1024)  # the same messages every turn; only their turn of issue changes
def _message_why(theme: str, channel: str, audience: str, issued_turn: int) -> list[Cause]:
    """Why a landing message moves credibility: the order that issued it. One list, shared by the
    changes it explains (a change's causes are never changed)."""
    return [
        cause(
            "order",
            "issue_message",
            N_("'{theme}' by {channel} to {audience}, issued turn {issued_turn}").format(
                theme=words(theme), channel=words(channel), audience=audience, issued_turn=issued_turn
            ),
        )
    ]


@lru_cache(maxsize=1024)  # a national message reaches every region, every turn: the same lines
def _reached_line(theme: str, region: str) -> str:
    return N_("message '{theme}' reached {region}").format(theme=words(theme), region=region)


def _resolve_info_attack(ctx: Context, attack, countered: dict[str, int]) -> None:
    state = ctx.state
    strength = attack.strength
    mods = []
    if "psyops" in state.means.irc_available:
        strength -= T.INFO_ATTACK_PSYOPS_REDUCTION
        mods.append("PSYOPS")
    if ctx.has_base(attack.region):
        strength -= T.INFO_ATTACK_TOB_REDUCTION
        mods.append(N_("people see the operating base"))
    if countered.get(attack.region):
        strength = 0
        mods.append(N_("countered by a message that landed in time"))
    elif countered.get("national"):
        strength //= T.NATIONAL_COUNTER_DIVISOR
        mods.append(N_("halved by a national counter-message"))
    state.tallies.info_attacks += 1
    if not ctx.ledger:  # credibility is not read back: the attack needs no explanation
        if strength <= 0:
            state.tallies.info_attacks_countered += 1
        else:
            ctx.credibility(attack.region, -strength, "", [])
        return
    why = [
        cause("adversary", "information", attack.source),
        cause("rule", N_("information attack"), ", ".join(mods) or N_("no counter")),
    ]
    if strength <= 0:
        state.tallies.info_attacks_countered += 1
        ctx.record(
            "credibility",
            attack.region,
            0,
            state.regions[attack.region].credibility,
            N_("a hostile narrative in {region} fell flat").format(region=ctx.region_name(attack.region)),
            why,
        )
        return
    ctx.credibility(
        attack.region,
        -strength,
        N_("hostile narrative in {region}").format(region=ctx.region_name(attack.region)),
        why,
    )


# --- assessment phase -------------------------------------------------------------------------


def _assessment(ctx: Context) -> None:
    state = ctx.state
    people = state.policy.orientation == "people_centred"
    international = ctx.modifier_total("international_support")  # only cards change modifiers
    ledger = ctx.ledger  # credibility is not read back: its causes are built only for the ledger
    index = ctx.index
    # where the international forces strike: their threat is not rolled, so it holds all phase
    strikes = _international_strikes(ctx) if international else frozenset()
    for region_id in index.region_order:
        region = state.regions[region_id]
        if ctx.has_base(region_id):
            ctx.credibility(
                region_id,
                T.TOB_CREDIBILITY_PER_TURN,
                N_("a permanent presence people can count on"),
                BASE_WHY if ledger else [],
            )
        if region.tier_one:
            gain = min(T.TIER_ONE_CREDIBILITY_MAX, region.tier_one * T.TIER_ONE_CREDIBILITY_PER_POINT)
            if people:
                gain += T.PEOPLE_CENTRED_TIER_ONE_BONUS
            ctx.credibility(
                region_id,
                gain,
                N_("dialogue and engagement (Tier I)"),
                _tier_one_why(region.tier_one, state.policy.orientation) if ledger else [],
            )
        if region.tier_three:
            _tier_three(ctx, region_id)
        _threat_drift(ctx, region_id, international, strikes)
        if region.host_presence < index.regions[region_id].host_presence:
            _state_returns(ctx, region_id)
    if state.policy.orientation == "state_centred":
        if state.consent < T.STATE_CENTRED_CONSENT_LIMIT:
            ctx.consent(
                T.STATE_CENTRED_CONSENT,
                N_("state-centred posture pleases the government"),
                [cause("policy", "orientation", "state-centred")],
            )
    elif state.turn % T.PEOPLE_CENTRED_CONSENT_EVERY == 0:
        ctx.consent(
            -T.PEOPLE_CENTRED_CONSENT,
            N_("people-centred posture irritates the government"),
            [cause("policy", "orientation", "people-centred")],
        )


# The standing reasons the assessment gives every turn: one list each, shared by the changes
# they explain (a change's causes are never changed).
BASE_WHY = [cause("rule", N_("temporary operating base"))]


@lru_cache(maxsize=64)
def _tier_one_why(points: int, orientation: str) -> list[Cause]:
    """Why Tier I engagement raised credibility: the standing order, and the orientation."""
    return [
        cause("order", "set_poc_activity", _tier_points(N_("Tier I {count}"), points)),
        cause("policy", "orientation", words(orientation)),
    ]


@lru_cache(maxsize=64)  # the same few counts every turn
def _tier_points(tier: str, points: int) -> str:
    """ "Tier I 2 points": a region's standing PoC activity, as its order's cause reads."""
    return tier.format(count=counted("{n} point", "{n} points", points))


def _tier_three(ctx: Context, region_id: str) -> None:
    """Protective environment work may lower the strongest militia threat or restore the state."""
    region = ctx.state.regions[region_id]
    roll = ctx.die(6, f"Tier III in {ctx.region_name(region_id)}" if ctx.ledger else "")
    why = (
        [
            cause(
                "order",
                "set_poc_activity",
                _tier_points(N_("Tier III {count}"), region.tier_three),
            ),
            cause(
                "roll",
                "d6",
                N_("rolled {roll}, needed {number} or less").format(
                    roll=roll, number=region.tier_three + T.TIER_THREE_ROLL_BONUS
                ),
            ),
        ]
        if ctx.ledger
        else []
    )
    if roll <= region.tier_three + T.TIER_THREE_ROLL_BONUS:
        militias = [
            (level, actor_id)
            for actor_id, level in region.threat.items()
            if actor_id in ctx.index.actors
            and ctx.index.actors[actor_id].kind in ("militia", "non_signatory")
            and level > 0
        ]
        if militias:
            _, actor_id = max(militias)
            ctx.threat(
                region_id, actor_id, -T.TIER_THREE_EFFECT, N_("a protective environment takes hold"), why
            )
        elif (
            region.host_presence < ctx.index.regions[region_id].host_presence + T.TIER_THREE_STATE_ABOVE_START
        ):
            ctx.host_presence(region_id, T.TIER_THREE_EFFECT, N_("local institutions return"), why)


def _state_returns(ctx: Context, region_id: str) -> None:
    """Setbacks are not for ever: the army and administration come back (rules.md §10)."""
    start = ctx.index.regions[region_id].host_presence
    if ctx.state.regions[region_id].host_presence >= start:
        return
    roll = ctx.die(6, f"the state's return to {ctx.region_name(region_id)}" if ctx.ledger else "")
    if roll < T.STATE_RETURN_ROLL:
        return
    if not ctx.ledger:  # the army's presence is not read back: its reasons are only for the ledger
        ctx.host_presence(region_id, T.STATE_RETURN_PRESENCE, "", [])
        return
    ctx.host_presence(
        region_id,
        T.STATE_RETURN_PRESENCE,
        N_("the state redeploys to {region}").format(region=ctx.region_name(region_id)),
        [
            cause(
                "roll",
                "d6",
                N_("rolled {roll}, needed {state_return_roll}").format(
                    roll=roll, state_return_roll=T.STATE_RETURN_ROLL
                ),
            ),
            cause("rule", N_("the state returns")),
        ],
    )


def _international_pressure(
    ctx: Context, region_id: str, actor_id: str, international: int, strikes: frozenset[str]
) -> tuple[str, int] | None:
    """What the international forces' tempo does to a terrorist group's growth here (rules.md §10).

    More support presses the groups where the international forces strike (the regions where
    the scenario lists them) and pushes the group's fighters and money to its cells where those
    forces do not go, if it is pressed somewhere; less support (a drawdown) lifts the pressure
    everywhere. `strikes`: the regions where the international forces strike.
    """
    if international < 0:
        return (N_("international forces drawing down"), -international)
    if region_id in strikes:
        return (N_("international forces"), -international)
    regions = ctx.state.regions
    for pressed in ctx.index.region_order:
        if pressed in strikes and regions[pressed].threat.get(actor_id, 0) > 0:
            pushed = T.DISPLACED_BY_PRESSURE * international
            if not ctx.ledger:  # the label is only for the ledger
                return ("", pushed)
            where = ctx.region_name(pressed)
            return (N_("pushed out of {region} by international forces").format(region=where), pushed)
    return None


def _international_strikes(ctx: Context) -> frozenset[str]:
    """The regions where the international forces strike (where the scenario lists them)."""
    forces, regions = turn_tables(ctx.index).international, ctx.state.regions
    return frozenset(
        r for r in ctx.index.region_order if any([regions[r].threat.get(a, 0) > 0 for a in forces])
    )


# The pulls on every group's threat in a region (rules.md §10), as the ledger names them.
STATE_ABSENT = (N_("state absent"), T.STATE_ABSENT_THREAT)
MISSION_DISTRUSTED = (N_("mission distrusted"), T.DISTRUSTED_THREAT)
MISSION_TRUSTED = (N_("mission trusted"), T.TRUSTED_THREAT)
OPERATING_BASE = (N_("operating base"), T.BASE_THREAT)
CAMPS_LEFT_EMPTY = (N_("the mission's camps left empty"), T.ABANDONED_CAMPS)
CAMPS_THINNED = (N_("the mission's camps thinned out"), T.THINNED_CAMPS)
TRI_BORDER = (N_("tri-border pressure"), T.TRI_BORDER_THREAT)


def _threat_drift(
    ctx: Context, region_id: str, international: int, strikes: frozenset[str] | None = None
) -> None:
    """Roll each armed group's threat up or down (rules.md §10); explain only what changes.

    `strikes`: the regions where the international forces strike, if the caller knows them.
    """
    # some 900 rolls a game: the region's pulls are added up once, and their labels kept only for the ledger
    ledger = ctx.ledger
    region = ctx.state.regions[region_id]
    spec = ctx.index.regions[region_id]
    credibility, presence = region.credibility, region.host_presence
    shared: list[tuple[str, int]] = []  # the pulls every group here feels, as the ledger names them
    shared_total = 0
    if presence <= T.STATE_ABSENT_PRESENCE:
        shared_total += T.STATE_ABSENT_THREAT
        if ledger:
            shared.append(STATE_ABSENT)
    if credibility < T.DISTRUSTED_BELOW:
        shared_total += T.DISTRUSTED_THREAT
        if ledger:
            shared.append(MISSION_DISTRUSTED)
    mission = 0
    if credibility >= T.TRUSTED_AT:
        mission += T.TRUSTED_THREAT
        if ledger:
            shared.append(MISSION_TRUSTED)
    if ctx.has_base(region_id):
        mission += T.BASE_THREAT
        if ledger:
            shared.append(OPERATING_BASE)
    shared_total += mission
    if mission < T.MISSION_THREAT_MAX:  # trust and a base together: the mission is no counter-terrorist force
        shared_total += T.MISSION_THREAT_MAX - mission
        if ledger:
            shared.append(
                (N_("the mission's own pull on the groups is at most -1"), T.MISSION_THREAT_MAX - mission)
            )
    garrison, present = ctx.index.garrisons.get(region_id, 0), len(ctx.units_in(region_id))
    if garrison and not present:
        shared_total += T.ABANDONED_CAMPS
        if ledger:
            shared.append(CAMPS_LEFT_EMPTY)
    elif present < garrison:
        shared_total += T.THINNED_CAMPS
        if ledger:
            shared.append(CAMPS_THINNED)
    if spec.tri_border:
        shared_total += T.TRI_BORDER_THREAT
        if ledger:
            shared.append(TRI_BORDER)
    threats, usual, dice = region.threat, spec.threat, ctx.dice
    weak_state = presence <= T.SPREAD_WEAK_STATE
    for actor_id, terrorist in turn_tables(ctx.index).drifting:
        level = threats.get(actor_id)
        if level is None:
            continue
        start = usual.get(actor_id, 0)
        spreading_from = ""
        if level == 0:  # a group absent from a region only returns by spreading from a neighbour
            spreading_from = _strong_neighbour(ctx, region_id, actor_id)
            if not spreading_from and not start:
                continue  # where the group usually is, its cells lie low and come back (pull below)
        own = T.THREAT_REVERSION * (start - level)
        pressure: tuple[str, int] | None = None
        if terrorist:
            if international:
                if strikes is None:
                    strikes = _international_strikes(ctx)
                pressure = _international_pressure(ctx, region_id, actor_id, international, strikes)
                if pressure:
                    own += pressure[1]
            if level and not spreading_from and weak_state:
                # a strong neighbour sends cells and preachers across, where the state is weak
                spreading_from = _strong_neighbour(ctx, region_id, actor_id)
                if spreading_from:
                    own += T.SPREAD_PRESSURE
        roll = dice(2, 6, "threat drift")
        total = roll + shared_total + own
        if total >= T.THREAT_UP_AT:
            delta = 1
        elif total <= T.THREAT_DOWN_AT and level > 0:
            delta = -1
        else:
            continue
        if not ledger:  # the threat moves; only the ledger would read why
            ctx.threat(region_id, actor_id, delta, "", [])
            continue
        ctx.threat(
            region_id,
            actor_id,
            delta,
            _drift_summary(ctx.actor_name(actor_id), ctx.region_name(region_id), delta),
            _drift_why(roll, tuple(shared), pressure, start, level, spreading_from),
        )


@lru_cache(maxsize=1024)  # threat drift moves some 50 threats a game, over and over the same lines
def _drift_summary(group: str, region: str, delta: int) -> str:
    trend_line = (
        N_("the threat from {group} grows in {region}")
        if delta > 0
        else N_("the threat from {group} recedes in {region}")
    )
    return trend_line.format(group=group, region=region)


DRIFT_RULE = cause("rule", N_("threat drift"))


@lru_cache(maxsize=4096)  # the same few hundred explanations every game
def _drift_why(
    roll: int,
    shared: tuple[tuple[str, int], ...],
    pressure: tuple[str, int] | None,
    start: int,
    level: int,
    spreading_from: str,
) -> list[Cause]:
    """Why a threat drifted. One list, shared by the changes it explains (causes are never changed)."""
    return [
        cause("roll", "2d6", _drift_detail(roll, shared, pressure, start, level, spreading_from)),
        DRIFT_RULE,
    ]


def _drift_detail(
    roll: int,
    shared: tuple[tuple[str, int], ...],
    pressure: tuple[str, int] | None,
    start: int,
    level: int,
    spreading_from: str,
) -> str:
    """The drift roll and every pull on it: the region's, the group's own, its neighbours'."""
    mods = list(shared)
    if pressure:
        mods.append(pressure)
    if level != start:
        mods.append(
            (
                N_("pull back to its usual level {start}").format(start=start),
                T.THREAT_REVERSION * (start - level),
            )
        )
    if spreading_from:
        mods.append((N_("spreading from {spreading_from}").format(spreading_from=spreading_from), 0))
    if not mods:
        return N_("rolled {roll}").format(roll=roll)
    terms = ", ".join(N_("{label} {value:+d}").format(label=label, value=value) for label, value in mods)
    return N_("rolled {roll}, {terms}").format(roll=roll, terms=terms)


def _strong_neighbour(ctx: Context, region_id: str, actor_id: str) -> str:
    """The first linked region where the group is strong enough to spread from ("" if none)."""
    regions = ctx.state.regions
    for neighbour in ctx.index.links[region_id]:
        if regions[neighbour].threat.get(actor_id, 0) >= T.THREAT_SPREADS_AT:
            return neighbour
    return ""


# --- mandate renewal --------------------------------------------------------------------------


def _mandate_renewal(ctx: Context, resolution: str) -> None:
    state = ctx.state
    case: str = state.policy.renewal_case
    for card_id, option in state.current.decisions.items():
        if option in ("poc_first", "status_quo") and ctx.card(card_id).choice is not None:
            case = option
    credibility = national_credibility(state)
    recent = [*state.history[-(T.RENEWAL_GAP_TURNS - 1) :], state.current]
    gap = sum(say_do_gap(r.say, r.do) for r in recent) / len(recent)
    credibility_term = (credibility - T.RENEWAL_CREDIBILITY_PIVOT) // T.RENEWAL_CREDIBILITY_DIVISOR
    score = state.mandate_support + credibility_term
    case_mod = 0
    if case == "poc_first":
        strong = credibility >= T.RENEWAL_CASE_CREDIBILITY and gap < T.RENEWAL_CASE_GAP
        case_mod = T.RENEWAL_CASE_BONUS if strong else -T.RENEWAL_CASE_PENALTY
    roll = ctx.dice(2, 6, f"Security Council vote on {resolution}")
    total = score + case_mod + roll - T.RENEWAL_ROLL_PIVOT
    if case == "poc_first" and total >= T.RENEWAL_POC_FIRST_AT:
        outcome = "poc_first"
    elif total < T.RENEWAL_REDUCED_BELOW:
        outcome = "reduced"
    else:
        outcome = "renewed"
    why = [
        cause("card", "mandate_renewal", N_("UNSCR {resolution}").format(resolution=resolution)),
        cause(
            "roll",
            "2d6",
            N_(
                "support {mandate_support}, credibility {credibility} "
                "({credibility_term:+d}), case '{case}' {case_mod:+d}, roll {roll} - "
                "{renewal_roll_pivot} = {total}"
            ).format(
                mandate_support=state.mandate_support,
                credibility=credibility,
                credibility_term=credibility_term,
                case=words(case),
                case_mod=case_mod,
                roll=roll,
                renewal_roll_pivot=T.RENEWAL_ROLL_PIVOT,
                total=total,
            ),
        ),
        cause(
            "rule",
            N_("renewal table"),
            N_(
                "PoC first at {renewal_poc_first_at}+ when argued, reduced below {renewal_reduced_below}"
            ).format(
                renewal_poc_first_at=T.RENEWAL_POC_FIRST_AT, renewal_reduced_below=T.RENEWAL_REDUCED_BELOW
            ),
        ),
    ]
    state.mandate_outcomes.append(f"{resolution}:{outcome}")
    state.current.mandate_outcome = outcome
    means = state.means
    if outcome == "poc_first":
        bonus = T.POC_FIRST_MEANS
        ctx.means("budget_per_turn", bonus["budget"], N_("PoC is now the first strategic priority"), why)
        ctx.means("aviation_pct", bonus["aviation_pct"], N_("more helicopters and ISR"), why)
        ctx.means("message_slots", bonus["message_slots"], N_("more strategic communications staff"), why)
        ctx.means("civilian_pct", bonus["civilian_pct"], N_("more civilian PoC staff"), why)
        if means.irc_locked:
            unlocked = means.irc_locked.pop(0)
            means.irc_available.append(unlocked)
            ctx.record(
                "means",
                "irc",
                1,
                len(means.irc_available),
                N_("the mandate now allows {unlocked}").format(unlocked=words(unlocked)),
                why,
            )
    elif outcome == "reduced":
        cut = T.REDUCED_MEANS
        ctx.means("budget_per_turn", cut["budget"], N_("the Council trims the mission"), why)
        ctx.means("aviation_pct", cut["aviation_pct"], N_("fewer aviation units"), why)
    else:
        ctx.record(
            "means",
            "mandate",
            0,
            0,
            N_("UNSCR {resolution}: mandate renewed as before").format(resolution=resolution),
            why,
        )
