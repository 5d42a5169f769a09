"""Batch mode: pairs from a folder or a manifest, results written pair by pair, resumable,
statements embedded across pairs and once each, the same rows as one comparison at a time."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tracemalloc

import pytest
from conftest import ROOT, SAMPLES, FakeEmbedder, row_ids

from compare.batch import (
    ALIGNMENTS_FILE,
    PAIR_COLUMNS,
    SUMMARY_COLUMNS,
    SUMMARY_FILE,
    Pair,
    pairs_from,
    part_folder,
    run_batch,
    run_dask,
)
from compare.errors import InputError
from compare.export import alignments_csv, statements_csv
from compare.pipeline import compare_texts
from compare.schema import Config


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, recording every call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


def read_csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_pairs(root, count: int, *, shared: str = "The ministers met in Seoul.") -> list[Pair]:
    """`count` pair folders of short distinct readouts that all share one boilerplate line."""
    pairs = []
    for n in range(count):
        folder = root / f"p{n:03d}"
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(
            f"{shared}\nThey discussed trade quota {n}.\nMinister {n} raised the fisheries "
            "dispute.\n",
            encoding="utf-8",
        )
        (folder / "b.txt").write_text(
            f"{shared}\nThe two sides discussed trade quota {n}.\nThey agreed to meet in "
            f"autumn {n}.\n",
            encoding="utf-8",
        )
        pairs.append(Pair(folder.name, str(folder / "a.txt"), str(folder / "b.txt")))
    return pairs


def test_each_pair_gets_the_rows_of_a_single_comparison(tmp_path):
    write_pairs(tmp_path / "in", 5)
    pairs = pairs_from(tmp_path / "in")
    embedder = FakeEmbedder()
    result = run_batch(pairs, tmp_path / "out", embedder=embedder, chunk_pairs=2)
    assert (result.done, result.failed, result.skipped) == (5, 0, 0)
    combined = read_csv(tmp_path / "out" / ALIGNMENTS_FILE)
    summary = read_csv(tmp_path / "out" / SUMMARY_FILE)
    assert [r["pair_id"] for r in summary] == [p.pair_id for p in pairs]
    for pair, row in zip(pairs, summary, strict=True):
        single = compare_texts(
            open(pair.a_path, encoding="utf-8").read(),
            open(pair.b_path, encoding="utf-8").read(),
            embedder=embedder,
        )
        folder = tmp_path / "out" / pair.pair_id
        assert sorted(p.name for p in folder.iterdir()) == [
            "alignments.csv",
            "provenance.json",
            "statements.csv",
        ]
        provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        assert [provenance["sources"][s]["file"] for s in "ab"] == [pair.a_path, pair.b_path]
        assert provenance["counts"] == single.counts()
        own = read_csv(folder / "alignments.csv")
        mine = [r for r in combined if r["pair_id"] == pair.pair_id]
        assert [{k: v for k, v in r.items() if k not in PAIR_COLUMNS} for r in mine] == own
        names = [single.a.name, single.b.name]
        assert {(r["a_name"], r["b_name"]) for r in mine} == {tuple(names)}
        assert [row["a_name"], row["b_name"]] == names
        assert [(r["label"], r["a_ids"], r["b_ids"]) for r in own] == [
            (label, a.replace(" ", ";"), b.replace(" ", ";")) for label, _, a, b in row_ids(single)
        ]
        assert {k: int(row[k]) for k in single.counts()} == single.counts()
        assert row["error"] == ""


@pytest.mark.parametrize("pair", SAMPLES, ids=[p.name for p in SAMPLES])
def test_pair_files_are_the_bytes_export_writes(pair, tmp_path, fake_embedder):
    names = ("=HYPERLINK(1)", "B, with a comma")
    job = Pair("p", str(pair / "a.txt"), str(pair / "b.txt"), *names)
    run_batch([job], tmp_path, embedder=fake_embedder)
    comparison = compare_texts(
        (pair / "a.txt").read_text(encoding="utf-8"),
        (pair / "b.txt").read_text(encoding="utf-8"),
        names=names,
        embedder=fake_embedder,
    )
    assert (tmp_path / "p" / "statements.csv").read_bytes() == statements_csv(comparison)
    assert (tmp_path / "p" / "alignments.csv").read_bytes() == alignments_csv(comparison)


def test_statements_are_embedded_across_pairs_and_once_each(tmp_path):
    pairs = write_pairs(tmp_path / "in", 6)
    embedder = CountingEmbedder()
    run_batch(pairs, tmp_path / "out", embedder=embedder, chunk_pairs=3)
    assert len(embedder.calls) == 2  # one call per chunk of three pairs
    encoded = [t for call in embedder.calls for t in call]
    assert len(encoded) == len(set(encoded))  # the shared line and repeats are embedded once
    assert encoded.count("The ministers met in Seoul.") == 1
    assert len(encoded) == 1 + 6 * 4  # the shared line, then each pair's own four statements


def test_a_bad_pair_is_a_summary_row_and_the_batch_goes_on(tmp_path):
    pairs = write_pairs(tmp_path / "in", 3)
    (tmp_path / "in" / "p001" / "b.txt").write_text("  \n", encoding="utf-8")
    pairs.append(Pair("gone", str(tmp_path / "nope" / "a.txt"), str(tmp_path / "nope" / "b.txt")))
    pairs.append(Pair("../escape", pairs[0].a_path, pairs[0].b_path))
    pairs.append(Pair("p000", pairs[0].a_path, pairs[0].b_path))
    result = run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    assert (result.done, result.failed) == (2, 4)
    rows = [(r["pair_id"], r["error"]) for r in read_csv(tmp_path / "out" / SUMMARY_FILE)]
    errors = dict(rows[1:])
    assert rows[0] == ("p000", "")
    assert "holds no text" in errors["p001"]
    assert errors["p002"] == ""
    assert "no such file" in errors["gone"]
    assert "cannot name a folder" in errors["../escape"]
    assert "appears twice" in errors["p000"]  # the second p000 is refused, the first is kept
    assert not (tmp_path / "escape").exists()
    assert not (tmp_path / "out" / "p001").exists()


def test_manifest_with_names_ids_and_relative_paths(tmp_path):
    write_pairs(tmp_path / "in", 2)
    manifest = tmp_path / "in" / "corpus.csv"
    manifest.write_text(
        "a_path,b_path,a_name,b_name,pair_id\n"
        "p000/a.txt,p000/b.txt,MOFA,State,first\n"
        "p001/a.txt,p001/b.txt,,,\n",
        encoding="utf-8",
    )
    pairs = pairs_from(manifest, names=("Seoul", "Washington"))
    assert [(p.pair_id, p.a_name, p.b_name) for p in pairs] == [
        ("first", "MOFA", "State"),
        ("row2", "Seoul", "Washington"),
    ]
    run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    sources = {r["source"] for r in read_csv(tmp_path / "out" / "first" / "statements.csv")}
    assert sources == {"MOFA", "State"}


def test_a_folder_of_pairs_names_each_side_by_its_publisher_as_compare_does(tmp_path):
    shutil.copytree(
        ROOT / "samples" / "us-kr_pompeo-kang_call_2018-05-25", tmp_path / "in" / "call"
    )
    pairs = pairs_from(tmp_path / "in")
    run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    sources = {r["source"] for r in read_csv(tmp_path / "out" / "call" / "statements.csv")}
    assert sources == {"US Department of State", "ROK Ministry of Foreign Affairs"}
    # the names the pair was compared under head its rows in OUT's files too
    (summary,) = read_csv(tmp_path / "out" / SUMMARY_FILE)
    assert {summary["a_name"], summary["b_name"]} == sources
    combined = read_csv(tmp_path / "out" / ALIGNMENTS_FILE)
    assert {(r["a_name"], r["b_name"]) for r in combined} == {
        (summary["a_name"], summary["b_name"])
    }
    # --names still wins over the guess
    run_batch(
        pairs_from(tmp_path / "in", names=("X", "Y")), tmp_path / "named", embedder=FakeEmbedder()
    )
    named = {r["source"] for r in read_csv(tmp_path / "named" / "call" / "statements.csv")}
    assert named == {"X", "Y"}


@pytest.mark.parametrize(
    "text, message",
    [("left,right\nx,y\n", "a_path and b_path"), ("a_path,b_path\n", "lists no pairs")],
)
def test_a_bad_manifest_is_one_named_error(tmp_path, text, message):
    manifest = tmp_path / "m.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        pairs_from(manifest)


def test_interrupted_batch_loses_nothing_and_resumes(tmp_path):
    pairs = write_pairs(tmp_path / "in", 7)
    out = tmp_path / "out"
    whole = tmp_path / "whole"
    run_batch(pairs, whole, embedder=FakeEmbedder())

    seen = []

    def stop_after_three(result):
        seen.append(result.pair.pair_id)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(pairs, out, embedder=FakeEmbedder(), chunk_pairs=2, progress=stop_after_three)
    assert [r["pair_id"] for r in read_csv(out / SUMMARY_FILE)] == seen
    # a line cut off half-way, as a kill during a write would leave it
    with (out / ALIGNMENTS_FILE).open("a", encoding="utf-8") as f:
        f.write('p009,g1,agree,"a0')

    embedder = CountingEmbedder()
    result = run_batch(pairs, out, embedder=embedder, progress=lambda r: None)
    assert (result.done, result.skipped) == (4, 3)
    encoded = [t for call in embedder.calls for t in call]
    assert len(encoded) == 1 + 4 * 4  # the shared line and the four pairs not done yet
    assert not [t for t in encoded if any(f"quota {n}." in t for n in range(3))]
    assert (out / SUMMARY_FILE).read_text() == (whole / SUMMARY_FILE).read_text()
    assert (out / ALIGNMENTS_FILE).read_text() == (whole / ALIGNMENTS_FILE).read_text()

    again = run_batch(pairs, out, embedder=FakeEmbedder())
    assert (again.done, again.skipped) == (0, 7)


def test_files_of_an_earlier_version_without_names_are_resumed_under_todays_columns(tmp_path):
    pairs = write_pairs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(pairs[:2], out, embedder=FakeEmbedder())
    # as a version before the name columns wrote them
    for name in (SUMMARY_FILE, ALIGNMENTS_FILE):
        rows = read_csv(out / name)
        old = [c for c in rows[0] if c not in ("a_name", "b_name")]
        with (out / name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, old, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    result = run_batch(pairs, out, embedder=FakeEmbedder())
    assert (result.done, result.skipped) == (1, 2)
    summary = read_csv(out / SUMMARY_FILE)
    assert tuple(summary[0]) == SUMMARY_COLUMNS
    assert [r["pair_id"] for r in summary] == ["p000", "p001", "p002"]
    assert [(r["a_name"], r["b_name"]) for r in summary[:2]] == [("", ""), ("", "")]
    assert summary[2]["a_name"] and summary[2]["b_name"]
    assert [r["agree"] for r in summary[:2]] != ["", ""]  # the counts kept their columns
    combined = read_csv(out / ALIGNMENTS_FILE)
    assert tuple(combined[0])[:3] == PAIR_COLUMNS
    assert {r["pair_id"] for r in combined} == {"p000", "p001", "p002"}
    assert all(r["label"] for r in combined)


def test_a_failed_pair_is_retried_on_resume(tmp_path):
    pairs = write_pairs(tmp_path / "in", 2)
    bad = tmp_path / "in" / "p001" / "b.txt"
    original = bad.read_text(encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    assert run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder()).failed == 1
    bad.write_text(original, encoding="utf-8")
    result = run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    assert (result.done, result.skipped, result.failed) == (1, 1, 0)
    assert [r["error"] for r in read_csv(tmp_path / "out" / SUMMARY_FILE)] == ["", ""]


def test_a_pair_whose_folder_lost_a_file_is_compared_again_on_resume(tmp_path):
    pairs = write_pairs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(pairs, out, embedder=FakeEmbedder())
    first = (out / "p001" / "alignments.csv").read_bytes()
    (out / "p001" / "alignments.csv").unlink()
    shutil.rmtree(out / "p002")
    result = run_batch(pairs, out, embedder=FakeEmbedder())
    assert (result.done, result.skipped, result.failed) == (2, 1, 0)
    assert [r["pair_id"] for r in read_csv(out / SUMMARY_FILE)] == ["p000", "p001", "p002"]
    assert (out / "p001" / "alignments.csv").read_bytes() == first
    assert (out / "p002" / "provenance.json").is_file()
    combined = [r["pair_id"] for r in read_csv(out / ALIGNMENTS_FILE)]
    assert sorted(set(combined)) == ["p000", "p001", "p002"]
    assert len(combined) == 3 * combined.count("p000")  # each pair's rows once


def test_no_resume_starts_over(tmp_path):
    pairs = write_pairs(tmp_path / "in", 2)
    run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    result = run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder(), resume=False)
    assert (result.done, result.skipped) == (2, 0)
    assert len(read_csv(tmp_path / "out" / SUMMARY_FILE)) == 2


def test_memory_stays_flat_as_pairs_grow(tmp_path):
    """Peak traced memory over 240 pairs stays within 1.5x of the peak over 40 (results go to
    disk; the vector cache is bounded)."""
    pairs = write_pairs(tmp_path / "in", 240)
    run_batch(pairs[:5], tmp_path / "warm-up", embedder=FakeEmbedder())  # imports are not growth
    peaks = []
    for n in (40, 240):
        tracemalloc.start()
        run_batch(pairs[:n], tmp_path / f"out{n}", embedder=FakeEmbedder(), cache_vectors=200)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_dask_partitions_write_the_same_rows(tmp_path):
    pairs = write_pairs(tmp_path / "in", 5)
    run_batch(pairs, tmp_path / "one", embedder=FakeEmbedder())
    alone = {r["pair_id"]: r for r in read_csv(tmp_path / "one" / SUMMARY_FILE)}
    result = run_dask(
        pairs,
        tmp_path / "dask",
        partitions=2,
        scheduler="synchronous",
        embedder=FakeEmbedder(),
    )
    assert (result.done, result.failed) == (5, 0)
    parts = [part_folder(tmp_path / "dask", k) for k in range(2)]
    rows = [r for part in parts for r in read_csv(part / SUMMARY_FILE)]
    assert {r["pair_id"]: r for r in rows} == alone
    assert read_csv(tmp_path / "dask" / SUMMARY_FILE) == read_csv(tmp_path / "one" / SUMMARY_FILE)
    assert (tmp_path / "dask" / ALIGNMENTS_FILE).read_text() == (
        tmp_path / "one" / ALIGNMENTS_FILE
    ).read_text()


@pytest.mark.parametrize(
    ("config_backend", "given", "used"),
    [("onnx-fp32", None, "onnx-fp32"), ("onnx-fp32", "onnx", "onnx"), ("torch", None, "torch")],
)
def test_the_model_runs_on_the_backend_provenance_names(
    tmp_path, monkeypatch, config_backend, given, used
):
    """The backend comes from the config unless one is given, which then replaces it: either
    way each pair's provenance.json names the backend its vectors came from."""
    import compare.embed
    from compare.schema import Config

    asked = []

    def load(name=None, backend=None):
        asked.append(backend)
        return FakeEmbedder()

    monkeypatch.setattr(compare.embed, "load_embedder", load)
    pairs = write_pairs(tmp_path / "in", 2)
    config = Config(backend=config_backend)
    assert run_batch(pairs, tmp_path / "out", config=config, backend=given).done == 2
    assert set(asked) == {used}
    for pair in pairs:
        provenance = json.loads((tmp_path / "out" / pair.pair_id / "provenance.json").read_text())
        assert provenance["settings"]["backend"] == used


