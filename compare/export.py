"""Comparison -> the stable CSV files, DataFrames and JSON that other tools read.

The CSVs stay plain tables; `provenance.json` beside them says where they came from (sources,
file names, model, settings, tool version, date, how many rows the analyst changed).

CSV cells are neutralised against spreadsheet formula injection: a cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (`'`), as OWASP
recommends. Readers that want the raw text strip one leading apostrophe from such cells.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .errors import OutputError
from .explain import reason
from .grouping import basis
from .review import ReviewedAlignment, auto_label, note_of
from .schema import Comparison, Config

STATEMENT_COLUMNS = (
    "statement_id",
    "side",
    "source",
    "index",
    "start",
    "end",
    "text",
    "kind",
    "group_id",
    "label",
    "auto_label",
    "note",
)
ALIGNMENT_COLUMNS = (
    "group_id",
    "label",
    "a_ids",
    "b_ids",
    "a_text",
    "b_text",
    "similarity",
    "lexical",
    "reason",
    "auto_label",
    "note",
    "basis",  # columns are only ever added at the end (README)
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def statement_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per statement of both sides, non-content ones included."""
    rows = []
    for doc in (comparison.a, comparison.b):
        for st in doc.statements:
            row = comparison.row_of(st.id)
            rows.append(
                {
                    "statement_id": st.id,
                    "side": st.side,
                    "source": doc.name,
                    "index": st.index,
                    "start": st.start,
                    "end": st.end,
                    "text": st.text,
                    "kind": st.kind.value,
                    "group_id": row.group_id if row else "",
                    "label": row.label.value if row else "",
                    "auto_label": auto_label(row).value if row else "",
                    "note": note_of(row) if row else "",
                }
            )
    return rows


def alignment_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per aligned group and one per only-A / only-B statement."""
    a, b = comparison.a.statements, comparison.b.statements
    return [
        {
            "group_id": row.group_id,
            "label": row.label.value,
            "a_ids": comparison.ids(row)[0],
            "b_ids": comparison.ids(row)[1],
            "a_text": " ".join(a[i].text for i in row.a),
            "b_text": " ".join(b[j].text for j in row.b),
            "similarity": round(row.similarity, 4),
            "lexical": round(row.lexical, 4),
            # the tool's reason, quoting the text; it explains auto_label
            "reason": reason(row, comparison),
            "auto_label": auto_label(row).value,
            "note": note_of(row),
            # why the aligner grouped these statements, or left this one alone
            "basis": basis(row, comparison),
        }
        for row in comparison.alignments
    ]


def statements_frame(comparison: Comparison):
    """statements.csv as a pandas DataFrame (raw text, not neutralised); pandas is imported
    here only, for the library's users and the app."""
    import pandas as pd

    return pd.DataFrame(statement_rows(comparison), columns=list(STATEMENT_COLUMNS))


def alignments_frame(comparison: Comparison):
    """alignments.csv as a pandas DataFrame (raw text, not neutralised)."""
    import pandas as pd

    return pd.DataFrame(alignment_rows(comparison), columns=list(ALIGNMENT_COLUMNS))


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to a string a spreadsheet would run as a formula.

    Also when the formula start follows leading spaces or invisible characters (" =1", a
    zero-width space before "="), or is a full-width or small form of one ("\uff1d", "\ufe62").
    """
    if isinstance(value, str) and (
        value.startswith(_FORMULA_START) or _first_visible(value) in _FORMULA_START
    ):
        return "'" + value
    return value


def _first_visible(value: str) -> str:
    """The first character that is neither whitespace nor a format character, NFKC-folded."""
    for char in value:
        if not char.isspace() and unicodedata.category(char) != "Cf":
            return unicodedata.normalize("NFKC", char)[:1]
    return ""


def csv_cells(row: Mapping[str, Any], columns: Sequence[str]) -> list[Any]:
    """The cells of one CSV row in `columns` order: text neutralised, a missing value empty."""
    return [_cell(row[c]) for c in columns]


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""  # as pandas wrote a missing value
    return neutralise(value)


class _Rows:
    """What a csv writer writes to: each row (which the writer ends with CRLF) ends with LF."""

    def __init__(self, stream: TextIO) -> None:
        self._write = stream.write

    def write(self, line: str) -> Any:
        return self._write(line[:-2] + "\n")


def csv_writer(stream: TextIO):
    """A `csv.writer` onto a text stream (opened with newline=""): rows end with "\n", and a
    cell holding any line break is quoted. A writer whose own row end is "\n" leaves a lone
    "\r" unquoted (Python 3.11, as pandas did), which splits the row for every reader; ending
    rows with "\r\n" makes the writer quote it, and the row end is then put back to "\n"."""
    return csv.writer(_Rows(stream), lineterminator="\r\n")


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """UTF-8 CSV with a header row, every text cell neutralised. Written by the csv module,
    the bytes pandas' `to_csv` wrote except that a lone "\r" in a cell is quoted (tested):
    importing pandas was most of the CLI's start, and building DataFrames half of batch
    mode's time outside the model."""
    buffer = io.StringIO(newline="")
    writer = csv_writer(buffer)
    writer.writerow(columns)
    writer.writerows(csv_cells(row, columns) for row in rows)
    return buffer.getvalue().encode("utf-8")


