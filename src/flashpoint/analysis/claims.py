"""The analyses' claims (H1-H6) tested as paired comparisons, with verdicts and robustness.

A claim is data in the scenario (``claims:``): an indicator, a window, the policy it is about,
the baseline it is compared with, a direction and a margin (0 by default). It **holds in a pair of
runs** (same seed and run index under both policies, as in ``compare``) when ``policy - baseline``
over the window is higher (or lower) by more than the margin (strictly: a tie does not hold), or,
for ``not_lower`` (``not_higher``), when it is not lower (higher) by more than the margin: the form
of "the policy did not reduce the attacks", which a model where the policy does nothing supports
(the audit then calls it structural). Its **probability** is the share of pairs where it holds, with
a 95% Wilson interval for the Monte Carlo error.

Verdict, against the claim's thresholds (defaults 0.66 and 0.33, the IPCC "likely" and
"unlikely" bounds):

- **supported**: the whole 95% interval of the probability is at or above ``supported_at``;
- **not supported**: the whole interval is at or below ``not_supported_at``;
- **undecided**: otherwise (the claim is about as likely as not, or the interval straddles a
  threshold, in which case more runs may decide it).

The robustness and the deciding parameters come from :mod:`flashpoint.analysis.sensitivity`. The
audit (:mod:`flashpoint.analysis.audit`) asks whether the model's structure alone decides the claim;
a structural claim's verdict is "decided by the model's structure", whatever its probability (worded "decided by
the schedule link X.requires" where a schedule ``requires`` link decides it: :func:`verdict_words`; a verdict whose
sign a one-signed effect's declared range gives says so too).
Nothing here knows what any claim should find: the model may answer no.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from flashpoint.analysis import (ceiling_warning, kept_by_policy, kept_warning, lost_warning, policy_overrides,
                                 set_words, with_set)
from flashpoint.analysis.audit import (ClaimAudit, audit as run_audit, carries_words, compared_policies,
                                      declared_sign_words, entries_between, link_named, planned_runs, points_words,
                                      structure_decides, turned_elsewhere)
from flashpoint.analysis.compare import FAN_QUANTILES, paired_difference
from flashpoint.analysis.sensitivity import MIN_SAMPLES, ClaimSensitivity, default_parameters, repeats, run_sensitivity
from flashpoint.console import number, signed
from flashpoint.engine import switch, whole_number
from flashpoint.ensemble import INDICATORS, run_quantiles
from flashpoint.errors import FlashpointError, did_you_mean, need_extra
from flashpoint.scenario.entries import (PATRON_SOIL, THREAT_BEYOND, on_patron_soil, policy_changes, threat_words,
                                         threats_beyond_factions)
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.parameters import refuse_entryless_values
from flashpoint.scenario.presence import gone_days
from flashpoint.scenario.schema import HISTORICAL, Claim, Scenario

__all__ = ["claims", "judge", "wilson_interval", "interval_words", "ClaimResult", "ClaimsReport", "CONFIDENCE"]

#: confidence of the Monte Carlo interval the verdict is judged on
CONFIDENCE = 0.95
#: what a verdict without the structure audit may be
NOT_AUDITED = ("a verdict may restate how the model or its schedule is built rather than what the evidence says "
               "(flashpoint claims audits by default)")
#: what a probability's interval under a posterior leaves out (docs/claims.md, held-out recovery study)
INTERVAL_NOTE = ("under a posterior a probability averages over the parameters the record left uncertain; its "
                 "interval is the Monte Carlo error of that average only (runs that share a posterior draw counted "
                 "as the independent runs they are worth), not how far another record of the same "
                 "world would move the posterior: read a verdict with its deciding parameters and whether the "
                 "record identifies them (flashpoint posterior show)")
#: the structure audit's default size: Morris trajectories, runs per point
AUDIT_SIZE = (4, 20)
#: the verdict of a claim the model's structure decides (analysis/audit.py)
STRUCTURAL = "decided by the model's structure"
_Z = 1.959963984540054


def wilson_interval(k: int, n: int, z: float = _Z) -> tuple[float, float]:
    """Wilson score interval for a binomial share ``k / n``."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return lo, hi


def interval_words(lo: float, hi: float, digits: int = 3) -> str:
    """"[lo, hi]" at ``digits`` decimals, rounded outward (low down, high up) so that the printed interval holds the
    computed one (a held-out tester's table read [0.000, 0.009] where claims.json had [0.0, 0.0095])."""
    scale = 10 ** digits
    # (rounded to 9 places first: 0.866 is 0.86599999... in binary and would floor to 0.865)
    low, high = math.floor(round(lo * scale, 9)) / scale, math.ceil(round(hi * scale, 9)) / scale
    return f"[{low:.{digits}f}, {high:.{digits}f}]"


def draws_of(overrides: dict | None, runs: int) -> np.ndarray | None:
    """Each run's parameter draw (an index; runs with the same per-run values share one) when ``overrides`` holds
    per-run arrays (a posterior's weighted draws), None otherwise."""
    arrays = [np.asarray(v, dtype=np.float64) for v in (overrides or {}).values()
              if np.ndim(v) == 1 and len(v) == runs]
    if not arrays:
        return None
    return np.unique(np.column_stack(arrays), axis=0, return_inverse=True)[1].reshape(-1)


def effective_runs(holds: np.ndarray, draws: np.ndarray | None) -> float:
    """The number of independent runs the share of ``holds`` is worth: ``len(holds)``, less where runs share a
    parameter draw (a posterior's particle drawn again): the cluster-robust variance of the share, sum over draws
    of (sum of h - p)^2 / n^2, against p (1 - p) / n (a statistical review found the posterior's P about 1.8 times
    as uncertain as the binomial interval said, each particle's P near 0 or 1). Where every run holds (or none
    does) the runs say nothing of how alike a draw's runs are, and the worst case is taken: a draw's runs count as
    one, n^2 / sum of squared draw sizes (Kish), as a held-out review found P = 1.000 given the binomial interval
    of all n runs beside P = 0.96 "worth 502 independent ones"."""
    n = len(holds)
    p = float(np.mean(holds)) if n else 0.0
    if draws is None or n == 0:
        return float(n)
    if p in (0.0, 1.0):
        return float(n) ** 2 / float(np.sum(np.bincount(draws).astype(np.float64) ** 2))
    by_draw = np.bincount(draws, weights=holds.astype(np.float64) - p)
    var = float(np.sum(by_draw ** 2)) / n ** 2
    return float(n) if var <= 0 else min(float(n), p * (1 - p) / var)


