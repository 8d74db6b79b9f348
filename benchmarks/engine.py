"""Engine benchmark: the vectorized engine against the Mesa reference of the same model on the same work,
and `flashpoint run` at 10,000 runs end to end with its peak memory.

    .venv/bin/python benchmarks/engine.py                 # everything (a few minutes on 2 cores)
    .venv/bin/python benchmarks/engine.py --skip-cli      # only the engine / Mesa comparison
    .venv/bin/python benchmarks/engine.py --json out.json # also write the figures as JSON

The work: scenario iraq-2020, policy historical, every day of the scenario (823), all 12 actors.
Throughput is in actor-days per second: runs x actors x days / wall seconds. The engine runs
``--engine-runs`` runs in one ``flashpoint.simulate`` call; the Mesa reference (benchmarks/mesa_reference:
model v2 written the Mesa way, one agent object per actor) runs ``--mesa-runs`` runs, one Model each,
in this process, recording with its light ``Recorder`` (``--datacollector`` also times it with
``mesa.DataCollector``, which deep-copies every stored value and is about twice as slow; the ratio
target is judged on the faster one). Both sides compile the scenario inside the timing and return the same outputs: every
daily array the engine records (attacks by attacker and mode, casualties, strikes by faction and soil,
presence by party, control by faction, consent, escalation, spoiler, ...), as NumPy arrays over runs.
Each side is timed ``--repeat`` times and its best time is used (the median is printed too): on a
shared 2-core machine the same call varies by 20% or more from one repetition to the next. The load
average is printed before and after.

End to end, ``flashpoint run --runs 10000 --format json`` (stdout to /dev/null) runs as a child
process, and so does the Python API equivalent ``flashpoint.simulate("iraq-2020", runs=10000)``;
each child's peak resident memory is its ``ru_maxrss`` (os.wait4).

Targets (issue 12): engine >= 2.5e7 actor-days/s and >= 100x the Mesa reference of the same model;
``flashpoint run --runs 10000`` under 20 s; peak memory under 2 GiB at 10,000 runs.
Timings are wall-clock and noisy on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_RATIO = 100.0
TARGET_ENGINE = 2.5e7
TARGET_CLI_SECONDS = 20.0
TARGET_PEAK_BYTES = 2 * 1024**3


def actor_days(runs: int, actors: int, days: int) -> int:
    return runs * actors * days


def timed(fn, repeat: int = 1) -> tuple[float, float, float]:
    """Best wall-clock seconds, CPU seconds (this process) of that repetition, and median wall seconds
    of ``repeat`` calls of ``fn()``."""
    times = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - w, time.process_time() - c))
    best = min(times)
    return best[0], best[1], sorted(t[0] for t in times)[len(times) // 2]


def time_engine(scenario, runs: int, seed: int, repeat: int) -> tuple[float, float, float]:
    import flashpoint

    flashpoint.simulate(scenario, runs=10, seed=seed)          # warm-up: imports, caches
    return timed(lambda: flashpoint.simulate(scenario, policy="historical", runs=runs, seed=seed), repeat)


def time_mesa(scenario, runs: int, seed: int, repeat: int, datacollector: bool = False) -> tuple[float, float, float]:
    from mesa_reference import Reference, run_ensemble

    run_ensemble(Reference(scenario, "historical"), 1, seed=seed + 1)   # warm-up
    return timed(lambda: run_ensemble(Reference(scenario, "historical"), runs, seed=seed,
                                      datacollector=datacollector), repeat)


def time_mesa_datacollector(scenario, runs: int, seed: int, repeat: int) -> tuple[float, float, float]:
    return time_mesa(scenario, runs, seed, repeat, datacollector=True)


def run_child(argv: list[str]) -> tuple[float, float, int, int, str]:
    """Wall seconds, CPU seconds, peak RSS in bytes (ru_maxrss), exit status and stderr tail of a child."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)   # kilobytes on Linux
    return wall, usage.ru_utime + usage.ru_stime, peak, proc.returncode, err[-2000:]


