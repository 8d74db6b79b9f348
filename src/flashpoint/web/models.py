"""Request and response shapes of the JSON API (they make its OpenAPI schema).

Requests are strict: unknown fields, strings for numbers, or values out of range get a 422
whose ``detail[].loc`` names the field. Names (scenario, policy, claim, indicator) are checked
against what the server knows, never used to build a file path, and never evaluated.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Name = Annotated[str, Field(min_length=1, max_length=64, description="a name the server lists")]
Runs = Annotated[int, Field(strict=True, ge=1, description="runs per policy (capped by the server's limits)")]
Seed = Annotated[int, Field(strict=True, ge=0, le=2**63 - 1, description="random seed")]
Setting = Union[Annotated[float, Field(strict=True, allow_inf_nan=False)], Annotated[bool, Field(strict=True)]]
Overrides = Annotated[
    dict[Annotated[str, Field(min_length=1, max_length=80)], Setting],
    Field(default_factory=dict, max_length=128,
          description="parameter settings applied to every policy's runs (a policy's own settings win), checked "
                      "against the declared ranges as `flashpoint run --set` checks them; `<mechanism>.enabled` "
                      "takes true or false"),
]

ParameterSet = Annotated[Optional[Literal["posterior", "defaults"]], Field(
    default=None, description="`posterior`: one draw per run from the posterior the scenario ships (`flashpoint "
                              "calibrate`); `defaults`: the scenario's hand-set values; default: `posterior` when "
                              "the scenario ships one. `overrides` win over either")]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RunRequest(Request):
    scenario: Name = "iraq-2020"
    policy: Name = "historical"
    runs: Runs = 1000
    seed: Seed = 0
    overrides: Overrides
    parameters: ParameterSet


class CompareRequest(Request):
    scenario: Name = "iraq-2020"
    policies: Optional[list[Name]] = Field(default=None, min_length=1, max_length=32,
                                           description="policies to simulate with common random numbers; differences "
                                                       "are taken against the first (default: historical and the "
                                                       "scenario's next policy)")
    runs: Runs = 1000
    seed: Seed = 0
    overrides: Overrides
    parameters: ParameterSet
    window_start: Optional[dt.date] = Field(default=None, description="first day of the totals' window "
                                                                      "(default: the scenario's start)")
    window_end: Optional[dt.date] = Field(default=None, description="last day of the window (default: the end)")


class ClaimsRequest(Request):
    scenario: Name = "iraq-2020"
    ids: Optional[list[Name]] = Field(default=None, max_length=64, description="claim ids (default: all)")
    runs: Runs = 1000
    seed: Seed = 0
    overrides: Overrides
    parameters: ParameterSet
    audit: bool = Field(default=False, strict=True, description="also audit whether the model's structure decides "
                        "each claim (as `flashpoint claims`: a Morris design over the declared ranges with "
                        "replicates, each mechanism switched off, each `requires` link cut); a structural claim's "
                        "verdict becomes \"decided by the model's structure\". About 100 s for six claims of the "
                        "built-in scenario on 2 cores; kept for later requests")
    trajectories: int = Field(default=4, strict=True, ge=1, le=8, description="Morris trajectories of the audit "
                              "(only with `audit: true`; given without it, a 422)")
    replicates: int = Field(default=20, strict=True, ge=2, le=40, description="runs per audit point (only with "
                            "`audit: true`; given without it, a 422)")

    @field_validator("trajectories", "replicates")
    @classmethod
    def _only_with_audit(cls, value, info: ValidationInfo):
        """Given (a default is not checked) without ``audit: true``, the setting would be ignored: refused.
        ``audit`` is declared first, so it is in ``info.data`` unless it was itself invalid (reported already)."""
        if info.data.get("audit") is False:
            raise ValueError(f"{info.field_name} applies only to the structure audit; send it with \"audit\": true, "
                             "or leave it out")
        return value


# -- answers ---------------------------------------------------------------------------------------
class JobInfo(BaseModel):
    id: str = Field(description="20 hex digits; the same request always names the same job")
    kind: Literal["run", "compare", "claims"]
    params: dict
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    done: int = Field(description="runs simulated so far")
    total: int = Field(description="runs this job simulates (0 when every policy came from the cache)")
    fraction: float
    message: str
    error: Optional[str]
    cached: bool = Field(description="answered from cached results without simulating")
    queue_position: Optional[int]
    created: float
    started: Optional[float]
    finished: Optional[float]
    elapsed_s: float
    result_url: Optional[str]
    followers: int = Field(default=0, description="requests still following the unfinished job (identical "
                                                  "requests share it); a cancel runs it on while any remain")


class JobList(BaseModel):
    jobs: list[JobInfo]
    queue: dict
    cache: dict


class PolicyInfo(BaseModel):
    name: str
    description: str
    sets: list[str] = Field(default_factory=list, description="the parameters the policy sets itself (its value wins "
                                                              "over a slider's)")
    set_values: dict[str, Union[float, bool]] = Field(default_factory=dict, description="what it sets them to")
    drops: list[str] = Field(default_factory=list, description="the schedule entries it drops")
    adds: list[str] = Field(default_factory=list, description="the entries it adds")
    lost_through_requires: list[str] = Field(default_factory=list, description="the entries it loses with what it "
                                             "drops: they require a dropped entry, so never happen under it")


class ClaimInfo(BaseModel):
    id: str
    statement: str
    indicator: str
    policy: str
    baseline: str
    window: list[str]
    direction: str
    margin: float = Field(description="the smallest difference the claim counts, in the indicator's unit over the window")
    comparison: str = Field(description="the comparison in words, e.g. 'historical not lower than no-strikes by more than 5'")


class IndicatorInfo(BaseModel):
    name: str
    kind: str
    unit: str
    description: str
    observed: bool = Field(description="the record has sourced period counts of it")
    switched_off: Optional[str] = Field(default=None, description="the mechanism whose output it is (\"M5 consent\"), "
                                        "when the scenario switches it off and no policy switches it on: constant")
    owner: Optional[str] = Field(default=None, description="the mechanism whose output it is (\"M5 consent\"), "
                                 "which a switch may turn off")


class ScheduleInfo(BaseModel):
    id: str
    date: str
    type: str
    description: str


class ScenarioInfo(BaseModel):
    name: str
    title: str
    description: str
    start: str
    end: str
    source: Literal["built-in", "data directory"]
    policies: list[PolicyInfo]
    claims: list[ClaimInfo]
    indicators: list[IndicatorInfo]
    schedule: list[ScheduleInfo]
    posterior: bool = Field(description="the scenario ships a calibration posterior (requests run on it by "
                                        "default)")
    record: Optional[str] = Field(default=None, description=(
        "the dataset of the event store that holds the scenario's record (the event browser shows it "
        "by default); for a record folder of its own, the dataset under which the store holds every event of its "
        "events.csv (imported under a name of one's own), if one does; else none, as for a scenario with no record"))
    record_folder: bool = Field(default=False, description=(
        "its record is a folder of its own, whose dated events the store holds only if imported (`record` then "
        "names them; else the page says so)"))
    record_events: bool = Field(default=False, description=(
        "its record folder holds an events.csv, dated events the page says how to import; false where the "
        "folder has counts and series only, or the record is not a folder"))


class Spread(BaseModel):
    mean: float
    q05: float
    q50: float
    q95: float


class RunIndicator(BaseModel):
    kind: str
    unit: str
    description: str
    total: Optional[Spread]


class FitRow(BaseModel):
    indicator: str
    start: str
    end: str
    observed: Optional[float] = Field(description="the sourced count (its bound, for >= and <=)")
    count: str = Field(description="the count as the source hedged it")
    hedge: Literal["=", "~", ">=", "<="]
    q05: Optional[float] = Field(description="5% of the runs' totals over the count's days")
    q95: Optional[float]
    inside: bool = Field(description="the model's 90% band reaches the count (overlaps its range)")
    by_schedule: bool = Field(default=False, description=(
        "the schedule's own entries (attacks, strikes, host dead) make up at least 90% of the count (held or missed "
        "by construction); false also when the "
        "runs were summarised without saying which entries happened"))
    source: str = Field(default="", description="where the record has the count from (URLs, ' ; '-separated)")
    reliability: str = Field(default="", description="the source's grade, A, B or C")
    by_absence: bool = Field(default=False, description=(
        "the schedule leaves none of the counted force there over the count's days: every run gives 0, and the "
        "count is held or missed by construction (by_schedule is true too)"))
    past_bound: bool = Field(default=False, description=(
        "inside by its hedge alone: a bound (>=, <=) the whole band passes by more than twice (and 10)"))
    what: Optional[str] = Field(default=None, description=(
        "the record's own word for what the count counts (counts.csv's `what`: incidents, attacks); the page says it "
        "beside the indicator where counts of one indicator count different things; null for a series"))


class SeriesFitRow(FitRow):
    series: str = Field(description="the observed series (series.csv) the value is of")
    unit: str = Field(description="the series' own unit (troops, seats, attacks)")
    q50: Optional[float]
    reliability: str


class ChartSpec(BaseModel):
    """A chart as ``flashpoint.report.charts.fan_spec`` builds it (the page draws it with Plotly)."""
    model_config = ConfigDict(extra="allow")
    indicator: str
    kind: Literal["count", "state"]
    unit: str
    y_label: str = Field(description="from the indicator's declaration: counts per month, states as a mean")
    x_range: list[str]
    y_range: list[float]
    periods: list[dict]
    series: list[dict] = Field(description="per policy: q05..q95 and mean per period, markers, fit")
    record: list[dict] = Field(description="the scenario's sourced counts, each with its hedge and shape")
    partial: list[dict]
    caption: str


class Pattern(BaseModel):
    id: str
    indicator: str
    start: str
    end: str
    low: Optional[float] = None
    high: Optional[float] = None
    reads: str = Field(description="what the bounds are on: `total` (a count's sum over the window), `mean` (a "
                                   "state's mean over its days), or `total of counts, mean of states`")
    share: float = Field(description="the share of runs whose value lies within the bounds")
    absent: list[str] = Field(default_factory=list, description="the foreign parties absent over the whole window: "
                              "every run gives 0 there, so the pattern is held or missed by construction")


class Patterns(BaseModel):
    each: list[Pattern] = Field(default_factory=list)
    together: Optional[float] = Field(default=None, description="the share of runs that hold every pattern at once")


#: what a result's ``patterns`` is (flashpoint.records.patterns, as `flashpoint run` prints it)
PATTERNS = ("the record's regime patterns (the scenario's `record.patterns`) beside these runs, as `flashpoint run` "
            "computes them: each pattern's window, bounds and share of runs holding it, and the share holding all "
            "together ({} when the record has none)")


class RunResult(BaseModel):
    scenario: str
    policy: str
    runs: int
    seed: int
    overrides: dict
    parameters: str = Field(description="the parameters of these runs: `defaults` or `posterior (FILE)`")
    start: str
    reporting_note: Optional[str] = Field(default=None, description="under a posterior that fits the share of the "
                                          "attacks a grade-C count holds: that share, and that the record's bands "
                                          "are of simulated attacks (as `flashpoint run --posterior` notes)")
    end: str
    months: list[str] = Field(description="YYYY-MM of each period of the charts")
    indicators: dict[str, RunIndicator]
    charts: dict[str, ChartSpec]
    fit: list[FitRow]
    left_out: list[dict] = Field(default_factory=list, description="the record's counts.csv rows laid beside no "
                                 "band: {line, why} (as `flashpoint run` names them)")
    series_fit: list[SeriesFitRow] = Field(default_factory=list, description="each value of the record's observed "
                                           "series against the runs' band of the model's value")
    switched_off: dict[str, str] = Field(default_factory=dict, description="indicator -> the mechanism it is the "
                                         "output of, switched off in these runs: the indicator holds that "
                                         "mechanism's resting value and says nothing about the case")
    at_ceiling: dict[str, dict[str, float]] = Field(default_factory=dict, description="policy -> faction -> the share "
                                                   "of runs whose attacks sat at the capacity ceiling "
                                                   "(attacks.max_daily_rate) for 30 days (factions in 5 % or more)")
    notes: dict[str, list[str]] = Field(default_factory=dict, description="policy -> what `flashpoint run` notes "
                                        "beside its table for these runs: the escalation ladder past its top rung, "
                                        "the host's consent worn below half its start, an ally M6 has mostly "
                                        "taken away")
    patterns: Patterns = Field(default_factory=dict, description=PATTERNS)
    kept_by_policy: dict[str, list[str]] = Field(default_factory=dict, description="policy -> the overrides it sets "
                                                 "itself, kept at its own value (as the page and `compare` keep them; "
                                                 "`flashpoint run --set` gives --set the last word); a note says so")


class Interval(BaseModel):
    mean: float
    q05: float
    q95: float


class Difference(BaseModel):
    mean_diff: float
    q05: float
    q95: float
    p_positive: float


class CompareIndicator(BaseModel):
    kind: str
    unit: str
    per_policy: dict[str, Interval]
    vs_first: dict[str, Difference]


class CompareResult(BaseModel):
    scenario: str
    policies: list[str]
    runs: int
    seed: int
    overrides: dict
    window: list[str]
    interval: list[float]
    indicators: dict[str, CompareIndicator] = Field(description="totals over the window (as `flashpoint compare`)")
    months: list[str]
    charts: dict[str, ChartSpec] = Field(description="indicator -> every policy's band on one axis, with the record")
    fit: dict[str, list[FitRow]] = Field(description="policy -> each sourced count against its band")
    left_out: list[dict] = Field(default_factory=list, description="the record's counts.csv rows laid beside no "
                                 "band: {line, why} (as `flashpoint run` names them)")
    reporting_note: Optional[str] = Field(default=None, description="under a posterior that fits the share of the "
                                          "attacks a grade-C count holds: that share, and that the record's bands "
                                          "are of simulated attacks (as `flashpoint run --posterior` notes)")
    series_fit: dict[str, list[SeriesFitRow]] = Field(default_factory=dict, description="policy -> each value of "
                                                      "the record's observed series against the runs' band")
    switched_off: dict[str, str] = Field(default_factory=dict, description="indicator -> the mechanism it is the "
                                         "output of, switched off under every policy: the indicator holds that "
                                         "mechanism's resting value and says nothing about the case")
    switched_off_under: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="indicator -> policy -> the mechanism, for an indicator only some "
        "policies switch off: under those its line is the resting value (as `flashpoint compare`)")
    at_ceiling: dict[str, dict[str, float]] = Field(default_factory=dict, description="policy -> faction -> the share "
                                                   "of runs whose attacks sat at the capacity ceiling "
                                                   "(attacks.max_daily_rate) for 30 days (factions in 5 % or more)")
    notes: dict[str, list[str]] = Field(default_factory=dict, description="policy -> what `flashpoint run` notes "
                                        "beside its table for these runs: the escalation ladder past its top rung, "
                                        "the host's consent worn below half its start, an ally M6 has mostly "
                                        "taken away")
    patterns: dict[str, Patterns] = Field(default_factory=dict, description="policy -> " + PATTERNS)


class ClaimVerdict(ClaimInfo):
    model_config = ConfigDict(extra="allow")
    probability: float
    probability_interval: list[float]
    verdict: Literal["supported", "not supported", "undecided", "decided by the model's structure"]
    reason: str
    mean_difference: float
    structural: Optional[bool] = Field(description="whether the structure audit found the claim decided by the "
                                                   "model's structure (null: not audited)")
    sign_range: Optional[list[float]] = Field(description="[min, max] of the expected paired difference over the "
                                                          "audit's points (null: not audited)")
    parameters: str = Field(description="the parameters of this verdict: `defaults` or `posterior (FILE)`")
    under: dict[str, dict] = Field(description="the verdict under each parameter set computed, this one first")
    notes: list[str] = Field(default_factory=list, description="what the schedule says of the claim beside its "
                             "verdict, as `flashpoint claims` notes it: a shift between targets the model cannot "
                             "make, days on which a policy leaves none of the counted forces there")


class ClaimsResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    scenario: str
    runs: int
    seed: int
    parameters: str
    parameter_sets: list[str] = Field(description="the parameter sets the verdicts were computed under, the "
                                                  "main one first")
    claims: list[ClaimVerdict]
    policy_changes: dict[str, dict] = Field(default_factory=dict, description="per compared policy what it changes: "
                                            "description, sets, drops, adds, lost_through_requires")
    note: str


class ObservedRow(BaseModel):
    start: str
    end: str
    days: int
    count: str = Field(description="the count as the source hedged it (e.g. '>=12', '~25')")
    hedge: Literal["=", "~", ">=", "<="]
    low: Optional[float]
    high: Optional[float]
    kind: str
    source: str
    reliability: str
    note: str


class Parameter(BaseModel):
    name: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    calibratable: bool
    group: str
    read_by: list[str] = Field(default_factory=list, description="for an actor's attribute that only switchable "
                               "mechanisms read, their keys, and for a parameter that weighs what only one "
                               "mechanism moves, its key: with them all off its slider changes nothing")
    posterior: Optional[list[float]] = Field(default=None, description="[5 %, 50 %, 95 %] of the draws of the "
                                             "posterior the scenario ships, where it carries the parameter: the runs "
                                             "under `posterior` draw it there, not at `value`")
    idle: dict[str, str] = Field(default_factory=dict, description="policy -> why a value set for it changes nothing "
                                 "under that policy (as `run --set` refuses it); a run whose every policy is named "
                                 "here is refused with that reason, so the page locks the slider")


class Switch(BaseModel):
    name: str
    value: bool
    reason: str = Field("", description="the scenario's reason for the mechanism's setting (empty for a link)")
    locked: str = Field("", description="why the mechanism cannot be switched on in this scenario (it would act on "
                                        "nothing; a run asking for it is refused), empty when it can")
    idle: dict[str, str] = Field(default_factory=dict, description="policy -> why switching it on would change "
                                 "nothing under that policy (a mechanism acting only through entries it has none "
                                 "of); a run whose every policy is named here is refused with that reason")


class Parameters(BaseModel):
    scenario: str
    parameters: list[Parameter]
    switches: list[Switch]


class Evaluations(BaseModel):
    evaluations: list[dict] = Field(description="forecasts and their scores from `flashpoint evaluate`")
    message: str


class Event(BaseModel):
    event_id: str
    date: str
    date_precision: Optional[str]
    source_actor: Optional[str]
    target_actor: Optional[str]
    source_code: Optional[str]
    target_code: Optional[str]
    cameo_code: Optional[str]
    cameo_root: Optional[str]
    plover_type: Optional[str]
    quad_class: Optional[int]
    goldstein: Optional[float]
    mode: Optional[str]
    killed: Optional[int]
    wounded: Optional[int]
    location: Optional[str]
    provenance: Optional[str]
    summary: Optional[str] = Field(default=None, description="the record's summary, or an import's text (ACLED's "
                                                             "notes, ICEWS's Event Text), where there is one")
    attribution: Optional[str] = Field(default=None, description="who claimed it or whom officials or sources held "
                                                                 "responsible (the record's attributed_to)")
    attribution_kind: Optional[str] = Field(default=None, description="claimed, reported or unknown")
    attributed_actor: Optional[str] = Field(default=None, description="the actor id the attribution names")
    target_kind: Optional[str] = Field(default=None, description="what was hit (the record's target_kind)")
    theatre: Optional[str] = Field(default=None, description="country (ISO alpha-3) or sea area")
    reliability: Optional[str] = Field(default=None, description="grade of the best source: A, B or C")
    sources: list[str] = Field(default=[], description="addresses of the event's sources (http or https)")


class EventPage(BaseModel):
    events: list[Event]
    offset: int
    limit: int
    has_more: bool
    next_cursor: Optional[str] = Field(description="pass as `cursor` for the next page (null on the last)")
    source: str = Field(description="where the events come from: the store's file, or the shipped records")


class Facet(BaseModel):
    id: str
    label: str


class ActorFacet(Facet):
    records: list[str] = Field(default=[], description="the shipped records whose actors.csv declares the actor, and "
                               "the other stored datasets (imported files) with an event on either side of which it is")
    labels: dict[str, str] = Field(default={}, description="its label in each of those records (`label` is the "
                                   "first record's)")


class EventFacets(BaseModel):
    datasets: list[str] = Field(description="the datasets of the event store (or of the shipped records)")
    actors: list[ActorFacet]
    modes: list[str]
    plover_types: list[str]
