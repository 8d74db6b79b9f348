"""The scenario file's schema (pydantic): what a scenario declares and what each field may hold.

A scenario declares the system (actors with their roles, relations), how it moves (the parameters
of the attack process, the response rule and the mechanisms), what happens when (a dated schedule),
what the foreign power may do (named policies), which record it is laid beside, and the analyses'
claims. Every number is a ``Quantity`` with a unit, a default, a plausible range and a source.

This module checks each field on its own; ``scenario/checks.py`` checks how fields refer to each
other (actors of the right kind, ids, dates, ``requires`` chains, parameter names), so that each
problem is reported at the line of the entry that has it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, field_validator,
                      model_validator)

ActorKind = Literal[
    "foreign_power", "ally", "patron", "proxy", "host_executive",
    "host_legislature", "host_forces", "public", "spoiler",
]
IDENT = r"^[a-z][a-z0-9_]*$"
#: the attack target of a scenario that declares none
IMPLICIT_TARGET = "foreign_forces"
#: the policy of what happened, which every scenario has (scenario.checks): its runs are laid beside the record as a
#: test, any other's as a counterfactual
HISTORICAL = "historical"
#: a number, or the name of a declared parameter (``effects.truce_compliance``)
NumberOrName = Union[float, str]
#: one actor id, or several
Actors = Union[str, list[str]]
#: an entry's fields that take a number only, and those a parameter's name can set (an effect's, per run)
NUMBERS_ONLY = ("killed", "wounded", "fraction", "troops", "waves", "host_killed")
NAMED_FIELDS = ("probability", "scale", "size", "fades_days", "compliance", "holds_days")   # and tactics' mode_share
#: an entry's killed, wounded or host_killed
MOST_CASUALTIES = 10_000


def _source(text: str) -> str:
    if not text.strip():
        raise ValueError("a source says where the number or fact comes from (a URL, a data row, a paper, a docs "
                         "section, or 'assumption'); this one is blank")
    return text


#: where a number or a fact comes from: never blank
Source = Annotated[str, AfterValidator(_source)]


def _reason(text: str) -> str:
    if not text.strip():
        raise ValueError("a reason says why the count is not compared (a unit the model does not have, say); "
                         "this one is blank")
    return text


def _no_booleans(value):
    """true/false where a number is expected is a mistake, not 1/0."""
    values = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else [value]
    if any(isinstance(v, bool) for v in values):
        raise ValueError("expected a number, got true or false")
    return value


def _a_day(value):
    """A day as YAML writes it (2019-10-01) or as text: a number is no date (pydantic read 1569888000 as seconds
    since 1970, and 20191129 as a time), nor a moment with a clock time or a time zone (held-out input)."""
    if isinstance(value, (bool, int, float)):
        raise ValueError("expected a date YYYY-MM-DD, not a number")
    if isinstance(value, str) and value.strip() and not DAY_TEXT.fullmatch(value.strip()):
        raise ValueError("expected a date YYYY-MM-DD" + (", without a time" if "T" in value or ":" in value else ""))
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, without a time")
    return value


#: a day written as text
DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a day of the scenario: start, end, an entry's date and until, a window's ends
Day = Annotated[dt.date, BeforeValidator(_a_day)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quantity(Strict):
    """A declared number: default value, unit, plausible range, source."""

    value: Annotated[Union[float, dict[str, float]], BeforeValidator(_no_booleans)]
    unit: str = Field(min_length=1)
    range: Union[tuple[float, float], dict[str, tuple[float, float]]]
    source: Source = Field(min_length=1, description="a document (URL), a data row, a paper, a docs section, or 'assumption'")
    calibratable: StrictBool = False
    note: str = ""

    @model_validator(mode="after")
    def _value_in_range(self) -> "Quantity":
        values = self.value if isinstance(self.value, dict) else {"": self.value}
        for field, given in (("value", self.value), ("range", self.range)):
            if isinstance(given, dict) and not given:         # (a verifier's value: {} was taken)
                raise ValueError(f"{field} is an empty mapping: give a number per key, or one for all")
        if isinstance(self.range, dict) and not isinstance(self.value, dict):   # (said "no entry for ''")
            raise ValueError(f"value is one number but range is given per key ({', '.join(self.range)}): give "
                             "one range [low, high], or a value per key")
        if isinstance(self.range, dict) and isinstance(self.value, dict):
            missing = set(self.value) - set(self.range)
            if missing:
                raise ValueError(f"range has no entry for {sorted(missing)}")
            if extra := sorted(set(self.range) - set(self.value)):     # a typo'd key (a verifier's, beside the factions')
                raise ValueError(f"range has an entry for {extra}, which value has not (value's keys: "
                                 f"{', '.join(self.value)})")
        for key, v in values.items():
            lo, hi = self.range_for(key)
            if not lo <= hi:
                raise ValueError(f"range [{lo}, {hi}] is empty (expected low <= high)")
            if not lo <= v <= hi:
                where = f" for {key}" if key else ""
                raise ValueError(f"value {v}{where} is outside its range [{lo}, {hi}]")
        return self

    def range_for(self, key: str = "") -> tuple[float, float]:
        if isinstance(self.range, dict):
            if key not in self.range:
                raise ValueError(f"range has no entry for {key!r}")
            return self.range[key]
        return self.range


class Actor(Strict):
    id: str = Field(pattern=IDENT)
    name: str
    kind: ActorKind
    cameo: str = Field(pattern=r"^[A-Z]{3}[A-Z]{0,6}$", description="CAMEO actor code, first three letters the country")
    attributes: dict[str, Quantity] = {}
    note: str = ""

    @property
    def country(self) -> str:
        return self.cameo[:3]


class Relation(Strict):
    type: Literal["control", "hostility", "alliance"]
    source: str = Field(alias="from")      # written `from:` and `to:` only (a held-out researcher's `target:` for
    target: str = Field(alias="to")        # `to:` was taken unsaid; a citation's `source:` beside `from:` was
    value: Quantity                        # "source: ... did you mean 'source'?"), and dumped so: a dump reads back

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)


class Mechanism(Strict):
    id: str = Field(pattern=r"^M[1-9][0-9]?$")
    title: str
    enabled: StrictBool = True
    reason: str = Field("", description="why the mechanism is switched off (or on) for this case")
    parameters: dict[str, Quantity] = {}

    @field_validator("reason", mode="before")
    @classmethod
    def _empty_reason(cls, value):
        if value is None:
            return ""                                      # `reason:` left empty: said below, not as a type error
        return " ".join(value.split()) if isinstance(value, str) else value   # one line: a folded `>` block ends in
        # a line break, which then broke the messages quoting it (a held-out case writer)

    @model_validator(mode="after")
    def _off_with_a_reason(self) -> "Mechanism":
        if not self.enabled and not self.reason.strip():
            raise ValueError("a mechanism switched off (enabled: false) says why in `reason`: a reader of the results "
                             "needs to know what the case leaves out")
        return self


EntryType = Literal[
    "decapitation", "parliament_vote", "patron_direct_strike", "proxy_attack",
    "coalition_drawdown", "host_executive_change", "sanctions", "patron_order",
    "dialogue", "threat", "election", "protests", "marker",
    "foreign_strike", "outside_shock", "suspension", "host_demand", "rules_of_engagement", "tactics", "deployment",
]

#: fields only some entry types use (the rest of Entry's fields apply to every type)
TYPE_FIELDS = ("until", "mode", "killed", "wounded", "fraction", "troops", "order", "scale", "size",
               "fades_days", "compliance", "holds_days", "waves", "host_killed", "theatre", "attack_targets",
               "mode_share")


class Entry(Strict):
    """A dated schedule entry. Which fields a type needs or allows, and which actors it may name,
    is ``scenario/entries.py``'s table; ``scenario/checks.py`` applies it."""

    id: str = Field(pattern=IDENT)
    date: Day
    type: EntryType
    actor: Actors
    target: Actors
    cameo: str = Field(pattern=r"^\d{2,4}$")
    description: str
    source: Source = Field(min_length=1)
    requires: list[str] = []
    probability: NumberOrName = 1.0
    location: str = ""
    marked: StrictBool = Field(default=False, description=(
        "draw the entry as a dashed line, named, on the charts of every policy under which it happens, whatever its "
        "type (decapitations, halts and the patron's orders are drawn anyway); it changes no number of the runs"))
    # type-specific fields
    until: Day | None = None
    mode: str | None = Field(default=None, pattern=IDENT)
    killed: int | None = Field(default=None, ge=0, le=MOST_CASUALTIES)
    wounded: int | None = Field(default=None, ge=0, le=MOST_CASUALTIES)
    fraction: float | None = Field(default=None, ge=0, le=1)
    troops: int | None = Field(default=None, ge=0, le=1_000_000)
    order: Literal["restrain", "escalate"] | None = None
    scale: NumberOrName | None = None
    size: NumberOrName | None = None
    fades_days: NumberOrName | None = None
    compliance: NumberOrName | None = None
    holds_days: NumberOrName | None = None
    waves: int | None = Field(default=None, ge=1, le=200, description=(
        "a foreign_strike's strike waves (sites struck) on each faction it names, each day of it; at most 200 a day "
        "(the daily strike count is stored in a byte)"))
    host_killed: int | None = Field(default=None, ge=0, le=MOST_CASUALTIES)
    theatre: str | None = Field(default=None, pattern=r"^([A-Z]{3}|[a-z][a-z_]*)$")
    attack_targets: Actors | None = Field(default=None, description=(
        "the declared attack targets (scenario `targets:`) the entry concerns: a suspension or an outside shock "
        "acts on the factions' attacks on these only; a scheduled attack is aimed at the first"))
    mode_share: str | None = Field(default=None, pattern=r"^effects\.[a-z][a-z0-9_]*$", description=(
        "a tactics entry's mix of attack modes: the name of an effect declared with one share per attack mode "
        "(effects.convoy_campaign)"))

    @model_validator(mode="before")
    @classmethod
    def _retired_fields(cls, data):
        if isinstance(data, dict) and "party" in data:
            raise ValueError("`party` is no longer used: a coalition_drawdown withdraws troops of its `actor` "
                             "(a foreign_power or ally); give `fraction` (of that actor's declared troops) or `troops`")
        return data

    @field_validator("probability", "killed", "wounded", "fraction", "troops", "scale", "size", "fades_days",
                     "compliance", "holds_days", "waves", "host_killed", mode="before")
    @classmethod
    def _numbers(cls, value, info):
        if isinstance(value, str) and info.field_name in NUMBERS_ONLY and re.fullmatch(r"[a-z][a-z0-9_.]*", value):
            raise ValueError(f"{info.field_name} takes a number, not a parameter's name: the fields a "
                             f"parameter can set are {', '.join(NAMED_FIELDS)}, and a tactics entry's mode_share (an "
                             "effect's name only, effects.<name>)")
        if (info.field_name in ("killed", "wounded", "host_killed") and isinstance(value, (int, float))
                and not isinstance(value, bool) and value > MOST_CASUALTIES):   # a held-out case's 26,000 dead
            raise ValueError(f"{info.field_name} is at most {MOST_CASUALTIES:,} in one entry (a day's casualties are "
                             "stored in 16 bits, and an entry is one day's event): a war's toll over weeks is more "
                             "than one entry can carry")
        return _no_booleans(value)

    @field_validator("requires", mode="before")
    @classmethod
    def _one_or_more(cls, value):
        return [value] if isinstance(value, str) else value     # as `target` takes one name or a list

    @field_validator("probability")
    @classmethod
    def _probability(cls, value):
        if isinstance(value, float) and not 0 <= value <= 1:
            raise ValueError(f"probability {value} is not within [0, 1]")
        return value

    @property
    def actors(self) -> list[str]:
        return [self.actor] if isinstance(self.actor, str) else list(self.actor)

    @property
    def targets(self) -> list[str]:
        return [self.target] if isinstance(self.target, str) else list(self.target)

    @property
    def aimed_at(self) -> list[str]:
        """The attack targets the entry names (``attack_targets``), [] when it names none."""
        v = self.attack_targets
        return [] if v is None else [v] if isinstance(v, str) else list(v)


