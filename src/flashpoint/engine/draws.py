"""Per-run random numbers, and exact draws made from them by inversion.

A run's draws depend only on (seed, its index, the day, the site that draws), never on what other runs
or other sites drew: ``Streams`` gives each site a key per block (``SeedSequence(seed, spawn_key=(block, 2,
crc32(site)))``) and each day words drawn from it by SplitMix64, which seed the day's numbers: dense over the
block's runs (``uniform``, a PCG64 stream), or at the cells a site needs (``at``, a counter-based hash of the
day's word and the cell, SplitMix64's finaliser). Two
policies' runs of the same seed therefore share every draw that both make, however their paths differ:
the pairing ("common random numbers") of ``compare`` and ``claims`` is exact, not only until the first
divergence of any run of the block. Draws are made by inverting the distribution at a uniform (a larger
rate gives a count at least as large from the same uniform), so that where two runs' rates differ, their
counts differ no more than the rates make them.

``poisson``, ``binomial``, ``geometric``, ``normal`` and ``categorical_counts`` (an item's category by its own
uniform) give the same distributions as ``Generator.poisson``, ``binomial``, ``geometric``, ``standard_normal``
and ``multinomial``, with work spent only where something happens (benchmarks/engine.py).
``per_run`` sums a (runs, k) array over its short last axis several times faster than ``sum(axis=1)``.
"""
from __future__ import annotations

import zlib

import numpy as np
from scipy import special

from flashpoint.errors import ScenarioError

#: an offset and bounds that keep every uniform inside [2^-53, 1 - 2^-53]: inversions never see 0 or 1 (without
#: the top, 1 - 2^-53 + 2^-54 rounds to 1.0; below the bottom, 1 - u rounds to 1, where scipy's inverse routines
#: give no answer)
_HALF_ULP, _BOTTOM, _TOP = 2.0 ** -54, 2.0 ** -53, 1.0 - 2.0 ** -53
#: uniforms below this are inverted by scipy's incomplete gamma and beta routines, as rates above _LARGE are:
#: summing the pmf leaves a residual of about 1e-16 in the tail, which would stop the sum short (a held-out
#: review's finding; about 1e-12 of draws)
_TINY = 1e-12
#: SplitMix64's increment and multipliers (Steele, Lea & Flood 2014), as Python integers and as uint64
_GOLDEN_INT, _M1_INT, _M2_INT, _MASK = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, (1 << 64) - 1
_GOLDEN, _M1, _M2 = np.uint64(_GOLDEN_INT), np.uint64(_M1_INT), np.uint64(_M2_INT)
_S = {k: np.uint64(k) for k in (11, 27, 30, 31)}
#: rates above this are inverted by scipy's incomplete gamma routines rather than by summing the pmf
_LARGE = 50.0