def judge(k: int, n: int, supported_at: float = 0.66, not_supported_at: float = 0.33, effective: float | None = None
          ) -> tuple[str, tuple[float, float], str]:
    """(verdict, 95% interval, reason) for a claim that held in ``k`` of ``n`` paired runs; ``effective``, the
    independent runs they are worth (:func:`effective_runs`), sets the interval's width when fewer than ``n``."""
    if not 0 < not_supported_at < supported_at < 1:     # a Wilson bound never reaches 1 (0) at k = n (k = 0)
        raise FlashpointError(f"thresholds must satisfy 0 < not_supported_at < supported_at < 1 (a 95% interval "
                              f"never lies wholly at 1 or at 0, so such a verdict could never be reached), got "
                              f"{not_supported_at} and {supported_at}")
    p = k / n
    worth = n if effective is None or effective >= n else max(effective, 1.0)
    lo, hi = wilson_interval(p * worth, worth) if worth < n else wilson_interval(k, n)
    # as the tables write them: from the 4 decimals the JSON keeps (0.25049 read 0.250 here and 0.251 in the table)
    where = f"P = {round(p, 4):.3f}, 95% interval {interval_words(round(lo, 4), round(hi, 4))}" + (
        f" (the {n:,} runs share parameter draws: worth {worth:,.0f} independent ones)" if worth < n else "")
    if lo >= supported_at:
        return "supported", (lo, hi), f"{where}: all of it at or above {supported_at:g}"
    if hi <= not_supported_at:
        return "not supported", (lo, hi), f"{where}: all of it at or below {not_supported_at:g}"
    if p >= supported_at or p <= not_supported_at:
        side = supported_at if p >= supported_at else not_supported_at
        return "undecided", (lo, hi), f"{where}: straddles {side:g}; more runs may decide it"
    return "undecided", (lo, hi), f"{where}: between {not_supported_at:g} and {supported_at:g}"


@dataclass
class ClaimResult:
    claim: Claim
    runs: int
    held: int
    probability: float
    interval: tuple[float, float]
    verdict: str
    reason: str
    difference: np.ndarray                    # paired policy - baseline, per run
    policy_total: np.ndarray
    baseline_total: np.ndarray
    sensitivity: ClaimSensitivity | None = None
    audit: ClaimAudit | None = None
    label: str = "defaults"                   # the parameters the runs were under
    others: dict[str, "ClaimResult"] = field(default_factory=dict)   # label -> the verdict under other ones
    record: list[dict] | None = None    # the record's counts and series values of the claim's indicator (or its
    # breakdowns) in its window beside the 'historical' runs' band (records.Check.to_dict), [] for none there; None
    # where historical is no arm or there is no record. A verdict drawn from runs that miss what happened in the
    # window is worth less (a held-out case writer's claim was 'supported' while its runs gave a third of the
    # record's attacks that month, unsaid)
    elsewhere: list = field(default_factory=list)   # a shift between targets the model cannot make (entry, type,
    # targets: audit.turned_elsewhere), in the JSON as turned_elsewhere (held-out analysts worked in Python)
    #: the foreign strikes and decapitations one of the claim's policies has and the other has not that fall in the
    #: patron's country (:func:`flashpoint.scenario.entries.on_patron_soil`): they act on the factions alone
    patron_soil: list = field(default_factory=list)
    #: the threats one of the claim's policies has and the other has not that are aimed at no faction, in words
    #: (:func:`flashpoint.scenario.entries.threats_beyond_factions`): they deter the factions alone
    threats: str = ""
    #: (policy, (parties, days, first day, targets, other targets counted)) for each group of the attack targets the
    #: indicator counts whose forces in the theatre are all gone on days of the window under that policy's schedule
    #: (:func:`flashpoint.scenario.presence.gone_days`): the attacks on those targets are 0 there by construction
    gone: list = field(default_factory=list)
    #: parameter -> (the claim's policy that sets it, its value there) for each one of the two sets and the other
    #: does not: the sensitivity draws it over its range for the other arm, as a fact of the world
    set_by_one: dict = field(default_factory=dict)

    def __repr__(self) -> str:          # the caveat's words, decided once (:attr:`caveat`), said more fully
        audit = {"structure not audited": " (not audited: the verdict may restate how the model is built)",
                 "at these values only": " (at these values only: the audit finds the parameters' values decide it)",
                 "small audit": " (small audit: below 4 trajectories x 20 replicates, the structure is less sure)",
                 "": ""}[self.caveat]
        said = verdict_words(self.verdict, None if self.audit is None else self.audit.to_dict())
        return (f"<ClaimResult {self.claim.id}: {said}, P = {self.probability:.3f} over {self.runs:,} pairs "
                f"under {self.label}{audit}>")

    @property
    def structural(self) -> bool | None:
        return None if self.audit is None else self.audit.structural

    @property
    def caveat(self) -> str:
        """What goes beside the verdict wherever it is shown: "structure not audited", "at these values only" or ""
        (a held-out researcher's ``claims(audit=False)`` read a by-construction claim's plain "supported")."""
        return self.to_dict()["under"][self.label]["caveat"]

    def to_dict(self) -> dict:
        c = self.claim
        q05, q95 = run_quantiles(self.difference, (0.05, 0.95), INDICATORS[c.indicator.partition(".")[0]].kind == "count")
        s = self.sensitivity
        d = {
            "id": c.id, "statement": c.statement, "indicator": c.indicator, "policy": c.policy,
            "baseline": c.baseline, "window": [str(c.window[0]), str(c.window[1])], "direction": c.direction,
            "margin": c.margin, "comparison": c.comparison,
            "probability": round(self.probability, 4),
            "probability_interval": [round(self.interval[0], 4), round(self.interval[1], 4)],
            "share_tied": round(float(np.mean(self.difference == 0)), 4),
            "share_failed": round(float(np.mean(~c.holds(self.difference) & (self.difference != 0))), 4),
            "verdict": self.verdict,
            "thresholds": {"supported_at": c.supported_at, "not_supported_at": c.not_supported_at,
                           "interval": CONFIDENCE},
            "reason": self.reason,
            "policy_mean": _r(self.policy_total.mean()), "baseline_mean": _r(self.baseline_total.mean()),
            "mean_difference": _r(self.difference.mean()),
            "difference_interval": [_r(q05), _r(q95)],     # 5-95% of the pairs' differences: their spread, not a CI
            # how much the pairing shares between the two arms (0: no more than independent runs; ODD section 4)
            "paired_correlation": _correlation(self.policy_total, self.baseline_total),
            "source": c.source,
            "structural": self.structural,
            "sign_range": None if self.audit is None else self.audit.to_dict()["sign_range"],
            "audit": None if self.audit is None else self.audit.to_dict(),
            "robustness": None if s is None else round(s.robustness, 4),
            "deciding_parameters": [] if s is None else [[n, v] for n, v in s.deciding],
            # the claim's own candidates, and those its sample did not vary (both policies set them, or --set fixed
            # them: a held-out designer's were dropped unsaid, and the JSON named none of them)
            "claim_parameters": list(dict.fromkeys(c.parameters)),
            "not_varied": [] if s is None else [n for n in dict.fromkeys(c.parameters)
                                                if n not in s.indices.index or not s.indices.loc[n, "varied"]],
            "sensitivity": None if s is None else s.to_dict(),
            "parameters": self.label,
            "under": {o.label: o.brief() for o in (self, *self.others.values())},
            "record_in_window": self.record_note(),
        }
        # decided once, read by Python, the command line, the HTML report and the page (the page's script had its
        # own copy; a held-out political scientist's result.to_dict() had no caveat where the command line said
        # "(at these values only)")
        d["held_at_these_values"] = held_at_these_values(d, list(d["under"]))
        for v in d["under"].values():          # the words beside each verdict, for the page to show as they are
            v["caveat"] = verdict_caveat(d, v["verdict"]).strip(" ()")
            v["ties"] = tie_words(v["share_tied"], d["direction"])
            v["verdict_words"] = verdict_words(v["verdict"], d["audit"])    # last: the keys before keep places
        d["turned_elsewhere"] = [{"entry": i, "type": kind, "targets": hit} for i, kind, hit in self.elsewhere]
        d["margin_out_of_reach"] = self.margin_out_of_reach()
        span = (self.claim.window[1] - self.claim.window[0]).days + 1
        d["forces_gone_in_window"] = [{"policy": pol, "parties": parties, "days": days, "of_days": span,
                                       "from": str(first), "targets": ids, "also_counted": others}
                                      for pol, (parties, days, first, ids, others) in self.gone]
        sampled = [] if s is None else [n for n in self.set_by_one
                                        if n in s.indices.index and s.indices.loc[n, "varied"]]
        d["drawn_for_one_arm"] = [
            {"parameter": n, "set_by": pol, "value": value, "range": [s.lows[n], s.highs[n]],
             "drawn_for": self.claim.baseline if pol == self.claim.policy else self.claim.policy}
            for n in sampled for pol, value in [self.set_by_one[n]]]
        d["notes"] = claim_notes(d, self.patron_soil, self.threats)
        # what decides a structural claim, read before its deciding parameters (a held-out tester's claim decided by
        # a schedule link listed deterrence parameters alone beside it)
        d["deciding_structure"] = structure_decides(d["audit"])
        return d

    def margin_out_of_reach(self) -> float | None:
        """The largest total of either policy's runs where the claim's margin is at or above it (a count's totals are
        0 or more, so no difference can reach the margin: a not_lower or not_higher claim then holds in every pair,
        a lower or higher one in none, whatever the policy does), else None (a held-out student's "the air campaign
        did not reduce the rocket fire" by more than 400, the real war's tenth, held at P = 1.000 beside runs whose
        whole totals were under 50 and cut by 79%)."""
        if self.claim.margin <= 0 or INDICATORS[self.claim.indicator.partition(".")[0]].kind != "count":
            return None
        top = float(max(np.max(self.policy_total), np.max(self.baseline_total)))
        return top if self.claim.margin >= top else None

    def record_note(self) -> dict | None:
        """The record's counts and series values in the claim's window beside the historical runs (under this
        result's parameters): how many, how many inside the 90 % band, and the misses; ``counts`` 0 when the record
        has none there; None when historical is not one of its arms or the scenario has no record."""
        if self.record is None:
            return None
        missed = [r for r in self.record if not r["inside"]]
        # a value the schedule itself sets (every run gives it) is inside by construction: no test of the runs
        built = sum(1 for r in self.record if r.get("by_schedule") and r["inside"])
        note = {"policy": RECORD_POLICY, "parameters": self.label, "indicator": self.claim.indicator,
                "counts": len(self.record), "inside": len(self.record) - len(missed), "inside_by_schedule": built,
                "missed": [{k: r.get(k) for k in ("indicator", "start", "end", "count", "q05", "q95", "series",
                                                  "by_schedule")} for r in missed]}
        return {**note, "text": record_line(note)}       # the sentence the CLI, the HTML and the page show

    def brief(self) -> dict:
        """The verdict alone: probability, its interval, verdict and mean paired difference."""
        return {"probability": round(self.probability, 4),
                "probability_interval": [round(self.interval[0], 4), round(self.interval[1], 4)],
                "verdict": self.verdict, "mean_difference": _r(self.difference.mean()),
                "share_tied": round(float(np.mean(self.difference == 0)), 4)}


