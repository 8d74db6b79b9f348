"""The held-out set of real news sentences (tests/extract/data/news_heldout.tsv) is frozen.

It was collected and labelled by the CAMEO/PLOVER codebooks before the coder was run on it;
the hash below makes any later edit (relabelling to flatter the coder, adding easy sentences)
fail here. The coder must not be tuned on it: tune on dev_news.tsv and evaluation.tsv.
"""
import hashlib
from collections import Counter
from pathlib import Path

from flashpoint.events.codes import PLOVER_BY_CODE, PLOVER_BY_ROOT
from flashpoint.extract.evaluate import NONE, read_evaluation

HELDOUT = Path(__file__).parent / "data" / "news_heldout.tsv"
FROZEN_SHA256 = "d523a7f439d700296778d704f92082452672e2c13160c62d2a210aeadcae3245"


def test_the_held_out_set_is_frozen():
    assert hashlib.sha256(HELDOUT.read_bytes()).hexdigest() == FROZEN_SHA256


def test_the_held_out_set_is_broad():
    rows = read_evaluation(HELDOUT)
    assert len(rows) >= 300
    plover_types = set(PLOVER_BY_ROOT.values()) | set(PLOVER_BY_CODE.values())
    assert plover_types <= {r.plover for r in rows}                      # every PLOVER type
    text = HELDOUT.read_text(encoding="utf-8")
    conflicts = Counter(line.split("\t")[1] for line in text.splitlines()[8:] if line)
    assert len([c for c, n in conflicts.items() if c != "iraq" and n >= 10]) >= 5
    assert all(line.split("\t")[2].startswith("http") for line in text.splitlines()[8:] if line)
    assert sum(r.plover == NONE for r in rows) >= 3


def test_the_coder_on_the_held_out_set(nlp):
    """Floors a little under the measured runs (docs/extract.md: first run / after the unknown-name change);
    the issue's targets are 0.65 and 0.6."""
    from flashpoint.extract.evaluate import evaluate

    s = evaluate(HELDOUT, nlp)["all"]
    assert s["coded_type_accuracy"] >= 0.75                 # measured 0.785 / 0.788
    assert s["coded_source_country_accuracy"] >= 0.78       # measured 0.819 / 0.812
    assert s["type_found"] >= 0.74                          # measured 0.771 / 0.784
    assert s["type_and_source_country_found"] >= 0.62       # measured 0.665 / 0.668
    assert s["coded_quad_accuracy"] >= 0.80                 # measured 0.854 / 0.856