def test_a_pair_folder_missing_one_file_is_a_failed_pair_not_left_out(tmp_path):
    write_pairs(tmp_path / "in", 2)
    half = tmp_path / "in" / "half"
    half.mkdir()
    (half / "a.txt").write_text("The ministers met in Seoul.\n", encoding="utf-8")
    (tmp_path / "in" / "notes").mkdir()  # neither file: not a pair
    pairs = pairs_from(tmp_path / "in")
    assert [p.pair_id for p in pairs] == ["half", "p000", "p001"]
    result = run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    assert (result.done, result.failed) == (2, 1)
    summary = {r["pair_id"]: r for r in read_csv(tmp_path / "out" / SUMMARY_FILE)}
    assert "b.txt" in summary["half"]["error"] and "no such file" in summary["half"]["error"]


def test_a_folder_that_is_no_pair_is_named_not_passed_over_silently(tmp_path, caplog):
    write_pairs(tmp_path / "in", 1)
    nested = tmp_path / "in" / "nested" / "inner"  # one level of folders too many
    nested.mkdir(parents=True)
    (nested / "a.txt").write_text("The ministers met.\n", encoding="utf-8")
    (nested / "b.txt").write_text("The ministers met.\n", encoding="utf-8")
    (tmp_path / "in" / ".cache").mkdir()  # hidden: not named
    run_batch(pairs_from(tmp_path / "in"), tmp_path / "in" / "out", embedder=FakeEmbedder())
    assert "1 sub-folder(s)" in caplog.text and "are not compared: nested" in caplog.text
    caplog.clear()
    pairs_from(tmp_path / "in")  # the batch's own output folder is no pair either
    assert [record.args[2] for record in caplog.records] == ["nested"]


