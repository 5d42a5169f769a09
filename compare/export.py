"""Comparison -> the stable CSV files, DataFrames and JSON that other tools read.

CSV cells are neutralised against spreadsheet formula injection: a cell that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (`'`), as OWASP
recommends. Readers that want the raw text strip one leading apostrophe from such cells.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from .schema import Comparison, Label

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
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def statement_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per statement of both sides, non-content ones included."""
    where: dict[str, tuple[str, Label]] = {}
    for row in comparison.alignments:
        for i in row.a:
            where[f"a{i}"] = (row.group_id, row.label)
        for j in row.b:
            where[f"b{j}"] = (row.group_id, row.label)
    rows = []
    for doc in (comparison.a, comparison.b):
        for st in doc.statements:
            group_id, label = where.get(st.id, ("", None))
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
                    "group_id": group_id,
                    "label": label.value if label else "",
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
            "a_ids": ";".join(f"a{i}" for i in row.a),
            "b_ids": ";".join(f"b{j}" for j in row.b),
            "a_text": " ".join(a[i].text for i in row.a),
            "b_text": " ".join(b[j].text for j in row.b),
            "similarity": round(row.similarity, 4),
            "lexical": round(row.lexical, 4),
            "reason": row.reason,
        }
        for row in comparison.alignments
    ]


def statements_frame(comparison: Comparison):
    """statements.csv as a pandas DataFrame (raw text, not neutralised)."""
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


def to_csv_bytes(frame) -> bytes:
    """UTF-8 CSV with a header row, every text cell neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")


def statements_csv(comparison: Comparison) -> bytes:
    return to_csv_bytes(statements_frame(comparison))


def alignments_csv(comparison: Comparison) -> bytes:
    return to_csv_bytes(alignments_frame(comparison))


def write_csvs(comparison: Comparison, out_dir) -> tuple[str, str]:
    """Write statements.csv and alignments.csv into `out_dir` (created if needed)."""
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    statements_path, alignments_path = out / "statements.csv", out / "alignments.csv"
    statements_path.write_bytes(statements_csv(comparison))
    alignments_path.write_bytes(alignments_csv(comparison))
    return str(statements_path), str(alignments_path)


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything in the comparison as plain JSON-ready data."""
    return {
        "model": comparison.model,
        "sources": {"a": comparison.a.name, "b": comparison.b.name},
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


def findings_text(comparison: Comparison) -> str:
    """One line per row for a terminal: label, the statement ids on each side, the reason."""
    rows = alignment_rows(comparison)
    if not rows:
        return "(no statements to compare)"
    lines = [("label", "A | B", "reason")]
    lines += [(r["label"], f"{r['a_ids'] or '-'} | {r['b_ids'] or '-'}", r["reason"]) for r in rows]
    label_width = max(len(line[0]) for line in lines)
    id_width = max(len(line[1]) for line in lines)
    return "\n".join(
        f"{label:<{label_width}}  {ids:<{id_width}}  {reason}" for label, ids, reason in lines
    )
