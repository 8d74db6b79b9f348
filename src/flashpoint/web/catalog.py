"""The scenarios a request may name: the built-in ones and YAML files directly inside ``DATA_DIR/scenarios``.

A request names a scenario; the name is looked up in the listing, never joined to a path. A file
that does not load (bad YAML, an invalid scenario, too large, anything the loader raises) is
skipped with its reason logged once per version of the file: the listing and every other
scenario keep working, and ``/api/health`` lists what was skipped and why.
"""
from __future__ import annotations

import hashlib
import logging
import re
import threading
from functools import lru_cache
from pathlib import Path

from fastapi.exceptions import RequestValidationError

from flashpoint.web import results as res

log = logging.getLogger("flashpoint.web")

SCENARIO_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
#: a scenario file larger than this is not read (the built-in one is ~40 kB)
MAX_SCENARIO_BYTES = 1024 * 1024


def invalid(loc: tuple, msg: str, value=None) -> RequestValidationError:
    """A 422 in FastAPI's own shape, naming the field at ``loc``."""
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": msg, "input": value}])


def _named(path: Path) -> str | None:
    """The ``name:`` a scenario file gives itself on a line of its own, None if unreadable or unsaid."""
    try:
        found = re.search(r"^name:\s*[\"']?([a-z0-9][a-z0-9_.-]*)", path.read_text(encoding="utf-8"), re.MULTILINE)
    except (OSError, ValueError):
        return None
    return found.group(1) if found else None


class Catalog:
    """Built-in scenarios and the YAML files directly inside ``folder``; loaded once per file version."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._loaded: dict[tuple[str, str], object] = {}
        self._failed: dict[tuple[str, str], str] = {}
        self._infos: dict[tuple[str, str], dict] = {}
        self._folders: dict[tuple[str, str], str] = {}   # (name, file digest) -> its record folder, once loaded
        self._shadowed: list[str] = []
        self._ignored: list[dict] = []          # files of the folder not offered, and why
        self._lock = threading.Lock()

    def listing(self) -> dict[str, Path | None]:
        """name -> file (None for a built-in scenario)."""
        from flashpoint.scenario.loader import builtin_names

        out: dict[str, Path | None] = {n: None for n in builtin_names()}
        try:
            root = self.folder.resolve()
            entries = sorted(self.folder.iterdir()) if self.folder.is_dir() else []
        except OSError:
            entries, root = [], self.folder
        shadowed, ignored = [], []
        for p in entries:
            name = p.name[:-5] if p.name.endswith(".yaml") else None
            if name in out and out[name] is None:
                shadowed.append(name)        # a built-in has this name: the file is not offered (skipped())
                continue
            if not name or name in out:
                continue
            if not SCENARIO_NAME.match(name):   # said in skipped(), as is a link (a held-out tester's was unsaid)
                ignored.append({"name": name[:80], "reason": "a scenario file's name is lower-case letters, digits, "
                                "'.', '_' and '-' (at most 64), then .yaml: rename it to offer it"})
                continue
            if p.is_symlink() or not p.is_file() or p.resolve().parent != root:   # only files that live here
                ignored.append({"name": name, "reason": "not a file of the folder itself (a symbolic link, or not a "
                                "plain file): copy the scenario into the folder to offer it"})
                continue
            out[name] = p
        self._shadowed, self._ignored = shadowed, ignored
        return out

    def _version(self, name: str, path: Path | None) -> str:
        if path is None:
            return "built-in"
        size = path.stat().st_size
        if size > MAX_SCENARIO_BYTES:
            raise ValueError(f"the file is {size:,} bytes; scenario files over {MAX_SCENARIO_BYTES:,} bytes "
                             "are not read")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        folder = self._folders.get((name, digest))
        return digest + ("+" + _stamp(folder) if folder else "")

    def get(self, name: str, loc: tuple):
        """(Scenario, digest, source) for a listed name that loads; a 422 naming ``loc`` otherwise."""
        listing = self.listing()
        if name not in listing:
            stems = [stem for stem, path in listing.items() if path is not None and _named(path) == name]
            hint = (f" (a data-directory scenario goes by its file's name: {stems[0]!r} is {stems[0]}.yaml, whose "
                    f"name is {name!r})" if stems else "")     # a held-out wargame designer asked by the name inside
            raise invalid(loc, f"unknown scenario {name[:64]!r}; known: {', '.join(self.names(listing))}{hint}", name)
        path = listing[name]
        try:
            digest = self._version(name, path)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._skip(name, "unreadable", reason)
            raise invalid(loc, f"scenario {name!r} cannot be read: {reason}", name) from None
        key = (name, digest)
        with self._lock:
            sc, failed = self._loaded.get(key), self._failed.get(key)
        if failed is not None:
            raise invalid(loc, f"scenario {name!r} does not load: {failed}", name)
        if sc is None:
            from flashpoint.scenario.loader import load_scenario

            try:
                sc = load_scenario(name if path is None else path)
                if path is not None and sc.name != name:    # offered, and so named, by its file's name: a held-out
                    sc = sc.model_copy(update={"name": name})  # tester's copy named like a built-in inside showed as it
                if sc.record is not None:       # its record's counts are read too: a broken record skips the file
                    from flashpoint.records import period_counts

                    digest = self._remember_folder(name, path, digest, sc.record.dataset)
                    period_counts(sc)
                    if path is not None:     # its events.csv too, as validate reads it (a held-out tester's bad
                        from flashpoint.records import check_events   # mode was taken without a word)

                        check_events(sc)
            except Exception as exc:  # noqa: BLE001 - any failure of a user's file is that file's problem
                reason = _reason(exc)
                self._skip(name, digest, reason)
                raise invalid(loc, f"scenario {name!r} does not load: {reason}", name) from None
            with self._lock:
                self._loaded[(name, digest)] = sc
        return sc, digest, "built-in" if path is None else "data directory"

    def _remember_folder(self, name: str, path: Path | None, digest: str, dataset: str) -> str:
        """The version of a data-directory file that names a record folder: its digest and the folder's files' (a
        held-out tester's edited counts.csv was not read again until the scenario file changed)."""
        if path is None or not Path(dataset).is_absolute():     # built-in, or a shipped record
            return digest
        with self._lock:
            self._folders[(name, digest.split("+")[0])] = dataset
        return self._version(name, path)

    def _skip(self, name: str, digest: str, reason: str) -> None:
        with self._lock:
            new = (name, digest) not in self._failed
            self._failed[(name, digest)] = reason
        if new:
            log.warning("scenario %s skipped: %s", name, reason)

    def names(self, listing: dict | None = None) -> list[str]:
        """Listed names that load (a file that does not is skipped, its reason logged)."""
        out = []
        for name in listing or self.listing():
            try:
                self.get(name, ("path", "name"))
            except RequestValidationError:
                continue
            out.append(name)
        return out

    def skipped(self) -> list[dict]:
        """Files of the folder whose current version does not load, or that a built-in's name hides, and why. Each
        listed file is loaded first (``names``, kept per version): a held-out designer's broken file was reported
        only after the scenario list had asked for it."""
        out = []
        listing = self.listing()
        self.names(listing)
        out += [{"name": name, "reason": f"a built-in scenario is named {name!r}: rename the file to offer it"}
                for name in self._shadowed] + list(self._ignored)
        for name, path in listing.items():
            if path is None:
                continue
            try:
                digest = self._version(name, path)
            except (OSError, ValueError) as exc:
                out.append({"name": name, "reason": getattr(exc, "strerror", None) or str(exc)})
                continue
            with self._lock:
                reason = self._failed.get((name, digest))
            if reason is not None:
                out.append({"name": name, "reason": reason})
        return out

    def info(self, name: str, loc: tuple) -> dict:
        """What the page shows of a scenario: policies, claims, indicators, schedule, parameters."""
        sc, digest, source = self.get(name, loc)
        key = (name, digest)
        with self._lock:
            found = self._infos.get(key)
        if found is None:
            found = describe(name, sc, source)
            with self._lock:
                self._infos[key] = found
        return found


def _stamp(folder: str) -> str:
    """A short fingerprint of the files in a record folder: their names, sizes and modification times."""
    try:
        files = sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in Path(folder).iterdir() if f.is_file())
    except OSError:
        return "unreadable"
    return hashlib.sha256(repr(files).encode()).hexdigest()[:8]


