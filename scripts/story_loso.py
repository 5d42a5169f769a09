#!/usr/bin/env python3
"""Leave-one-story-out check of the story attribution's one tuned number, and per-story accuracy.

The attribution is rules, not fitted weights; the one number chosen by looking at stories is
`reading.HEADLINE_MAX_WORDS`: a whole line without a full stop is a headline up to that many
words, else a sentence that lost its full stop. For each held-out story, the value from the grid
with the best accuracy on the other stories (ties: the value closest to the default) attributes the
held-out story. The table shows each story's accuracy with the default (in-sample) and with its
held-out value, and the micro totals.

    .venv/bin/python scripts/story_loso.py [GOLD ...]
        (default: ../shared/eval/dev/articles/*.gold.json, ../shared/eval/korean/articles/*.json,
         tests/data/seed_story.gold.json, tests/data/stories/*.gold.json)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.evaluation.story import attribution_scores  # noqa: E402
from compare.story import reading  # noqa: E402

GRID = (8, 12, 16, 20, 25, 30, 40, 60)


def _scores(paths: list[Path], value: int) -> dict[Path, tuple[int, int]]:
    """(correct, sentences) per story with HEADLINE_MAX_WORDS = value."""
    saved = reading.HEADLINE_MAX_WORDS
    reading.HEADLINE_MAX_WORDS = value  # the sweep sets the module's constant, then restores it
    try:
        return {p: (s["correct"], s["sentences"]) for p in paths for s in [attribution_scores(p)]}
    finally:
        reading.HEADLINE_MAX_WORDS = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.gold or [
        *sorted((ROOT.parent / "shared" / "eval" / "dev" / "articles").glob("*.gold.json")),
        *sorted((ROOT.parent / "shared" / "eval" / "korean" / "articles").glob("*.json")),
        ROOT / "tests" / "data" / "seed_story.gold.json",
        *sorted((ROOT / "tests" / "data" / "stories").glob("*.gold.json")),
    ]
    default = reading.HEADLINE_MAX_WORDS
    by_value = {v: _scores(paths, v) for v in sorted({*GRID, default})}
    print(f"{'story':<66} {'n':>3}  in-sample  held-out (value)")
    totals = [0, 0, 0]
    for held in paths:
        others = [p for p in paths if p != held]

        def rank(v: int, others: list[Path] = others) -> tuple[int, int]:
            return (sum(by_value[v][p][0] for p in others), -abs(v - default))

        best = max(by_value, key=rank)
        inside, n = by_value[default][held]
        out, _ = by_value[best][held]
        totals = [totals[0] + inside, totals[1] + out, totals[2] + n]
        name = held.name.removesuffix(".json").removesuffix(".gold")
        print(f"{name:<66} {n:>3}  {inside / n:9.3f}  {out / n:8.3f} ({best})")
    inside, out, n = totals
    print(f"{'all (micro)':<66} {n:>3}  {inside / n:9.3f}  {out / n:8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
