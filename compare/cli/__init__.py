"""readout-compare: thin commands over the library.

readout-compare A B --out DIR [--names N1 N2] [--split lines] [--model M] [--json]
readout-compare evaluate GOLD_DIR [--json]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from ..errors import CompareError, FileReadError, InputError
from ..schema import Config, SplitMode

log = logging.getLogger("compare")

COMMANDS: dict[str, Callable[[list[str]], int]] = {}


def _model_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that runs the pipeline."""
    defaults = Config()
    parser.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help="sentence-transformers model folder or installed name (default: all-MiniLM-L6-v2 for "
        "English, multilingual USE when a side is Korean)",
    )
    parser.add_argument(
        "--link-threshold",
        type=float,
        default=defaults.link_threshold,
        help=f"minimum combined score for a link (default {defaults.link_threshold})",
    )
    parser.add_argument(
        "--agree-threshold",
        type=float,
        default=defaults.agree_threshold,
        help=f"minimum combined score for 'agree' (default {defaults.agree_threshold})",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")


def _config(args: argparse.Namespace, **extra) -> Config:
    return Config(
        model=args.model,
        link_threshold=args.link_threshold,
        agree_threshold=args.agree_threshold,
        **extra,
    )


def _read(path: str, stdin_text: str | None) -> str:
    from ..io import read_path

    if path == "-":
        if stdin_text is None:
            raise InputError("only one side can be read from stdin ('-')")
        return stdin_text
    return read_path(path)


def _read_stdin() -> str:
    from ..io import decode_text

    data = sys.stdin.buffer.read()
    return decode_text(data, "stdin")


def compare_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="readout-compare",
        description="Compare two readouts of the same call: align their statements, label each "
        "group agree / partial / diverge and each leftover only_a / only_b, and say why.",
        epilog="other commands: 'readout-compare evaluate GOLD_DIR' scores the tool on gold pairs; "
        "'readout-compare batch DIR --out OUT' compares every pair folder in DIR; "
        "'readout-compare story FILE' splits a news story into each government's statements.\n"
        "'readout-compare compare A B' is the same as 'readout-compare A B'.\n"
        "example: readout-compare samples/chung-blinken_call_2021-08-05/a.txt "
        "samples/chung-blinken_call_2021-08-05/b.txt --out out/ --names 'ROK MOFA' 'US State Dept'",
    )
    parser.add_argument("a", help="side A: a .txt/.md/.html/.pdf/.docx file, or - for stdin")
    parser.add_argument("b", help="side B: a file, or - for stdin")
    parser.add_argument("--out", metavar="DIR", help="write statements.csv and alignments.csv here")
    parser.add_argument("--names", nargs=2, metavar=("NAME_A", "NAME_B"), help="source names")
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
    _model_options(parser)
    args = parser.parse_args(argv)
    _logging(args.verbose)

    from ..export import findings_text, summary_table, to_json, write_csvs
    from ..pipeline import compare_texts

    config = _config(args, split=args.split)
    if args.a == "-" and args.b == "-":
        raise InputError("only one side can be read from stdin ('-')")
    stdin_text = _read_stdin() if "-" in (args.a, args.b) else None
    a_text = _read(args.a, stdin_text)
    b_text = _read(args.b, stdin_text)
    names = args.names or (_stem(args.a, "A"), _stem(args.b, "B"))
    comparison = compare_texts(a_text, b_text, names=names, config=config)
    if args.out:
        paths = write_csvs(comparison, args.out)
        print(f"wrote {paths[0]} and {paths[1]}", file=sys.stderr)
    if args.json:
        print(to_json(comparison))
    else:
        print(
            f"A: {names[0]} ({len(comparison.a.content)} statements)  "
            f"B: {names[1]} ({len(comparison.b.content)} statements)  model: {comparison.model}"
        )
        print(summary_table(comparison))
        if not args.quiet:
            print(f"\n{findings_text(comparison)}")
    return 0


