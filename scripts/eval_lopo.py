#!/usr/bin/env python3
"""Leave-one-pair-out tuning of the alignment thresholds over the dev gold pairs.

A small grid around the current Config defaults (semantic_weight, link_threshold, extra_threshold,
extra_margin, agree_threshold, anchor_bonus; 3 values each, extra partners never below the link
threshold) is scored on every pair once (the CachingEmbedder embeds each statement once for the
whole sweep).
For each held-out pair, the config with the best objective on the other pairs (mean of
sure/possible link F1 and omission F1, micro over those pairs; ties go to higher label accuracy,
then to the config closest to the defaults) scores the held-out pair. The table compares
in-sample figures (defaults; the best config on all pairs) with the held-out ones.

    .venv/bin/python scripts/eval_lopo.py [--gold-dir ../shared/eval/dev/pairs]
        [--mode presegmented|end_to_end] [--model NAME_OR_PATH] [--json out/lopo.json]

--model compares another sentence-transformers model under the same protocol. The grid stays
centred on the defaults, so a model whose cosines run higher or lower can move one step from them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.embed import load_embedder  # noqa: E402
from compare.errors import CompareError  # noqa: E402
from compare.evaluation import (  # noqa: E402
    MODES,
    CachingEmbedder,
    PairScores,
    aggregate,
    config_to_dict,
    load_dir,
    objective,
    run_pair,
    score_pair,
)
from compare.schema import Config  # noqa: E402

# field -> step; the grid takes default - step, default, default + step (clamped to 0..1)
STEPS = {
    "semantic_weight": 0.1,
    "link_threshold": 0.05,
    "extra_threshold": 0.05,
    "extra_margin": 0.03,
    "agree_threshold": 0.05,
    "anchor_bonus": 0.1,
}


def grid(base: Config) -> list[Config]:
    """Every combination of the stepped values, less those with extra_threshold < link_threshold
    (the defaults are always in)."""
    names = [name for name in STEPS if name in {f.name for f in fields(Config)}]
    axes = []
    for name in names:
        default = getattr(base, name)
        values = {round(min(1.0, max(0.0, default + k * STEPS[name])), 4) for k in (-1, 0, 1)}
        axes.append(sorted(values))
    out = [base]
    for values in itertools.product(*axes):
        changes = dict(zip(names, values, strict=True))
        if changes == {n: getattr(base, n) for n in names}:
            continue
        lt = changes.get("link_threshold", base.link_threshold)
        et = changes.get("extra_threshold", base.extra_threshold)
        if et < lt - 1e-9:
            continue
        out.append(replace(base, **changes))
    return out


def distance(config: Config, base: Config) -> float:
    return sum(abs(getattr(config, n) - getattr(base, n)) / STEPS[n] for n in STEPS)


def changed(config: Config, base: Config) -> str:
    diffs = [f"{n}={getattr(config, n):g}" for n in STEPS if getattr(config, n) != getattr(base, n)]
    return ", ".join(diffs) or "defaults"


def pick(configs: list[Config], table: dict[int, list[PairScores]], keep: list[int], base: Config):
    """Index of the config with the best objective over the pairs `keep`."""

    def key(c: int):
        sp, _ = aggregate(table[c][k] for k in keep)
        return (-objective(sp), -(sp.label_accuracy.value or 0.0), distance(configs[c], base), c)

    return min(range(len(configs)), key=key)


def row(name: str, scores: list[PairScores]) -> list[str]:
    sp, _ = aggregate(scores)

    def f(x):
        return "-" if x is None else f"{x:.3f}"

    return [
        name,
        f(sp.links.precision), f(sp.links.recall), f(sp.links.f1),
        f(sp.omissions.precision), f(sp.omissions.recall), f(sp.omissions.f1),
        f(objective(sp)), f(sp.label_accuracy.value), f(sp.diverge_recall.value),
    ]  # fmt: skip


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[k]) for r in (header, *rows)) for k in range(len(header))]
    for n, r in enumerate((header, *rows)):
        print(
            "  ".join(c.ljust(widths[0]) if k == 0 else c.rjust(widths[k]) for k, c in enumerate(r))
        )
        if n == 0:
            print("-" * (sum(widths) + 2 * (len(widths) - 1)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", default=str(ROOT.parent / "shared/eval/dev/pairs"))
    parser.add_argument("--mode", choices=MODES, default="presegmented")
    parser.add_argument("--model", help="sentence-transformers model name or local path")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)

    try:
        pairs = load_dir(args.gold_dir)
        base = Config(model=args.model)
        configs = grid(base)
        embedder = CachingEmbedder(load_embedder(base.model))
        t0 = time.time()
        # table[c][k]: scores of pair k under config c
        table = {
            c: [
                score_pair(p, run_pair(p, args.mode, config=cfg, embedder=embedder), args.mode)
                for p in pairs
            ]
            for c, cfg in enumerate(configs)
        }
    except CompareError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    elapsed = time.time() - t0
    everything = list(range(len(pairs)))
    best_all = pick(configs, table, everything, base)
    held_out, folds = [], []
    for k, pair in enumerate(pairs):
        chosen = pick(configs, table, [j for j in everything if j != k], base)
        held_out.append(table[chosen][k])
        folds.append((pair.name, chosen))

    print(
        f"{len(pairs)} pairs, {len(configs)} configs, mode {args.mode}, model {embedder.name}: "
        f"{elapsed:.1f}s ({embedder.misses} texts embedded, {embedder.hits} cache hits)"
    )
    print("objective = mean of sure/possible link F1 and omission F1 (micro over pairs)\n")
    header = ["", "link P", "link R", "link F1", "om P", "om R", "om F1", "objective",
              "label acc", "div rec"]  # fmt: skip
    print_table(
        header,
        [
            row("defaults (in-sample)", table[0]),
            row("best on all (in-sample)", table[best_all]),
            row("leave-one-pair-out (held-out)", held_out),
        ],
    )
    print(f"\nbest on all: {changed(configs[best_all], base)}")
    print("\nper fold: held-out pair, config chosen on the others, held-out objective (defaults)")
    for (name, chosen), k in zip(folds, everything, strict=True):
        held, default = table[chosen][k], table[0][k]
        print(
            f"  {name}: {changed(configs[chosen], base)}; "
            f"{held.objective:.3f} ({default.objective:.3f})"
        )

    if args.json:
        out = {
            "mode": args.mode,
            "model": embedder.name,
            "n_configs": len(configs),
            "defaults": config_to_dict(base),
            "best_on_all": config_to_dict(configs[best_all]),
            "folds": [
                {
                    "held_out": name,
                    "config": config_to_dict(configs[c]),
                    "held_out_objective": table[c][k].objective,
                    "defaults_objective": table[0][k].objective,
                }
                for (name, c), k in zip(folds, everything, strict=True)
            ],
            "summary": {
                name: dict(zip(header[1:], r[1:], strict=True))
                for name, r in (
                    ("defaults", row("", table[0])),
                    ("best_on_all", row("", table[best_all])),
                    ("held_out", row("", held_out)),
                )
            },
        }
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
