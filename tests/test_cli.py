"""The readout-compare command: good runs write the CSVs; bad input is one line and exit 2."""

import argparse
import csv
import io
import json
import os
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLES

from compare.cli import main
from compare.errors import InputError

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
    printed = printed_counts(stdout)
    for label in ("agree", "partial", "diverge", "only_a", "only_b"):
        assert printed[label] == sum(r["label"] == label for r in rows)
    assert printed["total"] == len(rows)
    statements = list(
        csv.DictReader(io.StringIO((out / "statements.csv").read_text(encoding="utf-8")))
    )
    assert {r["source"] for r in statements} == {"X", "Y"}
    assert "Traceback" not in proc.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == [
        "alignments.csv",
        "provenance.json",
        "report.html",
        "statements.csv",
    ]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Key findings" in report and "X" in report
    provenance = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert {s: provenance["sources"][s]["file"] for s in "ab"} == {
        "a": str(PAIR / "a.txt"),
        "b": str(PAIR / "b.txt"),
    }
    assert provenance["counts"] == {k: n for k, n in printed.items() if k != "total"}
    assert provenance["settings"]["backend"] == "torch"
    assert f"{out / 'provenance.json'} and {out / 'report.html'}" in proc.stderr.decode()


def printed_counts(stdout: str) -> dict[str, int]:
    """The count table the command prints: label -> count, and the total."""
    table = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            table[parts[0]] = int(parts[1])
    return table


