"""Batch mode: a corpus of readout pairs, embedded together and written as each pair finishes.

Pairs come from a folder of pair folders (each with a.* and b.*) or from a manifest CSV
(a_path, b_path, optional a_name, b_name, pair_id). They are processed in chunks: the chunk's
pairs are read and segmented, every distinct statement of the chunk not seen before is embedded
in one call per model, and each pair is then aligned and labelled by `compare_documents`, the
same function a single comparison uses, fed the vectors already computed.

Output, under OUT:
    <pair_id>/statements.csv, alignments.csv, provenance.json   as for one comparison
    alignments.csv   every pair's rows, after its pair_id and the names of its two sides
    summary.csv      one row per pair: its sides' names, its counts per label, or its error

summary.csv is the batch's record of what is done: a pair's row is written last, after its
files. An interrupted batch therefore loses nothing written, and a re-run (resume, the default)
skips the pairs whose row says done, drops rows of pairs that were cut off half-way, and retries
pairs that failed. A pair done is compared again when one of its files reads differently now, or
the settings differ from those its provenance.json records; a pair given other files or names
than it was compared from is kept, with a warning. A summary.csv or alignments.csv written by an earlier version, without the
name columns, is rewritten with them on resume (empty for its pairs). Memory stays flat:
results go to disk pair by pair, and the vector cache that spares re-embedding boilerplate
across chunks is bounded.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import shutil
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CompareError, InputError
from .schema import Backend, Config, Label

if TYPE_CHECKING:  # numpy is imported where vectors are handled: `batch --help` needs none
    import numpy as np

log = logging.getLogger(__name__)

SUMMARY_FILE = "summary.csv"
ALIGNMENTS_FILE = "alignments.csv"
# what a pair's folder holds once it is written (`_write_pair`)
PAIR_FILES = ("statements.csv", ALIGNMENTS_FILE, "provenance.json")
LABELS = tuple(label.value for label in Label)
SUMMARY_COLUMNS = (
    "pair_id",
    "a_path",
    "b_path",
    "a_name",
    "b_name",
    "a_statements",
    "b_statements",
    *LABELS,
    "error",
)
# what OUT/alignments.csv puts before a pair's rows (`export.ALIGNMENT_COLUMNS`)
PAIR_COLUMNS = ("pair_id", "a_name", "b_name")
MANIFEST_COLUMNS = ("a_path", "b_path", "a_name", "b_name", "pair_id")
#: pairs read, segmented and embedded together
CHUNK_PAIRS = 64
#: statement vectors kept across chunks (about 75 MB of 384-dimension vectors)
CACHE_VECTORS = 50_000
# a pair id names a folder under OUT: letters, digits and . _ - (and spaces) only
_PAIR_ID = re.compile(r"[\w][\w.\- ]{0,199}")


@dataclass(frozen=True)
class Pair:
    """One pair of readouts to compare; `pair_id` names its output folder."""

    pair_id: str
    a_path: str
    b_path: str
    # None: who published the side, guessed from its text as `compare` and the app do
    a_name: str | None = None
    b_name: str | None = None
    # why the pair cannot be compared as found (a side with two files); its summary row says so
    problem: str | None = None


@dataclass(frozen=True)
class PairResult:
    """What became of one pair: its counts per label (a pair skipped as already done has the
    counts summary.csv gives it), or its error."""

    pair: Pair
    counts: dict[str, int] | None = None
    error: str | None = None
    skipped: bool = False
    statements: tuple[int, int] = (0, 0)
    # the sides' names as compared (given or guessed); empty for a pair that failed before it
    # was read (summary.csv then gives the names it was given, if any)
    names: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class BatchResult:
    out_dir: str
    done: int = 0
    skipped: int = 0
    failed: int = 0
    errors: tuple[tuple[str, str], ...] = field(default=(), repr=False)


# --- where pairs come from ------------------------------------------------------------------


def pairs_from(source: str | os.PathLike[str], *, names: Sequence[str] | None = None) -> list[Pair]:
    """The pairs of a folder of pair folders, or of a manifest CSV file."""
    path = Path(source)
    if path.is_dir():
        return pairs_in_folder(path, names=names)
    if path.is_file():
        return read_manifest(path, names=names)
    raise InputError(f"{source}: no such folder or manifest file")


def pairs_in_folder(root: Path, *, names: Sequence[str] | None = None) -> list[Pair]:
    """Every sub-folder of `root` holding a.* or b.* (txt, md, html, pdf, docx), by name. A
    folder with one side only is a pair whose other file is missing (its summary row says so);
    a folder with neither is not a pair."""
    from .io import SUPPORTED_SUFFIXES

    a_name, b_name = names or (None, None)
    pairs, not_pairs = [], []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        sides = [_side_files(folder, side, SUPPORTED_SUFFIXES) for side in ("a", "b")]
        if not any(sides):
            # a hidden folder, or a batch's own output kept beside the pairs, is no pair
            if not folder.name.startswith(".") and not (folder / SUMMARY_FILE).exists():
                not_pairs.append(folder.name)
            continue
        a, b = (
            found[0] if found else folder / f"{side}.txt"
            for found, side in zip(sides, "ab", strict=True)
        )
        several = [(side, found) for side, found in zip("AB", sides, strict=True) if len(found) > 1]
        problem = None
        if several:
            side, found = several[0]
            problem = (
                f"{folder}: side {side} has {len(found)} files "
                f"({', '.join(p.name for p in found)}); keep one"
            )
        pairs.append(Pair(folder.name, str(a), str(b), a_name, b_name, problem))
    if not pairs:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        here = [_side_files(root, side, SUPPORTED_SUFFIXES) for side in ("a", "b")]
        hint = (
            f"; {root} itself holds {here[0][0].name} and {here[1][0].name}: compare them with "
            f"'readout-compare {here[0][0]} {here[1][0]}'"
            if all(here)
            else ""
        )
        raise InputError(
            f"{root}: no pair folders: each pair is a sub-folder holding a.* and b.* "
            f"({kinds}){hint}"
        )
    if not_pairs:
        shown = ", ".join(not_pairs[:5]) + (
            f" and {len(not_pairs) - 5} more" if len(not_pairs) > 5 else ""
        )
        log.warning(
            "%d sub-folder(s) of %s hold no a.* or b.* file and are not compared: %s "
            "(a pair folder holds a.* and b.* directly; folders inside it are not searched)",
            len(not_pairs),
            root,
            shown,
        )
    return pairs


def read_manifest(path: Path, *, names: Sequence[str] | None = None) -> list[Pair]:
    """A manifest CSV: a_path and b_path (relative to the manifest's folder), optional a_name,
    b_name and pair_id (default: row1, row2, ...)."""
    from .io import MAX_BYTES

    if path.stat().st_size > 100 * MAX_BYTES:
        raise InputError(f"{path}: a manifest over {100 * MAX_BYTES:,} bytes; split it")
    a_default, b_default = names or (None, None)
    base = path.parent
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = {"a_path", "b_path"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(
                    f"{path}: a manifest needs the columns a_path and b_path "
                    f"(optional: a_name, b_name, pair_id); missing {', '.join(sorted(missing))}"
                )
            pairs = []
            for n, row in enumerate(reader, start=1):
                a, b = (row.get("a_path") or "").strip(), (row.get("b_path") or "").strip()
                pairs.append(
                    Pair(
                        (row.get("pair_id") or "").strip() or f"row{n}",
                        str(base / a) if a else "",
                        str(base / b) if b else "",
                        (row.get("a_name") or "").strip() or a_default,
                        (row.get("b_name") or "").strip() or b_default,
                    )
                )
    except UnicodeDecodeError:
        raise InputError(f"{path}: a manifest must be UTF-8 CSV") from None
    except csv.Error as err:
        raise InputError(f"{path}: not a readable CSV manifest ({err})") from None
    if not pairs:
        raise InputError(f"{path}: the manifest lists no pairs")
    return pairs


def _side_files(folder: Path, side: str, suffixes: Sequence[str]) -> list[Path]:
    """The files of one side of a pair folder: a.txt, A.TXT, a.docx, … (any case)."""
    names = {f"{side}{suffix}" for suffix in suffixes}
    return sorted(p for p in folder.iterdir() if p.name.lower() in names and p.is_file())


# --- running ----------------------------------------------------------------------------------


def run_batch(
    pairs: Iterable[Pair],
    out_dir: str | os.PathLike[str],
    *,
    config: Config | None = None,
    backend: str | None = None,
    embedder: Any = None,
    resume: bool = True,
    chunk_pairs: int = CHUNK_PAIRS,
    cache_vectors: int = CACHE_VECTORS,
    progress: Callable[[PairResult], None] | None = None,
) -> BatchResult:
    """Compare every pair, writing each one's results as soon as it is done (see the module doc).

    `embedder` (any Embedder) is used for every pair; by default each pair gets the model its
    languages call for, loaded once on `backend` (given, it replaces the config's own backend).
    `progress` is called once per pair.
    """
    from .export import alignment_rows, output_folder
    from .pipeline import compare_documents

    config = _run_config(config, backend)
    out = output_folder(out_dir)
    combined_columns = (*PAIR_COLUMNS, *_alignment_columns())
    inputs: dict[str, tuple[str, ...]] = {}  # what each pair already done was compared from
    done = _resume(out, combined_columns, config, embedder, inputs) if resume else _fresh(out)
    cache = VectorCache(cache_vectors)
    seen: set[str] = set()
    counts = {"done": 0, "skipped": 0, "failed": 0}
    errors: list[tuple[str, str]] = []
    notify = progress or (lambda result: None)

    with (
        _appender(out / SUMMARY_FILE, SUMMARY_COLUMNS) as summary,
        _appender(out / ALIGNMENTS_FILE, combined_columns) as combined,
    ):

        def record(result: PairResult) -> None:
            if result.error is not None:
                counts["failed"] += 1
                errors.append((result.pair.pair_id, result.error))
                _write_summary(summary, result)
            notify(result)

        for chunk in _chunks(pairs, chunk_pairs):
            items = []  # (pair, documents or None, error or None), in the input's order
            for pair in chunk:
                if pair.pair_id in done:
                    _warn_if_moved(pair, inputs[pair.pair_id])
                    items.append((pair, None, None))
                    continue
                error = _check_id(pair.pair_id, seen)
                seen.add(pair.pair_id)
                docs = None
                if error is None:
                    try:
                        docs = _documents(pair, config)
                    except Exception as err:  # one bad pair does not stop the batch
                        error = _error_text(err)
                items.append((pair, docs, error))
            ready = [(pair, docs) for pair, docs, _ in items if docs is not None]
            views = iter(_embed_chunk(ready, config, embedder, cache))
            for pair, docs, error in items:
                if docs is None and error is None:
                    counts["skipped"] += 1
                    notify(PairResult(pair, counts=done[pair.pair_id], skipped=True))
                    continue
                if error is not None:
                    record(PairResult(pair, error=error))
                    continue
                doc_a, doc_b = docs
                names = (doc_a.name, doc_b.name)
                try:
                    comparison = compare_documents(
                        doc_a, doc_b, config=config, embedder=next(views)
                    )
                    rows = alignment_rows(comparison)  # made once: the pair's file and OUT's
                    _replace_folder(
                        out,
                        pair.pair_id,
                        lambda d, p=pair, c=comparison, r=rows: _write_pair(d, p, c, r),
                    )
                except Exception as err:
                    record(PairResult(pair, error=_error_text(err), names=names))
                    continue
                _write_alignments(combined, pair.pair_id, names, rows)
                result = PairResult(
                    pair,
                    counts=comparison.counts(),
                    statements=(len(doc_a.content), len(doc_b.content)),
                    names=names,
                )
                _write_summary(summary, result)  # last: the row marks the pair done
                counts["done"] += 1
                notify(result)
            cache.trim()
    return BatchResult(str(out), **counts, errors=tuple(errors))


def _run_config(config: Config | None, backend: str | None) -> Config:
    """The settings the pairs run with: `backend`, when given, in place of the config's own, so
    the model runs on the backend each pair's provenance.json names."""
    config = config or Config()
    return replace(config, backend=Backend.parse(backend)) if backend else config


def _documents(pair: Pair, config: Config):
    from .io import read_path
    from .pipeline import make_document

    if pair.problem:
        raise InputError(pair.problem)
    for side, path in (("A", pair.a_path), ("B", pair.b_path)):
        if not path:
            raise InputError(f"no path for side {side}")
    a_text, b_text = read_path(pair.a_path), read_path(pair.b_path)
    a_name, b_name = pair.a_name, pair.b_name
    if a_name is None or b_name is None:
        from .report.sources import distinct_names, source_names

        guessed = source_names(a_text, b_text, defaults=("A", "B"))
        a_name, b_name = distinct_names(a_name or guessed[0], b_name or guessed[1])
    return make_document(a_text, "a", a_name, config), make_document(b_text, "b", b_name, config)


def _embed_chunk(ready, config: Config, embedder, cache: VectorCache) -> list[Any]:
    """Embed the chunk's statements, one encode call per model over its distinct new texts;
    return, per pair, an embedder that serves its vectors from the cache."""
    from .embed import load_embedder
    from .pipeline import choose_model

    models = []
    texts: dict[str, list[str]] = {}
    for _, (doc_a, doc_b) in ready:
        model = (
            "" if embedder is not None else choose_model(config, (doc_a.language, doc_b.language))
        )
        models.append(model)
        texts.setdefault(model, []).extend(s.text for s in (*doc_a.content, *doc_b.content))
    inner = {
        model: embedder
        if embedder is not None
        else load_embedder(model, backend=config.backend.value)
        for model in texts
    }
    for model, chunk_texts in texts.items():
        cache.fill(inner[model], chunk_texts)
    return [CachedEmbedder(inner[model], cache) for model in models]


class VectorCache:
    """Statement vectors by (model, text), least recently used dropped past `max_vectors` (only
    between chunks, so a chunk's own vectors stay while it is compared)."""

    def __init__(self, max_vectors: int = CACHE_VECTORS) -> None:
        self.max_vectors = max_vectors
        self._vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self.encoded = 0  # how many texts went to a model

    def fill(self, embedder: Any, texts: Sequence[str]) -> None:
        """Embed, in one call, the distinct texts not cached yet."""
        key = _model_key(embedder)
        todo = [t for t in dict.fromkeys(texts) if (key, t) not in self._vectors]
        for t in texts:  # touch what is reused so trim() keeps it
            if (key, t) in self._vectors:
                self._vectors.move_to_end((key, t))
        if not todo:
            return
        import numpy as np

        vectors = np.asarray(embedder.encode(todo), np.float32)
        if vectors.shape[0] != len(todo):
            raise InputError(f"embedder returned {vectors.shape[0]} vectors for {len(todo)} texts")
        self.encoded += len(todo)
        for text, vector in zip(todo, vectors, strict=True):
            self._vectors[(key, text)] = vector

    def get(self, embedder: Any, texts: Sequence[str]) -> np.ndarray:
        import numpy as np

        self.fill(embedder, texts)  # a no-op for a chunk's own texts
        key = _model_key(embedder)
        return np.stack([self._vectors[(key, t)] for t in texts])

    def trim(self) -> None:
        while len(self._vectors) > self.max_vectors:
            self._vectors.popitem(last=False)

    def __len__(self) -> int:
        return len(self._vectors)


class CachedEmbedder:
    """An Embedder that serves vectors from a VectorCache (and embeds what is missing)."""

    def __init__(self, inner: Any, cache: VectorCache) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self._cache = cache

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.asarray(self.inner.encode([]), np.float32)
        return self._cache.get(self.inner, list(texts))


def _model_key(embedder: Any) -> str:
    return f"{getattr(embedder, 'name', '')}@{id(embedder)}"


def _chunks(items: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    chunk: list[Pair] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(1, size):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_id(pair_id: str, seen: set[str]) -> str | None:
    if pair_id.lower() in (SUMMARY_FILE, ALIGNMENTS_FILE):
        return f"pair_id {pair_id!r} is the name of a file the batch writes in OUT"
    if not _PAIR_ID.fullmatch(pair_id):
        return f"pair_id {pair_id!r} cannot name a folder (letters, digits, '.', '_', '-')"
    if pair_id in seen:
        return f"pair_id {pair_id!r} appears twice"
    return None


def _error_text(err: Exception) -> str:
    if isinstance(err, CompareError):
        return str(err)
    if isinstance(err, OSError):
        return f"{err.filename or 'output'}: {err.strerror or err}"
    log.debug("unexpected error in a pair", exc_info=True)
    return f"unexpected error ({type(err).__name__}: {err})"


# --- writing ----------------------------------------------------------------------------------


def _alignment_columns() -> tuple[str, ...]:
    from .export import ALIGNMENT_COLUMNS

    return ALIGNMENT_COLUMNS


class _appender:
    """Open a CSV for appending rows (header first if new); each row is flushed as written."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path, self.columns = path, tuple(columns)

    def __enter__(self):
        new = not self.path.exists() or self.path.stat().st_size == 0
        from .export import csv_writer

        self._file = self.path.open("a", newline="", encoding="utf-8")
        self.writer = csv_writer(self._file)
        if new:
            self.row(self.columns)
        return self

    def row(self, values: Sequence[Any]) -> None:
        self.writer.writerow(values)
        self._file.flush()

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self.writer.writerows(rows)
        self._file.flush()

    def __exit__(self, *exc) -> None:
        self._file.close()


def _write_pair(folder: Path, pair: Pair, comparison, rows: Sequence[dict]) -> None:
    """A pair's folder: its statements.csv and alignments.csv, and provenance.json beside them."""
    from .export import write_csvs, write_provenance

    write_csvs(comparison, folder, rows=rows)
    write_provenance(comparison, folder, files=(pair.a_path, pair.b_path))


def _write_summary(summary: _appender, result: PairResult) -> None:
    from .export import csv_cells

    counts = result.counts or {}
    pair = result.pair
    done = result.counts is not None
    a_name, b_name = result.names if any(result.names) else (pair.a_name, pair.b_name)
    row = {
        "pair_id": pair.pair_id,
        "a_path": pair.a_path,
        "b_path": pair.b_path,
        "a_name": a_name or "",
        "b_name": b_name or "",
        "a_statements": result.statements[0] if done else "",
        "b_statements": result.statements[1] if done else "",
        **{label: counts.get(label, "") for label in LABELS},
        "error": result.error or "",
    }
    summary.row(csv_cells(row, SUMMARY_COLUMNS))


def _write_alignments(
    combined: _appender, pair_id: str, names: tuple[str, str], rows: Sequence[dict]
) -> None:
    """A pair's alignment rows (`export.alignment_rows`) into OUT's, after its pair_id and the
    names of its sides."""
    from .export import csv_cells

    columns = combined.columns
    pair = {"pair_id": pair_id, "a_name": names[0], "b_name": names[1]}
    combined.rows(csv_cells({**pair, **row}, columns) for row in rows)


def _replace_folder(out: Path, pair_id: str, write: Callable[[Path], Any]) -> None:
    """Write a pair's folder in a temporary one, then rename it into place: a folder under OUT
    is always whole."""
    final = out / pair_id
    tmp = out / f".{pair_id}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    write(tmp)
    if final.exists():
        shutil.rmtree(final)
    os.replace(tmp, final)


def _written(folder: Path) -> bool:
    """Does a pair's folder hold every file the batch writes there?"""
    return all((folder / name).is_file() for name in PAIR_FILES)


def _count(cell: str | None) -> int:
    """A count cell of summary.csv (0 when it is not a whole number: an edited file)."""
    return int(cell) if cell and cell.isdigit() else 0


def _fresh(out: Path) -> dict[str, dict[str, int]]:
    for name in (SUMMARY_FILE, ALIGNMENTS_FILE):
        (out / name).unlink(missing_ok=True)
    return {}


def _resume(
    out: Path,
    combined_columns: Sequence[str],
    config: Config,
    embedder: Any,
    inputs: dict[str, tuple[str, ...]],
) -> dict[str, dict[str, int]]:
    """The pairs already done, with their counts per label as summary.csv gives them; rewrites
    summary.csv and alignments.csv to hold only theirs, under today's columns (a column an
    older file lacks is empty). An error row is dropped, so that pair is tried again; so is a
    pair whose folder has lost a file, a pair whose files have changed since or that was
    compared under other settings (`_still_current`), and a half-written last line. `inputs`
    gains the paths and names each pair kept was compared from."""
    summary_path = out / SUMMARY_FILE
    if not summary_path.exists():
        _fresh(out)
        return {}
    from .export import settings_record

    settings = settings_record(config)
    model = getattr(embedder, "name", None) if embedder is not None else None
    done: dict[str, dict[str, int]] = {}
    stale: list[str] = []

    def keep(row: dict) -> bool:
        folder = out / row.get("pair_id", "")
        if row.get("error") or not _written(folder):
            return False
        if not _still_current(folder, row, settings, model):
            stale.append(row["pair_id"])
            return False
        inputs[row["pair_id"]] = tuple(row.get(c) or "" for c in MANIFEST_COLUMNS[:4])
        return True

    _filter_csv(summary_path, SUMMARY_COLUMNS, keep, done)
    _filter_csv(
        out / ALIGNMENTS_FILE, combined_columns, lambda row: row.get("pair_id") in done, None
    )
    if done:
        log.info("resuming: %d pairs already done in %s", len(done), out)
    if stale:
        log.warning(
            "%d %s changed since compared (a file, or the settings): comparing again: %s",
            len(stale),
            "pair" if len(stale) == 1 else "pairs",
            ", ".join(stale[:5]) + (", …" if len(stale) > 5 else ""),
        )
    return done


def _still_current(folder: Path, row: dict, settings: dict, model: str | None) -> bool:
    """Was the pair in `folder` compared from the files its summary row names as they read
    today, under today's settings (and model, when an embedder is given)? Its provenance.json
    holds the settings and the hash of each side's text."""
    from .export import text_sha256
    from .io import read_path

    try:
        record = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        if record["settings"] != settings or model and record["model"] != model:
            return False
        return all(
            record["sources"][side]["sha256"] == text_sha256(read_path(row[f"{side}_path"]))
            for side in "ab"
        )
    except (OSError, ValueError, KeyError, TypeError, CompareError):
        return False  # unreadable now, or a record of another version: compare it again


def _warn_if_moved(pair: Pair, compared: tuple[str, ...]) -> None:
    """Warn when a pair already done is now given other files or names than it was compared
    from: its results are kept (summary.csv holds them), and --no-resume compares it anew."""
    a_path, b_path, a_name, b_name = compared
    moved = (pair.a_path, pair.b_path) != (a_path, b_path)
    renamed = any(
        given and given != had for given, had in ((pair.a_name, a_name), (pair.b_name, b_name))
    )
    if moved or renamed:
        what = "other files" if moved else "other names"
        log.warning(
            "pair %s was compared from %s than it is given now; its results are kept: "
            "run with --no-resume (or another --out) to compare it again",
            pair.pair_id,
            what,
        )


def _filter_csv(
    path: Path,
    columns: Sequence[str],
    keep: Callable[[dict], bool],
    ids: dict[str, dict[str, int]] | None,
) -> None:
    """Rewrite `path` (streamed, so memory stays flat) under `columns`, keeping complete rows
    that `keep` accepts; add their pair_ids to `ids`, each with the row's counts per label (a
    valid id starts with a letter or digit, so the CSV never neutralises it)."""
    from .export import csv_writer

    if not path.exists():
        return
    with path.open("rb") as f:  # a line cut off by an interruption is not a row
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - 1))
        if size and f.read(1) != b"\n":
            data_end = _last_newline(path, size)
        else:
            data_end = size
    tmp = path.with_name(path.name + ".tmp")
    with (
        path.open(newline="", encoding="utf-8") as src,
        tmp.open("w", newline="", encoding="utf-8") as dst,
    ):
        src_text = _bounded(src, data_end)
        reader = csv.DictReader(src_text)
        writer = csv_writer(dst)
        writer.writerow(columns)
        for row in reader:
            if None in row or not keep(row):  # None: a row with extra cells is damaged
                continue
            writer.writerow(row.get(c, "") for c in columns)
            if ids is not None:
                ids[row["pair_id"]] = {label: _count(row.get(label)) for label in LABELS}
    os.replace(tmp, path)


def _last_newline(path: Path, size: int) -> int:
    with path.open("rb") as f:
        pos = size
        while pos > 0:
            step = min(65536, pos)
            f.seek(pos - step)
            block = f.read(step)
            k = block.rfind(b"\n")
            if k >= 0:
                return pos - step + k + 1
            pos -= step
    return 0


def _bounded(text_file, limit_bytes: int) -> Iterator[str]:
    """Lines of `text_file` up to byte offset `limit_bytes` (complete lines only)."""
    used = 0
    for line in text_file:
        used += len(line.encode("utf-8"))
        if used > limit_bytes:
            return
        yield line


# --- beyond one machine -----------------------------------------------------------------------


def run_dask(
    pairs: Sequence[Pair],
    out_dir: str | os.PathLike[str],
    *,
    partitions: int | None = None,
    scheduler: str = "processes",
    config: Config | None = None,
    backend: str | None = None,
    embedder: Any = None,
    resume: bool = True,
    chunk_pairs: int = CHUNK_PAIRS,
) -> BatchResult:
    """`run_batch` on a Dask bag: the pairs split into `partitions` contiguous parts, each run by
    one task into OUT/part-NNNN/ (summary.csv, alignments.csv and the pair folders, as
    `run_batch` writes them); then OUT/summary.csv and OUT/alignments.csv join the parts'. A worker loads each model once (`load_embedder` is cached per
    process) unless `embedder` (picklable) is given. `scheduler` is a local Dask scheduler (synchronous, threads, processes) or the
    address of a dask.distributed scheduler. The same pairs and partitions resume the same parts.
    """
    try:
        import dask.bag as db
    except ImportError as err:
        raise InputError("--dask needs Dask: pip install 'readout-compare[dask]'") from err
    pairs = list(pairs)
    if not pairs:
        raise InputError("no pairs to compare")
    count = max(1, min(partitions or os.cpu_count() or 1, len(pairs)))
    step = -(-len(pairs) // count)
    parts = [(k, pairs[k * step : (k + 1) * step]) for k in range(count) if pairs[k * step :]]
    config = _run_config(config, backend)
    if embedder is None and config.backend.is_onnx:
        # build the ONNX model here, once, not in every worker at the same time
        from .embed import DEFAULT_MODEL, load_embedder

        load_embedder(config.model or DEFAULT_MODEL, backend=config.backend.value)
    bag = db.from_sequence(parts, npartitions=len(parts))
    task = bag.map(
        _run_part,
        out_dir=str(out_dir),
        config=config,
        backend=backend,
        embedder=embedder,
        resume=resume,
        chunk_pairs=chunk_pairs,
    )
    if "://" in scheduler:
        try:
            from dask.distributed import Client
        except ImportError as err:
            raise InputError(
                "a scheduler address needs dask.distributed: pip install distributed"
            ) from err
        with Client(scheduler) as client:
            results = task.compute(scheduler=client)
    else:
        if scheduler not in ("synchronous", "threads", "processes"):
            raise InputError(
                f"unknown Dask scheduler {scheduler!r}; use synchronous, threads, processes "
                "or a scheduler address"
            )
        results = task.compute(scheduler=scheduler)
    merge_parts(out_dir, len(parts))
    return BatchResult(
        str(out_dir),
        done=sum(r.done for r in results),
        skipped=sum(r.skipped for r in results),
        failed=sum(r.failed for r in results),
        errors=tuple(e for r in results for e in r.errors),
    )


def part_folder(out_dir: str | os.PathLike[str], index: int) -> Path:
    """Where partition `index` of a Dask batch writes."""
    return Path(out_dir) / f"part-{index:04d}"


def merge_parts(out_dir: str | os.PathLike[str], count: int) -> None:
    """Join the parts' summary.csv and alignments.csv into OUT's, streamed (header once)."""
    out = Path(out_dir)
    for name in (SUMMARY_FILE, ALIGNMENTS_FILE):
        tmp = out / f".{name}.tmp"
        with tmp.open("wb") as dst:
            for k in range(count):
                path = part_folder(out, k) / name
                if not path.exists():
                    continue
                with path.open("rb") as src:
                    header = src.readline()
                    if dst.tell() == 0:
                        dst.write(header)
                    shutil.copyfileobj(src, dst)
        os.replace(tmp, out / name)


def _run_part(part: tuple[int, list[Pair]], *, out_dir: str, **options: Any) -> BatchResult:
    index, pairs = part
    return run_batch(pairs, part_folder(out_dir, index), **options)
