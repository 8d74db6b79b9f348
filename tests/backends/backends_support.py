"""Shared numbers and helpers of the backend tests (a unique module name: every test folder has a conftest)."""
# two blocks, the second one short
from flashpoint.engine.core import BLOCK_RUNS  # noqa: E402

RUNS = BLOCK_RUNS + 200
SEED = 11
WINDOWS = [(None, None), ("2020-01-01", "2020-03-31")]


def summarize_here(**kwargs):
    from flashpoint.backends import summarize

    return summarize("iraq-2020", runs=RUNS, seed=SEED, breakdowns=True, windows=WINDOWS, **kwargs)


def fingerprint(summary) -> dict:
    """Every number a summary reports, as bytes (so == means identical to the last bit)."""
    out = {}
    for name in summary.indicators(breakdowns=True):
        for w in WINDOWS:
            t = summary.total(name, *w)
            out[name, w] = (t.dtype.str, t.tobytes())
        q = summary.quantiles(name, qs=(0.05, 0.25, 0.5, 0.75, 0.95))
        out[name, "M"] = (tuple(q.index.astype(str)), tuple(q.columns), q.to_numpy().tobytes())
    return out