def shipped_posterior(name: str, source: str) -> Path | None:
    """The posterior a built-in scenario ships, if the calibration extra can read it."""
    from flashpoint.analysis import shipped_posterior as shipped

    return shipped(name) if source == "built-in" else None


def describe(name: str, sc, source: str) -> dict:
    """A scenario as the API lists it (``ScenarioInfo``)."""
    from flashpoint.engine import simulate
    from flashpoint.events.shipped import shipped_records
    from flashpoint.report.observed import period_counts
    from flashpoint.scenario.entries import policy_changes
    from flashpoint.scenario.parameters import idle_mechanisms

    probe = simulate(sc, policy=next(iter(sc.policies)), runs=1, seed=0)
    counted = set(period_counts(sc)["indicator"])
    idle = idle_mechanisms(sc, list(sc.policies))
    names = res.fan_indicators({b: probe.breakdowns(b) for b in res.FAN_BREAKDOWNS}, sorted(counted),
                               host=bool(sc.actors_of("host_executive")))
    folder = sc.record is not None and sc.record.dataset not in shipped_records()
    return {
        "name": name, "title": sc.title, "description": sc.description.strip(),
        "start": sc.start.isoformat(), "end": sc.end.isoformat(), "source": source,
        "policies": [{"name": k, **(ch := policy_changes(sc, k)), "sets": sorted(ch["sets"]), "set_values": ch["sets"]}
                     for k in sc.policies],
        "claims": [{"id": c.id, "statement": c.statement, "indicator": c.indicator, "policy": c.policy,
                    "baseline": c.baseline, "window": [c.window[0].isoformat(), c.window[1].isoformat()],
                    "direction": c.direction, "margin": c.margin, "comparison": c.comparison} for c in sc.claims],
        "indicators": [{"name": n, **res.indicator_meta(n), "observed": n in counted, "switched_off": _off(sc, n, idle),
                        "owner": _owner(sc, n)}
                       for n in names],
        "schedule": [{"id": e.id, "date": e.date.isoformat(), "type": e.type, "description": e.description}
                     for e in sc.schedule],
        "posterior": shipped_posterior(name, source) is not None,
        "record": sc.record.dataset if sc.record is not None and sc.record.dataset in shipped_records() else None,
        # a record in a folder of its own: its dated events are not in the event store (the page says so)
        "record_folder": folder,
        # ... and whether it has dated events at all (a held-out tester's folder of counts was told to import them)
        "record_events": folder and (Path(sc.record.dataset) / "events.csv").is_file(),
    }


def _owner(sc, indicator: str) -> str | None:
    """The mechanism ("M5 consent") whose output ``indicator`` is, which a switch on the page may turn off."""
    from flashpoint.scenario.checks import indicator_owner

    key = indicator_owner(sc, indicator)
    return f"{sc.mechanisms[key].id} {key}" if key in sc.mechanisms else None


def _off(sc, indicator: str, idle: set[str]) -> str | None:
    """The mechanism ("M5 consent") whose output ``indicator`` is, when it is idle under every policy
    (``idle``: :func:`flashpoint.scenario.parameters.idle_mechanisms`; every run holds its resting value), or None."""
    from flashpoint.scenario.checks import indicator_owner

    key = indicator_owner(sc, indicator)
    return f"{sc.mechanisms[key].id} {key}" if key in idle else None


