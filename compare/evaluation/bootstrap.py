"""How far a figure could move on other pairs like these: a bootstrap over pairs.

The dev set is 16 pairs; one link moves link F1 by about 0.01, and one pair's readouts can move
it by 0.05. Resampling whole pairs with replacement (the pair is the unit the tool is judged on)
and micro-averaging each draw, as `aggregate` does, gives a percentile interval for each figure.
The draws are seeded, so a report prints the same interval every time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .scores import PairScores, SurePossibleScores, aggregate

DRAWS = 2000
LEVEL = 0.95
# with fewer pairs than this, an interval says little more than the pairs' own range
FEW_PAIRS = 10

# the figures an interval is given for (sure/possible scoring), by the name a report prints
FIGURES: dict[str, Callable[[SurePossibleScores], float | None]] = {
    "link F1": lambda s: s.links.f1,
    "omission F1": lambda s: s.omissions.f1,
    "label accuracy": lambda s: s.label_accuracy.value,
}


@dataclass(frozen=True)
class Interval:
    """The central `level` share of a figure's bootstrap draws (`draws` of them defined), the
    figure itself over all pairs (`value`), and how many pairs define it (`pairs`)."""

    low: float
    high: float
    level: float
    draws: int
    value: float
    pairs: int


def intervals(
    pairs: Sequence[PairScores], *, draws: int = DRAWS, level: float = LEVEL, seed: int = 0
) -> dict[str, Interval | None]:
    """A percentile interval for each of `FIGURES` over `draws` resamplings of `pairs`; None
    for a figure no draw defines (or with fewer than two pairs, where resampling says nothing)."""
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    out: dict[str, Interval | None] = dict.fromkeys(FIGURES)
    if len(pairs) < 2 or draws < 1:
        return out
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pairs), size=(draws, len(pairs)))
    values: dict[str, list[float]] = {name: [] for name in FIGURES}
    for pick in picks:
        scores = aggregate(pairs[k] for k in pick)[0]
        for name, figure in FIGURES.items():
            value = figure(scores)
            if value is not None:
                values[name].append(value)
    tail = (1 - level) / 2 * 100
    whole = aggregate(pairs)[0]
    for name, drawn in values.items():
        value = FIGURES[name](whole)
        if drawn and value is not None:
            low, high = np.percentile(drawn, [tail, 100 - tail])
            defined = sum(FIGURES[name](p.sure_possible) is not None for p in pairs)
            out[name] = Interval(float(low), float(high), level, len(drawn), value, defined)
    return out


def format_intervals(named: dict[str, dict[str, Interval | None]]) -> str:
    """One line per figure: the figure and its interval under each heading of `named` (e.g.
    in-sample and out-of-fold), how many pairs define it, and how it was drawn."""
    found = [i for group in named.values() for i in group.values() if i is not None]
    level = found[0].level if found else LEVEL
    draws = max((i.draws for i in found), default=0)
    lines = [f"{level:.0%} interval over pairs (bootstrap: the pairs resampled {draws} times):"]
    for figure in FIGURES:
        parts, pairs = [], 0
        for heading, group in named.items():
            interval = group.get(figure)
            shown = (
                "-"
                if interval is None
                else f"{interval.value:.2f} ({interval.low:.2f}-{interval.high:.2f})"
            )
            parts.append(f"{shown} {heading}" if heading else shown)
            pairs = max(pairs, interval.pairs if interval is not None else 0)
        lines.append(f"  {figure:<15} " + ", ".join(parts) + f"   [{pairs} pairs]")
    fewest = min((i.pairs for i in found), default=0)
    if found and fewest < FEW_PAIRS:
        lines.append(
            f"  few pairs ({fewest}): such an interval is little more than the pairs' own range"
        )
    return "\n".join(lines)


def interval_dict(found: dict[str, Interval | None]) -> dict[str, dict[str, float] | None]:
    """The intervals as JSON-ready data."""
    return {
        name: None
        if i is None
        else {
            "value": i.value,
            "low": i.low,
            "high": i.high,
            "level": i.level,
            "draws": i.draws,
            "pairs": i.pairs,
        }
        for name, i in found.items()
    }