def _r(v) -> float:
    return float(round(float(v), 6))


def _correlation(a: np.ndarray, b: np.ndarray) -> float | None:
    """The correlation of the two arms' per-run totals (None when either is constant)."""
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return None
    return round(float(np.corrcoef(a, b)[0, 1]), 4)


@dataclass
class ClaimsReport:
    scenario: str
    runs: int
    seed: int
    samples: int
    parameters: list[str]
    results: list[ClaimResult]
    monthly: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)   # indicator -> policy -> q
    overrides: dict = field(default_factory=dict)
    label: str = "defaults"                    # the parameters of the main verdicts
    spec: Scenario | None = field(default=None, repr=False)   # the scenario itself (its record, its period)
    #: (indicator, start, end) of each sourced count of a claim's indicator -> policy -> per-run totals (the fit)
    record_totals: dict = field(default_factory=dict, repr=False)
    #: policy -> faction -> share of runs at the capacity ceiling (Ensemble.at_ceiling), under the main parameters
    at_ceiling: dict = field(default_factory=dict)
    #: policy -> entry -> share of runs where it happened (the charts' schedule markers), under the main parameters
    happened: dict = field(default_factory=dict, repr=False)
    #: the structure audit's (trajectories, replicates), when it ran
    audit_size: tuple[int, int] | None = None

    @property
    def audited(self) -> bool:
        """Whether the structure audit ran: without it a verdict may restate how the model is built."""
        return bool(self.results) and all(r.audit is not None for r in self.results)

    @property
    def policies(self) -> list[str]:
        """The policies the claims compare, each once, in the order the claims name them."""
        return list(dict.fromkeys(p for r in self.results for p in (r.claim.baseline, r.claim.policy)))

    @property
    def labels(self) -> list[str]:
        """The parameter sets verdicts were computed under, the main one first."""
        return [self.label] + (list(self.results[0].others) if self.results else [])

    def __repr__(self) -> str:
        verdicts = "; ".join(f"{r.claim.id} {verdict_words(r.verdict, None if r.audit is None else r.audit.to_dict())}"
                             for r in self.results)
        return (f"<ClaimsReport {self.scenario}: {self.runs:,} paired runs under {self.label}, seed {self.seed}: "
                f"{verdicts}{'' if self.audited else ' (not audited: ' + NOT_AUDITED + ')'}>")

    def _repr_html_(self) -> str:
        from flashpoint.notebook import table

        rows = [[d["id"], d["comparison"], d["probability"], d["under"][d["parameters"]]["verdict_words"],
                 "-" if d["sign_range"] is None else f"{signed(d['sign_range'][0])} .. {signed(d['sign_range'][1])}",
                 "-" if d["audit"] is None else
                 points_words(d["audit"]),
                 d["statement"]] for d in (r.to_dict() for r in self.results)]
        return table(f"{self.scenario}: claims ({self.runs:,} paired runs under {self.label}, seed {self.seed})",
                     ["claim", "comparison", "P", "verdict", "sign range", "audit points",
                      "statement"], rows)

    def __iter__(self):
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def __contains__(self, claim_id) -> bool:
        """Whether the report holds a claim of that id (a verifier's ``"RS1" in report`` read False)."""
        return claim_id in self.keys()

    def __getitem__(self, claim_id: str) -> ClaimResult:
        for r in self.results:
            if r.claim.id == claim_id:
                return r
        raise KeyError(f"{claim_id!r}: no such claim in this report; its claims: {', '.join(self.keys())}")

    def keys(self) -> list[str]:
        """The claims' ids, in order (iterating the report gives their results, as ``.results``)."""
        return [r.claim.id for r in self.results]

    def items(self) -> list[tuple[str, ClaimResult]]:
        """(claim id, result) for each claim, as a dict's items (a held-out teacher's ``report.items()`` failed
        after a run of minutes)."""
        return [(r.claim.id, r) for r in self.results]

    def to_dict(self) -> dict:
        """The JSON of ``flashpoint claims --format json``."""
        return {
            "scenario": self.scenario, "runs": self.runs, "seed": self.seed, "samples": self.samples,
            "sampled_parameters": list(self.parameters), "parameters": self.label, "parameter_sets": self.labels,
            "overrides": {k: (v if np.ndim(v) == 0 else "per-run array") for k, v in self.overrides.items()},
            # the overrides each policy keeps its own value of, as compare's JSON says (a held-out designer's --set
            # that every compared policy overrode read as applied)
            "kept_by_policy": kept_by_policy(self.spec, self.policies, self.overrides) if self.spec is not None else {},
            "claims": [self._claim(r) for r in self.results],
            "policy_changes": {p: policy_changes(self.spec, p, self.overrides) for p in self.policies}
            if self.spec is not None else {},
            "at_ceiling": self.at_ceiling,
            "audited": self.audited, **({} if self.audited else {"note": "the structure audit did not run: " + NOT_AUDITED}),
            **({"interval_note": INTERVAL_NOTE} if any(label.startswith("posterior") for label in self.labels) else {}),
            **({"audit_note": note} if self.audited and self.audit_size
               and (note := small_audit_note(*self.audit_size)) else {}),
        }

    def _claim(self, r: ClaimResult) -> dict:
        """A claim's JSON, and under a posterior its deciding parameters the posterior does not carry: hand-set
        values decide it, not the record (a claims review found H5's lean under the posterior set by one)."""
        d = r.to_dict()
        seen = d.get("record_in_window")
        if seen is not None and set_words(self.overrides):   # runs under --set (a page's slider): not "under defaults"
            seen["parameters"] = with_set(seen["parameters"].removesuffix(" with overrides"), self.overrides)
            seen["text"] = record_line(seen)
        fitted = {k for k, v in self.overrides.items() if np.ndim(v) > 0}
        if fitted:
            d["deciding_not_fitted"] = [n for n, _ in d["deciding_parameters"] if n not in fitted]
            d["deciding_structure"] = d.pop("deciding_structure")     # (the newer key, last)
        return d

    def table(self) -> pd.DataFrame:
        """One row per claim: its verdict under the parameters it ran under (``parameters``), and beside it how the
        structure audit's points over the declared ranges split (a held-out analyst read H3's "supported, P =
        1.000" at the defaults without seeing that half the audit's points clearly contradict it)."""
        rows = []
        for d in self.to_dict()["claims"]:     # the report's: with the other parameter set's verdicts ("under")
            a = d["audit"]
            seen = d.get("record_in_window")
            rows.append({
                "id": d["id"], "indicator": d["indicator"], "policy": d["policy"], "baseline": d["baseline"],
                "window": f"{d['window'][0]}..{d['window'][1]}", "direction": d["direction"], "margin": d["margin"],
                "parameters": d["parameters"],
                "set": "; ".join(set_words(self.overrides)),       # --set: in every parameter set
                "probability": d["probability"], "p_low": d["probability_interval"][0],
                "p_high": d["probability_interval"][1], "verdict": d["verdict"],
                "supported_at": d["thresholds"]["supported_at"],
                "not_supported_at": d["thresholds"]["not_supported_at"],
                "mean_difference": d["mean_difference"],
                "audit_points_supporting": None if a is None else a["share_supporting"],
                "audit_points_contradicting": None if a is None else a["share_contradicting"],
                "robustness": d["robustness"],
                "deciding_parameters": "; ".join(f"{n} ({v:.3f})" for n, v in d["deciding_parameters"]),
                # what the table left out and the report says (a statistical review): the audit's verdict on the
                # model's build, the verdicts under the other parameter set, the record in the claim's window
                "structural": d.get("structural"),
                "held_at_these_values": d["held_at_these_values"],
                "other_parameters": "; ".join(f"{k}: {v['verdict_words']} (P {v['probability']:.3f})"
                                              for k, v in (d.get("under") or {}).items() if k != d["parameters"]),
                "record_inside": None if seen is None else seen["inside"],
                "record_counts": None if seen is None else seen["counts"],
                "caveat": d["under"][d["parameters"]]["caveat"],      # last: claims.csv's columns keep their places
                "audit_points_no_difference": None if a is None else a["share_no_difference"],
                "ties": d["under"][d["parameters"]]["ties"],          # the words on tied pairs, as the table shows
                "verdict_words": d["under"][d["parameters"]]["verdict_words"],     # the verdict as the table words it
            })
        return pd.DataFrame(rows)

    def sensitivity_table(self) -> pd.DataFrame:
        frames = []
        for r in self.results:
            if r.sensitivity is not None:
                t = r.sensitivity.indices.reset_index()
                t.insert(0, "claim", r.claim.id)
                frames.append(t)
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def select_claims(scenario: Scenario, ids: Sequence[str] | str | None) -> list[Claim]:
    if not scenario.claims:
        raise FlashpointError(f"scenario {scenario.name} declares no claims (a `claims:` section)")
    if ids is None:
        return list(scenario.claims)
    if isinstance(ids, str):
        ids = [i.strip() for i in ids.split(",") if i.strip()]
    if isinstance(ids, (str, bytes)) or not isinstance(ids, (list, tuple)) or not all(isinstance(i, str) for i in ids):
        raise FlashpointError(f"ids: claim ids as a list of strings or 'H1,H2', got {ids!r}")
    if not ids:       # ran no claim and crashed on an unset ceiling (UnboundLocalError)
        raise FlashpointError("ids: name at least one claim, or leave it out (None) for every claim")
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise FlashpointError(f"claim listed twice: {', '.join(dupes)}")
    known = {c.id: c for c in scenario.claims}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise FlashpointError(f"unknown claim {', '.join(unknown)}{did_you_mean(unknown[0], known) or ';'} the scenario "
                              f"declares {', '.join(known)}")
    return [known[i] for i in ids]