class Target(Strict):
    """What the factions' attacks are aimed at: the foreign forces, ships at sea, a territory.

    A scenario that declares no targets has one, ``foreign_forces`` (the foreign side's forces in the
    theatre, every foreign party's), so that the attack process reads as before. ``share`` is the share
    of each faction's attacks aimed at the target (one number for every faction, or one per proxy;
    normalised over the targets for each faction). ``answered`` weighs an attack on it in the foreign
    side's response rules that cover it (1: as an attack on its forces, 0: never answered; default 1 when
    the target belongs to a foreign party, 0 when it belongs to none): the one rule covers every target, a
    party's own rule its targets and those of no party; with a rule per party, ``answered`` may be given per
    party (each rule's own weight, whoever holds the target: a partner's forces answered for). ``mode_share`` is its own mix of attack modes
    (default ``attacks.mode_share``).
    """

    id: str = Field(pattern=IDENT)
    name: str
    kind: str = Field(pattern=IDENT, description="what it is, in the record's words (target_kind): warship, ...; "
                      "a label for readers, read by no command (counts reach targets through record.target_kinds)")
    party: Actors = Field(default=[], description="the foreign parties (foreign_power or ally) it belongs to; [] none")
    share: Quantity
    answered: Quantity | None = None
    mode_share: Quantity | None = None
    in_theatre: StrictBool = Field(default=True, description=(
        "true: the target is its parties' forces in the theatre, attacked as they are present (fewer as they "
        "leave, none once all have left); false: something of theirs that stays whatever their forces do (a "
        "homeland, an embassy), attacked at its share whatever their presence"))
    note: str = ""

    @property
    def parties(self) -> list[str]:
        return [self.party] if isinstance(self.party, str) else list(self.party)


