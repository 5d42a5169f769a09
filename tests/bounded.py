"""Run a snippet in a fresh interpreter under a time and memory bound (hostile-input tests).

A test that must finish "within a few seconds" runs its work here: the timeout is generous for
a busy 2-core machine, so a failure means the work grew far beyond its bound (a quadratic path,
a bomb inflating), not that the machine was slow.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30  # seconds
MEMORY = 2_000_000_000  # bytes of address space


def run_bounded(code: str, *, timeout: float = TIMEOUT, memory: int = MEMORY) -> str:
    """Run `code` with the project importable; return its stdout, fail on error or timeout."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        preexec_fn=limit_memory,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout
