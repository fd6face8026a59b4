"""A covering array over the combinations: few combinations in which every t-way tuple of option
values that occurs in some combination occurs at least once (t = 3 for the whole generated suites).

Rows are the options of a combination that matter in it (Combo.options minus STATIC_ONLY), so a
tuple with `celery_broker` only exists where Celery is on, as RELEVANT_WHEN says. The builder is
greedy over the full candidate list: start from the rows that must be in, then repeatedly add the
candidate that covers the most tuples still uncovered (the first such in matrix order, so the
result is the same on every run). The matrix is small enough to score every candidate each round.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from tests.matrix import Combo, all_on_combo, default_combo, runtime_combinations, runtime_options

Row = TypeVar("Row", bound=Hashable)
Pair = tuple[str, object]
Tuple = frozenset[Pair]

STRENGTH = 3


def tuples_of(options: Iterable[Pair], strength: int = STRENGTH) -> set[Tuple]:
    """Every `strength`-sized set of (option, value) pairs of one row (all of them if it has
    fewer options than that)."""
    pairs = list(options)
    size = min(strength, len(pairs))
    return {frozenset(chosen) for chosen in itertools.combinations(pairs, size)}


def covering_array(
    candidates: Sequence[Row],
    options_of: Mapping[Row, tuple[Pair, ...]],
    strength: int = STRENGTH,
    required: Sequence[Row] = (),
) -> list[Row]:
    """The required rows, then greedily chosen candidates, until every `strength`-way tuple that
    occurs in some candidate occurs in a chosen row. Rows come back in candidate order."""
    tuples = {row: tuples_of(options_of[row], strength) for row in candidates}
    uncovered = set().union(*tuples.values())
    chosen = list(dict.fromkeys(required))
    for row in chosen:
        uncovered -= tuples[row]
    while uncovered:
        best = max(candidates, key=lambda row: len(tuples[row] & uncovered))
        chosen.append(best)
        uncovered -= tuples[best]
    picked = set(chosen)
    return [row for row in candidates if row in picked]


def coverage(
    chosen: Iterable[Row],
    candidates: Iterable[Row],
    options_of: Mapping[Row, tuple[Pair, ...]],
    strength: int = STRENGTH,
) -> float:
    """The share of the `strength`-way tuples occurring in the candidates that the chosen rows
    contain (1.0 when there are none to cover)."""
    possible: set[Tuple] = set().union(
        *(tuples_of(options_of[row], strength) for row in candidates)
    )
    covered: set[Tuple] = set().union(*(tuples_of(options_of[row], strength) for row in chosen))
    return len(possible & covered) / len(possible) if possible else 1.0


def whole_suite_combinations(combos: list[Combo], strength: int = STRENGTH) -> list[Combo]:
    """The combinations that run their whole generated suites with `--suites=covering`: a
    covering array over the runtime combinations (STATIC_ONLY options left out), always with the
    default and the all-on combination."""
    runtime = runtime_combinations(combos)
    options_of = {combo: runtime_options(combo) for combo in runtime}
    required = [default_combo(runtime), all_on_combo(runtime)]
    return covering_array(runtime, options_of, strength, required)


def runtime_coverage(chosen: Iterable[Combo], combos: list[Combo]) -> float:
    """The share of the 3-way value tuples of the runtime combinations that `chosen` covers."""
    runtime = runtime_combinations(combos)
    options_of = {combo: runtime_options(combo) for combo in runtime}
    return coverage([c.runs_as for c in chosen], runtime, options_of)