def to_csv_bytes(frame) -> bytes:
    """A pandas DataFrame as `csv_bytes` writes a table."""
    return csv_bytes(list(frame.columns), frame.to_dict("records"))


def statements_csv(comparison: Comparison) -> bytes:
    return csv_bytes(STATEMENT_COLUMNS, statement_rows(comparison))


def alignments_csv(
    comparison: Comparison, rows: Sequence[Mapping[str, Any]] | None = None
) -> bytes:
    """alignments.csv; `rows`: the comparison's `alignment_rows`, when already made."""
    return csv_bytes(ALIGNMENT_COLUMNS, alignment_rows(comparison) if rows is None else rows)


def output_folder(out_dir) -> Path:
    """The folder results go to, created if needed; `OutputError` (one line) when it cannot be:
    a file in the way, no permission, a read-only disk. The CLI calls it before any work."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-")  # noqa: SIM115
        probe.close()
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            f"cannot write results to {out}: a file is in the way of that folder"
        ) from None
    except PermissionError:
        raise OutputError(f"cannot write results to {out}: permission denied") from None
    except OSError as err:
        raise OutputError(f"cannot write results to {out}: {err.strerror or err}") from None
    return out


def write_csvs(
    comparison: Comparison, out_dir, *, rows: Sequence[Mapping[str, Any]] | None = None
) -> tuple[str, str]:
    """Write statements.csv and alignments.csv into `out_dir` (created if needed); `rows`: the
    comparison's `alignment_rows`, when already made (batch mode also writes them elsewhere)."""
    out = output_folder(out_dir)
    statements_path, alignments_path = out / "statements.csv", out / "alignments.csv"
    statements_path.write_bytes(statements_csv(comparison))
    alignments_path.write_bytes(alignments_csv(comparison, rows))
    return str(statements_path), str(alignments_path)


