"""readout-compare evaluate GOLD_DIR: score the tool against hand-made gold pairs."""

from __future__ import annotations

import argparse

NAME = "evaluate"
SUMMARY = "score the tool on gold pair folders (docs/results.md)"


def add_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        NAME,
        parents=parents,
        help=SUMMARY,
        description="Score the tool on gold pair folders (a.txt, b.txt, gold.json[, gold2.json]): "
        "link, omission and label scores, pre-segmented and end-to-end.\n"
        "With --folds, also leave-one-pair-out: every tuned setting chosen without the pair it "
        "is scored on, printed beside the in-sample figure.",
        epilog="example: readout-compare evaluate ../shared/eval/dev/pairs --folds",
    )
    parser.add_argument("gold_dir", help="folder of pair folders")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--folds",
        action="store_true",
        help="print in-sample and out-of-fold figures per pair, in both modes (about 20 s a mode)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    import json

    from ..evaluation import MODES, evaluate_pairs, format_report, load_dir, report_to_dict
    from ..evaluation.folds import cross_validate, folds_to_dict, format_cross_validation

    config = args.config
    pairs = load_dir(args.gold_dir)
    report = evaluate_pairs(pairs, config=config, gold_dir=args.gold_dir)
    folds = [cross_validate(pairs, mode=m, config=config) for m in MODES] if args.folds else []
    if args.json:
        out = report_to_dict(report)
        if folds:
            out["folds"] = {cv.mode: folds_to_dict(cv) for cv in folds}
        print(json.dumps(out, indent=2))
        return 0
    print(format_report(report))
    for cv in folds:
        print()
        print(format_cross_validation(cv))
    return 0