class Streams:
    """The random numbers of one block of ``n`` runs; ``today(day)`` before each simulated day.

    ``lanes``: each run's stream as (block, row) arrays, for runs that draw another run's numbers (the
    sensitivity audit's replicates, which share theirs across parameter points); None: run i of the block has
    row i of its own block's. A run given (b, r) draws at every site exactly what row r of block b draws."""

    def __init__(self, seed: int, block: int, n: int, lanes: tuple[np.ndarray, np.ndarray] | None = None):
        self.seed, self.block, self.n, self.day = seed, block, n, 0
        self._keys: dict[tuple[str, int], int] = {}
        self._names: dict[int, str] = {}
        self._entry_names: dict[int, str] = {}          # a schedule entry's keys: refused if two share a CRC
        self._generator = np.random.Generator(np.random.PCG64(0))
        self._lanes = None if lanes is None else [(int(b), np.flatnonzero(lanes[0] == b), lanes[1][lanes[0] == b])
                                                  for b in np.unique(lanes[0])]
        self._run_lane = lanes

    def today(self, day: int) -> None:
        self.day = day

    def _words(self, site: str, count: int, block: int | None = None) -> list[int]:
        """``count`` 64-bit words for ``site`` today: SplitMix64 from the site's key in the block
        (``SeedSequence(seed, spawn_key=(block, 2, crc32(site)))``, made once) and the day."""
        block = self.block if block is None else block
        key = self._keys.get((site, block))
        if key is None:
            sequence = np.random.SeedSequence(self.seed, spawn_key=(block, 2, crc(site, self._names)))
            key = self._keys[site, block] = int(sequence.generate_state(1, np.uint64)[0])
        x, words = (key + (self.day + 1) * count * _GOLDEN_INT) & _MASK, []
        for _ in range(count):
            x = (x + _GOLDEN_INT) & _MASK
            z = ((x ^ (x >> 30)) * _M1_INT) & _MASK
            z = ((z ^ (z >> 27)) * _M2_INT) & _MASK
            words.append(z ^ (z >> 31))
        return words

    def _gather(self, first_rows, shape: tuple) -> np.ndarray:
        """(runs,) + ``shape`` from ``first_rows(block, m)``, a block's first m rows: each run's own, or its lane's."""
        if self._lanes is None:
            return first_rows(self.block, self.n)
        out = np.empty((self.n,) + tuple(shape))
        for block, where, rows in self._lanes:
            out[where] = first_rows(block, int(rows.max()) + 1)[rows]
        return out

    def uniform(self, site: str, shape: tuple = ()) -> np.ndarray:
        """(runs,) + ``shape`` uniforms in [2^-53, 1 - 2^-53], today's for ``site``: row i is run i's (a PCG64
        stream whose 128-bit state and increment are the site's four words for the day)."""
        def first_rows(block: int, m: int) -> np.ndarray:
            a, b, c, d = self._words(site, 4, block)
            self._generator.bit_generator.state = {"bit_generator": "PCG64", "has_uint32": 0, "uinteger": 0,
                                                   "state": {"state": a << 64 | b, "inc": (c << 64 | d) | 1}}
            return self._generator.random((m,) + tuple(shape))

        out = self._gather(first_rows, shape) + _HALF_ULP
        return np.clip(out, _BOTTOM, _TOP, out=out)

    def at(self, site: str, cell: np.ndarray, k: int = 1, width: int = 1) -> np.ndarray:
        """(len(cell), k) uniforms in [2^-53, 1 - 2^-53] at the flat indices ``cell`` of a notional (runs, ...)
        array of ``width`` cells per run: today's for ``site``, the same for a cell whichever other cells are
        asked for (k = 1: (len(cell),))."""
        cell = np.asarray(cell, dtype=np.uint64)
        if self._lanes is None:
            key = np.uint64(self._words(site, 1)[0])
        else:                       # the cell of the run's lane, hashed with its block's key
            run, within = np.divmod(cell.astype(np.int64), width)
            blocks, rows = self._run_lane[0][run], self._run_lane[1][run]
            order = np.array([b for b, _, _ in self._lanes])          # the lanes' blocks, sorted (np.unique)
            keys = np.array([self._words(site, 1, b)[0] for b in order.tolist()], dtype=np.uint64)
            key = keys[np.searchsorted(order, blocks)][:, None]
            cell = (rows * width + within).astype(np.uint64)
        z = (cell[:, None] * np.uint64(k) + np.arange(k, dtype=np.uint64)) * _GOLDEN
        z = mix(z + key)            # uint64 arrays wrap without a warning: the hash's arithmetic
        u = np.clip((z >> _S[11]) * 2.0 ** -53 + _HALF_ULP, _BOTTOM, _TOP)
        return u[:, 0] if k == 1 else u

    def entry(self, key: str, what: str = "random", prob: np.ndarray | None = None) -> np.ndarray:
        """A schedule entry's own numbers for the runs (``key``: its id, or the id and what is drawn; its stream
        ``SeedSequence(seed, spawn_key=(block, 1, crc32(key)))``): uniforms (``what="random"``), or trials up
        to a first success at ``prob`` (runs,) (``"geometric"``: by inversion at each run's standard
        exponential, numpy's own ``Generator.geometric`` for a probability below 1/3, bit for bit; at 1/3 or
        above numpy searches with a varying number of uniforms, which made a run's draw depend on the other
        runs' probabilities, a held-out review's finding)."""
        def stream(block: int) -> np.random.Generator:
            return np.random.Generator(np.random.PCG64(np.random.SeedSequence(
                self.seed, spawn_key=(block, 1, crc(key, self._entry_names)))))

        if what == "random":
            return self._gather(lambda block, m: stream(block).random(m), ())
        e = self._gather(lambda block, m: stream(block).standard_exponential(m), ())
        return np.clip(np.ceil(e / -np.log1p(-np.asarray(prob, dtype=float))), 1, 2.0 ** 62).astype(np.int64)


def mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser over a uint64 array."""
    z = (z ^ (z >> _S[30])) * _M1
    z = (z ^ (z >> _S[27])) * _M2
    return z ^ (z >> _S[31])


def keyed_uniform(*keys) -> np.ndarray:
    """A uniform number in [0, 1) per row, hashed with :func:`mix` from the row's integer keys (numbers or arrays of
    one length), drawn from no stream: the same for the same keys whatever else is drawn."""
    n = max(np.size(k) for k in keys)
    x = np.zeros(n, dtype=np.uint64)
    for k in keys:
        x = mix((x ^ np.broadcast_to(np.asarray(k).astype(np.uint64), n)) + _GOLDEN)
    return (x >> _S[11]).astype(np.float64) * 2.0 ** -53


def crc(name: str, seen: dict[int, str]) -> int:
    """The CRC-32 that keys ``name``'s stream; two names with one key (a schedule entry's id whose CRC another's
    shares, about one scenario in a million with a hundred entries) would draw the same numbers: refused."""
    key = zlib.crc32(name.encode())
    other = seen.setdefault(key, name)
    if other != name:
        raise ScenarioError(f"the random streams of {other!r} and {name!r} share a key (CRC-32 {key}), so they "
                            "would draw the same numbers: rename one of the schedule entries they name")
    return key


def poisson(lam: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Poisson(lam) counts, int64, by inversion at the uniforms ``u`` (the shape of ``lam``): the count is the
    least k with P(X > k) <= u. P(X > 0) = 1 - e^-lam <= lam, so only cells with u < lam are looked at."""
    lam = np.asarray(lam, dtype=float)
    if u.shape != lam.shape:
        u = np.broadcast_to(u, lam.shape)
    counts = np.zeros(lam.shape, dtype=np.int64)
    maybe = np.flatnonzero(u < lam)
    if len(maybe):
        counts.flat[maybe] = _poisson_tail(lam.flat[maybe], u.flat[maybe])
    return counts


def _poisson_tail(lam: np.ndarray, u: np.ndarray) -> np.ndarray:
    k = np.zeros(len(lam), dtype=np.int64)
    far = (u < _TINY) | (lam > _LARGE)
    if far.any():
        k[far] = _ppf(1.0 - u[far], special.pdtrik, special.pdtr, lam[far])
    at = np.flatnonzero(~far)
    rate, u = lam[at], u[at]
    pmf = np.exp(-rate)
    tail = -np.expm1(-rate)                          # P(X > 0)
    more = u < tail
    at, rate, u, pmf, tail, n = at[more], rate[more], u[more], pmf[more], tail[more], 1
    while len(at):                                   # the cells whose count is at least n
        k[at] = n
        pmf = pmf * rate / n
        tail = tail - pmf                            # P(X > n)
        more = (u < tail) & (pmf > 0)
        at, rate, u, pmf, tail, n = at[more], rate[more], u[more], pmf[more], tail[more], n + 1
    return k


def _ppf(q: np.ndarray, inverse, cdf, *args) -> np.ndarray:
    """The least count whose cdf reaches ``q`` (< 1: u >= 2^-53), by scipy.stats' own steps for the Poisson and
    binomial ppf: the incomplete gamma or beta routine's inverse, rounded up, then one step down if it holds."""
    v = np.ceil(inverse(q, *args))
    below = np.maximum(v - 1, 0)
    return np.where(cdf(below, *args) >= q, below, v).astype(np.int64)


