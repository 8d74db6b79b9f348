"""The posterior file: weighted parameter samples in Parquet, with where they came from.

Layout: one row per particle of the sampler's last stage, one float column per calibrated
parameter (its flat name, e.g. ``attacks.base_rate.<proxy>``; the observation model's parameters are
named ``observation.*``) and a ``weight`` column (sums to 1). The Parquet schema metadata key
``flashpoint.posterior`` holds JSON: the scenario (name and the digest of its file), the record and
``until``, the parameters with their prior ranges and the defaults at calibration time, the
sampler's stages, the fit to the record's tallies under posterior draws, and the settings.

Any Parquet reader opens the file; ``load_posterior`` reads it back with its metadata, and
``Posterior.overrides(n, seed)`` draws model parameter vectors by weight (one per run) for
``flashpoint.simulate``.
"""
from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from flashpoint.errors import DataError, FlashpointError, FlashpointNote, ScenarioError

META_KEY = b"flashpoint.posterior"
FORMAT = "flashpoint-posterior/2"
#: a parameter is identified when its 90 % interval spans at most this share of its prior range
IDENTIFIED_WIDTH = 0.5
OBSERVATION_PREFIX = "observation."
#: below this effective sample size a posterior's intervals ("identified" among them), and what runs on its draws
#: read off them (a claim's verdict, a comparison), rest on too few distinct draws
MIN_ESS = 200


