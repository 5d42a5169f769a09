"""readout-compare story: split a news story into each government's statements and compare them.

readout-compare story FILE [--out DIR] [--names A B] [--model M]
readout-compare story --score GOLD [GOLD ...]
"""

from __future__ import annotations

import argparse
import logging
import shlex
from pathlib import Path

from ..errors import InputError
from .options import (
    PROG,
    print_result,
    read_side,
    read_stdin,
    source_file,
    source_name,
    write_results,
    wrote,
)

log = logging.getLogger("compare")

_TEXT_WIDTH = 70


NAME = "story"
SUMMARY = "split a news story into each government's statements, then compare them"


def add_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        NAME,
        parents=parents,
        help=SUMMARY,
        description="Split a news story that quotes two governments into what each said (a, b, "
        "both or narrator, with the cue each decision relied on), then compare a's statements "
        "with b's.",
        epilog="example: readout-compare story story.txt --out out/ --names 'South Korea' 'US'\n"
        "score the attribution on gold files: readout-compare story --score "
        "tests/data/seed_story.gold.json",
    )
    parser.add_argument("file", nargs="?", help="the story: a .txt/.md/.html/.pdf/.docx file or -")
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="write attribution.csv, statements.csv, alignments.csv, provenance.json and "
        "report.html here",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the counts, not the key findings"
    )
    parser.add_argument(
        "--names",
        nargs=2,
        type=source_name,
        metavar=("A", "B"),
        help="the two governments, side a first (e.g. 'South Korea' 'US State Department'); "
        "default: found in the story, the first one quoted is a",
    )
    parser.add_argument(
        "--score",
        nargs="+",
        metavar="GOLD",
        help="instead of a story, score the attribution on .gold.json files and print a table",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Attribute a story's sentences, print them with their cues, compare side a with side b."""
    if args.score:
        return _score(args.score)
    if not args.file:
        raise InputError("give the story FILE (or --score GOLD ...)")

    from ..detect import story_signals
    from ..export import output_folder
    from ..story import attribute_story, attribution_csv, compare_story

    out = output_folder(args.out) if args.out else None  # before any work: a bad --out fails fast
    text = read_side(args.file, read_stdin() if args.file == "-" else None)
    attribution = attribute_story(text, names=args.names)
    if doubt := story_signals(text).doubt():
        log.warning("%s: '%s A B'", doubt, PROG)
    print(_attribution_table(attribution))
    if out:  # written before comparing, so a one-sided story still leaves its attribution
        (out / "attribution.csv").write_bytes(attribution_csv(attribution))
    if attribution.empty_sides():
        print(_one_sided(attribution, out))
        if out:
            wrote([out / "attribution.csv"])
        return 0
    comparison = compare_story(attribution, config=args.config)
    if out:
        story_file = source_file(args.file)  # both sides come from the one story
        wrote([out / "attribution.csv", *write_results(comparison, out, (story_file,) * 2)])
    print()
    print_result(comparison, quiet=args.quiet)
    return 0


def _attribution_table(attribution) -> str:
    """Two lines per sentence: index, side and the start of the text; then source and cue."""
    counts = attribution.counts()
    lines = [
        f"a = {attribution.names[0]} ({counts['a']}), b = {attribution.names[1]} ({counts['b']}), "
        f"both {counts['both']}, narrator {counts['narrator']}"
    ]
    for s in attribution.sentences:
        text = s.text if len(s.text) <= _TEXT_WIDTH else s.text[: _TEXT_WIDTH - 1] + "\u2026"
        lines.append(f"{s.index:>3}  {s.attribution:<8}  {text}")
        lines.append(f"{'':>3}  {'':<8}  \u21b3 {s.source or '-'}: {s.cue}")
    return "\n".join(lines)


def _one_sided(attribution, out: Path | None) -> str:
    """Why the comparison is skipped, and the commands that get one."""
    lines = ["", f"not compared: {attribution.one_sided_message()}."]
    empty = attribution.empty_sides()
    if len(empty) == 2:
        lines.append(
            "fix: name the two governments with --names A B, or correct the rows in the app's "
            "story mode"
        )
        return "\n".join(lines)
    own = "b" if empty == ("a",) else "a"
    own_name = attribution.names["ab".index(own)]
    other_name = attribution.names["ab".index(empty[0])]
    readout = f"story_{own}.txt"
    if out:
        (out / readout).write_text(attribution.side_text(own) + "\n", encoding="utf-8")
        readout = str(out / readout)
        lines.append(f"the sentences of side {own.upper()} ({own_name}) are in {readout}.")
    else:
        readout = f"OUT/{readout}"
        lines.append(f"add --out OUT to write the sentences of side {own.upper()} to {readout}.")
    names = f"--names {shlex.quote(own_name)} {shlex.quote(other_name)}"
    lines.append(
        f"to compare them with a readout by {other_name}: readout-compare {shlex.quote(readout)} "
        f"READOUT {names}"
    )
    lines.append(
        "if the story does quote both, name the sides with --names A B or correct the rows in the "
        "app's story mode"
    )
    return "\n".join(lines)


def _score(paths: list[str]) -> int:
    from ..evaluation.story import attribution_scores, format_scores

    print(format_scores(attribution_scores(p) for p in paths))
    return 0
