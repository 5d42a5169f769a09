"""The readout-compare command: good runs write the CSVs; bad input is one line and exit 2."""

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES

from compare.cli import main

PAIR = SAMPLES[0]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "compare", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )


def test_compare_writes_csvs_and_prints_counts(tmp_path):
    out = tmp_path / "out"
    proc = run_cli(str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--out", str(out), "--names", "X", "Y")
    assert proc.returncode == 0, proc.stderr.decode()
    stdout = proc.stdout.decode()
    rows = list(csv.DictReader(io.StringIO((out / "alignments.csv").read_text(encoding="utf-8"))))
    printed = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            printed[parts[0]] = int(parts[1])
    for label in ("agree", "partial", "diverge", "only_a", "only_b"):
        assert printed[label] == sum(r["label"] == label for r in rows)
    assert printed["total"] == len(rows)
    statements = list(
        csv.DictReader(io.StringIO((out / "statements.csv").read_text(encoding="utf-8")))
    )
    assert {r["source"] for r in statements} == {"X", "Y"}
    assert "Traceback" not in proc.stderr.decode()


def test_json_and_stdin(tmp_path):
    text = (PAIR / "a.txt").read_bytes()
    proc = run_cli("-", str(PAIR / "b.txt"), "--json", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["sources"] == {"a": "A", "b": "b"}
    assert sum(data["counts"].values()) == len(data["alignments"])


def test_lines_mode_keeps_one_statement_per_line(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("One. Two.\nThree.\n", encoding="utf-8")
    assert main([str(a), str(a), "--split", "lines", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["text"] for s in data["statements"] if s["side"] == "a"] == ["One. Two.", "Three."]


def bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre des Affaires étrangères a parlé.".encode("cp1252"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"The ministers met. " * 300_000)
    return {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "directory": (str(tmp_path), "is a directory"),
        "empty": (str(empty), "holds no text"),
        "binary": (str(binary), "binary"),
        "undecodable": (str(latin), "cannot decode"),
        "too large": (str(big), "limit"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "binary", "undecodable", "too large"]
)
def test_bad_input_is_one_line_and_exit_2(case, tmp_path, capsys):
    path, message = bad_inputs(tmp_path)[case]
    assert main([path, str(PAIR / "b.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_both_sides_from_stdin_is_refused(capsys):
    assert main(["-", "-"]) == 2
    assert "only one side" in capsys.readouterr().err


def test_bad_option_value_is_a_clear_error(capsys):
    assert main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--link-threshold", "3"]) == 2
    assert "link_threshold" in capsys.readouterr().err


def test_unknown_model_is_a_clear_error(tmp_path, capsys):
    missing = tmp_path / "no-model-here"
    code = main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--model", str(missing)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot load" in err and "Traceback" not in err


def test_batch_writes_one_folder_per_pair(tmp_path, capsys):
    assert main(["batch", str(ROOT / "samples"), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for pair in SAMPLES:
        assert (tmp_path / pair.name / "alignments.csv").exists()
        assert pair.name in out


def test_batch_on_a_folder_without_pairs(tmp_path, capsys):
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "no pair folders" in capsys.readouterr().err


def test_evaluate_prints_the_table(tmp_path, capsys):
    pair = tmp_path / "gold" / "p1"
    pair.mkdir(parents=True)
    a = "The ministers discussed the missile launch.\nThey talked about trade."
    b = "Both sides discussed the missile launch."
    (pair / "a.txt").write_text(a, encoding="utf-8")
    (pair / "b.txt").write_text(b, encoding="utf-8")
    gold = {
        "a_sentences": [{"i": 0, "text": a.split("\n")[0]}, {"i": 1, "text": a.split("\n")[1]}],
        "b_sentences": [{"i": 0, "text": b}],
        "alignments": [{"a": [0], "b": [0], "label": "partial"}],
        "only_a": [1],
        "only_b": [],
        "non_content": {"a": [], "b": []},
    }
    (pair / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "gold")]) == 0
    out = capsys.readouterr().out
    assert "p1" in out and "overall" in out and "link F1" in out


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "evaluate" in out and "batch" in out and "story" in out


def test_compare_by_name_gives_the_same_result(tmp_path, capsys):
    """'readout-compare compare A B' is the default command spelled out."""
    a, b = str(PAIR / "a.txt"), str(PAIR / "b.txt")
    assert main(["compare", a, b, "--json"]) == 0
    named = json.loads(capsys.readouterr().out)
    assert main([a, b, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == named
    assert named["alignments"]


def test_help_examples_point_at_real_samples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in out.split():
        if word.startswith("samples/"):
            assert (ROOT / word).exists(), word


def test_one_line_per_row_matches_the_csv(tmp_path, capsys):
    out = tmp_path / "out"
    assert main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split("\n\n", 1)[1].strip().splitlines()
    rows = list(csv.DictReader(io.StringIO((out / "alignments.csv").read_text(encoding="utf-8"))))
    assert printed[0].split()[:4] == ["label", "A", "|", "B"]
    assert len(printed) == len(rows) + 1
    for line, row in zip(printed[1:], rows, strict=True):
        label, a_ids, bar, b_ids, reason = line.split(maxsplit=4)
        assert (label, a_ids, bar, b_ids) == (
            row["label"],
            row["a_ids"] or "-",
            "|",
            row["b_ids"] or "-",
        )
        assert reason == row["reason"]

    assert main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "-q"]) == 0
    assert "reason" not in capsys.readouterr().out