def weighted_quantile(values: np.ndarray, weights: np.ndarray, qs) -> np.ndarray:
    """Quantiles of a weighted sample (inverse of the weighted empirical CDF, midpoint rule)."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    order = np.argsort(values)
    v, w = values[order], weights[order]
    cum = np.cumsum(w) - 0.5 * w
    cum /= w.sum()
    return np.interp(np.asarray(qs, dtype=float), cum, v)


@dataclass(repr=False)
class Posterior:
    """Weighted parameter samples and the metadata of the calibration that made them."""

    samples: pd.DataFrame           # one column per parameter and "weight"
    meta: dict

    def __repr__(self) -> str:      # a dataclass's printed every sample and stage (a held-out Python user)
        until = self.meta.get("until")
        return (f"Posterior({self.scenario or '?'}: {len(self.samples):,} samples of {len(self.names)} parameters, "
                f"ESS {self.ess():.0f}" + (f", fitted to the record up to {until}" if until else "") + ")")

    @property
    def names(self) -> list[str]:
        return [c for c in self.samples.columns if c != "weight"]

    @property
    def weights(self) -> np.ndarray:
        w = self.samples["weight"].to_numpy(float)
        return w / w.sum()

    @property
    def scenario(self) -> str:
        return self.meta.get("scenario", {}).get("name", "")

    def ess(self) -> float:
        w = self.weights
        return float(1.0 / np.sum(w * w))

    def distinct(self) -> int:
        """Distinct particles with weight: the tempering keeps the ESS at half the particles or more by
        construction, so it cannot show that resampling left few distinct draws; this count can (a held-out
        statistician's point)."""
        kept = self.samples[self.samples["weight"] > 0]
        return int(len(kept[self.names].drop_duplicates()))

    @property
    def model_names(self) -> list[str]:
        """The scenario's parameters (the observation model's left out)."""
        return [n for n in self.names if not n.startswith(OBSERVATION_PREFIX)]

    def sample(self, n: int, seed: int = 0) -> dict[str, np.ndarray]:
        """``n`` parameter vectors drawn by weight (with replacement): name -> array of n values
        (the observation model's parameters included)."""
        from flashpoint.engine import whole_number

        if not whole_number(n, 1):
            raise FlashpointError(f"number of posterior draws must be a positive whole number, got {n!r}")
        if not whole_number(seed, 0):
            raise FlashpointError(f"seed must be a whole number >= 0, got {seed!r}")
        rows = np.random.default_rng(seed).choice(len(self.samples), size=n, p=self.weights)
        return {name: self.samples[name].to_numpy(float)[rows] for name in self.names}

    def overrides(self, runs: int, seed: int = 0) -> dict[str, np.ndarray]:
        """Per-run override arrays of the scenario's parameters for ``flashpoint.simulate``
        (one posterior draw per run)."""
        drawn = self.sample(runs, seed)
        return {n: drawn[n] for n in self.model_names}

    def medians(self, identified_only: bool = True) -> dict[str, float]:
        """The posterior medians of the scenario's parameters (by default only the identified ones)."""
        table = self.summary()
        rows = table[table["identified"]] if identified_only else table
        return {n: float(r.q50) for n, r in rows.iterrows() if not n.startswith(OBSERVATION_PREFIX)}

    def summary(self, qs=(0.05, 0.5, 0.95)) -> pd.DataFrame:
        """Per parameter: prior range, default, posterior mean, quantiles, the contraction (posterior
        90% width over prior width) and whether it is identified (contraction at most IDENTIFIED_WIDTH)."""
        from flashpoint.ensemble import quantile_levels

        qs = quantile_levels(qs)
        params = self.meta.get("parameters", {})
        rows = []
        for name in self.names:
            p = params.get(name, {})
            lo, hi = p.get("low", np.nan), p.get("high", np.nan)
            values = self.samples[name].to_numpy(float)
            q = weighted_quantile(values, self.weights, qs)
            lo90, hi90 = weighted_quantile(values, self.weights, (0.05, 0.95))   # identification: the 90% interval,
            mean = float(np.sum(values * self.weights))                          # whatever qs asks to show
            width = (hi - lo) if hi is not None and lo is not None and hi > lo else np.nan
            ratio = (hi90 - lo90) / width if width == width else np.nan
            rows.append({"parameter": name, "prior_low": lo, "prior_high": hi, "default": p.get("default", np.nan),
                         "mean": mean, **{f"q{round(100 * float(k), 4):02g}": v for k, v in zip(qs, q)},
                         "width_ratio": ratio, "identified": bool(ratio == ratio and ratio <= IDENTIFIED_WIDTH)})
        return pd.DataFrame(rows).set_index("parameter")


def save_posterior(path: str | Path, samples: pd.DataFrame, meta: dict) -> Path:
    """Write samples (parameter columns and ``weight``) and metadata to ``path`` (Parquet), atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from flashpoint.atomic import atomic_path

    path = Path(path)
    if "weight" not in samples.columns:
        raise ValueError("posterior samples need a weight column")
    frame = samples.reset_index(drop=True).astype(float)
    frame["weight"] = frame["weight"] / frame["weight"].sum()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = {"format": FORMAT, **meta}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           META_KEY: json.dumps(meta, default=_jsonable).encode("utf-8")})
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp)
    return path


def _jsonable(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (pd.Timestamp,)):
        return str(value.date())
    return str(value)


def load_posterior(path: str | Path) -> Posterior:
    """Read a posterior file written by ``flashpoint calibrate``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(path, (str, Path)):
        raise FlashpointError(f"a posterior is a file written by flashpoint calibrate, not {path!r}"
                              + (" (shipped_posterior returns None for a built-in scenario that ships none)"
                                 if path is None else ""))
    path = Path(path)
    if not path.exists():
        raise FlashpointError(f"{path}: no such posterior file")
    if path.is_dir():   # pq.read_table reads a folder as one dataset: two posteriors became one of twice the particles
        raise FlashpointError(f"{path}: is a folder; expected a posterior file (*.parquet) from flashpoint calibrate")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"{path}: not a readable Parquet file ({str(exc).splitlines()[0]})") from None
    raw = (table.schema.metadata or {}).get(META_KEY)
    if raw is None:
        raise DataError(f"{path}: a Parquet file, but not a Flashpoint posterior (no '{META_KEY.decode()}' metadata)")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise DataError(f"{path}: the posterior metadata is not valid JSON") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:   # another version's was read as this one's
        written = meta.get("format") if isinstance(meta, dict) else None
        raise DataError(f"{path}: a posterior of format {written!r}; this Flashpoint reads {FORMAT!r}: fit it again "
                        "with flashpoint calibrate")
    _check_meta(meta, path)
    frame = table.to_pandas()
    if "weight" not in frame.columns or len(frame.columns) < 2 or frame.empty:
        raise DataError(f"{path}: the posterior holds no weighted parameter samples")
    w = pd.to_numeric(frame["weight"], errors="coerce").to_numpy(float)
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise DataError(f"{path}: the posterior weights are not non-negative numbers with a positive sum")
    _check_samples(frame, meta, path)
    return Posterior(samples=frame, meta=meta)


