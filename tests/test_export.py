import csv
import io
import json
import math
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, SAMPLES

from compare import compare_texts
from compare.export import (
    ALIGNMENT_COLUMNS,
    STATEMENT_COLUMNS,
    alignment_rows,
    alignments_csv,
    alignments_frame,
    csv_bytes,
    download_name,
    findings_text,
    neutralise,
    provenance,
    statement_rows,
    statements_csv,
    statements_frame,
    to_csv_bytes,
    to_json,
    write_csvs,
)
from compare.review import Review, SetLabel, SetNote, apply_review, row_key

A = 'The below is attributable to Spokesperson Ned Price:\n\nThe Secretary met the Minister. =HYPERLINK("x") was said.\n- They discussed trade.'
B = "The two ministers met.\n+They discussed trade and tariffs.\n@Both agreed to talk again."


def result(fake_embedder):
    return compare_texts(A, B, names=("US", "=cmd"), embedder=fake_embedder)


def test_statements_csv_schema_and_content(fake_embedder):
    r = result(fake_embedder)
    frame = pd.read_csv(io.BytesIO(statements_csv(r)), keep_default_na=False)
    assert tuple(frame.columns) == STATEMENT_COLUMNS
    assert list(frame.statement_id) == [s.id for s in r.a.statements] + [
        s.id for s in r.b.statements
    ]
    first = frame.iloc[0]
    assert first.kind == "non_content" and first.group_id == "" and first.label == ""
    for row in frame.itertuples():
        text = A if row.side == "a" else B
        raw = text[row.start : row.end]
        assert row.text in (raw, "'" + raw)


def test_alignments_csv_one_row_per_group_or_omission(fake_embedder):
    r = result(fake_embedder)
    frame = pd.read_csv(io.BytesIO(alignments_csv(r)), keep_default_na=False)
    assert tuple(frame.columns) == ALIGNMENT_COLUMNS
    assert len(frame) == len(r.alignments)
    ids = [i for cell in frame.a_ids for i in cell.split(";") if i]
    assert sorted(ids) == sorted(s.id for s in r.a.content)


def test_the_terminal_findings_show_each_rows_statements_within_the_width(fake_embedder):
    long = "The two ministers agreed that the alliance is the linchpin of peace " * 3
    r = compare_texts(
        "외교부 장관은 동맹이 평화와 번영의 핵심축임을 재확인하였습니다 " * 4 + "\n" + long,
        long + "\nThey discussed trade.",
        embedder=fake_embedder,
    )
    lines = findings_text(r, width=70).splitlines()
    shown = [line.split()[1] for line in lines if line.lstrip()[:2] in ("A ", "B ")]
    # every statement of every row, in the rows' order, under its row
    expected = [
        s for row in r.alignments for s in [f"a{i}" for i in row.a] + [f"b{j}" for j in row.b]
    ]
    assert shown == expected
    assert len(shown) == len(r.a.content) + len(r.b.content)
    for line in lines[1:]:
        if line.lstrip()[:2] in ("A ", "B "):
            columns = sum(2 if "\uac00" <= ch <= "\ud7a3" else 1 for ch in line)
            assert columns <= 70, line
    assert any(line.endswith(" …") for line in lines)
    assert "linchpin" in findings_text(r, width=200)


def test_download_names_keep_several_pairs_apart(fake_embedder):
    one = compare_texts(A, B, names=("ROK MOFA", "US State Dept."), embedder=fake_embedder)
    two = compare_texts(A, B, names=("외교부", "../../etc/passwd"), embedder=fake_embedder)
    assert download_name("alignments.csv", one) == "alignments_ROK-MOFA_vs_US-State-Dept.csv"
    # any script's letters stay; nothing of a path survives
    assert download_name("report.html", two) == "report_외교부_vs_etc-passwd.html"
    assert download_name("session.json", one) != download_name("session.json", two)
    long = compare_texts(A, B, names=("x" * 90, "-"), embedder=fake_embedder)
    assert download_name("a.csv", long) == f"a_{'x' * 40}_vs_unnamed.csv"


def test_no_cell_starts_like_a_formula(fake_embedder):
    r = result(fake_embedder)
    for data in (statements_csv(r), alignments_csv(r)):
        frame = pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)
        for value in frame.to_numpy().ravel():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert neutralise("=1+1") == "'=1+1" and neutralise("ok") == "ok" and neutralise(0.5) == 0.5


def test_csv_is_utf8_with_header(fake_embedder):
    r = compare_texts("장관은 통화했다.", "장관은 통화했다.", embedder=fake_embedder)
    data = statements_csv(r)
    assert data.decode("utf-8").splitlines()[0] == ",".join(STATEMENT_COLUMNS)
    assert "통화했다" in data.decode("utf-8")


def test_json_round_trip(fake_embedder):
    r = result(fake_embedder)
    data = json.loads(to_json(r))
    assert data["sources"] == {"a": "US", "b": "=cmd"}
    assert sum(data["counts"].values()) == len(data["alignments"])
    # traceable on its own, as provenance.json is
    record = provenance(r)
    assert data["settings"] == record["settings"] and data["model"] == record["model"]
    assert data["sha256"] == {side: record["sources"][side]["sha256"] for side in "ab"}
    assert data["tool_version"] == record["tool_version"]


def test_write_csvs(tmp_path, fake_embedder):
    paths = write_csvs(result(fake_embedder), tmp_path / "new")
    assert all((tmp_path / "new" / name).exists() for name in ("statements.csv", "alignments.csv"))
    assert len(paths) == 2


# --- the csv module writes the bytes pandas wrote ------------------------------------------------


