"""Out-of-fold evaluation: every tuned setting is chosen without the pair it is scored on.

The settings with a `grid` in their Config metadata are tuned; every combination of their grid
values is run once on every pair (the similarity matrices are measured once per pair, so a
sweep costs only the align and label stages). For each held-out pair, the combination with the
best objective on the other pairs scores the held-out pair. The table puts that out-of-fold
figure beside the in-sample one (the shipped defaults, which were chosen on all pairs).

Settings without a grid are fixed by design; say so when reporting, since a rule found by reading
the dev pairs is in-sample however it is scored.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..schema import Config
from .bootstrap import format_intervals, interval_dict, intervals
from .gold import GoldPair
from .run import prepare_pair
from .scores import PairScores, SurePossibleScores, aggregate, objective, score_pair


def grid(base: Config) -> list[Config]:
    """`base` with every combination of the tuned settings' grid values (`base` itself first)."""
    tuned = [s for s in Config.settings() if s.grid]
    combos = itertools.product(*(s.grid for s in tuned))
    out = [base]
    for values in combos:
        config = replace(base, **{s.name: v for s, v in zip(tuned, values, strict=True)})
        if config != base:
            out.append(config)
    return out


def _distance(config: Config, base: Config) -> int:
    """How many grid steps `config` lies from `base` (ties go to the nearer one)."""
    steps = 0
    for s in Config.settings():
        here, there = getattr(config, s.name), getattr(base, s.name)
        if here == there:
            continue
        values = list(s.grid)
        steps += (
            abs(values.index(here) - values.index(there)) if {here, there} <= set(values) else 1
        )
    return steps


@dataclass(frozen=True)
class Fold:
    """One held-out pair: its score with the defaults and with the settings chosen without it."""

    pair: str
    chosen: Config
    in_sample: PairScores
    out_of_fold: PairScores


@dataclass(frozen=True)
class CrossValidation:
    mode: str
    base: Config
    configs_tried: int
    folds: tuple[Fold, ...]
    best_on_all: Config

    @property
    def in_sample(self) -> SurePossibleScores:
        return aggregate(f.in_sample for f in self.folds)[0]

    @property
    def out_of_fold(self) -> SurePossibleScores:
        return aggregate(f.out_of_fold for f in self.folds)[0]


def cross_validate(
    pairs: Sequence[GoldPair],
    *,
    mode: str = "presegmented",
    config: Config | None = None,
    embedder: Any = None,
    configs: Sequence[Config] | None = None,
) -> CrossValidation:
    """Leave-one-pair-out over `configs` (default: `grid(config)`), scored in `mode`."""
    from ..pipeline import decide  # lazy: the numpy-heavy stages

    base = config or Config()
    configs = [base, *(c for c in (grid(base) if configs is None else configs) if c != base)]
    prepared = [prepare_pair(gold, mode, config=base, embedder=embedder) for gold in pairs]
    table = [
        [
            score_pair(gold, decide(*prep, config=c), mode)
            for gold, prep in zip(pairs, prepared, strict=True)
        ]
        for c in configs
    ]

    def fit(held_out: int | None) -> int:
        """The config index with the best objective on every pair but `held_out`."""

        def key(k: int) -> tuple[float, int]:
            train = [s for p, s in enumerate(table[k]) if p != held_out]
            return objective(aggregate(train)[0]), -_distance(configs[k], base)

        return max(range(len(configs)), key=key)

    folds = []
    for p, gold in enumerate(pairs):
        k = fit(p)
        folds.append(Fold(gold.name, configs[k], table[0][p], table[k][p]))
    return CrossValidation(mode, base, len(configs), tuple(folds), configs[fit(None)])


def folds_to_dict(cv: CrossValidation) -> dict[str, Any]:
    """The cross-validation as JSON-ready data: per pair, in-sample and out-of-fold scores and
    the tuned settings its fold chose."""
    from .report import sure_possible_dict

    tuned = [s.name for s in Config.settings() if s.grid]
    return {
        "mode": cv.mode,
        "configs_tried": cv.configs_tried,
        "tuned": tuned,
        "in_sample": sure_possible_dict(cv.in_sample),
        "out_of_fold": sure_possible_dict(cv.out_of_fold),
        "intervals": {
            "in_sample": interval_dict(intervals([f.in_sample for f in cv.folds])),
            "out_of_fold": interval_dict(intervals([f.out_of_fold for f in cv.folds])),
        },
        "pairs": [
            {
                "pair": f.pair,
                "chosen": {name: getattr(f.chosen, name) for name in tuned},
                "in_sample": sure_possible_dict(f.in_sample.sure_possible),
                "out_of_fold": sure_possible_dict(f.out_of_fold.sure_possible),
            }
            for f in cv.folds
        ],
    }


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def format_cross_validation(cv: CrossValidation) -> str:
    """Per pair and overall: in-sample (defaults) | out-of-fold, for each main figure."""
    header = "pair".ljust(44) + "link F1 in  oof   om F1 in  oof   label in  oof"
    lines = [
        f"== {cv.mode}: leave-one-pair-out over {cv.configs_tried} settings "
        f"({', '.join(s.name for s in Config.settings() if s.grid)})",
        header,
        "-" * len(header),
    ]

    def row(name: str, a: SurePossibleScores, b: SurePossibleScores) -> str:
        return (
            f"{name:<44}"
            f"{_f(a.links.f1):>10} {_f(b.links.f1):>4}"
            f"{_f(a.omissions.f1):>11} {_f(b.omissions.f1):>4}"
            f"{_f(a.label_accuracy.value):>11} {_f(b.label_accuracy.value):>4}"
        )

    for f in cv.folds:
        lines.append(row(f.pair[:44], f.in_sample.sure_possible, f.out_of_fold.sure_possible))
    lines.append("-" * len(header))
    lines.append(row("overall (micro)", cv.in_sample, cv.out_of_fold))
    lines.append(
        format_intervals(
            {
                "in": intervals([f.in_sample for f in cv.folds]),
                "oof": intervals([f.out_of_fold for f in cv.folds]),
            }
        )
    )
    changed = {}
    for f in cv.folds:
        for s in Config.settings():
            if s.grid and getattr(f.chosen, s.name) != getattr(cv.base, s.name):
                changed.setdefault(s.name, []).append(getattr(f.chosen, s.name))
    lines.append(
        "folds moved from the defaults: "
        + (
            "; ".join(f"{k} in {len(v)} of {len(cv.folds)}" for k, v in changed.items())
            if changed
            else "none"
        )
    )
    best = {
        s.name: getattr(cv.best_on_all, s.name)
        for s in Config.settings()
        if s.grid and getattr(cv.best_on_all, s.name) != getattr(cv.base, s.name)
    }
    lines.append(f"best on all pairs (in-sample) differs from the defaults in: {best or 'nothing'}")
    return "\n".join(lines)