def _check_meta(meta: dict, path) -> None:
    """The metadata fields the commands read, of the types calibrate writes them (a held-out tester's file with
    'until' "garbage", 'scenario' a string or 'parameters' a number ended in tracebacks, and one with no 'scenario'
    was run on any scenario unchecked)."""
    def wrong(key, expected):
        raise DataError(f"{path}: its metadata field {key!r} is {meta.get(key)!r}, not {expected}: the file was "
                        "altered")

    scenario = meta.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("name"), str):
        wrong("scenario", "the scenario it was fitted to ({'name': ..., 'digest': ...})")
    if "until" in meta:                # (save_posterior's own files from Python may leave it out)
        try:
            dated = isinstance(meta["until"], str) and not pd.isna(pd.Timestamp(meta["until"]))
        except ValueError:
            dated = False
        if not dated:
            wrong("until", "a date")
    params = meta.get("parameters", {})
    if not isinstance(params, dict) or not all(isinstance(v, dict) for v in params.values()):
        wrong("parameters", "the fitted parameters with their prior ranges")
    for key, kind in (("fit", list), ("stages", list), ("observations", dict), ("settings", dict)):
        if key in meta and not isinstance(meta[key], kind):
            wrong(key, f"a {kind.__name__}")


def _check_samples(frame: pd.DataFrame, meta: dict, path) -> None:
    """Every parameter column numbers, finite and inside the prior range its metadata gives, and every column a
    parameter the metadata names: a held-out tester's altered files ran into a pandas traceback (text), were run
    with a message printing a thousand NaN (NaN), or shown as 'identified' at 1e6 against a prior of 0.005-0.3."""
    declared = meta.get("parameters") or {}
    missing = [n for n in declared if n not in frame.columns]
    if missing:
        raise DataError(f"{path}: its metadata names {len(missing)} fitted parameter(s) with no column of samples "
                        f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}): the file was altered")
    for name in frame.columns.drop("weight"):
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(float)
        bad = np.flatnonzero(~np.isfinite(values))
        if len(bad):
            first = frame[name].iloc[bad[0]]
            raise DataError(f"{path}: column {name!r}: {len(bad)} of {len(values)} samples are not finite numbers "
                            f"(the first, row {bad[0]}: {getattr(first, 'item', lambda: first)()!r})")
        if declared and name not in declared:
            raise DataError(f"{path}: column {name!r} is no parameter its calibration fitted (its metadata names "
                            f"{len(declared)}); the file was altered")
        prior = declared.get(name) or {}
        lo, hi = prior.get("low"), prior.get("high")
        if lo is not None and hi is not None and (values.min() < lo - 1e-9 * abs(lo) or values.max() > hi + 1e-9 * abs(hi)):
            raise DataError(f"{path}: column {name!r} holds values from {values.min():g} to {values.max():g}, outside "
                            f"its prior range [{lo:g}, {hi:g}]: not what a calibration draws; the file was altered")


