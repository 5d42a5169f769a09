import io
import json

import pandas as pd

from compare import compare_texts
from compare.export import (
    ALIGNMENT_COLUMNS,
    STATEMENT_COLUMNS,
    alignments_csv,
    neutralise,
    statements_csv,
    to_json,
    write_csvs,
)

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


def test_write_csvs(tmp_path, fake_embedder):
    paths = write_csvs(result(fake_embedder), tmp_path / "new")
    assert all((tmp_path / "new" / name).exists() for name in ("statements.csv", "alignments.csv"))
    assert len(paths) == 2
