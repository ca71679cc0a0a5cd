"""Every number the rules use, in one place; rules.md prints the same tables."""

from __future__ import annotations

from game.i18n import N_

# --- Resolution table (rules.md §6.1): 2d6 + protection -> share of the unopposed toll -------
# Each row: (lowest modified roll, outcome name, percent of the unopposed toll that happens).
OUTCOME_TABLE: tuple[tuple[int, str, int], ...] = (
    (14, "prevented", 0),
    (12, "deterred", 10),
    (10, "mitigated", 30),
    (8, "partly_mitigated", 60),
    (-99, "unopposed", 100),
)
SUCCESS_OUTCOMES = frozenset({"prevented", "deterred", "mitigated"})

# --- Protection modifiers for attacks on civilians (rules.md §6.2) ---------------------------
TOB_PROTECTION = 3
BASE_POSTURE_PROTECTION = 1  # at most once per region
PATROL_PROTECTION = 1  # per patrolling unit
PATROL_PROTECTION_MAX = 2
POLICE_PROTECTION = 1  # a formed police unit in the region, at most once
QRF_IN_REGION = 2
QRF_NEIGHBOUR = 1  # a quick-reaction unit one ground link away ...
QRF_ROAD_COST = 1  # ... a link of this cost
QRF_BY_AIR = 2  # projection by utility helicopter, needs warning >= 1 and lift hours
QRF_AIR_WARNING = 1
MTF_BONUS = 1  # the Mobile Task Force is trained and equipped for projection
ATTACK_HELICOPTER_WARNED = 2
ATTACK_HELICOPTER_UNWARNED = 1
ATTACK_HELICOPTER_WARNING = 1  # the warning level from which attack helicopters count fully
CAVEAT_NIGHT_PENALTY = 1
POC_DEFINED_BONUS = 1  # SRSG defined PoC: units share one understanding of when to act
POC_UNDEFINED_PENALTY = 1  # status quo with caveated units present: confusion
MAJOR_ATTACK_PENALTY = 2  # an attack whose unopposed toll can reach 50 or more
MAJOR_ATTACK_DEATHS = 50
PROTECTION_MAX = 5  # however many means stand in a region, protection is at most +5
MAJOR_ATTACK_REACH = 2  # a large attack falls out of reach on 1d6 <= dispersion + 2
MILITIA_RAID_REACH = 2  # a militia's raid falls out of reach on 1d6 <= dispersion + 2
BASE_AVOIDED_REACH = 1  # where a base stands, any attack falls out of reach on 1d6 <= dispersion + 1
QRF_IN_REGION_SHARE = 50  # a unit arriving by road responds in its new region from this share
QRF_AIR_HOURS = 10  # lift hours used by one air response
TASK_HOURS = {"attack": 15, "isr": 50}  # hours a standing tasking uses each turn

# Early warning adds (level - 1): level 0 gives -1, level 3 gives +2.
WARNING_OFFSET = 1
WARNING_UNANSWERED_MAX = 1  # without a quick reaction or helicopters to act on it, warning adds at most +1

# --- Early warning (rules.md §1) -------------------------------------------------------------
WARNING_MAX = 3
WARNING_ISR_LONG = 2  # a long-range ISR asset (range 300 km or more) tasked to the region
WARNING_ISR_LONG_RANGE_KM = 300
WARNING_ISR_TACTICAL = 1
WARNING_HIGH_CREDIBILITY = 1  # credibility >= 60: people report threats
WARNING_CREDIBILITY_THRESHOLD = 60
WARNING_TIER_ONE = 1  # community alert network built by Tier I work last turn
WARNING_SIGINT = 1  # SIGINT/EW unlocked, in regions with mission presence
WARNING_REVEALS_CARDS = 2  # at this level card attacks are known before orders, and threats exactly
THREAT_BANDS = (
    (4, N_("high")),
    (2, N_("medium")),
    (1, N_("low")),
    (0, N_("none seen")),
)  # below that, threats in bands

# --- Attacks on peacekeepers (rules.md §6.3) -------------------------------------------------
PK_TOB_FORTIFIED = 1
PK_SPECIAL_FORCES = 1
PK_ATTACK_HELICOPTER = 2
PK_QRF_NEARBY = 1
PK_WOUNDED_PER_DEATH = 2

