"""Does `flashpoint extract` scale linearly? Time 1 MB and 5 MB of news text end to end.

The text is the project's evaluation sentences, shuffled (fixed seed) into ten-sentence
paragraphs of one long plain-text file, so the same events recur thousands of times and
merging is stressed as well as parsing. Reading, coding, merging and writing JSONL are timed,
as ``flashpoint extract FILE --published DATE --out OUT`` runs them.
Targets (issue 17): 1 MB at >= 150 sentences/s; 5 MB within 5x the 1 MB time. Wall and CPU
time are both printed, each with its ratio to the target: on a shared machine the wall time
follows other people's load.

    .venv/bin/python benchmarks/extract_scale.py [--sizes 1 5] [--one-paragraph]
"""
from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from targets import ratio, ratio_line  # benchmarks/targets.py, beside this file

TARGET_RATE = 150                # sentences/s for 1 MB

EVALUATION = Path(__file__).resolve().parents[1] / "tests" / "extract" / "data" / "evaluation.tsv"


def make_text(megabytes: float, one_paragraph: bool, seed: int = 7) -> tuple[str, int]:
    with EVALUATION.open(encoding="utf-8", newline="") as fh:
        sentences = [row["text"].strip() for row in csv.DictReader(fh, delimiter="\t")]
    rng = random.Random(seed)
    out, size, count = [], 0, 0
    while size < megabytes * 2**20:
        batch = sentences[:]
        rng.shuffle(batch)
        for i in range(0, len(batch), 10):
            paragraph = " ".join(batch[i:i + 10])
            out.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            count += len(batch[i:i + 10])
            if size >= megabytes * 2**20:
                break
    return (" " if one_paragraph else "\n\n").join(out), count


def run(megabytes: float, one_paragraph: bool) -> tuple[int, int, float]:
    from flashpoint.extract import extract_events, read_documents
    from flashpoint.extract.cli import _render

    text, count = make_text(megabytes, one_paragraph)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.txt"
        path.write_text(text, encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        records = extract_events(read_documents([path], date(2020, 1, 8)))
        (Path(tmp) / "out.jsonl").write_text(_render(records, "jsonl"), encoding="utf-8")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return count, len(records), elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5], help="megabytes (default 1 5)")
    parser.add_argument("--one-paragraph", action="store_true", help="no paragraph breaks at all")
    args = parser.parse_args()
    from flashpoint.extract import Document, extract_events
    from flashpoint.extract.pipeline import load_pipeline

    extract_events([Document("warm", "Rockets hit the base.", date(2020, 1, 8))], load_pipeline())
    times, rates = {}, {}
    for size in args.sizes:
        count, events, elapsed, cpu = run(size, args.one_paragraph)
        times[size], rates[size] = (elapsed, cpu), count / elapsed
        print(f"{size:g} MB: {count} sentences, {events} event records, {elapsed:.1f} s wall "
              f"({count / elapsed:.0f} sentences/s), {cpu:.1f} s CPU ({count / cpu:.0f} sentences/s)", flush=True)
    if 1 in rates:
        r, met = ratio(rates[1], TARGET_RATE, floor=True)
        print(f"1 MB at {rates[1]:.0f} sentences/s (wall); " + ratio_line(f"at least {TARGET_RATE} sentences/s", r, met))
    if len(times) > 1:
        small, large = min(times), max(times)
        allowed = large / small          # linear: 5 MB within 5x the 1 MB time
        for kind, k in (("wall", 0), ("CPU", 1)):
            grew = times[large][k] / times[small][k]
            print(f"{large:g} MB took {grew:.2f}x the {small:g} MB {kind} time; "
                  + ratio_line(f"at most {allowed:g}x, {kind} time", grew / allowed, grew <= allowed))
        print("CPU time is the fairer measure on a shared machine")


if __name__ == "__main__":
    main()