def text_sha256(text: str) -> str:
    """The hash provenance.json gives of a readout's text (after decoding)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def settings_record(config: Config) -> dict[str, Any]:
    """The settings as provenance.json records them (JSON values: an enum as its value)."""
    return json.loads(json.dumps(asdict(config)))


def provenance(
    comparison: Comparison,
    *,
    files: tuple[str, str] = ("", ""),
    created: datetime | None = None,
) -> dict[str, Any]:
    """Where the CSVs come from: what `provenance.json` holds."""
    from . import __version__

    created = created or datetime.now(UTC)
    reviewed = [r for r in comparison.alignments if isinstance(r, ReviewedAlignment)]
    return {
        "tool": "readout-compare",
        "tool_version": __version__,
        "created": created.isoformat(timespec="seconds"),
        "sources": {
            doc.side: {
                "name": doc.name,
                "file": file,
                "language": doc.language,
                "characters": len(doc.text),
                "sha256": text_sha256(doc.text),
                "statements": len(doc.content),
            }
            for doc, file in zip((comparison.a, comparison.b), files, strict=True)
        },
        "model": comparison.model,
        "settings": settings_record(comparison.config),
        "review": {
            "labels_set": sum(r.overridden for r in reviewed),
            "notes": sum(bool(r.note) for r in reviewed),
        },
        "counts": comparison.counts(),
    }


def provenance_json(
    comparison: Comparison,
    *,
    files: tuple[str, str] = ("", ""),
    created: datetime | None = None,
) -> bytes:
    data = provenance(comparison, files=files, created=created)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_provenance(comparison: Comparison, out_dir, *, files: tuple[str, str] = ("", "")) -> str:
    """Write provenance.json into `out_dir` (beside the CSVs); returns its path."""
    path = output_folder(out_dir) / "provenance.json"
    path.write_bytes(provenance_json(comparison, files=files))
    return str(path)


_NOT_IN_NAME = re.compile(r"\W+")


def download_name(file: str, comparison: Comparison) -> str:
    """`file` ("alignments.csv") named after the pair's two sources, so that downloads of several
    pairs keep apart in one folder: "alignments_ROK-Ministry-of-Foreign-Affairs_vs_US-Department-
    of-State.csv" (letters and digits of any script, each name cut to 40 characters)."""
    stem, dot, suffix = file.rpartition(".")

    def part(name: str) -> str:
        return _NOT_IN_NAME.sub("-", name).strip("-")[:40].strip("-") or "unnamed"

    return f"{stem}_{part(comparison.a.name)}_vs_{part(comparison.b.name)}{dot}{suffix}"


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything in the comparison as plain JSON-ready data, with what traces it as
    provenance.json does (the tool's version, the settings, each text's hash)."""
    from . import __version__

    docs = (comparison.a, comparison.b)
    return {
        "tool_version": __version__,
        "model": comparison.model,
        "settings": settings_record(comparison.config),
        "sources": {"a": comparison.a.name, "b": comparison.b.name},
        "sha256": {doc.side: text_sha256(doc.text) for doc in docs},
        "languages": {"a": comparison.a.language, "b": comparison.b.language},
        "counts": comparison.counts(),
        "statements": statement_rows(comparison),
        "alignments": [
            {**row, "links": [[f"a{i}", f"b{j}"] for i, j in src.links]}
            for row, src in zip(alignment_rows(comparison), comparison.alignments, strict=True)
        ],
    }


def to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent)


def summary_table(comparison: Comparison) -> str:
    """Counts per label as a small aligned text table."""
    counts = comparison.counts()
    width = max(len(k) for k in counts)
    lines = [f"{'label':<{width}}  count"]
    lines += [f"{label:<{width}}  {n:>5}" for label, n in counts.items()]
    lines.append(f"{'total':<{width}}  {sum(counts.values()):>5}")
    return "\n".join(lines)


def _columns(text: str) -> int:
    """How many terminal columns `text` takes: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word to fit `width` terminal columns (marked " …")."""
    words = text.split()
    line = " ".join(words)
    if _columns(line) <= width:
        return line
    kept, used = [], 2
    for word in words:
        used += _columns(word) + (1 if kept else 0)
        if used > width:
            break
        kept.append(word)
    return " ".join(kept) + " …" if kept else line[: max(width // 2 - 2, 1)] + " …"


def findings_text(comparison: Comparison, *, width: int = 100) -> str:
    """One line per row for a terminal: label, the statement ids on each side, the reason; then
    each statement of the row on a line of its own, shortened to `width` terminal columns, so
    the reader sees what was compared without the CSV beside it."""
    rows = alignment_rows(comparison)
    if not rows:
        return "(no statements to compare)"
    head = ("label", "A | B", "reason")
    lines = [(r["label"], f"{r['a_ids'] or '-'} | {r['b_ids'] or '-'}", r["reason"]) for r in rows]
    label_width = max(len(line[0]) for line in (head, *lines))
    id_width = max(len(line[1]) for line in (head, *lines))
    indent = " " * (label_width + 2)

    def line(label: str, ids: str, why: str) -> str:
        return f"{label:<{label_width}}  {ids:<{id_width}}  {why}"

    out = [line(*head)]
    for fields, row in zip(lines, comparison.alignments, strict=True):
        out.append(line(*fields))
        for name, doc, indices in (("A", comparison.a, row.a), ("B", comparison.b, row.b)):
            for i in indices:
                statement = doc.statements[i]
                room = max(width - len(indent) - len(statement.id) - 4, 20)
                out.append(f"{indent}{name} {statement.id}  {_shorten(statement.text, room)}")
    return "\n".join(out)