def pandas_csv(columns, rows) -> bytes:
    """How export wrote a table before: a DataFrame, each cell neutralised, pandas' to_csv."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for column in frame.columns:
        frame[column] = frame[column].map(neutralise)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


@pytest.mark.parametrize("pair", SAMPLES, ids=[p.name for p in SAMPLES])
def test_csv_bytes_are_those_pandas_wrote_on_every_sample(pair, fake_embedder):
    c = compare_texts(
        (pair / "a.txt").read_text(encoding="utf-8"),
        (pair / "b.txt").read_text(encoding="utf-8"),
        names=("=HYPERLINK(1)", 'B, "with" a comma'),
        embedder=fake_embedder,
    )
    first = next(r for r in c.alignments if r.group_id)
    review = Review((SetLabel(first.group_id, "diverge"), SetNote(row_key(first), 'one\ntwo, "3"')))
    for comparison in (c, apply_review(c, review)):
        assert statements_csv(comparison) == pandas_csv(
            STATEMENT_COLUMNS, statement_rows(comparison)
        )
        assert alignments_csv(comparison) == pandas_csv(
            ALIGNMENT_COLUMNS, alignment_rows(comparison)
        )


CELLS = [
    "plain",
    "",
    "a, comma",
    'a "quote"',
    "two\nlines",
    "carriage\rreturn",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "  =spaced",
    "\u200b=zero-width",
    "\uff1dfull-width",
    "\ufe62small plus",
    "'already quoted",
    "장관은 통화했다.",
    "emoji \U0001f600",
]
INTEGERS = [0, 7, -3, 12345]
FLOATS = [0.5, 1.0, 0.1 + 0.2, 1e-05, 123456.789, -0.25, 0.0]  # a column holds one kind


def cell_rows(cells):
    return [
        {
            "text": text,
            "integer": INTEGERS[n % len(INTEGERS)],
            "float": FLOATS[n % len(FLOATS)],
            "other": cells[-1 - n],
        }
        for n, text in enumerate(cells)
    ]


COLUMNS = ("text", "integer", "float", "other")


def test_csv_bytes_quote_and_neutralise_every_kind_of_cell_as_pandas_did():
    rows = cell_rows([c for c in CELLS if "\r" not in c])
    assert csv_bytes(COLUMNS, rows) == pandas_csv(COLUMNS, rows)


def test_every_cell_reads_back_whole_a_lone_carriage_return_too():
    rows = cell_rows(CELLS)
    data = csv_bytes(COLUMNS, rows)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert parsed[0] == list(COLUMNS)
    assert parsed[1:] == [[str(neutralise(row[c])) for c in COLUMNS] for row in rows]
    assert parsed[1 + CELLS.index("=1+1")][0] == "'=1+1"
    # pandas (and csv.writer with a "\n" row end) left "carriage\rreturn" unquoted
    assert b'\n"carriage\rreturn",' in data
    assert data.endswith(b"\n") and b"\r\n" not in data


def test_missing_values_are_empty_cells_as_pandas_wrote_them():
    rows = [{"a": None, "b": 1.5}, {"a": "x", "b": math.nan}]
    assert csv_bytes(("a", "b"), rows) == pandas_csv(("a", "b"), rows) == b"a,b\n,1.5\nx,\n"


def test_a_dataframe_is_written_by_the_same_writer(fake_embedder):
    c = result(fake_embedder)
    assert to_csv_bytes(statements_frame(c)) == statements_csv(c)
    assert to_csv_bytes(alignments_frame(c)) == alignments_csv(c)


def test_writing_csvs_imports_no_pandas(tmp_path):
    code = (
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from conftest import FakeEmbedder\n"
        "from compare import compare_texts\n"
        "from compare.export import write_csvs\n"
        "c = compare_texts('They met. They talked.', 'They met.', embedder=FakeEmbedder())\n"
        f"write_csvs(c, {str(tmp_path)!r})\n"
        "print('pandas' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
    assert (tmp_path / "alignments.csv").read_bytes().startswith(b"group_id,label")


# --- import compare ---------------------------------------------------------------------------

HEAVY = ("numpy", "pandas", "torch", "streamlit", "sentence_transformers", "jinja2", "kiwipiepy")


def run_python(code: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", "import json, sys\n" + code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


LOADED = (
    "print(json.dumps({'compare': sorted(m for m in sys.modules if m.startswith('compare')), "
    f"'heavy': sorted(m for m in {HEAVY!r} if m in sys.modules)}}))"
)


def test_import_compare_loads_no_stage():
    assert run_python("import compare\n" + LOADED) == {"compare": ["compare"], "heavy": []}


def test_a_public_name_loads_its_module_only():
    loaded = run_python("from compare import Config, InputError\n" + LOADED)
    assert loaded == {"compare": ["compare", "compare.errors", "compare.schema"], "heavy": []}
    loaded = run_python("from compare import compare_texts\n" + LOADED)
    assert "compare.pipeline" in loaded["compare"] and "compare.export" not in loaded["compare"]
    assert "pandas" not in loaded["heavy"] and "torch" not in loaded["heavy"]


def test_every_public_name_resolves_to_its_modules_object():
    import importlib

    import compare

    for name in compare.__all__:
        value = getattr(compare, name)
        module = importlib.import_module(value.__module__)
        assert getattr(module, name) is value, name
    assert set(compare.__all__) <= set(dir(compare))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        compare.nothing_here  # noqa: B018
    star = run_python(
        "from compare import *\nprint(json.dumps(sorted(k for k in dir() if not k.startswith('_'))))"
    )
    assert set(compare.__all__) <= set(star)