def claims(scenario: str | Scenario = "iraq-2020", *, runs: int = 2000, seed: int = 0, samples: int = 4096,
           ids: Sequence[str] | str | None = None, parameters: Sequence[str] | None = None,
           overrides: dict | None = None, progress: Callable[[int, int], None] | None = None,
           backend: str = "local", workers: int | None = None, address: str | None = None,
           audit: bool = True, trajectories: int | None = None, replicates: int | None = None,
           label: str | None = None,
           also: dict[str, dict] | None = None) -> ClaimsReport:
    """Test the scenario's claims (all, or ``ids``) with ``runs`` paired runs per policy.

    ``samples`` is the number of parameter points of the sensitivity analysis (each one run per policy,
    plus an eighth repeated; 0 skips it); ``parameters`` the names to vary (default: every ranged one that can act,
    :func:`flashpoint.analysis.sensitivity.default_parameters`). ``overrides`` set parameters for every policy (a policy's own settings
    win, and a FlashpointNote names those, as ``flashpoint claims --set`` does); arrays over runs (posterior
    draws) are allowed for the main ensemble. ``audit`` runs the
    structure audit (``trajectories`` Morris trajectories, default 4; ``replicates`` runs per point, default 20;
    either given with ``audit=False`` is refused: nothing would use it).

    Runs at the scenario's hand-set defaults unless ``overrides`` say otherwise (the command line runs a
    built-in scenario on its shipped posterior by default: ``overrides=posterior_overrides(...)``, as
    ``compare`` says, with ``label="posterior"``).

    ``label`` names the parameters the verdicts are under (``"defaults"``, ``"posterior"``; default
    ``"defaults"``, or ``"defaults with overrides"`` with ``overrides``, as ``compare`` says); ``also``
    maps other labels to their overrides, whose verdicts are computed from the same runs and seed and
    reported beside the main ones (``ClaimResult.others``), without their own sensitivity or audit.
    """
    label = label or ("defaults with overrides" if overrides else "defaults")   # posterior draws are not the defaults
    switch(audit, "audit")
    given = [n for n, v in (("trajectories", trajectories), ("replicates", replicates)) if v is not None]
    if given and not audit:
        raise FlashpointError(f"{' and '.join(given)} size the structure audit, which audit=False skips: leave "
                              f"{'them' if len(given) > 1 else 'it'} out, or audit")
    for name, value, least in (("trajectories", trajectories, 1), ("replicates", replicates, 2)):
        if value is not None and not whole_number(value, least):
            raise FlashpointError(f"{name} must be an integer >= {least} (or None for the default), got {value!r}")
    trajectories = AUDIT_SIZE[0] if trajectories is None else int(trajectories)
    replicates = AUDIT_SIZE[1] if replicates is None else int(replicates)
    sc = load_scenario(scenario)
    chosen = select_claims(sc, ids)
    for c in chosen:
        if c.indicator.partition(".")[0] not in INDICATORS:
            raise FlashpointError(f"claim {c.id}: unknown indicator {c.indicator!r}; known: {', '.join(INDICATORS)}")
    if not whole_number(samples, 0) or 0 < samples < MIN_SAMPLES:
        raise FlashpointError(f"samples must be 0 (no sensitivity analysis) or an integer >= {MIN_SAMPLES} (fewer "
                              f"points give the same index, 1, to every parameter), got {samples!r}")
    if samples or audit:          # SALib: missing, said now, not after the runs
        need_extra("SALib", " and ".join(what for what, on in (("the sensitivity analysis", samples),
                                                               ("the structure audit", audit)) if on))
    policies = compared_policies(chosen)
    for settings in (overrides, *(also or {}).values()):          # as claims --set does
        refuse_entryless_values(sc, policies, settings, policy_wins=True)
        refuse_switched_claims(sc, chosen, settings)
    kept_warning(sc, policies, overrides, *(also or {}).values())
    lost_warning(sc, policies, overrides)
    names: list[str] = []
    if samples:
        fixed = [k for k, v in (overrides or {}).items() if np.ndim(v) == 0]
        names = list(parameters) if parameters is not None else default_parameters(sc, chosen, fixed)
    design_runs = samples + repeats(samples) if samples else 0
    audit_runs = planned_runs(sc, chosen, trajectories=trajectories, replicates=replicates,
                              overrides=overrides) if audit else 0
    passes = 1 + len(also or {})
    grand = len(policies) * (passes * runs + design_runs) + audit_runs

    step = None if progress is None else (lambda done, total: progress(done, grand))
    ceiling: dict[str, dict[str, float]] = {}
    happened: dict[str, dict[str, float]] = {}
    results, monthly, record_totals = _verdicts(sc, chosen, policies, runs, seed, overrides, step, label,
                                                backend=backend, workers=workers, address=address, ceiling=ceiling,
                                                happened=happened)
    for k, (name, extra) in enumerate((also or {}).items()):
        before = (k + 1) * len(policies) * runs
        step = None if progress is None else (lambda b: lambda done, total: progress(b + done, grand))(before)
        other, _, _ = _verdicts(sc, chosen, policies, runs, seed, extra, step, name, backend=backend,
                                workers=workers, address=address)
        for r, o in zip(results, other):
            r.others[name] = o

    if samples:
        done_main = passes * len(policies) * runs
        sub = None
        if progress is not None:
            sub = lambda done, total: progress(done_main + done, grand)  # noqa: E731
        sens = run_sensitivity(sc, chosen, samples=samples, seed=seed, names=names,
                               overrides={k: v for k, v in (overrides or {}).items() if np.ndim(v) == 0},
                               progress=sub, backend=backend, workers=workers, address=address)
        for r in results:
            r.sensitivity = sens[r.claim.id]
    if audit:
        before = len(policies) * (passes * runs + design_runs)
        sub = None if progress is None else (lambda done, total: progress(before + done, before + total))
        apply_audit(results, run_audit(sc, chosen, trajectories=trajectories, replicates=replicates, seed=seed,
                                       overrides=overrides, progress=sub, backend=backend, workers=workers,
                                       address=address))
    return ClaimsReport(scenario=sc.name, runs=runs, seed=seed, samples=samples, parameters=names,
                        results=results, monthly=monthly, overrides=dict(overrides or {}), label=label, spec=sc,
                        record_totals=record_totals, at_ceiling=ceiling, happened=happened,
                        audit_size=(trajectories, replicates) if audit else None)


