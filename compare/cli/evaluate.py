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
        "With --backend, every pair is embedded by that backend of --model (default "
        "all-MiniLM-L6-v2); without it, each pair gets the model for its languages.",
        epilog="example: readout-compare evaluate ../shared/eval/dev/pairs --backend onnx",
    )
    parser.add_argument("gold_dir", help="folder of pair folders")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    import json

    from ..embed import load_embedder
    from ..evaluation import evaluate_dir, format_report, report_to_dict

    config = args.config
    embedder = load_embedder(config.model, backend=args.backend) if args.backend else None
    report = evaluate_dir(args.gold_dir, config=config, embedder=embedder)
    print(json.dumps(report_to_dict(report), indent=2) if args.json else format_report(report))
    return 0
