"""readout-compare: thin commands over the library.

    readout-compare [compare] A B [--out DIR] [--names N1 N2] [--split lines] [--json]
    readout-compare batch SOURCE --out DIR
    readout-compare story FILE [--out DIR]
    readout-compare evaluate GOLD_DIR

This module is the one place commands are registered: `COMMANDS` lists the command modules, each
with `NAME`, `add_parser(subparsers, parents)` and `run(args) -> int`. They share the option
groups and readers of `options.py` and import nothing from here. The parser is argparse
(standard library, a few milliseconds to import): parent parsers carry the options generated
from `Config.settings()`, and a bare `readout-compare A B` is the `compare` command.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Sequence

from ..errors import CompareError, FileReadError
from . import batch, evaluate, pair, story
from .options import (
    PROG,
    Parser,
    SafeStream,
    UsageError,
    backend_option,
    config_from,
    model_options,
    sanitise,
    setup_logging,
    suggest_command,
)

log = logging.getLogger("compare")

COMMANDS = (pair, batch, story, evaluate)
DEFAULT_COMMAND = pair.NAME


def build_parser() -> Parser:
    """The whole command line: one sub-parser per command, sharing the parent option groups."""
    parser = Parser(
        prog=PROG,
        description="Compare two governments' readouts of the same call: align their statements "
        "in any order, label each group agree / partial / diverge and each leftover only_a / "
        "only_b, and say why.\n"
        f"'{PROG} A B ...' is short for '{PROG} compare A B ...'; "
        f"'{PROG} COMMAND --help' shows a command's options.",
        epilog=f"example: {PROG} samples/chung-blinken_call_2021-08-05/a.txt "
        "samples/chung-blinken_call_2021-08-05/b.txt --out out/",
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    settings, backend = model_options(), backend_option()
    parents = {
        pair.NAME: [settings, backend],
        batch.NAME: [settings, backend],
        evaluate.NAME: [settings, backend],
        story.NAME: [settings, backend],
    }
    for command in COMMANDS:
        sub = command.add_parser(subparsers, parents[command.NAME])
        sub.set_defaults(run=command.run)
    return parser


def run_command(argv: Sequence[str]) -> int:
    """Parse `argv` (a command name first, or the default command's arguments) and run it; the
    project's named errors propagate (`main` turns them into one line)."""
    argv = list(argv)
    names = {command.NAME for command in COMMANDS}
    if not argv or (argv[0] not in names and argv[0] not in ("-h", "--help", "--version")):
        if argv and (meant := suggest_command(argv[0], sorted(names))):
            raise UsageError(
                f"{argv[0]!r} is neither a command nor a file; did you mean '{PROG} {meant}'? "
                f"(see {PROG} --help)"
            )
        argv = [DEFAULT_COMMAND, *argv]
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose)
    if hasattr(args, "model"):  # every command that runs the pipeline: settings checked first
        args.config = config_from(args)
    return args.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command; named errors are one line and exit 2, Ctrl-C exits 130, and
    a bug of ours is one line and exit 1 (the traceback only with -v)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout = sys.stdout
    sys.stdout = SafeStream(stdout)  # a readout's escape sequences never reach the terminal
    try:
        return run_command(argv)
    except CompareError as err:
        _fail(str(err))
        return 2
    except KeyboardInterrupt as err:  # a command may say what is kept ("run it again")
        _fail(str(err.args[0]) if err.args else "interrupted")
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): stop quietly, as cat does
        _discard_output(stdout)
        return 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left
    except OSError as err:  # e.g. --out on a read-only disk
        _fail(str(FileReadError(err)))
        return 2
    except Exception as err:
        log.info("unexpected error", exc_info=True)  # shown with -v
        _fail(
            f"unexpected error ({type(err).__name__}: {err}); rerun with -v for details and "
            "report it"
        )
        return 1
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def _discard_output(stream) -> None:
    """Point `stream`'s file at /dev/null, so that what is still buffered for a reader that has
    gone can be flushed at exit without a second broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # not a file (a test's StringIO)
        pass


def _fail(message: str) -> None:
    first = sanitise(message).splitlines()[0] if message.strip() else "error"
    print(f"{PROG}: error: {first}", file=sys.stderr)