def refuse_switched_claims(sc: Scenario, chosen: list[Claim], overrides: dict | None) -> None:
    """A claim on the output of a mechanism that ``overrides`` switch off in both its arms (neither policy switches it
    back on) compares two constants, as one the file's switch turns off (refused at load): a held-out designer's
    ``--set consent.enabled=false`` read "not supported (no pair differs)"."""
    from flashpoint.scenario.checks import indicator_owner
    from flashpoint.scenario.parameters import idle_mechanisms, resolve_settings

    switches = {k: v for k, v in (overrides or {}).items() if k.endswith(".enabled") and np.ndim(v) == 0}
    if not switches:
        return
    fixed = resolve_settings(sc, switches, "overrides")
    for c in chosen:
        owner = indicator_owner(sc, c.indicator)
        arms = [c.policy, c.baseline]
        if owner in idle_mechanisms(sc, arms, fixed) and owner not in idle_mechanisms(sc, arms):
            raise FlashpointError(f"claim {c.id}: indicator {c.indicator!r} is the output of {owner}, which "
                                  f"{owner}.enabled=false switches off in both policies {c.policy!r} and "
                                  f"{c.baseline!r}: both arms would hold its resting value and the verdict would be "
                                  "decided by the switch; leave the claim out (--claim) or the switch")


def held_at_these_values(claim: dict, labels) -> bool:
    """Whether a claim's verdict (supported or not) holds only at the parameter values it was run at: the audit's
    expected difference changes sign over the declared ranges and the structure does not decide it (a held-out
    case read "supported, P = 1.000" beside a sign range of -162 .. +52 as settled)."""
    decided = any(claim["under"][name]["verdict"] in ("supported", "not supported") for name in labels)
    # audited and not structural: the audit found both answers, on the grid or at the points it chose to look again
    # (a held-out case's grid ran -2.84e4 .. -119 while the defaults gave +4,094: the note was left out)
    return decided and claim.get("sign_range") is not None and not claim["structural"]


#: why no pair of a claim differs, said in its reason and by the command line's note (a claim comparing a policy
#: with itself is refused, from a file and from Python)
NO_PAIR_CAUSES = ("the model may have no pathway from what the policies change to it (the structure audit says so), "
                  "the window may end before the policies differ, or a mechanism it acts through is switched off in "
                  "both arms, by the file, a policy or an override")


