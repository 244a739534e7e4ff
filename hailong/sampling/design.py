"""Sample design maths: Slovin's size, proportional allocation, a reproducible stratified draw.

Pure functions over plain data (no ORM, no settings), so the tables in the tests pin them.

- ``slovin(N, e)``: n = N / (1 + N·e²), computed exactly (fractions, never floats) and rounded
  **up** to a whole unit, so that the margin of error is at most ``e``: N=100 → 80,
  N=1000 → 286 (285.71…), N=10000 → 385 (384.62…). Never more than N.
- ``allocate(sizes, total, minimum)``: proportional allocation n_h ∝ N_h by the largest
  remainder method (so the parts sum exactly to the total), with an optional minimum per
  stratum; a stratum never gets more than it has, and what it cannot take goes to the others.
- ``draw(units, allocation, seed)``: a simple random sample without replacement in each
  stratum. Each unit's place is the SHA-256 of ``"<seed>|<unit key>"``; a stratum takes its
  n_h smallest. The same seed and frame give the same sample on any machine, in any Python
  version, whatever order the database returns the frame in.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

DEFAULT_MARGIN = Decimal("0.05")
MIN_MARGIN = Decimal("0.01")
MAX_MARGIN = Decimal("0.20")


def slovin_exact(population: int, margin: Decimal = DEFAULT_MARGIN) -> Fraction:
    """N / (1 + N·e²) as an exact fraction (0 for an empty frame)."""
    if population <= 0:
        return Fraction(0)
    e = Fraction(margin)
    return Fraction(population) / (1 + population * e * e)


def slovin(population: int, margin: Decimal = DEFAULT_MARGIN) -> int:
    """Slovin's sample size, rounded up, at most ``population``."""
    return min(population, math.ceil(slovin_exact(population, margin))) if population > 0 else 0


def allocate(sizes: Mapping[str, int], total: int, *, minimum: int = 0) -> dict[str, int]:
    """Split ``total`` over the strata in proportion to their sizes; the parts sum to it.

    1. The total is capped at the frame size; empty strata get nothing.
    2. Each stratum first gets ``min(minimum, N_h)`` if those minimums fit in the total
       (otherwise the minimum is dropped, and the allocation is purely proportional).
    3. The rest goes in proportion to N_h by the largest remainder (ties: the larger stratum,
       then the key). A stratum whose share exceeds its size is filled completely and taken
       out; the rest is shared again among the others, until every share fits.
    """
    total = max(0, min(total, sum(max(0, n) for n in sizes.values())))
    alloc = dict.fromkeys(sizes, 0)
    live = {key: n for key, n in sizes.items() if n > 0}
    floor = {key: min(minimum, n) for key, n in live.items()}
    if sum(floor.values()) <= total:
        alloc.update(floor)
    remaining = total - sum(alloc.values())
    while remaining > 0 and live:
        room = {key: live[key] - alloc[key] for key in live if live[key] > alloc[key]}
        shares = _largest_remainder(room, remaining, weights={k: live[k] for k in room})
        over = [key for key, share in shares.items() if share > room[key]]
        if not over:
            for key, share in shares.items():
                alloc[key] += share
            break
        for key in over:
            remaining -= room[key]
            alloc[key] = live.pop(key)
    return alloc


def _largest_remainder(
    keys: Mapping[str, int], total: int, *, weights: Mapping[str, int]
) -> dict[str, int]:
    weight_sum = sum(weights[k] for k in keys)
    if weight_sum == 0:
        return dict.fromkeys(keys, 0)
    quotas = {k: Fraction(total * weights[k], weight_sum) for k in keys}
    shares = {k: math.floor(q) for k, q in quotas.items()}
    left = total - sum(shares.values())
    order = sorted(keys, key=lambda k: (-(quotas[k] - shares[k]), -weights[k], k))
    for key in order[:left]:
        shares[key] += 1
    return shares


@dataclass(slots=True)
class Unit:
    """One unit of a frame: a stable key (what the seed is hashed with) and its stratum."""

    key: str
    stratum: str


def rank(seed: int, key: str) -> bytes:
    """The unit's place in the random order of ``seed``: SHA-256 of ``"<seed>|<key>"``
    (smaller comes first; the same order as comparing the hex digests)."""
    return hashlib.sha256(f"{seed}|{key}".encode()).digest()


def draw[U: Unit](units: Iterable[U], allocation: Mapping[str, int], seed: int) -> list[U]:
    """The sample: per stratum (in ``allocation``'s order) its n_h units of smallest rank."""
    prefix = hashlib.sha256(f"{seed}|".encode())
    by_stratum: dict[str, list[tuple[bytes, U]]] = {}
    for unit in units:
        digest = prefix.copy()
        digest.update(unit.key.encode())
        by_stratum.setdefault(unit.stratum, []).append((digest.digest(), unit))
    chosen: list[U] = []
    for stratum, size in allocation.items():
        ranked = heapq.nsmallest(size, by_stratum.get(stratum, []), key=lambda pair: pair[0])
        chosen.extend(unit for _rank, unit in ranked)
    return chosen


def sizes_of(units: Sequence[Unit]) -> dict[str, int]:
    """N_h per stratum, in the order strata first appear."""
    sizes: dict[str, int] = {}
    for unit in units:
        sizes[unit.stratum] = sizes.get(unit.stratum, 0) + 1
    return sizes