def evaluate_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="readout-compare evaluate",
        description="Score the tool on gold pair folders (a.txt, b.txt, gold.json[, gold2.json]): "
        "link, omission and label scores, pre-segmented and end-to-end.",
        epilog="example: readout-compare evaluate ../shared/eval/dev/pairs",
    )
    parser.add_argument("gold_dir", help="folder of pair folders")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    _model_options(parser)
    args = parser.parse_args(argv)
    _logging(args.verbose)

    import json

    from ..evaluation import evaluate_dir, format_report, report_to_dict

    report = evaluate_dir(args.gold_dir, config=_config(args))
    print(json.dumps(report_to_dict(report), indent=2) if args.json else format_report(report))
    return 0


def batch_command(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="readout-compare batch",
        description="Compare every pair folder (each holding a.txt and b.txt, or a.* and b.* in any "
        "supported format) under DIR, loading the model once; writes OUT/<pair>/statements.csv and "
        "alignments.csv and prints one summary line per pair.",
        epilog="example: readout-compare batch samples --out out/batch",
    )
    parser.add_argument("pairs_dir", help="folder of pair folders")
    parser.add_argument("--out", metavar="DIR", required=True, help="output folder")
    parser.add_argument("--names", nargs=2, metavar=("NAME_A", "NAME_B"), help="source names")
    _model_options(parser)
    args = parser.parse_args(argv)
    _logging(args.verbose)

    from pathlib import Path

    from ..export import write_csvs
    from ..io import SUPPORTED_SUFFIXES, read_path
    from ..pipeline import compare_texts

    root = Path(args.pairs_dir)
    if not root.is_dir():
        raise InputError(f"{root}: no such folder")
    pairs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        sides = [_side_file(folder, side, SUPPORTED_SUFFIXES) for side in ("a", "b")]
        if all(sides):
            pairs.append((folder, sides))
    if not pairs:
        raise InputError(f"{root}: no pair folders with a.txt and b.txt")
    config = _config(args)
    failed = 0
    print(f"{'pair':<48} {'agree':>5} {'partial':>7} {'diverge':>7} {'only_a':>6} {'only_b':>6}")
    for folder, (a_path, b_path) in pairs:
        try:
            result = compare_texts(
                read_path(a_path), read_path(b_path), names=args.names or ("A", "B"), config=config
            )
        except CompareError as err:  # one bad pair does not stop the batch
            failed += 1
            print(f"{folder.name:<48} error: {err}")
            continue
        write_csvs(result, Path(args.out) / folder.name)
        c = result.counts()
        print(
            f"{folder.name:<48} {c['agree']:>5} {c['partial']:>7} {c['diverge']:>7} "
            f"{c['only_a']:>6} {c['only_b']:>6}"
        )
    return 1 if failed else 0


def _side_file(folder, side: str, suffixes: Sequence[str]):
    for suffix in suffixes:
        path = folder / f"{side}{suffix}"
        if path.is_file():
            return path
    return None


def story_command(argv: list[str]) -> int:
    from .story import story_command as run

    return run(argv)


COMMANDS["compare"] = compare_command  # the default command, also by name
COMMANDS["evaluate"] = evaluate_command
COMMANDS["batch"] = batch_command
COMMANDS["story"] = story_command


def _stem(path: str, fallback: str) -> str:
    from pathlib import Path

    return fallback if path == "-" else Path(path).stem or fallback


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: dispatch to a sub-command, print named errors as one line, exit non-zero."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(argv[0]) if argv else None
    try:
        if command is not None:
            return command(argv[1:])
        return compare_command(argv)
    except CompareError as err:
        print(f"readout-compare: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("readout-compare: interrupted", file=sys.stderr)
        return 130
    except OSError as err:  # e.g. --out on a read-only disk
        print(f"readout-compare: error: {FileReadError(err)}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug of ours: still one line, the traceback only with -v
        log.debug("unexpected error", exc_info=True)
        print(
            f"readout-compare: unexpected error ({type(err).__name__}: {err}); "
            "rerun with -v for details and report it",
            file=sys.stderr,
        )
        return 1