def claim_notes(d: dict, patron_soil: Sequence[str] = (), threats: str = "") -> list[str]:
    """What the command line notes under its table of a claim (its JSON ``d``), in words the page shows beside it
    too (a held-out journalist's page showed a shift claim 'not supported' without the CLI's note that the model
    turns no attacks from one target onto another); ``patron_soil``: the strikes its policies differ by that fall in
    the patron's country (:attr:`ClaimResult.patron_soil`); ``threats``: its threats aimed at no faction, in words
    (:attr:`ClaimResult.threats`)."""
    out = []
    if threats:            # (a held-out political scientist's threat of war to the patron, read as coercing it)
        out.append(f"its policies differ by a threat aimed beyond the factions: {threats}; {THREAT_BEYOND}, so what "
                   "the claim says of whom it is aimed at is answered through the factions alone (`flashpoint scenario "
                   "validate` notes it)")
    if patron_soil:        # (a held-out tester's "the raid did not deter the patron": supported, P = 1.000, unsaid)
        out.append(f"its policies differ by {', '.join(patron_soil)}, which fall{'s' if len(patron_soil) == 1 else ''} "
                   f"in the patron's country: {PATRON_SOIL}, so what the claim says of the patron is answered through "
                   "the factions alone (`flashpoint scenario validate` notes it)")
    if d["turned_elsewhere"]:
        entries = ", ".join(f"{e['entry']} ({e['type']}, on {', '.join(e['targets'])})" for e in d["turned_elsewhere"])
        out.append(f"the truces, drawdowns and deployments its policies differ by, {entries}, act on none of what it "
                   "counts: the model turns no attacks from one target onto another (a halted or absent target's "
                   "share is lost, docs/ODD.md section 7), so a shift is not what its difference measures: that comes "
                   "through the feedbacks (strikes, deterrence, backlash, excitation)")
    for g in d["forces_gone_in_window"]:      # (a held-out historian's "withdrawal cut the attacks", unaudited)
        # per target: a held-out political scientist's force, absent, went unsaid as its party held a target outside
        # the theatre too, whose attacks go on
        on = f"on {', '.join(g['targets'])}" if g.get("targets") else "on them"
        rest = (f" (those on {', '.join(g['also_counted'])}, which the indicator counts too, go on)"
                if g.get("also_counted") else "")
        made = {"foreign_killed": ", and so the dead they make,", "foreign_wounded": ", and so the wounded they make,"
                }.get(d["indicator"].partition(".")[0], "")      # (a tester's deaths claim read of attacks only)
        out.append(f"under {g['policy']} none of {', '.join(g['parties'])}'s troops are there on {g['days']} of the "
                   f"window's {g['of_days']} days (from {g['from']}, by the schedule): the attacks {on}{made} are 0 "
                   f"there by construction{rest}, and the difference counts those days"
                   + ("" if d["structural"] is not None else      # (a held-out political scientist read it as run)
                      " (the structure audit weighs it: not run here; `flashpoint claims` runs it by default)"))
    audit = d.get("audit") or {}
    carried = {k: v for k, v in (audit.get("link_carries") or {}).items() if k != audit.get("deciding_link")}
    if carried:     # (a held-out political scientist's "not supported" against a margin, 98% of it a link, unsaid)
        out.append(f"{carries_words(carried)}, in the audit's runs: the size of its difference, and so its verdict "
                   + (f"against its margin ({d['margin']:g}), " if d.get("margin") else "")
                   + f"rest{'s' if len(carried) == 1 else ''} mostly on "
                   + ("that link" if len(carried) == 1 else "those links")
                   + ", which the scenario writes (an entry that `requires` another never happens without it), "
                   "not on the model's mechanisms (docs/claims.md section 4)")
    if d.get("drawn_for_one_arm"):       # (a held-out methodologist's H5: robustness 0.96, 0.64 with the lever held)
        drawn = "; ".join(f"{x['parameter']} for {x['drawn_for']} over {x['range'][0]:g}-{x['range'][1]:g}, which "
                          f"{x['set_by']} sets to {x['value']}" for x in d["drawn_for_one_arm"])
        out.append(f"its robustness draws what one of its policies sets for the other arm, as a fact of the world "
                   f"whose value is uncertain: {drawn}; where that value is the policies' decision (a posture, a "
                   "lever) rather than a fact, hold it at the file's value with --set NAME=VALUE and read that "
                   "robustness (docs/claims.md section 3)")
    if (said := small_effect_note(d)) is not None:
        out.append(said)
    if (said := two_samples_note(d)) is not None:
        out.append(said)
    if not (d["sensitivity"] or {}).get("surface_note") and (said := minority_note(d)) is not None:
        out.append(said)        # (here, so in the JSON and on the page too: a verifier found it under the table only)
    return out


#: a supported claim without a margin whose mean difference is below this share of the baseline's mean is told so
SMALL_EFFECT = 0.05


def small_effect_note(d: dict) -> str | None:
    """What to say of a claim "supported" with no margin on a mean difference under :data:`SMALL_EFFECT` of the
    baseline's mean (``d``: its JSON): P counts the pairs that move the claimed way by any amount (a held-out
    historian's "the Stingers raised the attacks", supported at P = 0.73 on +2.4 of 3,227, 0.07 %)."""
    base, diff = abs(d.get("baseline_mean") or 0.0), d.get("mean_difference")
    if d["verdict"] != "supported" or d.get("margin") or diff is None or base == 0 or abs(diff) >= SMALL_EFFECT * base:
        return None
    return (f"supported on a mean difference of {diff:+.3g} against the baseline's {base:,.4g} "
            f"({share_words(abs(diff) / base)} of it): with no margin, P counts the pairs that move the claimed way by "
            "any amount, so a small but consistent effect is supported; a claim of a material effect declares the "
            "smallest difference it counts as its margin (docs/claims.md section 1)")


#: the robustness and the audit's share of points clearly supporting a claim are said side by side, each for what it
#: is, where they part by this much or more
SAMPLES_APART = 0.25


def two_samples_note(d: dict) -> str | None:
    """What each of a claim's two figures over the declared ranges is, where they part by :data:`SAMPLES_APART` or more
    (``d``: its JSON): the robustness, a share of a uniform sample of the ranges, and the audit's share of points
    clearly supporting it, a share of a Morris screen's points (a held-out tester read "0.51 over 51 of 110" beside
    "of 208 points, 6% clearly support and 94% clearly contradict" as two answers to one question: at the same
    claim 60% of 512 uniform runs held, 46% with each value snapped to the screen's four levels, 21% with each at an
    end of its range, and 6% of the screen's points, whose replicates all agreed, so "clearly" was not the cause)."""
    a, rob = d.get("audit") or {}, d.get("robustness")
    if rob is None or a.get("share_supporting") is None or d.get("sensitivity") is None or abs(
            rob - a["share_supporting"]) < SAMPLES_APART:
        return None
    capped = a.get("share_at_ceiling") or 0
    edge = 0.0 + (-d["margin"] if d["direction"] in ("lower", "not_lower") else d["margin"])   # where it turns
    return (f"its robustness ({rob:.2f}) and the audit's share of points clearly supporting it "
            f"({share_words(a['share_supporting'])}) are two measures on two samples of the same declared ranges: "
            f"the robustness is the share of the sensitivity's {d['sensitivity']['points']:,} points, drawn uniformly "
            f"over the ranges (a Latin hypercube), where the probability fitted to their runs that the claim holds "
            f"reaches {d['thresholds']['supported_at']:g}; the audit's is the share of its {a['points']:,} points "
            f"where the expected difference lies clearly on the claim's side of {edge:+g}, and those points are a "
            f"Morris screen, not a sample of the space: four levels per parameter, half the values at the ends of "
            f"their ranges, in {a.get('trajectories') or 'a few'} trajectories whose points share most of their values"
            + (f" ({share_words(capped)} of them at the capacity ceiling)" if capped else "")
            + ". They part where the answer at the ranges' ends differs from the answer across them: read the "
            "robustness as the share of the space where the claim would be supported, the audit's points as showing "
            "which answers the equations can give (docs/claims.md, section 3)")


