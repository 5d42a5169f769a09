"""What every command shares: the parser class, the option groups generated from Config, the
readers of files and standard input, and the guard that keeps a readout's control characters off
the terminal.

Nothing here imports a command module, so the command modules and the registry
(`compare/cli/__init__.py`) import this one and never each other.
"""

from __future__ import annotations

import argparse
import difflib
import io
import logging
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schema import Backend, Config

PROG = "readout-compare"
BACKENDS = tuple(b.value for b in Backend)


class UsageError(InputError):
    """A bad command line: argparse's message, printed as the CLI's one error line."""


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so a bad option is one line
    and exit 2 like every other named error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def model_options() -> argparse.ArgumentParser:
    """--model, one option per Config setting (label, help, range and default from
    `Config.settings()`), and -v: the parent of every command that runs the pipeline."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help="sentence-transformers model folder or installed name (default: all-MiniLM-L6-v2 "
        "for English, multilingual USE when a side is Korean); nothing is downloaded",
    )
    main = parent.add_argument_group("settings")
    expert = parent.add_argument_group("expert settings (docs/method.md explains each)")
    for s in Config.settings():
        group = expert if s.expert else main
        group.add_argument(
            s.option,
            dest=s.name,
            type=_in_range(s),
            default=None,  # unset options leave Config's own default in force
            metavar=s.kind.__name__.upper(),
            help=_escape(f"{s.label}: {s.help} Default {s.default}, from {s.low} to {s.high}."),
        )
    parent.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    return parent


def _in_range(setting) -> Any:
    """The argparse type of a setting's option: its kind, within its range, so that a bad value
    is named by its option ("argument --link-threshold: must be from 0 to 1, got 1.5")."""

    def parse(text: str):
        try:
            value = setting.kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be a {'whole ' if setting.kind is int else ''}number, got {text!r}"
            ) from None
        if not setting.admits(value):
            raise argparse.ArgumentTypeError(
                f"must be from {setting.low} to {setting.high}, got {text}"
            )
        return value

    parse.__name__ = setting.kind.__name__  # argparse names the type in its messages
    return parse


def source_name(text: str) -> str:
    """The argparse type of --names: a name, stripped; an empty one is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a source name cannot be empty")
    return text.strip()


def suggest_command(word: str, commands: Sequence[str]) -> str | None:
    """The command `word` was probably meant to be ("stroy" -> "story"), when `word` is no
    file and looks like a mistyped command name."""
    if "/" in word or "." in word or Path(word).exists():
        return None
    close = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.6)
    return close[0] if close else None


def backend_option() -> argparse.ArgumentParser:
    """--backend: how the sentence-transformers model runs (Korean pairs use USE either way)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--backend",
        choices=BACKENDS,
        default=None,
        help="run the model with torch, or with ONNX Runtime on an export built once from the "
        "same weights and cached: onnx-fp32 gives torch's results and starts sooner, onnx (int8) "
        "is quicker still and a little less accurate (docs/performance.md). "
        f"Default: {Config().backend.value}",
    )
    return parent


def config_from(args: argparse.Namespace) -> Config:
    """The Config the user asked for (the settings given, and --split where a command has it);
    Config validates every value, so an out-of-range one is an InputError."""
    given = {s.name: getattr(args, s.name) for s in Config.settings()}
    if getattr(args, "split", None):
        given["split"] = args.split
    if getattr(args, "backend", None):
        given["backend"] = args.backend
    return Config(model=args.model, **{k: v for k, v in given.items() if v is not None})


def _escape(text: str) -> str:
    return text.replace("%", "%%")  # argparse %-formats help strings


# --- reading ------------------------------------------------------------------------------------


def read_side(path: str, stdin_text: str | None) -> str:
    """One readout: a file, or '-' for the text already read from standard input."""
    from ..io import read_path

    if path == "-":
        if stdin_text is None:
            raise InputError("only one side can be read from stdin ('-')")
        return stdin_text
    return read_path(path)


def read_stdin() -> str:
    """Standard input, read to at most the file size limit (a pipe from /dev/zero stops there)."""
    from ..io import read_stream

    return read_stream(sys.stdin, "stdin")


def read_pair(a: str, b: str) -> tuple[str, str]:
    """Both sides of a comparison; at most one of them from standard input."""
    if a == "-" and b == "-":
        raise InputError("only one side can be read from stdin ('-')")
    stdin_text = read_stdin() if "-" in (a, b) else None
    return read_side(a, stdin_text), read_side(b, stdin_text)


def stem(path: str, fallback: str) -> str:
    """A side's file stem, or `fallback` for stdin."""
    return fallback if path == "-" else Path(path).stem or fallback


def side_names(
    given: tuple[str, str] | None, paths: tuple[str, str], texts: tuple[str, str]
) -> tuple[str, str]:
    """The sides' names: --names as given, or who published each, guessed from its text as the
    app does, else the file's stem; never the same name twice ("Same (A)", "Same (B)")."""
    from ..report.sources import distinct_names, source_names

    if given:
        return distinct_names(*given)
    return source_names(*texts, defaults=(stem(paths[0], "A"), stem(paths[1], "B")))


def source_file(path: str) -> str:
    """A side's file as provenance.json names it: the path as given, or <stdin>."""
    return "<stdin>" if path == "-" else path


def write_results(comparison, out: Path, files: tuple[str, str]) -> list[Path]:
    """A comparison's files in OUT: the two CSVs, provenance.json (naming `files`) and
    report.html; returns their paths in that order."""
    from ..export import write_csvs, write_provenance
    from ..report import html_report

    statements, alignments = write_csvs(comparison, out)
    provenance = write_provenance(comparison, out, files=files)
    report = out / "report.html"
    report.write_text(html_report(comparison), encoding="utf-8")
    return [Path(statements), Path(alignments), Path(provenance), report]


def wrote(paths: list[Path]) -> None:
    """'wrote a, b and c' on stderr."""
    names = [str(p) for p in paths]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    print(f"wrote {listed}", file=sys.stderr)


def print_result(comparison, *, quiet: bool) -> None:
    """The sides with their statement counts and the model, the counts per label, and (unless
    `quiet`) the key findings: what compare and story print."""
    from ..export import findings_text, summary_table
    from ..report.summary import plural

    a, b = comparison.a, comparison.b
    print(
        f"A: {a.name} ({plural(len(a.content), 'statement')})  "
        f"B: {b.name} ({plural(len(b.content), 'statement')})  model: {comparison.model}"
    )
    print(summary_table(comparison))
    if not quiet:
        width = shutil.get_terminal_size((100, 24)).columns
        print(f"\n{findings_text(comparison, width=max(width, 60))}")


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


# --- what reaches the terminal ------------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls (CSI is U+009B) and lone surrogates (which a
# terminal's encoder cannot write): a readout's text must not move the cursor, retitle the
# window or crash the print
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def sanitise(text: str) -> str:
    """Show each unsafe character as its \\uXXXX escape: visible on a terminal, and inside a JSON
    string (which already escapes C0) the same character after parsing."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that writes through `sanitise`: every command's stdout goes through it."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(sanitise(text))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def isatty(self) -> bool:
        return self._inner.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._inner, "encoding", "utf-8")
