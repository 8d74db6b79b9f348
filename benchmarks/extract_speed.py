"""Speed of `flashpoint extract` against spaCy's own pipeline on the same sentences.

Prints sentences per second for (1) spaCy's full English pipeline alone
(``nlp.pipe``, every component, batched) and (2) Flashpoint end to end
(reading aside: parse without the unused NER, actor matching, coding,
dating, merging, event records), and the ratio spaCy / Flashpoint of sentences per second, which
is Flashpoint's time / spaCy's (targets: Flashpoint >= 150 sentences/s and that ratio <= 1.5),
each with its ratio to its target.

    .venv/bin/python benchmarks/extract_speed.py [--repeat N]
"""
from __future__ import annotations

import argparse
import csv
import time
from datetime import date
from pathlib import Path

from flashpoint.extract import Document, extract_events
from flashpoint.extract.pipeline import load_pipeline
from targets import ratio, ratio_line  # benchmarks/targets.py, beside this file

TARGET_RATE = 150                # sentences/s, Flashpoint end to end
TARGET_TIME_RATIO = 1.5          # Flashpoint's time / spaCy's full pipeline's on the same text
EVALUATION = Path(__file__).resolve().parents[1] / "tests" / "extract" / "data" / "evaluation.tsv"


def sentences() -> list[str]:
    with EVALUATION.open(encoding="utf-8", newline="") as fh:
        return [row["text"] for row in csv.DictReader(fh, delimiter="\t")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the evaluation sentences (default 4)")
    args = parser.parse_args()
    texts = sentences() * args.repeat
    # ten-sentence articles, as news arrives
    articles = [" ".join(texts[i:i + 10]) for i in range(0, len(texts), 10)]
    full = load_pipeline(full=True)
    ours = load_pipeline()
    extract_events([Document("warm", texts[0], date(2020, 1, 8))], ours)   # build the matchers once
    list(full.pipe(articles[:2]))

    start = time.perf_counter()
    for _ in full.pipe(articles, batch_size=256):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - start)

    docs = [Document(f"a{i}", text, date(2020, 1, 8)) for i, text in enumerate(articles)]
    start = time.perf_counter()
    records = extract_events(docs, ours)
    ours_rate = len(texts) / (time.perf_counter() - start)

    print(f"sentences: {len(texts)} in {len(articles)} articles; events: {len(records)}")
    print(f"spaCy full pipeline ({', '.join(full.pipe_names)}): {spacy_rate:.0f} sentences/s")
    print(f"flashpoint extract end to end ({', '.join(ours.pipe_names)}): {ours_rate:.0f} sentences/s")
    # spaCy's rate / Flashpoint's = Flashpoint's time / spaCy's: how much longer Flashpoint takes
    slower = spacy_rate / ours_rate
    print(f"Flashpoint time / spaCy time (spaCy sentences/s / Flashpoint's): {slower:.2f}; "
          + ratio_line(f"at most {TARGET_TIME_RATIO}", slower / TARGET_TIME_RATIO, slower <= TARGET_TIME_RATIO))
    rate_ratio, fast = ratio(ours_rate, TARGET_RATE, floor=True)
    print(f"Flashpoint {ours_rate:.0f} sentences/s; " + ratio_line(f"at least {TARGET_RATE} sentences/s", rate_ratio, fast))


if __name__ == "__main__":
    main()
