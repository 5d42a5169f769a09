"""readout-compare batch SOURCE --out DIR: a corpus of pairs through `compare.batch`."""

from __future__ import annotations

import argparse
import sys

from .options import sanitise, source_name

NAME = "batch"
SUMMARY = "compare every pair of a folder of pair folders or of a manifest CSV"


def add_parser(subparsers, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    from ..batch import CHUNK_PAIRS

    parser = subparsers.add_parser(
        NAME,
        parents=parents,
        help=SUMMARY,
        description="Compare many pairs with one model load. SOURCE is a folder of pair folders "
        "(each holding a.* and b.*: txt, md, html, pdf or docx) or a manifest CSV with the "
        "columns a_path, b_path and optional a_name, b_name, pair_id (paths relative to the "
        "manifest).\n"
        "Writes OUT/<pair_id>/statements.csv, alignments.csv and provenance.json, "
        "OUT/alignments.csv (every "
        "pair's rows, with a pair_id column) and OUT/summary.csv (counts per label, or the "
        "pair's error). A bad pair is a summary row and the batch goes on; re-running skips "
        "the pairs already done. Exits 1 when some pair failed.\n"
        "With --dask (pip install 'readout-compare[dask]'), the pairs are split into "
        "partitions of a Dask bag, each written to OUT/part-NNNN/ as above; OUT/summary.csv and "
        "OUT/alignments.csv then join the parts.",
        epilog="examples: readout-compare batch samples --out out/batch\n"
        "          readout-compare batch corpus.csv --out out/corpus --backend onnx\n"
        "          readout-compare batch corpus.csv --out out/corpus --dask --partitions 8 "
        "--scheduler processes",
    )
    parser.add_argument("source", help="folder of pair folders, or a manifest .csv")
    parser.add_argument("--out", metavar="DIR", required=True, help="output folder")
    parser.add_argument(
        "--names",
        nargs=2,
        type=source_name,
        metavar=("NAME_A", "NAME_B"),
        help="source names for every pair (a manifest's a_name / b_name columns take precedence; "
        "default: guessed from each text, else A / B)",
    )
    parser.add_argument(
        "--no-resume",
        dest="resume",
        action="store_false",
        help="start over: drop OUT's summary.csv and alignments.csv instead of skipping done pairs",
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=CHUNK_PAIRS,
        metavar="PAIRS",
        help=f"pairs embedded together (default {CHUNK_PAIRS})",
    )
    dask = parser.add_argument_group("Dask (the [dask] extra)")
    dask.add_argument("--dask", action="store_true", help="run the partitions on Dask")
    dask.add_argument("--partitions", type=int, default=None, help="default: one per core")
    dask.add_argument(
        "--scheduler",
        default="processes",
        help="synchronous, threads, processes (default) or a dask.distributed scheduler "
        "address such as tcp://scheduler-host:8786",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from ..batch import pairs_from
    from ..errors import InputError

    if args.chunk < 1:
        raise InputError("--chunk must be at least 1")
    config = args.config
    pairs = pairs_from(args.source, names=args.names)
    try:
        result = _run(args, pairs, config)
    except KeyboardInterrupt:
        raise KeyboardInterrupt(
            f"interrupted: the pairs done so far are kept in {args.out}; run the same command "
            "again to go on from there"
        ) from None
    print(
        f"{result.done} pairs compared, {result.skipped} already done, {result.failed} failed; "
        f"see {result.out_dir}/summary.csv and {result.out_dir}/alignments.csv",
        file=sys.stderr,
    )
    return 1 if result.failed else 0


def _run(args: argparse.Namespace, pairs, config):
    """The batch, on Dask or here with a progress display."""
    from ..batch import run_batch, run_dask

    options = dict(config=config, backend=args.backend, resume=args.resume, chunk_pairs=args.chunk)
    if args.dask:
        return run_dask(
            pairs, args.out, partitions=args.partitions, scheduler=args.scheduler, **options
        )
    with _Progress(len(pairs)) as progress:
        return run_batch(pairs, args.out, progress=progress, **options)


class _Progress:
    """A bar with rate and ETA on a terminal (stderr); one plain line per pair otherwise."""

    _COUNTS = ("agree", "partial", "diverge", "only_a", "only_b")

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="pair", dynamic_ncols=True)
        else:
            print(f"{'pair':<48} " + " ".join(f"{c:>7}" for c in self._COUNTS))
        return self

    def __call__(self, result) -> None:
        pair_id = result.pair.pair_id
        if result.error is not None:
            line = f"{pair_id:<48} error: {result.error}"
        else:
            line = f"{pair_id:<48} " + " ".join(f"{result.counts[c]:>7}" for c in self._COUNTS)
            if result.skipped:
                line += "  (already done)"
        if self.bar is None:
            print(line, flush=True)
            return
        if result.error is not None:
            self.bar.write(sanitise(line), file=sys.stderr)
        self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()