def tie_words(share: float, direction: str) -> str:
    """The words beside a verdict on pairs where both policies give the same total: a tie holds a not_lower or
    not_higher claim, so a verdict can rest on pairs where the policy changed nothing (a held-out tester's RS4:
    "supported, 1.000" with 52 % of its pairs tied; a held-out teacher's page read a green "supported" where no
    pair differed). "" under 5 %."""
    if share == 1:
        return "no pair differs"
    if share < 0.05:
        return ""
    return f"{share_words(share)} tied: " + ("held" if direction in ("not_lower", "not_higher") else "not held")


def share_words(share: float) -> str:
    """A share as a whole percentage that never rounds a part to none or to all (a verifier read "100% tied"
    and "holds in 0%" beside a P of 0.005)."""
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share:.0%}"


def verdict_words(verdict: str, audit: dict | None) -> str:
    """The verdict as the table, the HTML report, the chart and the page word it: a structural claim a schedule
    ``requires`` link decides (``audit.decided_by`` "link") is "decided by the schedule link X.requires", the user's
    own link, not the model's structure (a held-out analyst's ceasefire, which required the offensive it followed,
    read "decided by the model's structure"); every other verdict as it is. The JSON's ``verdict`` keeps its value
    (consumers match it); its words are each ``under`` entry's ``verdict_words``.

    Where a one-signed effect's declared range gives the difference its sign (:func:`declared_sign_words`: the
    schedule decides it, or a margin's claim keeps one sign everywhere), the verdict says so: "supported: its sign set
    by the declared range of effects.X", "decided by the schedule: its sign ..." (two held-out designers' "supported
    (at these values only)" was their own declared sign and a hand-set size, said in a long note only)."""
    if verdict == STRUCTURAL and audit and audit.get("decided_by") == "link" and audit.get("deciding_link"):
        return f"decided by the schedule {link_named(audit['deciding_link'])}"
    if verdict in (STRUCTURAL, "supported", "not supported") and (declared := declared_sign_words(audit)):
        return f"{'decided by the schedule' if verdict == STRUCTURAL else verdict}: {declared}"
    return verdict


def verdict_caveat(claim: dict, verdict: str) -> str:
    """What goes beside a verdict wherever it is shown (the table, the HTML report, the chart; the page's script
    says the same): not audited, or decided by the parameters' values (a held-out researcher shared an unaudited
    chart's plain "supported" that the audit calls decided by the model's structure)."""
    if claim.get("structural", False) is None:
        return " (structure not audited)"
    audit = claim.get("audit") or {}
    if verdict == STRUCTURAL and (audit.get("trajectories", AUDIT_SIZE[0]) < AUDIT_SIZE[0]
                                  or audit.get("replicates", AUDIT_SIZE[1]) < AUDIT_SIZE[1]):
        return " (small audit)"        # a held-out scientist's 1 x 3 audit called structural what 4 x 20 left open
    if claim.get("held_at_these_values") and verdict in ("supported", "not supported"):
        return " (at these values only)"
    return ""


def small_audit_note(trajectories: int, replicates: int) -> str | None:
    """What to say of an audit smaller than its defaults (4 trajectories x 20 replicates): its "clearly" rests on
    standard errors from a few replicates, which are noisy themselves (a held-out scenario author's audit at 2 x 4
    called a claim structural that the default audit leaves to the data, and nothing said so)."""
    if trajectories >= AUDIT_SIZE[0] and replicates >= AUDIT_SIZE[1]:
        return None
    return (f"the structure audit ran at {trajectories} trajector{'y' if trajectories == 1 else 'ies'} x {replicates} "
            f"replicates, below its defaults "
            f"({AUDIT_SIZE[0]} x {AUDIT_SIZE[1]}): with few replicates a point can look clearly on one side by chance, "
            "so \"decided by the model's structure\" (or its absence) and the audit's ranking are less sure; judge "
            "structure at the defaults or larger (docs/claims.md section 4)")


def apply_audit(results: list[ClaimResult], audits: dict[str, ClaimAudit]) -> None:
    """Attach each claim's structure audit; a structural claim's verdict, under every parameter set,
    becomes "decided by the model's structure" with the audit's reason."""
    for r in results:
        r.audit = audits[r.claim.id]
        if r.audit.structural:
            for res in (r, *r.others.values()):
                res.reason = f"{r.audit.reason} (P = {res.probability:.3f} under {res.label})"
                res.verdict = STRUCTURAL


def _verdicts(sc, chosen, policies, runs, seed, overrides, progress, label, ceiling: dict | None = None,
              happened: dict | None = None, **backend) -> tuple[list, dict, dict]:
    """Each chosen claim's paired verdict from ``runs`` runs per policy under ``overrides``; for the charts, the
    claims' indicators' monthly quantiles and per-run totals over the record's counts of them. ``ceiling``, when
    given, gets each policy's factions at the capacity ceiling (:meth:`Ensemble.at_ceiling`), and a note is given
    when there are any; ``happened``, the share of each policy's runs where each entry happened."""
    from flashpoint import records
    from flashpoint.engine import simulate
    from flashpoint.report.charts import record_windows

    totals: dict[tuple[str, str], np.ndarray] = {}
    record: dict[str, list[dict]] = {}
    monthly: dict[str, dict[str, pd.DataFrame]] = {}
    record_totals: dict[tuple, dict[str, np.ndarray]] = {}
    windows = record_windows(sc, {c.indicator for c in chosen}) if sc.record is not None else []
    charted = {pol: {c.indicator for c in chosen if pol in (c.policy, c.baseline)} for pol in policies}
    for k, pol in enumerate(policies):
        step = None if progress is None else (lambda k: lambda done, total: progress(k * runs + done, total))(k)
        ens = simulate(sc, policy=pol, runs=runs, seed=seed, overrides=policy_overrides(sc, pol, overrides),
                       progress=step, **backend)
        for c in chosen:
            if pol in (c.policy, c.baseline):
                totals[(c.id, pol)] = ens.total(c.indicator, *c.window)
                if pol not in monthly.get(c.indicator, {}):
                    monthly.setdefault(c.indicator, {})[pol] = ens.quantiles(c.indicator, "M", FAN_QUANTILES)
        for key in windows:
            if key[0] in charted[pol]:
                record_totals.setdefault(key, {})[pol] = records.total(ens, *key)
        if ceiling is not None:
            ceiling[pol], cap = ens.at_ceiling(), ens.ceiling_cap()
        if happened is not None:
            happened[pol] = ens.happened_share()
        if pol == RECORD_POLICY and sc.record is not None:
            fits = [f.to_dict() for f in (*ens.fit(), *ens.series_fit())]
            record = {c.id: in_window(fits, c) for c in chosen if pol in (c.policy, c.baseline)}
        del ens
    if ceiling is not None:
        ceiling_warning(ceiling, cap)
    draws = draws_of(overrides, runs)
    verdicts = [paired_verdict(c, totals[(c.id, c.policy)], totals[(c.id, c.baseline)], label, draws)
                for c in chosen]
    for v in verdicts:
        v.record = record.get(v.claim.id)
        with_schedule_notes(sc, v)
    return verdicts, monthly, record_totals


