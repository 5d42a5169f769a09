"""readout-compare [compare] A B: compare two readouts and print the counts and one line per row."""

from __future__ import annotations

import argparse
import sys

from ..schema import SplitMode
from .options import (
    print_result,
    read_pair,
    side_names,
    source_file,
    source_name,
    write_results,
    wrote,
)

NAME = "compare"
SUMMARY = "compare two readouts (the default: 'readout-compare A B' is the same)"
EXAMPLE = (
    "example: readout-compare samples/chung-blinken_call_2021-08-05/a.txt "
    "samples/chung-blinken_call_2021-08-05/b.txt --out out/ --names 'ROK MOFA' 'US State Dept'"
)


def add_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        NAME,
        parents=parents,
        help=SUMMARY,
        description="Compare two readouts of the same call: align their statements, label each "
        "group agree / partial / diverge and each leftover only_a / only_b, and say why.\n"
        "'readout-compare A B' is short for 'readout-compare compare A B'.",
        epilog=EXAMPLE,
    )
    parser.add_argument("a", help="side A: a .txt/.md/.html/.pdf/.docx file, or - for stdin")
    parser.add_argument("b", help="side B: a file, or - for stdin")
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write statements.csv, alignments.csv, provenance.json (sources, model, "
        "settings, tool version) and report.html (the app's view, one file) here",
    )
    parser.add_argument(
        "--names",
        nargs=2,
        type=source_name,
        metavar=("NAME_A", "NAME_B"),
        help="source names (default: guessed from each text, as the app does, else the file name)",
    )
    parser.add_argument(
        "--split",
        choices=[m.value for m in SplitMode],
        default=SplitMode.SENTENCES.value,
        help="'lines' takes one statement per line (pre-segmented input)",
    )
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the counts, not one line per row"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from ..export import output_folder, to_json
    from ..pipeline import compare_texts

    out = output_folder(args.out) if args.out else None  # before any work: a bad --out fails fast
    a_text, b_text = read_pair(args.a, args.b)
    if a_text == b_text:
        print("note: A and B are the same text", file=sys.stderr)
    names = side_names(args.names, (args.a, args.b), (a_text, b_text))
    comparison = compare_texts(a_text, b_text, names=names, config=args.config)
    if out:
        wrote(write_results(comparison, out, (source_file(args.a), source_file(args.b))))
    if args.json:
        print(to_json(comparison))
        return 0
    print_result(comparison, quiet=args.quiet)
    return 0