def binomial(n: np.ndarray, prob: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Binomial(n, prob) counts by inversion at ``u`` (all of one shape): the least k with P(X > k) <= u."""
    n, prob, u = np.broadcast_arrays(np.asarray(n, dtype=np.int64), np.asarray(prob, dtype=float), u)
    counts = np.where(prob >= 1.0, n, 0).astype(np.int64)
    open_ = np.flatnonzero((n > 0) & (prob > 0.0) & (prob < 1.0))
    if not len(open_):
        return counts
    m, p, v = n.flat[open_], prob.flat[open_], u.flat[open_]
    k = np.zeros(len(open_), dtype=np.int64)
    pmf = np.exp(m * np.log1p(-p))
    tail = 1.0 - pmf
    odds = p / (1.0 - p)
    exact = (pmf > 1e-300) & (v >= _TINY)         # else scipy's own steps (binom.ppf), as for large rates
    if not exact.all():
        far = ~exact
        k[far] = _ppf(1.0 - v[far], special.bdtrik, special.bdtr, m[far], p[far])
    active = np.flatnonzero(exact & (v < tail))
    while len(active):
        pmf[active] *= (m[active] - k[active]) / (k[active] + 1) * odds[active]
        k[active] += 1
        tail[active] -= pmf[active]
        active = active[(v[active] < tail[active]) & (k[active] < m[active])]
    counts.flat[open_] = k
    return counts


def geometric(prob: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Trials up to the first success (1, 2, ...) at success probability ``prob``, by inversion at ``u`` (at most
    2^62: a probability of 0 never succeeds)."""
    with np.errstate(divide="ignore"):
        k = np.ceil(np.log(u) / np.log1p(-np.asarray(prob, dtype=float)))
    return np.clip(np.nan_to_num(k, nan=2.0 ** 62, posinf=2.0 ** 62), 1, 2.0 ** 62).astype(np.int64)


def normal(u: np.ndarray) -> np.ndarray:
    """Standard normal draws by inversion at ``u``."""
    return special.ndtri(u)


def categorical_counts(n: np.ndarray, share: np.ndarray, u: np.ndarray, row: np.ndarray | None = None) -> np.ndarray:
    """Multinomial(n[i], share[i]) for each row i, (k, categories), with ``share`` (k or 1, categories): each of
    the n[i] items falls in a category by its uniform in ``u`` (sum(n),: row 0's items first) against the
    cumulative shares. ``row``: each item's row, if the caller has it (:func:`items`)."""
    k, c = len(n), share.shape[1]
    row = np.repeat(np.arange(k), n) if row is None else row
    cumulative = np.cumsum(share, axis=1)
    total = cumulative[:, -1:]
    if (total <= 0).any():      # no shares at all: every category alike
        cumulative = np.where(total > 0, cumulative, np.cumsum(np.ones_like(share, dtype=float), axis=1))
        total = cumulative[:, -1:]
    cumulative /= total
    if len(cumulative) == 1:
        category = np.searchsorted(cumulative[0, :-1], u, side="right")
    else:
        category = np.zeros(len(row), dtype=np.int64)
        for j in range(c - 1):
            category += u >= cumulative[row, j]
    return np.bincount(row * c + category, minlength=k * c).reshape(k, c)


def items(n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For counts ``n`` (k,): each item's row and its place among its row's items (0, 1, ...)."""
    row = np.repeat(np.arange(len(n)), n)
    start = np.cumsum(n) - n
    return row, np.arange(len(row)) - start[row]


def per_run(a: np.ndarray) -> np.ndarray:
    """Row sums of a (runs, k) array as (runs, 1), column by column: for the engine's short axes (k <= 4)
    about 10x faster than ``sum(axis=1)`` and 3x faster than ``einsum`` (5,000 x 3: 8 us, 75 us, 25 us)."""
    out = a[:, :1].copy()
    for j in range(1, a.shape[1]):
        out += a[:, j:j + 1]
    return out