def with_schedule_notes(sc, v) -> None:
    """What the schedule alone says of a claim beside its verdict (``v``, a :class:`ClaimResult`), for the command
    line and the page alike: strikes on others' factions, a shift between targets, days its forces are gone."""
    v.reason += struck_elsewhere(sc, v.claim)
    sets = [sc.policies[p].set for p in (v.claim.policy, v.claim.baseline)]
    v.set_by_one = {n: (p, value) for p, own, other in ((v.claim.policy, *sets), (v.claim.baseline, *sets[::-1]))
                    for n, value in own.items() if n not in other}
    v.elsewhere = turned_elsewhere(sc, v.claim)
    v.gone = [(pol, g) for pol in (v.claim.policy, v.claim.baseline)
              for g in gone_days(sc, pol, v.claim.indicator, *v.claim.window)]
    v.patron_soil = on_patron_soil(sc, entries_between(sc, v.claim.policy, v.claim.baseline))
    v.threats = threat_words(sc, threats_beyond_factions(sc, entries_between(sc, v.claim.policy, v.claim.baseline)))


def struck_elsewhere(sc, c: Claim) -> str:
    """A note when the claim's policies differ in strikes by a party that holds no attack target: they move the
    struck factions' attacks on others' targets, which the model assumes (a held-out case's claim that a partner's
    strikes raised the attacks on another power's forces was 'supported' at P = 1, unsaid beside it)."""
    from flashpoint.report.charts import changed_entries
    from flashpoint.scenario.entries import strikes_on_others

    changed = changed_entries(sc, [c.policy, c.baseline])
    entries = [e for e in sc.every_entry if e.id in changed]
    return "".join(f" (the policies differ in strikes by {party}, which holds no attack target: a faction's backlash "
                   f"is not aimed at who struck it, so those strikes move its attacks on the targets of "
                   f"{', '.join(others)}; the model assumes that link: `flashpoint scenario validate` says so)"
                   for party, _, others in strikes_on_others(sc, entries))


def record_line(note: dict) -> str:
    """One sentence of :meth:`ClaimResult.record_note`: the counts in the window, inside, and the misses."""
    runs = f"the {note['policy']} runs' 90% band (under {note['parameters']})"
    if not note["counts"]:
        return (f"the record has no sourced count or series value of {note['indicator']} with half or more of its "
                f"days in the claim's window: nothing there to lay beside {runs}")
    text = (f"the record's counts and series values with half or more of their days in the claim's window: "
            f"{note['inside']} of {note['counts']} inside {runs}"
            + (f" ({note['inside_by_schedule']} of them by construction, decided by the schedule's own entries (its "
               "recorded attacks or a force it leaves absent): no evidence on the claim)"
               if note.get("inside_by_schedule") else ""))
    if note["missed"]:
        text += "; outside: " + "; ".join(f"{m.get('series') or m['indicator']} {m['start']}..{m['end']} {m['count']} "
                                          f"(runs {number(m['q05'])}-{number(m['q95'])}"
                                          + (", by construction: the schedule sets it" if m.get("by_schedule") else "")
                                          + ")" for m in note["missed"])
        text += ": the verdict is drawn from runs that miss what happened there"
    return text


#: the policy whose runs are laid beside the record (every scenario has one)
RECORD_POLICY = HISTORICAL


def in_window(rows: list[dict], claim: Claim) -> list[dict]:
    """The fit rows (``records.Check.to_dict()``, or the web's) of the claim's indicator or its breakdowns with
    half or more of their days in its window, the rule the charts draw a count by (a count of 414 days, 48 of
    them in the window, was laid beside the claim: a held-out tester)."""
    first, last = pd.Timestamp(claim.window[0]), pd.Timestamp(claim.window[1])

    def mostly_inside(r) -> bool:
        start, end = pd.Timestamp(r["start"]), pd.Timestamp(r["end"])
        inside = (min(end, last) - max(start, first)).days + 1
        return 2 * inside >= (end - start).days + 1

    return [r for r in rows if (r["indicator"] == claim.indicator or r["indicator"].startswith(claim.indicator + "."))
            and mostly_inside(r)]


def paired_verdict(c: Claim, policy_totals: np.ndarray, baseline_totals: np.ndarray, label: str,
                   draws: np.ndarray | None = None) -> ClaimResult:
    """The claim's verdict from each run's total under its policy and under its baseline (paired); ``draws``, each
    run's parameter draw (:func:`draws_of`), when runs share them."""
    a, b = policy_totals.astype(np.float64), baseline_totals.astype(np.float64)
    diff = paired_difference(a, b)                  # (a float32 rounding's difference a tie, as compare's)
    runs = len(diff)
    holds = c.holds(diff)
    held = int(np.sum(holds))
    verdict, interval, reason = judge(held, runs, c.supported_at, c.not_supported_at,
                                      effective_runs(holds, draws))
    tied = int(np.sum(diff == 0))
    # a state's measure is its mean over the window (a held-out researcher read "total" of host consent)
    total = "total" if INDICATORS[c.indicator.partition(".")[0]].kind == "count" else "mean over the window"
    if tied == runs:    # no pair differs: the verdict says the claim does not hold, not that the policy acts
        reason += (f" (both policies give the same {total} in every pair: nothing in these runs links "
                   f"{c.policy} to {c.indicator} in this window; {NO_PAIR_CAUSES})")
    elif tied:          # say how many pairs tie (a tie holds only a not_lower or not_higher claim)
        failed = int(np.sum(~holds & (diff != 0)))   # ties apart, as share_failed (they were counted twice)
        ties_hold = bool(c.holds(np.zeros(1))[0])      # a not_lower or not_higher claim holds at a tie
        reason += (f" (the claim holds in {share_words(held / runs)} of pairs, fails in {share_words(failed / runs)}; "
                   f"in {share_words(tied / runs)} both policies give the same {total}"
                   + (", counted among those it holds in)" if ties_hold else ")"))
    return ClaimResult(c, runs, held, held / runs, interval, verdict, reason, diff, a, b, label=label)


def minority_note(claim: dict) -> str | None:
    """What to say when a claim's verdict at the parameters' values is the one the minority of the sampled space
    gives (``claim``: its JSON): "not supported" beside a robustness above 0.5, or "supported" beside one below (a
    held-out designer's "not supported, P 0.000" sat beside robustness 0.86, unremarked in the table)."""
    r = claim.get("robustness")
    if r is None or r == 0.5 or claim["verdict"] not in ("supported", "not supported"):
        return None          # (0.5 is no minority, and read "50% would support it ... give no support": a verifier's)
    if (claim["verdict"] == "supported") == (r >= 0.5):
        return None
    return (f"{claim['verdict']} at these parameter values, while {r:.0%} of the sampled parameters' space would "
            f"support it (robustness {r:.2f}): the verdict is the values', and most of the declared ranges give "
            f"{'the other' if r > 0.5 else 'no support'}; its deciding parameters say which values to source "
            "(docs/claims.md, section 3)")