def flashpoint_command() -> list[str]:
    exe = Path(sys.executable).parent / "flashpoint"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("flashpoint")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from flashpoint.cli import main; sys.argv[0] = 'flashpoint'; main()"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engine-runs", type=int, default=10_000)
    ap.add_argument("--mesa-runs", type=int, default=20, help="runs of the Mesa reference (at least 1)")
    ap.add_argument("--cli-runs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="timings of each side; the best is used")
    ap.add_argument("--skip-cli", action="store_true", help="skip the end-to-end `flashpoint run` and API children")
    ap.add_argument("--datacollector", action="store_true",
                    help="also time the reference recording with mesa.DataCollector (deep copies; slower)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if args.mesa_runs < 1:
        ap.error("--mesa-runs must be at least 1: the ratio needs the reference timed")

    import flashpoint
    from flashpoint.engine.world import compile_world

    scenario = flashpoint.load_scenario("iraq-2020")
    actors = len(scenario.actors)
    days = compile_world(scenario, "historical").days
    load_before = os.getloadavg()[0]
    print(f"work: iraq-2020, policy historical, {actors} actors x {days} days per run; "
          f"{os.cpu_count()} CPUs; load average {load_before:.2f}")

    def measure(label: str, time_side, runs: int) -> tuple[float, float, float, float, float]:
        wall, cpu, median = time_side(scenario, runs, args.seed, args.repeat)
        work = actor_days(runs, actors, days)
        print(f"{label:<7}: {runs:>6} runs in {wall:8.2f} s wall ({cpu:7.2f} s CPU; median of {args.repeat} "
              f"{median:.2f} s) -> {work / wall:14,.0f} actor-days/s ({work / cpu:,.0f} per CPU second)")
        return wall, cpu, median, work / wall, work / cpu

    t_engine, c_engine, m_engine, engine_rate, engine_cpu_rate = measure("engine", time_engine, args.engine_runs)
    t_mesa, c_mesa, m_mesa, mesa_rate, mesa_cpu_rate = measure("mesa", time_mesa, args.mesa_runs)

    ratio, cpu_ratio = engine_rate / mesa_rate, engine_cpu_rate / mesa_cpu_rate
    ok_ratio, ok_engine = ratio >= TARGET_RATIO, engine_rate >= TARGET_ENGINE
    print(f"engine : {engine_rate:,.0f} actor-days/s = {engine_rate / TARGET_ENGINE:.2f} x the target "
          f"{TARGET_ENGINE:.1e}: {'met' if ok_engine else 'NOT met'}")
    print(f"ratio  : engine / mesa = {ratio:,.1f}x wall ({cpu_ratio:,.1f}x CPU) = {ratio / TARGET_RATIO:.2f} x the "
          f"target {TARGET_RATIO:.0f}x: {'met' if ok_ratio else 'NOT met'}")
    load_after = os.getloadavg()[0]
    if args.datacollector:
        _, _, _, dc_rate, _ = measure("mesa+dc", time_mesa_datacollector, args.mesa_runs)
        print(f"ratio  : engine / mesa with mesa.DataCollector = {engine_rate / dc_rate:,.1f}x wall "
              f"(the target is judged on the faster reference above)")
        load_after = os.getloadavg()[0]
    print(f"load average {load_before:.2f} before, {load_after:.2f} after the timings")
    figures = {
        "actors": actors, "days": days, "cpus": os.cpu_count(), "load_average": [load_before, load_after],
        "repeat": args.repeat, "engine_target": TARGET_ENGINE, "ratio_target": TARGET_RATIO,
        "engine": {"runs": args.engine_runs, "seconds": t_engine, "cpu_seconds": c_engine, "median_seconds": m_engine,
                   "actor_days_per_s": engine_rate, "actor_days_per_cpu_s": engine_cpu_rate},
        "mesa": {"runs": args.mesa_runs, "seconds": t_mesa, "cpu_seconds": c_mesa, "median_seconds": m_mesa,
                 "actor_days_per_s": mesa_rate, "actor_days_per_cpu_s": mesa_cpu_rate},
        "ratio": ratio, "cpu_ratio": cpu_ratio, "ratio_target_met": ok_ratio, "engine_target_met": ok_engine,
    }
    if args.datacollector:
        figures["mesa_datacollector"] = {"actor_days_per_s": dc_rate, "ratio": engine_rate / dc_rate}

    if not args.skip_cli:
        runs = str(args.cli_runs)
        cli = flashpoint_command() + ["run", "--runs", runs, "--seed", str(args.seed), "--format", "json"]
        wall, cpu, peak, rc, err = run_child(cli)
        print(f"cli    : `flashpoint run --runs {runs} --format json > /dev/null`: {wall:.2f} s wall "
              f"({cpu:.2f} s CPU), peak RSS {peak / 2**20:,.0f} MiB, exit {rc}")
        if rc != 0:
            print(err, file=sys.stderr)
        api_code = ("import time, flashpoint; t = time.perf_counter(); "
                    f"flashpoint.simulate('iraq-2020', policy='historical', runs={runs}, seed={args.seed}); "
                    "import sys; print(f'{time.perf_counter() - t:.3f}', file=sys.stderr)")
        a_wall, a_cpu, a_peak, a_rc, a_err = run_child([sys.executable, "-c", api_code])
        inner = a_err.strip().splitlines()[-1] if a_rc == 0 and a_err.strip() else "?"
        print(f"api    : python -c 'flashpoint.simulate(\"iraq-2020\", runs={runs})': {a_wall:.2f} s wall "
              f"({a_cpu:.2f} s CPU; simulate alone {inner} s wall), peak RSS {a_peak / 2**20:,.0f} MiB, exit {a_rc}")
        ok_cli = rc == 0 and wall < TARGET_CLI_SECONDS
        ok_mem = rc == 0 and a_rc == 0 and max(peak, a_peak) < TARGET_PEAK_BYTES
        note = "" if args.cli_runs == 10_000 else f" (at {args.cli_runs} runs; the targets are for 10,000)"
        print(f"cli target < {TARGET_CLI_SECONDS:.0f} s: {'met' if ok_cli else 'NOT met'} ({wall / TARGET_CLI_SECONDS:.2f} "
              f"x the limit);  peak memory target < 2 GiB: {'met' if ok_mem else 'NOT met'} "
              f"({max(peak, a_peak) / TARGET_PEAK_BYTES:.2f} x the limit){note}")
        print(f"load average {os.getloadavg()[0]:.2f} after the end-to-end children")
        figures.update(cli={"command": " ".join(cli) + " > /dev/null", "runs": args.cli_runs, "seconds": wall,
                            "cpu_seconds": cpu, "peak_bytes": peak, "exit": rc, "target_met": ok_cli},
                       api={"seconds": a_wall, "cpu_seconds": a_cpu, "simulate_seconds": inner,
                            "peak_bytes": a_peak, "exit": a_rc},
                       memory_target_met=ok_mem)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