class Policy(Strict):
    """A named decision rule of the foreign power, as data: parameter settings and schedule changes."""

    description: str
    set: dict[str, Union[float, bool]] = {}
    drop: list[str] = []
    add: list[Entry] = []


class Claim(Strict):
    """A claim of the analyses written as a measurable comparison (tested by the analysis part)."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$")
    statement: str
    indicator: str
    policy: str = Field(description="the policy the claim is about")
    baseline: str = Field(description="the policy it is compared with")
    window: tuple[Day, Day]
    direction: Literal["higher", "lower", "not_lower", "not_higher"] = Field(description=(
        "how policy - baseline must compare: higher or lower (by more than the margin), or not lower / not higher "
        "(not by more than the margin: a claim that a policy did not reduce, or did not raise, the indicator)"))
    margin: float = Field(default=0.0, ge=0, description=(
        "in the indicator's unit over the window (a total for counts): the smallest difference the claim counts; "
        "required above 0 for not_lower and not_higher"))
    source: str = ""
    supported_at: float = Field(default=0.66, gt=0, lt=1, description=(
        "verdict 'supported' when the whole 95% Monte Carlo interval of the claim's probability is at or above this"))
    not_supported_at: float = Field(default=0.33, gt=0, lt=1, description=(
        "verdict 'not supported' when the whole interval is at or below this; 'undecided' otherwise"))
    parameters: list[str] = Field(default=[], description=(
        "parameters that plausibly decide the claim: the sensitivity analysis draws every ranged parameter and "
        "always fits the claim's robustness on these"))

    @field_validator("supported_at", "not_supported_at", "margin", mode="before")
    @classmethod
    def _numbers(cls, value):
        return _no_booleans(value)

    @property
    def sign(self) -> float:
        """+1 where a larger policy - baseline favours the claim, -1 where a smaller one does."""
        return 1.0 if self.direction in ("higher", "not_lower") else -1.0

    def signed(self, difference):
        """How far each paired difference (policy - baseline) lies on the claim's side of its threshold: above 0
        where the claim holds (at 0 too for not_lower and not_higher)."""
        offset = self.margin if self.direction.startswith("not_") else -self.margin
        return self.sign * difference + offset

    def difference(self, signed):
        """The paired difference (policy - baseline) that :meth:`signed` maps to ``signed`` (0.0 + : no -0, which a
        held-out reader met as "off: -0" in a reason)."""
        offset = self.margin if self.direction.startswith("not_") else -self.margin
        return 0.0 + self.sign * (signed - offset)

    def holds(self, difference):
        """Whether the claim holds in each pair, from its difference policy - baseline (a tie with the baseline
        does not hold for higher and lower; a difference at the margin holds for not_lower and not_higher)."""
        s = self.signed(difference)
        return s >= 0 if self.direction.startswith("not_") else s > 0

    @property
    def comparison(self) -> str:
        """The claim's comparison in words: "policy not lower than baseline by more than 5"."""
        by = f" by more than {self.margin:g}" if self.margin else ""
        return f"{self.policy} {self.direction.replace('_', ' ')} than {self.baseline}{by}"

    @field_validator("window")
    @classmethod
    def _window(cls, window):
        return _ordered(window)

    @model_validator(mode="after")
    def _thresholds(self) -> "Claim":
        if self.direction.startswith("not_") and self.margin <= 0:
            raise ValueError(f"direction {self.direction} needs a margin above 0 (in the indicator's unit over the "
                             f"window): how large a change would count; with none, a policy with no effect holds "
                             f"in about half the pairs and the claim cannot be supported")
        if not self.not_supported_at < self.supported_at:
            raise ValueError(f"not_supported_at ({self.not_supported_at}) must be below supported_at "
                             f"({self.supported_at})")
        return self