# --- Credibility (rules.md §7) ---------------------------------------------------------------
DEATHS_PER_CREDIBILITY_POINT = 8  # where mission units stand
DEATHS_PER_CREDIBILITY_POINT_ABSENT = 16  # where the mission has no unit
TRUST_CEILING = 60  # at or above it, every credibility gain is halved (rounded down)
TRUST_DIVISOR = 2
HIGH_TRUST_CEILING = 80  # at or above it, every gain is quartered (rounded down)
HIGH_TRUST_DIVISOR = 4
DISTRUST_FLOOR = 20  # at or below it, every credibility loss is halved (rounded toward zero)
DISTRUST_DIVISOR = 2
PREVENTED_MANDATE_SUPPORT = 1
CIVILIAN_DEATHS_CREDIBILITY_CAP = 12
FAILED_DESPITE_PRESENCE = 2  # civilians die unopposed where mission units stand
MASSACRE_DEATHS = 30
MASSACRE_NEIGHBOUR_LOSS = 2
MASSACRE_MANDATE_LOSS = 1
OUTCOME_CREDIBILITY = {"prevented": 2, "deterred": 1, "mitigated": 1}
FAILED_DESPITE_PRESENCE_DEATHS = 20  # the malus applies from this many deaths
TOB_CREDIBILITY_PER_TURN = 1
TIER_ONE_CREDIBILITY_PER_POINT = 1
TIER_ONE_CREDIBILITY_MAX = 2
PEOPLE_CENTRED_TIER_ONE_BONUS = 1
PEACEKEEPERS_KILLED_PER_MANDATE_POINT = 5
REPELLED_ATTACK_CREDIBILITY = 1
PARTNER_HARM_CREDIBILITY = 1  # lost where the mission's partners harm civilians
CREDIBILITY_MIN, CREDIBILITY_MAX = 0, 100
# The bands every screen, replay and report shows beside a credibility (lowest value, word);
# their symbols are in wording.py. Trusted and hostile meet the threat rules' 60 and 20 (§10).
CREDIBILITY_BANDS = ((60, N_("trusted")), (40, N_("mixed")), (20, N_("doubtful")), (0, N_("hostile")))

# --- Event cards (rules.md §4.9) --------------------------------------------------------------
GENERIC_CARD_GAP_TURNS = 2  # a generic card drawn on turn t cannot be drawn again before t + 2

# --- Information (rules.md §8) ---------------------------------------------------------------
THEME_CREDIBILITY = {
    "protection_promise": 3,
    "define_poc": 2,
    "tactical_success": 3,
    "counter_rumour": 0,
    "mandate_explain": 0,
}
THEME_SAY = {
    "protection_promise": 3,
    "define_poc": 2,
    "tactical_success": 0,
    "counter_rumour": 0,
    "mandate_explain": 1,
}
TACTICAL_SUCCESS_WITHOUT_SUCCESS = -2  # claiming successes that did not happen
TACTICAL_SUCCESS_UNBACKED_SAY = 2
AVOID_TERM_SUCCESS_BONUS = 1
MANDATE_EXPLAIN_CONSENT = 1
SUCCESS_MEMORY_TURNS = 2
MESSAGE_FATIGUE_TURNS = 2  # a theme repeated to the same audience within this many turns is ignored
NATIONAL_AUDIENCE_DIVISOR = 2  # a national message has half the effect in each region
NATIONAL_COUNTER_DIVISOR = 2  # a national counter-rumour halves hostile narratives everywhere
POLICY_SAY = {"status_quo": 1, "define_poc": 2, "avoid_term": 0}
SAY_DO_SMALL_GAP, SAY_DO_LARGE_GAP = 3, 6
SAY_DO_SMALL_LOSS, SAY_DO_LARGE_LOSS = 1, 2
DO_EXCEEDS_SAY_MARGIN = 3
DO_EXCEEDS_SAY_GAIN = 1
DO_PER_PREVENTED = 2
DO_PER_SUCCESS = 1
DO_PER_TOB = 1
INFO_ATTACK_BASE = 2
INFO_ATTACK_EXPLOIT_DEATHS = 20  # civilian deaths last turn that armed groups exploit
INFO_ATTACK_EXPLOIT_BONUS = 1
INFO_ATTACK_MISSION_HARM_BONUS = 3  # deaths caused by the mission or its partners
INFO_ATTACK_PSYOPS_REDUCTION = 1
INFO_ATTACK_TOB_REDUCTION = 1
U3_BUDGET_COST = 1  # per turn while all IRCs report to the U3
POLICY_CHANGE_CREDIBILITY = 2  # changing the PoC line after the first turn confuses everyone ...
POLICY_REVERSAL_CREDIBILITY = 2  # ... and going back to a line the mission dropped costs this much more

# --- Means (rules.md §3) ---------------------------------------------------------------------
TOB_OPEN_COST = 2
TOB_UPKEEP = 1
AIR_MOVE_HOURS_PER_100 = 2  # lift hours per 100 personnel moved by air (rounded up)
AIR_MOVE_PERSONNEL_STEP = 100
TIER_POINTS_MAX = 3  # per region and tier
GROUND_TRANSIT_SHARE = {1: 50, 2: 0}  # percent effectiveness the turn a unit moves by road

