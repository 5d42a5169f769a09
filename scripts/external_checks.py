"""Check single labelling decisions on public sentence-pair sets (shared/eval/external).

Each pair goes through the same library call the app uses, one statement per side:
    compare_texts(sentence_a, sentence_b, config=Config(split="lines"))
- SICK test: share of CONTRADICTION pairs labelled diverge (target >= 0.70) and of ENTAILMENT
  pairs labelled diverge (target <= 0.05).
- MSRP test: accuracy of agree vs not-agree against the paraphrase label (reported; no longer
  a target since issue 11: a paraphrase set, not this task).

Usage: .venv/bin/python scripts/external_checks.py [EXTERNAL_DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from compare import Config, Label, SplitMode, compare_texts
from compare.embed import load_embedder
from compare.evaluation import CachingEmbedder

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "external"


def pair_label(a: str, b: str, config: Config, embedder) -> Label:
    """The label of the row holding statement a0 (only_a when nothing aligned)."""
    result = compare_texts(a, b, config=config, embedder=embedder)
    for row in result.alignments:
        if 0 in row.a:
            return row.label
    return Label.ONLY_A


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def sick(path: Path, config: Config, embedder, limit: int | None) -> dict[str, float]:
    rows = read_tsv(path)[:limit]
    counts: Counter = Counter()
    for row in rows:
        gold = row["entailment_judgment"]
        label = pair_label(row["sentence_A"], row["sentence_B"], config, embedder)
        counts[(gold, label is Label.DIVERGE)] += 1
    share = {}
    for gold in ("CONTRADICTION", "ENTAILMENT", "NEUTRAL"):
        total = counts[(gold, True)] + counts[(gold, False)]
        share[gold] = counts[(gold, True)] / total if total else float("nan")
    return share


def msrp(path: Path, config: Config, embedder, limit: int | None) -> dict[str, float]:
    rows = read_tsv(path)[:limit]
    right = 0
    tp = fp = fn = 0
    for row in rows:
        gold = row["Quality"] == "1"
        label = pair_label(row["#1 String"], row["#2 String"], config, embedder)
        predicted = label is Label.AGREE
        right += predicted == gold
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": right / len(rows), "f1": f1, "pairs": len(rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("external_dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument(
        "--limit", type=int, default=None, help="only the first N pairs of each set"
    )
    args = parser.parse_args(argv)
    folder = Path(args.external_dir)
    config = Config(split=SplitMode.LINES)
    embedder = CachingEmbedder(load_embedder(config.model))

    share = sick(folder / "SICK_test_annotated.txt", config, embedder, args.limit)
    print("SICK test: share labelled diverge")
    for gold, value in share.items():
        print(f"  {gold:<13} {value:.3f}")
    print(
        f"  target: CONTRADICTION >= 0.70 -> {'met' if share['CONTRADICTION'] >= 0.70 else 'NOT met'}; "
        f"ENTAILMENT <= 0.05 -> {'met' if share['ENTAILMENT'] <= 0.05 else 'NOT met'}"
    )
    scores = msrp(folder / "msr-para-test.tsv", config, embedder, args.limit)
    print(
        f"MSRP test ({scores['pairs']} pairs): agree vs not-agree accuracy {scores['accuracy']:.3f}, "
        f"F1 {scores['f1']:.3f} (reported, not a target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