def _ordered(window: tuple) -> tuple:
    """A window that starts on or before its end, said at the window's own line (a held-out case's reversed claim
    window was named at the claim's first line)."""
    if window[0] > window[1]:
        raise ValueError(f"window starts ({window[0]}) after it ends ({window[1]})")
    return window


class Pattern(Strict):
    """A pattern of the record the model is checked against: an indicator's total over a window
    lies in [low, high] (either side may be left out); the indicator may be a sum (``a+b``)."""

    id: str = Field(pattern=IDENT)
    indicator: str
    window: tuple[Day, Day]
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)
    source: Source = Field(min_length=1)
    note: str = ""

    @field_validator("low", "high", mode="before")
    @classmethod
    def _numbers(cls, value):
        return _no_booleans(value)

    @field_validator("window")
    @classmethod
    def _window(cls, window):
        return _ordered(window)

    @model_validator(mode="after")
    def _bounds(self) -> "Pattern":
        if self.low is None and self.high is None:
            raise ValueError("a pattern needs low, high or both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


class Excluded(Strict):
    """A count of the record the scenario is not compared with, and why (a unit the model does not
    have, say): identified by what it counts and its period (and its text, when several share them)."""

    what: str
    window: tuple[Day, Day]
    count: str = ""
    reason: Annotated[str, AfterValidator(_reason)] = Field(min_length=1)


class Record(Strict):
    """The observed record this scenario is laid beside: a shipped dataset (or a folder in its
    format), how its published counts map to the scenario's indicators, and regime patterns."""

    dataset: str = Field(min_length=1, description="a shipped record (`flashpoint events datasets`) or a folder")
    indicators: dict[str, str] = Field(default={}, description=(
        "what the record counts -> the indicator it is compared with (attacks: attacks_on_foreign_forces)"))
    target_kinds: dict[str, str] = Field(default={}, description=(
        "a target kind the record names -> the breakdown of the indicator that counts it (convoy: ied_convoy), "
        "or several joined by '+' (warship: us_navy+uk_navy); counts of other target kinds are not compared"))
    scope: dict[str, str] = Field(default={}, description=(
        "what the record counts -> the target kinds (a|b) a count of it covers when it names none "
        "(attacks: warship|commercial_ship); by default such a count covers the whole indicator"))
    patterns: list[Pattern] = []
    exclude: list[Excluded] = Field(default=[], description="counts not compared, each with the reason")
    dated_list: Literal["count", "sample"] = Field(default="count", description=(
        "what the record's dated attacks (events.csv) are: `count`, a list that tries to hold every attack on "
        "the foreign forces (calibrate fits the share it holds, evaluate forecasts it month by month); "
        "`sample`, notable events only, which is no count (calibrate leaves it out, evaluate refuses)"))


class Scenario(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str
    description: str = ""
    start: Day
    end: Day
    actors: list[Actor] = Field(min_length=1)
    relations: list[Relation] = []
    attacks: dict[str, Quantity] = Field(description="the proxies' base attack process")
    response: dict[str, Quantity] = Field(description="the foreign power's decision rule; policies override it")
    forces: dict[str, Quantity] = Field(default={}, description="the foreign forces' process (presence)")
    effects: dict[str, Quantity] = Field(default={}, description=(
        "effect sizes that schedule entries name (an outside shock's size, a truce's compliance, ...)"))
    targets: list[Target] = Field(default=[], description=(
        "what the factions' attacks are aimed at; none declared: the foreign forces"))
    mechanisms: dict[str, Mechanism]
    schedule: list[Entry] = []
    policies: dict[str, Policy]
    claims: list[Claim] = []
    record: Record | None = None

    @model_validator(mode="before")
    @classmethod
    def _mechanism_names(cls, data):
        """A mechanism's `id` and `title` follow from its key: written by hand they may be left out (a held-out case
        writer got 20 "Field required"); given, `id` must agree (checks.py). A key no mechanism has gets a stand-in
        (M99) that lets checks.py refuse it at its line, naming the known ones (an outside tester's `foo` got
        "mechanisms.foo.id: Field required")."""
        mechanisms = data.get("mechanisms") if isinstance(data, dict) else None
        if not isinstance(mechanisms, dict):
            return data
        from flashpoint.engine.contract import mechanisms as known

        registry = known()
        names = {key: {"id": m.id, "title": m.title} for key, m in registry.items()}
        filled = {key: {**names.get(key, {"id": "M99", "title": str(key)}), **m} if isinstance(m, dict) else m
                  for key, m in mechanisms.items()}
        return {**data, "mechanisms": filled}

    # convenience -----------------------------------------------------------
    def __repr__(self) -> str:
        return (f"<Scenario {self.name}: {self.start}..{self.end}, {len(self.actors)} actors, "
                f"{sum(m.enabled for m in self.mechanisms.values())}/{len(self.mechanisms)} mechanisms on, "
                f"{len(self.schedule)} schedule entries, {len(self.policies)} policies, {len(self.claims)} claims>")

    def _repr_html_(self) -> str:
        from flashpoint.notebook import table

        rows = [[a.id, a.kind, a.name] for a in self.actors]
        note = (f"{self.start}..{self.end}; mechanisms on: "
                f"{', '.join(k for k, m in self.mechanisms.items() if m.enabled)}; policies: {', '.join(self.policies)}; "
                f"claims: {', '.join(c.id for c in self.claims) or 'none'}; record: "
                f"{self.record.dataset if self.record else 'none'}")
        return table(f"{self.name}: {self.title}", ["actor", "kind", "name"], rows, note)

    @property
    def every_entry(self) -> list[Entry]:
        """The schedule's entries, then those the policies add."""
        return [*self.schedule, *(e for p in self.policies.values() for e in p.add)]

    def actors_of(self, *kinds: str) -> list[Actor]:
        return [a for a in self.actors if a.kind in kinds]

    def actor(self, actor_id: str) -> Actor:
        """The actor of that id; a FlashpointError naming the ids there are otherwise (a held-out researcher's
        typo ended in a bare KeyError)."""
        from flashpoint.errors import FlashpointError, did_you_mean

        for a in self.actors:
            if a.id == actor_id:
                return a
        ids = [a.id for a in self.actors]
        raise FlashpointError(f"no actor {actor_id!r} in scenario {self.name!r} (actors: {', '.join(ids)})"
                              f"{did_you_mean(actor_id, ids)}")

    @property
    def host_country(self) -> str | None:
        """The host state's country code (from its executive's CAMEO code), if the case has a host."""
        host = self.actors_of("host_executive")
        return host[0].country if host else None

    @property
    def attack_targets(self) -> list[Target]:
        """The declared attack targets, or the implicit one (the foreign forces, every party's)."""
        if self.targets:
            return list(self.targets)
        one = Quantity(value=1.0, unit="share of attacks", range=(1.0, 1.0), source="implicit")
        return [Target(id=IMPLICIT_TARGET, name="the foreign forces", kind=IMPLICIT_TARGET,
                       party=[a.id for a in self.foreign_parties], share=one, answered=one)]

    @property
    def foreign_parties(self) -> list[Actor]:
        """The foreign side's forces, in the order of the file: the foreign power(s), then allies."""
        return self.actors_of("foreign_power") + self.actors_of("ally")