def shipped_posterior(scenario_name: str) -> Path | None:
    """The posterior shipped beside a built-in scenario (``<name>.posterior.parquet``); None where there is none
    (a built-in that ships none; a name or path that is no built-in scenario)."""
    from importlib import resources

    from flashpoint.scenario.loader import BUILTIN_PACKAGE

    ref = resources.files(BUILTIN_PACKAGE).joinpath(f"{scenario_name}.posterior.parquet")
    return Path(str(ref)) if ref.is_file() else None


def load(path: str | Path) -> Posterior:
    return load_posterior(path)


def posterior_overrides(path: str | Path | Posterior, runs: int, seed: int = 0, scenario=None) -> dict[str, np.ndarray]:
    """Per-run parameter arrays from a posterior file, or a loaded Posterior (``runs`` draws by weight): for
    ``flashpoint run|compare|claims --posterior FILE``. With ``scenario`` (a name or path), a
    posterior calibrated on another scenario is refused."""
    post = path if isinstance(path, Posterior) else load_posterior(path)
    short_note(post, path)
    few_draws_note(post, path)
    draws = post.overrides(runs, seed=seed)
    if scenario is not None:
        check_scenario(post, scenario, path)
        note = version_note(post, scenario, path)
        if note:
            warnings.warn(note, FlashpointNote, stacklevel=2)
        _inside_the_ranges(draws, scenario, path)
    return draws


def _inside_the_ranges(draws: dict, scenario, path) -> None:
    """Refuse draws outside a range the scenario now declares, naming the posterior (an outside tester's narrowed
    range was said as "overrides: ...", no --set given)."""
    from flashpoint.scenario.loader import load_scenario
    from flashpoint.scenario.parameters import resolve_settings

    try:
        resolve_settings(load_scenario(scenario), draws, f"{path}: its draws")
    except ScenarioError as exc:
        raise ScenarioError(f"{exc}: the scenario's range is not the one the posterior was fitted in; calibrate "
                            "again, or run without --posterior") from None


def reporting_said(path, scenario) -> None:
    """Say :func:`reporting_note` on stderr, after the runs (a refused command says only why it is refused)."""
    post = load_posterior(path)
    if (note := reporting_note(post, scenario)) is not None:
        warnings.warn(f"{Path(path).name}: {note}", FlashpointNote, stacklevel=2)


def reporting_note(post: Posterior, scenario) -> str | None:
    """What to say beside runs on this posterior whose record has grade-C counts: the calibration read them as
    counting a share of the attacks (``observation.tally_share.C``), while the bands they are laid beside are the
    simulated attacks; None when the posterior fits no such share or the record has no grade-C count. (A held-out
    case's calibration called 7 of 8 tallies inside, and ``run`` on its posterior called 5 of them missed.)"""
    from flashpoint.calibration.likelihood import SHARE_C
    from flashpoint.records import period_counts
    from flashpoint.scenario.loader import load_scenario

    if SHARE_C not in post.names:
        return None
    sc = load_scenario(scenario) if isinstance(scenario, (str, Path)) else scenario
    graded = int((period_counts(sc)["reliability"] == "C").sum())
    if not graded:
        return None
    lo, mid, hi = weighted_quantile(post.samples[SHARE_C].to_numpy(float), post.weights, (0.05, 0.5, 0.95))
    return (f"the posterior reads the record's {graded} grade-C count(s) as holding about {mid:.0%} (90%: "
            f"{lo:.0%}-{hi:.0%}) of what they count (its fitted {SHARE_C}, docs/calibration.md), while the bands "
            "laid beside them are the simulated totals: a grade-C count below its band can be what the calibration "
            "expects of such a source (flashpoint posterior show FILE lays each tally beside what a source of its "
            "grade would report)")


def short_note(post: Posterior, path) -> None:
    """A note on stderr when the calibration stopped short of the posterior (its time limit): the draws are the
    prior tempered part of the way to the data, wider than the posterior (a held-out user ran claims on one,
    told nothing)."""
    stopped = str(post.meta.get("stopped") or "")
    if stopped and "not the posterior" in stopped:
        warnings.warn(f"{path}: the calibration stopped short of the posterior ({stopped}): its draws are the "
                      "prior tempered part of the way to the record, wider than the posterior; calibrate with "
                      "--max-minutes longer or fewer particles before reading verdicts off it",
                      FlashpointNote, stacklevel=3)