# --- Host state and mandate (rules.md §9) ----------------------------------------------------
STATE_CENTRED_CONSENT = 1
STATE_CENTRED_CONSENT_LIMIT = 70  # the government's approval stops growing there
PEOPLE_CENTRED_CONSENT_EVERY = 3  # turns between consent losses when people-centred ...
PEOPLE_CENTRED_CONSENT = 1  # ... of this much
RENEWAL_POC_FIRST_AT = 55
RENEWAL_REDUCED_BELOW = 30
RENEWAL_CASE_BONUS = 5
RENEWAL_CASE_PENALTY = 5
RENEWAL_CASE_CREDIBILITY = 40
RENEWAL_CASE_GAP = 3
RENEWAL_GAP_TURNS = 12  # the mean Say-Do gap is taken over the last 12 turns
RENEWAL_CREDIBILITY_PIVOT = 50  # score = support + (national credibility - 50) / 2 ...
RENEWAL_CREDIBILITY_DIVISOR = 2
RENEWAL_ROLL_PIVOT = 7  # ... + case modifier + 2d6 - 7
POC_FIRST_MEANS = {"budget": 2, "aviation_pct": 25, "message_slots": 1, "civilian_pct": 20}
REDUCED_MEANS = {"budget": -2, "aviation_pct": -15}

# --- Threat dynamics (rules.md §10) ----------------------------------------------------------
THREAT_UP_AT = 12  # 2d6 + modifiers at or above: +1
THREAT_DOWN_AT = 4  # 2d6 + modifiers at or below: -1
THREAT_MIN, THREAT_MAX = 0, 5
HOST_PRESENCE_MIN, HOST_PRESENCE_MAX = 0, 5
STATE_ABSENT_PRESENCE = 1  # host presence at or below: threat growth +1 ...
STATE_ABSENT_THREAT = 1
DISTRUSTED_BELOW = 20  # credibility under this: +1
DISTRUSTED_THREAT = 1
TRUSTED_AT = 60  # credibility at or above this: -1
TRUSTED_THREAT = -1
BASE_THREAT = -1  # a TOB in the region
MISSION_THREAT_MAX = -1  # trust and a TOB together pull a group's growth roll down by at most this
TRI_BORDER_THREAT = 1
THREAT_SPREADS_AT = 4  # a group absent from a region is rolled only when a linked region holds it here
TIER_THREE_ROLL_BONUS = 1  # Tier III succeeds on 1d6 <= its points + 1 ...
TIER_THREE_EFFECT = 1  # ... the strongest militia threat falls (or host presence rises) this much
TIER_THREE_STATE_ABOVE_START = 1  # Tier III restores the state to at most its starting presence + this
STATE_RETURN_ROLL = 6  # a region below its starting host presence regains 1 on 1d6 of 6
STATE_RETURN_PRESENCE = 1
THREAT_REVERSION = 2  # per level above (-) or below (+) the scenario's starting level
ABANDONED_CAMPS = 3  # threat drift where every unit of the region's starting camps has gone
DISPLACED_BY_PRESSURE = 1  # per point of support: a pressed group grows where the forces do not strike
SPREAD_PRESSURE = 1  # a terrorist group grows where a linked region holds it at 4 or more
SPREAD_WEAK_STATE = 2  # ... and host presence is at most 2
THINNED_CAMPS = 1  # ... where fewer units stand than the region's starting camps held
HOST_ABUSE_DICE = (2, 6)  # toll of a host-force abuse: 2d6 ...
HOST_ABUSE_DEATHS_BASE = 2  # ... + this
HOST_STATE_CENTRED = 0  # host-force conduct: 1d6 <= level + this when state-centred ...
HOST_PEOPLE_CENTRED = -1  # ... or + this when people-centred
HOST_SWEEP_BONUS = 2  # the army sweeps a region where armed groups killed ...
HOST_SWEEP_DEATHS = 10  # ... this many soldiers or more this turn
HOST_TIER_THREE_CHECK = 1  # human-rights monitoring (Tier III) lowers the host forces' chance ...
HOST_POLICE_CHECK = 1  # ... and so does a formed police unit in the region
HOST_CHECKS_MAX = 2  # people-centred, Tier III and police together lower the chance by at most this
COLLATERAL_BASE = 1  # international forces: 2d6 <= level + this + tempo
HOST_RETREAT_DEATHS = 20  # soldiers killed in one strike on the army's camps: host presence -1
HOST_RETREAT_PRESENCE = 1
STRIKE_TEMPO_PER_SUPPORT = 2  # international strikes: chance + 2 per point of international support
COLLATERAL_DICE = (2, 6)  # toll of international forces' collateral harm