def test_a_single_pair_folder_given_to_batch_points_to_compare(tmp_path):
    (tmp_path / "a.txt").write_text("The ministers met.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("The ministers met.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no pair folders") as e:
        pairs_from(tmp_path)
    assert f"compare them with 'readout-compare {tmp_path / 'a.txt'} {tmp_path / 'b.md'}'" in str(
        e.value
    )


def test_a_pair_whose_file_changed_is_compared_again_on_resume(tmp_path, caplog):
    pairs = write_pairs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(pairs, out, embedder=FakeEmbedder())
    changed = tmp_path / "in" / "p001" / "b.txt"
    changed.write_text("The two sides discussed fisheries.\n", encoding="utf-8")
    result = run_batch(pairs, out, embedder=FakeEmbedder())
    assert (result.done, result.skipped, result.failed) == (1, 2, 0)
    assert "1 pair changed since compared" in caplog.text and "p001" in caplog.text
    assert "fisheries" in (out / "p001" / "statements.csv").read_text(encoding="utf-8")
    assert sorted(r["pair_id"] for r in read_csv(out / SUMMARY_FILE)) == ["p000", "p001", "p002"]
    combined = read_csv(out / ALIGNMENTS_FILE)
    assert len({(r["pair_id"], r["a_ids"], r["b_ids"]) for r in combined}) == len(combined)
    assert any(r["pair_id"] == "p001" and "fisheries" in r["b_text"] for r in combined)


def test_pairs_compared_under_other_settings_are_compared_again_on_resume(tmp_path):
    pairs = write_pairs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(pairs, out, embedder=FakeEmbedder())
    assert run_batch(pairs, out, embedder=FakeEmbedder()).skipped == 2
    result = run_batch(pairs, out, embedder=FakeEmbedder(), config=Config(link_threshold=0.5))
    assert (result.done, result.skipped) == (2, 0)
    settings = json.loads((out / "p000" / "provenance.json").read_text(encoding="utf-8"))
    assert settings["settings"]["link_threshold"] == 0.5
    assert len(read_csv(out / SUMMARY_FILE)) == 2


def test_a_pair_given_other_files_than_it_was_compared_from_is_named_on_resume(tmp_path, caplog):
    pairs = write_pairs(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(pairs, out, embedder=FakeEmbedder())
    moved = [pairs[0], Pair("p001", pairs[0].a_path, pairs[0].b_path)]
    result = run_batch(moved, out, embedder=FakeEmbedder())
    assert result.skipped == 2
    assert "pair p001 was compared from other files" in caplog.text
    assert "--no-resume" in caplog.text
    assert "p000 was compared" not in caplog.text


def test_pair_files_are_found_in_any_case_and_two_files_for_one_side_are_an_error(tmp_path):
    root = tmp_path / "in"
    for folder in ("upper", "both"):
        (root / folder).mkdir(parents=True)
    (root / "upper" / "A.TXT").write_text("They met in Seoul.\n", encoding="utf-8")
    (root / "upper" / "B.Txt").write_text("The two sides met in Seoul.\n", encoding="utf-8")
    (root / "both" / "a.txt").write_text("They met in Seoul.\n", encoding="utf-8")
    (root / "both" / "a.md").write_text("They met in Tokyo.\n", encoding="utf-8")
    (root / "both" / "b.txt").write_text("The two sides met in Seoul.\n", encoding="utf-8")
    pairs = pairs_from(root)
    assert [p.pair_id for p in pairs] == ["both", "upper"]
    result = run_batch(pairs, tmp_path / "out", embedder=FakeEmbedder())
    assert (result.done, result.failed) == (1, 1)
    error = dict(result.errors)["both"]
    assert "side A has 2 files (a.md, a.txt); keep one" in error


def test_a_folder_without_pairs_says_what_a_pair_folder_holds(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"each pair is a sub-folder holding a\.\* and b\.\*"):
        pairs_from(tmp_path)


def test_a_pair_id_that_names_a_file_of_out_says_so(tmp_path):
    pairs = write_pairs(tmp_path / "in", 1)
    pair = Pair("Summary.csv", pairs[0].a_path, pairs[0].b_path)
    result = run_batch([pair], tmp_path / "out", embedder=FakeEmbedder())
    assert dict(result.errors)["Summary.csv"] == (
        "pair_id 'Summary.csv' is the name of a file the batch writes in OUT"
    )