def test_json_and_stdin(tmp_path):
    text = (PAIR / "a.txt").read_bytes()
    proc = run_cli("-", str(PAIR / "b.txt"), "--json", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    # without --names each side is named after its publisher, guessed from the text
    assert data["sources"] == {
        "a": "ROK Ministry of Foreign Affairs",
        "b": "US Department of State",
    }
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
    assert "argument --link-threshold: must be from 0.0 to 1.0, got 3" in capsys.readouterr().err


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
    # with --folds, one leave-one-pair-out table per mode, in-sample beside out-of-fold
    p2 = tmp_path / "gold" / "p2"
    p2.mkdir()
    for name in ("a.txt", "b.txt", "gold.json"):
        (p2 / name).write_bytes((pair / name).read_bytes())
    assert main(["evaluate", str(tmp_path / "gold"), "--folds", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["folds"]) == {"presegmented", "end_to_end"}
    folds = data["folds"]["presegmented"]
    assert [p["pair"] for p in folds["pairs"]] == ["p1", "p2"]
    assert folds["configs_tried"] > 1 and "link_threshold" in folds["tuned"]
    assert folds["out_of_fold"]["links"]["f1"] is not None


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
    lines = capsys.readouterr().out.split("\n\n", 1)[1].strip().splitlines()
    rows = list(csv.DictReader(io.StringIO((out / "alignments.csv").read_text(encoding="utf-8"))))
    assert lines[0].split()[:4] == ["label", "A", "|", "B"]
    # each row's line starts at the margin; its statements follow, indented, one per line
    printed = [line for line in lines[1:] if not line.startswith(" ")]
    quoted = [line.split()[:2] for line in lines[1:] if line.startswith(" ")]
    assert len(printed) == len(rows)
    assert quoted == [
        [i[0].upper(), i]
        for row in rows
        for i in (row["a_ids"] + ";" + row["b_ids"]).split(";")
        if i
    ]
    for line, row in zip(printed, rows, strict=True):
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


# --- the command package: options from Config, one-line errors, safe output, fast start -------


def test_every_setting_is_an_option_with_the_config_help(capsys):
    from compare.schema import Config

    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps help lines
    for s in Config.settings():
        assert s.option in out
        assert " ".join(s.help.split()) in out
        assert f"Default {s.default}," in out


@pytest.mark.parametrize("command", ["compare", "batch", "evaluate", "story"])
def test_an_out_of_range_setting_is_one_line_and_exit_2(command, tmp_path, capsys):
    from compare.schema import Config

    for s in Config.settings():
        args = {"compare": ["x.txt", "y.txt"], "batch": [str(tmp_path), "--out", str(tmp_path)]}
        argv = [command, *args.get(command, [str(tmp_path)]), s.option, str(s.high * 2 + 1)]
        assert main(argv) == 2, s.name
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"argument {s.option}: must be from" in err, err


def test_a_bad_option_is_one_line_and_exit_2(capsys):
    assert main(["a.txt", "b.txt", "--link-threshold", "high"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--link-threshold" in err and "usage" not in err


@pytest.mark.parametrize("command", ["compare", "batch", "story", "evaluate"])
def test_every_command_help_ends_with_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    last = capsys.readouterr().out.strip().split("\n\n")[-1]
    assert last.startswith(("example: readout-compare ", "examples: readout-compare ")), last


def test_ctrl_c_exits_130(monkeypatch, capsys):
    class Interrupted:
        def read(self, size=-1):
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Interrupted()})())
    assert main(["-", str(PAIR / "b.txt")]) == 130
    assert capsys.readouterr().err == "readout-compare: error: interrupted\n"


def test_ctrl_c_in_a_batch_says_that_running_it_again_goes_on(monkeypatch, tmp_path, capsys):
    import compare.batch

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(compare.batch, "run_batch", interrupted)
    assert main(["batch", str(SAMPLES[0].parent), "--out", str(tmp_path / "out")]) == 130
    err = capsys.readouterr().err
    assert err.startswith("readout-compare: error: interrupted: the pairs done so far are kept")
    assert "run the same command again" in err


@pytest.mark.parametrize(
    "typed, meant", [("stroy", "story"), ("comapre", "compare"), ("bach", "batch")]
)
def test_a_mistyped_command_is_named_not_read_as_a_file(typed, meant, capsys):
    assert main([typed, "x.txt"]) == 2
    err = capsys.readouterr().err
    assert (
        f"'{typed}' is neither a command nor a file; did you mean 'readout-compare {meant}'?" in err
    )


def test_an_empty_source_name_is_refused(capsys):
    for command in (["compare", str(PAIR / "a.txt"), str(PAIR / "b.txt")], ["story", "x.txt"]):
        assert main([*command, "--names", "", "B"]) == 2
        assert "argument --names: a source name cannot be empty" in capsys.readouterr().err


def test_a_reader_that_stops_early_ends_the_output_quietly(monkeypatch, capsys):
    """`readout-compare … | head -1`: the pipe's reader goes, and the rest is dropped without
    an error message (exit 141, as a shell reports a writer whose reader left)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    closed_pipe = os.fdopen(write_end, "w")

    def talkative(argv):
        print("row\n" * 100_000)
        return 0

    monkeypatch.setattr("compare.cli.run_command", talkative)
    monkeypatch.setattr(sys, "stdout", closed_pipe)
    try:
        assert main(["anything"]) == 141
    finally:
        closed_pipe.close()  # its file now points at /dev/null
    assert capsys.readouterr().err == ""


def test_a_bug_is_one_line_and_exit_1(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr("compare.pipeline.compare_documents", broken)
    assert main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--backend", "onnx"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ZeroDivisionError" in err and "Traceback" not in err


def test_the_backend_is_a_setting(tmp_path):
    from compare.cli.options import config_from
    from compare.schema import Backend, Config

    assert Config().backend is Backend.TORCH
    assert Config(backend="onnx").backend is Backend.ONNX
    with pytest.raises(
        InputError, match="unknown backend 'gpu'; choose one of: torch, onnx, onnx-fp32$"
    ):
        Config(backend="gpu")
    parser_args = argparse.Namespace(model=None, backend="onnx", split=None)
    for s in Config.settings():
        setattr(parser_args, s.name, None)
    assert config_from(parser_args).backend is Backend.ONNX


def test_stdin_is_bounded():
    """An endless stdin is cut at the size limit, not read to the end of memory."""
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "compare", "-", str(PAIR / "b.txt")],
            stdin=zero,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("readout-compare: error: stdin is larger than") and err.count("\n") == 1


def test_escape_sequences_from_a_readout_never_reach_the_terminal(tmp_path, capsys):
    hostile = "The ministers discussed \x1b[2J\x1b]0;owned\x07trade \x9b31m quotas.\n"
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    ordinary = "".join(
        f"They agreed to meet again in month {n} to review the talks.\n" for n in range(12)
    )
    a.write_text(hostile + ordinary, encoding="utf-8")
    b.write_text("The ministers discussed \x1b[2Jfisheries.\n" + ordinary, encoding="utf-8")
    for argv in ([str(a), str(b)], [str(b), str(a)], [str(a), str(b), "--json"]):
        assert main([*argv, "--backend", "onnx"]) == 0
        out = capsys.readouterr().out
        assert not [c for c in out if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0]
    assert "\\u001b[2J" in out  # shown, not obeyed
    data = json.loads(out)  # the JSON is still the readout's text, character for character
    assert hostile.strip() in [s["text"] for s in data["statements"]]


def test_the_cli_starts_without_heavy_imports():
    """Parsing and --help import neither torch, sentence-transformers, pandas, streamlit nor
    numpy."""
    code = (
        "import sys\n"
        "from compare.cli import main\n"
        "for argv in (['--help'], ['batch', '--help'], ['story', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'torch', 'sentence_transformers', 'pandas', 'streamlit', 'onnxruntime', "
        "'numpy'}\n"
        "print(sorted(heavy & set(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=30, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "[]"


@pytest.mark.parametrize("backend", ["onnx", "onnx-fp32"])
def test_onnx_cold_start_imports_no_torch(tmp_path, backend):
    """With the ONNX model built, a comparison from launch to CSV needs neither torch nor
    sentence-transformers, on either precision (the bound is a timeout)."""
    from compare.embed import load_embedder

    load_embedder(backend=backend)  # builds the cached model if this machine has none yet
    code = (
        "import sys\n"
        "from compare.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(sorted({'torch', 'sentence_transformers'} & set(sys.modules)), file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--out", str(out)]
        + ["--backend", backend, "-q"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]"
    assert (out / "alignments.csv").read_text(encoding="utf-8").startswith("group_id,label")


def test_batch_takes_a_manifest_and_writes_the_summary(tmp_path, capsys):
    manifest = tmp_path / "corpus.csv"
    rows = ["a_path,b_path,pair_id"]
    rows += [f"{p / 'a.txt'},{p / 'b.txt'},{p.name}" for p in SAMPLES]
    rows.append(f"{tmp_path / 'missing.txt'},{SAMPLES[0] / 'b.txt'},broken")
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(manifest), "--out", str(out), "--backend", "onnx"]) == 1
    captured = capsys.readouterr()
    assert "broken" in captured.out and "no such file" in captured.out
    assert f"{len(SAMPLES)} pairs compared" in captured.err
    summary = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [r["pair_id"] for r in summary] == [p.name for p in SAMPLES] + ["broken"]
    combined = (out / "alignments.csv").read_text(encoding="utf-8")
    assert combined.startswith("pair_id,a_name,b_name,group_id,label")
    assert main(["batch", str(manifest), "--out", str(out), "--backend", "onnx"]) == 1
    again = capsys.readouterr()
    assert f"0 pairs compared, {len(SAMPLES)} already done, 1 failed" in again.err
    # a pair already done shows the counts it was done with
    first = {line.split()[0]: line for line in captured.out.splitlines()}
    second = {line.split()[0]: line for line in again.out.splitlines()}
    for p in SAMPLES:
        assert second[p.name] == first[p.name] + "  (already done)"
        assert any(n != "0" for n in first[p.name].split()[1:])


@pytest.mark.parametrize("where", ["file", "inside-file"])
def test_an_unwritable_out_is_one_line_before_any_work(tmp_path, capsys, where):
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker if where == "file" else blocker / "sub"
    # the model is never loaded: the folder is checked first (a fake path would fail later)
    code = main([str(PAIR / "a.txt"), str(PAIR / "b.txt"), "--out", str(out), "--model", "/nope"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        f"readout-compare: error: cannot write results to {out}: a file is in the way of that folder"
    ]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_names_default_to_the_guessed_publishers_and_never_coincide():
    from compare.cli.options import side_names

    us = "The following is attributable to Spokesperson Ned Price: Secretary Blinken spoke today."
    plain = "The two ministers talked about trade."
    assert side_names(None, ("x/a.txt", "x/b.txt"), (us, plain)) == ("US Department of State", "b")
    # the same guess on both sides is not given twice: neither is stronger, both are the stems
    assert side_names(None, ("a.txt", "b.txt"), (us, us)) == ("a", "b")
    assert side_names(None, ("-", "b.md"), (plain, plain)) == ("A", "b")
    # --names as given, and told apart when they are the same, as the app does
    assert side_names(("MOFA", "State"), ("a.txt", "b.txt"), (us, plain)) == ("MOFA", "State")
    assert side_names(("Same", "Same"), ("a.txt", "b.txt"), (us, plain)) == ("Same (A)", "Same (B)")


def test_one_statement_is_singular(tmp_path, capsys):
    a, b = tmp_path / "x.txt", tmp_path / "y.txt"
    a.write_text("The minister spoke.\n", encoding="utf-8")
    b.write_text("The minister spoke today. They agreed to meet again.\n", encoding="utf-8")
    assert main([str(a), str(b), "-q"]) == 0
    assert capsys.readouterr().out.startswith("A: x (1 statement)  B: y (2 statements)  model:")


def test_the_readme_example_is_what_the_command_prints(tmp_path):
    """The README's first example shows the output of its command as it is today."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("## Command line") + 2
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("    $ cut"))
    block = [line.removeprefix("    ") for line in lines[start:end]]
    command = " ".join(line.rstrip("\\ ").strip() for line in block[:2]).removeprefix("$ ")
    shown = "\n".join(block[2:]).strip()
    args = shlex.split(command.replace("out/", f"{tmp_path}/"))[1:]
    proc = subprocess.run(
        [sys.executable, "-m", "compare", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    printed = (proc.stderr + proc.stdout).decode().replace(f"{tmp_path}/", "out/").strip()
    assert printed == shown