# --- Adversary (rules.md §5) -----------------------------------------------------------------
MAX_INFO_ATTACKS = 2
MAX_PEACEKEEPER_STRIKES = 1
MAX_HOST_FORCE_STRIKES = 2
MAX_ROAD_STRIKES = 1
CONVOY_AMBUSH_OFFSET = 2  # a base's convoy is hit on 1d6 <= threat - 2 (threat 3 or more on the roads)
HOST_CAMPS_PRESENCE = 1  # P3: the army keeps camps where its presence is at least this
# Harassing fire (rules.md §5.3): mortar rounds, rockets and mines that mostly harm no one
HARASS_THREAT = 2  # a group harasses the forces of a region where its threat is at least this ...
HARASS_OFFSET = {"peacekeepers": 1, "host_forces": 0}  # ... on 1d6 <= threat - this: the
# mission's camps are fortified, the army's small posts are not
HARASS_FRONTS = ("camps", "roads")  # indirect fire on the camps; mines on the convoys and patrols
HARASS_WOUNDED_DICE = (6, 4)  # peacekeepers wounded by harassing fire: 1d6 - 4 (no one killed)
HARASS_SOLDIERS_DICE = (6, 5)  # soldiers killed at the army's small posts: 1d6 - 5
EXPOSED_THREAT = 3
EXPLOIT_HARM_WEIGHT = 3  # P1 ranks regions by deaths + 3 x civilians harmed by the mission's side
REPRISAL_DEATHS = 10  # civilians killed in a region last turn that invite reprisal raids ...
REPRISAL_BONUS = 2  # ... + 2 to each militia's raid roll there
SECOND_CHOICE_ROLL = 5  # d6 at or above: the bot takes its second-best target
POPULATION_SCORE_STEP = 375_000  # people weight: 1 + one per this many inhabitants ...
PEOPLE_WEIGHT_MAX = 8  # ... at most 8
EXPOSURE_BASE = 8  # exposure: 8 - protection ...
EXPOSURE_MIN, EXPOSURE_MAX = 1, 6  # ... between 1 and 6
EXPOSURE_POWER = 2  # ... squared: groups reconnoitre and go where the mission is not
STATE_ABSENCE_BASE = 6  # state absence: 6 - host presence, at least 1
SMALL_REGION = 500_000  # a strike's toll is halved in a region of fewer people (rules.md §6.5)
SMALL_REGION_DIVISOR = 2

# --- Armed-group strike tolls (rules.md §6.5): the toll before protection is rolled -------------
CIVILIAN_STRIKE_DICE = (2, 6)  # 2d6 ...
CIVILIAN_STRIKE_PER_THREAT = 2  # ... + 2 x the attacker's threat level in the region
MILITIA_RAID_PER_THREAT = 1  # a militia's raid on a hamlet: 2d6 + 1 x its threat level
PK_STRIKE_DICE = (6, 2)  # 1d6 - 2 peacekeepers killed
IED_DICE = (6, 3)  # 1d6 - 3 on a supply route
HOST_STRIKE_DICE = (2, 6)  # 2d6 + the attacker's threat soldiers killed

# --- The facilitator (rules.md §16) ----------------------------------------------------------
OVERRIDE_MAX = 30  # an override moves a number by at most this much either way

# --- Each side's objectives (rules.md §12.1): points a side scores over the game ----------------
RED_POINTS_PER_CREDIBILITY = 1  # per point of national credibility the mission lost
RED_POINTS_PER_PRESENCE = 3  # per level of host presence the state lost, summed over regions
RED_POINTS_PER_SUPPORT = 1  # per point of Security Council support lost
RED_POINTS_PER_REDUCED = 10  # per renewal that cut the mission; a PoC-first renewal takes as many
GREEN_POINTS_PER_PRESENCE = 3  # per level of host presence the state gained, summed over regions
GREEN_POINTS_PER_CONSENT = 1  # per point of consent gained: the mission courted the state
GREEN_SOLDIERS_PER_POINT = 10  # one point lost per this many soldiers killed
SIDE_SUCCEEDS_AT = 15  # a side's total at or above: its campaign succeeded; 0 or less: it failed

# --- The green cell's orders (rules.md §9.1), where a scenario lets the host state be played ------
GREEN_MAX_REDEPLOYMENTS = 1  # the army moves one level of presence a turn, along a road
GREEN_MAX_OFFENSIVES = 1  # one offensive a turn
GREEN_OFFENSIVE_PRESENCE = 2  # an offensive needs this much host presence in the region
GREEN_OFFENSIVE_THREAT = 1  # the strongest armed group there loses this much threat
GREEN_OFFENSIVE_OPERATIONS = 1  # and the army's conduct roll (§6.4) gets this much, this turn
GREEN_MAX_REFUSALS = 1  # the host state withholds consent to one of the mission's requests a turn
GREEN_REFUSAL_CONSENT = 2  # a refusal is consent withheld: host-state consent falls this much
GREEN_REFUSAL_SUPPORT = 1  # and the Council, told of the restriction, loses this much support