@lru_cache(maxsize=8)
def _posterior_quantiles(path: str) -> dict[str, list[float]]:
    """Per parameter of a shipped posterior (a file of the package, read once): its draws' 5 %, 50 % and 95 %."""
    from flashpoint.calibration.posterior import load_posterior

    table = load_posterior(path).summary()
    return {n: [float(r.q05), float(r.q50), float(r.q95)] for n, r in table.iterrows()}


def parameters(sc, posterior: Path | None = None) -> dict:
    """The scenario's declared parameters (what the page's sliders are made of) and its switches; with the
    ``posterior`` file it ships, each parameter it carries with its draws' 5 %, 50 % and 95 % (a held-out teacher
    moved a slider shown at its hand-set 0.0011 up to 0.01, a cut from the draws' median of 0.034)."""
    from flashpoint.scenario.checks import acts_on_nothing
    from flashpoint.scenario.parameters import attribute_readers, idle_setting, moved_by, resolve_settings, switch_names
    from flashpoint.scenario.parameters import parameters as declared

    def locked(name: str) -> str:      # a mechanism the server refuses to switch on here (a held-out designer ticked
        key = name.partition(".")[0]   # one the page offered, and every run failed until it was unticked)
        if not name.endswith(".enabled") or sc.mechanisms[key].enabled:
            return ""
        return acts_on_nothing(sc, key) or ""

    drawn = _posterior_quantiles(str(posterior)) if posterior is not None else {}
    # per policy, the settings a value is checked against, and so why one would change nothing there (a held-out
    # historian's control.obedience slider was offered, and the run refused: it acts only through patron_order)
    arms = {name: resolve_settings(sc, dict(pol.set), f"policy {name!r}") for name, pol in sc.policies.items()}

    def idle(name: str, value) -> dict:        # policy -> why ``name`` at ``value`` would change nothing there
        switch = {name: value} if name.endswith(".enabled") else {}        # (a switch is resolved with its value)
        return {policy: why.replace("overrides: ", "", 1) for policy, settings in arms.items()
                if name not in sc.policies[policy].set
                and (why := idle_setting(sc, policy, {name: value}, {**settings, **switch}, same_call=True,
                                         names=[name]))}

    def idle_switch(name: str) -> dict:    # a switch off in the file that turned on would change nothing (a
        off = name.endswith(".enabled") and not sc.mechanisms[name.partition(".")[0]].enabled   # verifier's M4,
        return idle(name, True) if off else {}                                                  # no decapitation)

    return {
        "parameters": [{"name": p.name, "value": p.value, "unit": p.unit, "low": p.low, "high": p.high,
                        "source": p.source, "calibratable": p.calibratable, "group": p.group,
                        "read_by": [c.key for c in attribute_readers(sc, p.name)]
                        or [m for m in [moved_by(sc, p.name)] if m], "posterior": drawn.get(p.name),
                        "idle": idle(p.name, p.value)}
                       for p in declared(sc).values()],
        "switches": [{"name": n, "value": sc.mechanisms[n.partition(".")[0]].enabled if n.endswith(".enabled")
                      else True, "kind": "mechanism" if n.endswith(".enabled") else "requires link",
                      "reason": sc.mechanisms[n.partition(".")[0]].reason if n.endswith(".enabled") else "",
                      "locked": locked(n), "idle": idle_switch(n)}
                     for n in switch_names(sc)],
    }


def _reason(exc: BaseException) -> str:
    """What is wrong with a scenario file, for its reader: the file's problems as ``validate`` gives them, the
    folder left out (the name says which file), each problem on its line and in full; another error's kind
    named (a held-out user saw a cut list, a class name and the server's path)."""
    from flashpoint.errors import FlashpointError

    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    lines = [re.sub(r"^/\S*/([^/\s]+?)(,|:)", r"\1\2", line) for line in lines]   # "/srv/…/s.yaml, line 3: …"
    text = "\n".join(lines)
    return text if isinstance(exc, FlashpointError) else f"{type(exc).__name__}: {text}"
