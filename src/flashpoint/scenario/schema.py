"""The scenario file's schema (pydantic): what a scenario declares and what is valid.

A scenario declares the system (actors, relations), how it moves (mechanisms
and their parameters), what happens when (a dated schedule) and what the
foreign power may do (named policies). Every number is a ``Quantity`` with a
unit, a default, a plausible range and a source.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ActorKind = Literal[
    "foreign_power", "ally", "patron", "proxy", "host_executive",
    "host_legislature", "host_forces", "public", "spoiler",
]
MECHANISMS = (
    "reprisal", "deterrence", "control", "decapitation", "consent",
    "coalition", "spoiler", "escalation", "pressure", "politics",
)
ATTACK_MODES = ("indirect_fire", "ied_convoy", "drone", "missile")
IDENT = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quantity(Strict):
    """A declared number: default value, unit, plausible range, source."""

    value: Union[float, dict[str, float]]
    unit: str = Field(min_length=1)
    range: Union[tuple[float, float], dict[str, tuple[float, float]]]
    source: str = Field(min_length=1, description="an analysis file name, a data row, a paper, or 'assumption'")
    calibratable: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _value_in_range(self) -> "Quantity":
        values = self.value if isinstance(self.value, dict) else {"": self.value}
        for key, v in values.items():
            lo, hi = self.range_for(key)
            if not lo <= hi:
                raise ValueError(f"range [{lo}, {hi}] is empty (expected low <= high)")
            if not lo <= v <= hi:
                where = f" for {key}" if key else ""
                raise ValueError(f"value {v}{where} is outside its range [{lo}, {hi}]")
        if isinstance(self.range, dict) and isinstance(self.value, dict):
            missing = set(self.value) - set(self.range)
            if missing:
                raise ValueError(f"range has no entry for {sorted(missing)}")
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


class Relation(Strict):
    type: Literal["control", "hostility", "alliance"]
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    value: Quantity

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Mechanism(Strict):
    id: str = Field(pattern=r"^M([1-9]|10)$")
    title: str
    enabled: bool = True
    parameters: dict[str, Quantity] = {}


EntryType = Literal[
    "decapitation", "parliament_vote", "patron_direct_strike", "proxy_attack",
    "coalition_drawdown", "host_executive_change", "sanctions", "patron_order",
    "dialogue", "threat", "election", "protests", "marker",
]


class Entry(Strict):
    """A dated schedule entry. Type-specific fields are checked by ``_fields_for_type``."""

    id: str = Field(pattern=IDENT)
    date: dt.date
    until: dt.date | None = None
    type: EntryType
    actor: str
    target: str
    cameo: str = Field(pattern=r"^\d{2,4}$")
    description: str
    source: str = Field(min_length=1)
    requires: list[str] = []
    probability: Union[float, str] = 1.0
    # type-specific fields
    mode: Literal["indirect_fire", "ied_convoy", "drone", "missile"] | None = None
    killed: int | None = Field(default=None, ge=0)
    wounded: int | None = Field(default=None, ge=0)
    fraction: float | None = Field(default=None, ge=0, le=1)
    party: Literal["us", "allies"] | None = None
    order: Literal["restrain", "escalate"] | None = None
    location: str = ""

    @model_validator(mode="after")
    def _fields_for_type(self) -> "Entry":
        needs = {
            "proxy_attack": ("mode", "killed", "wounded"),
            "patron_direct_strike": ("killed", "wounded"),
            "coalition_drawdown": ("fraction", "party"),
            "patron_order": ("order", "until"),
        }.get(self.type, ())
        missing = [f for f in needs if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.type} entry needs {', '.join(missing)}")
        if self.until is not None and self.until < self.date:
            raise ValueError(f"until ({self.until}) is before date ({self.date})")
        if isinstance(self.probability, float) and not 0 <= self.probability <= 1:
            raise ValueError(f"probability {self.probability} is not within [0, 1]")
        return self


class Policy(Strict):
    """A named decision rule of the foreign power, as data: parameter settings and schedule changes."""

    description: str
    set: dict[str, Union[float, bool]] = {}
    drop: list[str] = []
    add: list[Entry] = []


class Claim(Strict):
    """A claim of the analyses written as a measurable comparison (tested by the analysis part)."""

    id: str
    statement: str
    indicator: str
    policy: str = Field(description="the policy the claim is about")
    baseline: str = Field(description="the policy it is compared with")
    window: tuple[dt.date, dt.date]
    direction: Literal["higher", "lower"]
    source: str = ""
    supported_at: float = Field(default=0.66, ge=0, le=1, description=(
        "verdict 'supported' when the whole 95% Monte Carlo interval of the claim's probability is at or above this"))
    not_supported_at: float = Field(default=0.33, ge=0, le=1, description=(
        "verdict 'not supported' when the whole interval is at or below this; 'undecided' otherwise"))
    parameters: list[str] = Field(default=[], description=(
        "parameters that plausibly decide the claim: screened by the sensitivity analysis with the calibratable ones"))

    @model_validator(mode="after")
    def _thresholds(self) -> "Claim":
        if not self.not_supported_at < self.supported_at:
            raise ValueError(f"not_supported_at ({self.not_supported_at}) must be below supported_at "
                             f"({self.supported_at})")
        return self


class Scenario(Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str
    description: str = ""
    start: dt.date
    end: dt.date
    actors: list[Actor] = Field(min_length=1)
    relations: list[Relation] = []
    attacks: dict[str, Quantity] = Field(description="the proxies' base attack process")
    response: dict[str, Quantity] = Field(description="the foreign power's decision rule; policies override it")
    mechanisms: dict[str, Mechanism]
    schedule: list[Entry] = []
    policies: dict[str, Policy]
    claims: list[Claim] = []

    @field_validator("mechanisms")
    @classmethod
    def _known_mechanisms(cls, value: dict[str, Mechanism]) -> dict[str, Mechanism]:
        unknown = sorted(set(value) - set(MECHANISMS))
        if unknown:
            raise ValueError(f"unknown mechanism(s) {unknown}; expected some of {list(MECHANISMS)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Scenario":
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        ids = [a.id for a in self.actors]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate actor id(s) {dupes}")
        kinds = {a.kind for a in self.actors}
        for needed in ("foreign_power", "patron", "proxy"):
            if needed not in kinds:
                raise ValueError(f"a scenario needs at least one actor of kind {needed}")
        known = set(ids)
        for rel in self.relations:
            for end in (rel.source, rel.target):
                if end not in known:
                    raise ValueError(f"relation {rel.type} names unknown actor {end!r}; known: {sorted(known)}")
        entry_ids = [e.id for e in self.schedule]
        dupes = sorted({i for i in entry_ids if entry_ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate schedule id(s) {dupes}")
        for entry in self.schedule + [e for p in self.policies.values() for e in p.add]:
            for end in (entry.actor, entry.target):
                if end not in known:
                    raise ValueError(f"schedule entry {entry.id!r} names unknown actor {end!r}")
            if not self.start <= entry.date <= self.end:
                raise ValueError(f"schedule entry {entry.id!r} is dated {entry.date}, outside {self.start}..{self.end}")
        all_ids = set(entry_ids) | {e.id for p in self.policies.values() for e in p.add}
        for entry in self.schedule:
            for req in entry.requires:
                if req not in all_ids:
                    raise ValueError(f"schedule entry {entry.id!r} requires unknown entry {req!r}")
        for name, policy in self.policies.items():
            if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
                raise ValueError(f"policy name {name!r}: use lower-case letters, digits and '-'")
            for dropped in policy.drop:
                if dropped not in entry_ids:
                    raise ValueError(f"policy {name!r} drops unknown schedule entry {dropped!r}")
        if "historical" not in self.policies:
            raise ValueError("a scenario needs a policy named 'historical'")
        for claim in self.claims:
            for pol in (claim.policy, claim.baseline):
                if pol not in self.policies:
                    raise ValueError(f"claim {claim.id} names unknown policy {pol!r}")
        return self

    # convenience -----------------------------------------------------------
    def actors_of(self, *kinds: str) -> list[Actor]:
        return [a for a in self.actors if a.kind in kinds]

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)