def few_draws_text(post: Posterior, path) -> str | None:
    """What to say where runs draw from a posterior whose effective sample size is below MIN_ESS (None above it):
    calibrate and posterior show said so, but claims and compare read verdicts off a 20-particle posterior unsaid
    (a held-out tester)."""
    if (ess := post.ess()) >= MIN_ESS:
        return None
    where = "the posterior" if isinstance(path, Posterior) else str(path)
    return (f"{where}: effective sample size {ess:.0f} (of {len(post.samples):,} particles), below {MIN_ESS}: "
            f"what is read off runs on its draws (a claim's verdict, a comparison, a band) rests on few distinct "
            f"draws; calibrate with more particles")


def few_draws_note(post: Posterior, path) -> None:
    """:func:`few_draws_text` as a FlashpointNote (run, compare and claims on a posterior)."""
    if (note := few_draws_text(post, path)) is not None:
        warnings.warn(note, FlashpointNote, stacklevel=3)


def scenario_digest(name_or_path) -> str:
    """The first 16 hex digits of the SHA-256 of the scenario file's text ("" when there is none)."""
    from flashpoint.scenario.loader import resolve

    try:
        _, text = resolve(name_or_path)
    except (FlashpointError, OSError, TypeError):
        return ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_digest(name_or_path) -> str:
    """The first 16 hex digits of the SHA-256 of the scenario's record files (each CSV's name and bytes, in name
    order; "" when there is no record or the scenario cannot be read)."""
    from flashpoint.records import _folder
    from flashpoint.scenario.loader import load_scenario

    try:
        sc = name_or_path if not isinstance(name_or_path, (str, Path)) else load_scenario(name_or_path)
        if sc.record is None:
            return ""
        folder = _folder(sc.record.dataset)
        digest = hashlib.sha256()
        for item in sorted((f for f in folder.iterdir() if f.name.endswith(".csv")), key=lambda f: f.name):
            digest.update(item.name.encode("utf-8") + b"\0" + item.read_bytes())
    except (FlashpointError, OSError, TypeError):
        return ""
    return digest.hexdigest()[:16]


def version_note(post: Posterior, scenario, path) -> str | None:
    """What to tell a user whose scenario file, or its record's files, are not those the posterior was fitted on
    (the same name, edited since): the draws still run, but they were fitted to the other version. (A held-out
    forecaster's edited record went unnoticed: only the scenario file was compared; posteriors fitted before
    2026-12-03 carry no record digest.)"""
    fitted, now = post.meta.get("scenario", {}).get("digest", ""), scenario_digest(scenario)
    if fitted and now and fitted != now:
        return (f"{path} was fitted to another version of scenario {post.scenario!r} (file digest {fitted}; "
                f"this file's is {now}): its draws run, but recalibrate if the edits touch what it fitted")
    fitted = post.meta.get("record_digest", "")
    if fitted and (now := record_digest(scenario)) and fitted != now:
        return (f"{path} was fitted to another version of record {post.meta.get('record')!r} (its files' digest "
                f"{fitted}; now {now}): its draws run, but recalibrate: the record is what it fitted")
    return None


def check_scenario(post: Posterior, scenario, path) -> None:
    from flashpoint.scenario.loader import load_scenario

    from flashpoint.scenario.loader import builtin_names

    sc = load_scenario(scenario)
    if post.scenario and sc.name != post.scenario:
        which = (f"--scenario {post.scenario}" if post.scenario in builtin_names()
                 else f"--scenario with the file of scenario {post.scenario!r}")
        raise FlashpointError(f"{path}: this posterior was calibrated on scenario {post.scenario!r}, "
                              f"not {sc.name!r}; pass {which}, or calibrate {sc.name}")
