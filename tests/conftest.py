"""Shared fixtures: the real model (loaded once per session), a fake embedder, the sample pairs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if (p / "a.txt").exists())
SHARED = ROOT.parent / "shared"


def shared(*parts: str) -> Path:
    """A path under ../shared, the evaluation data beside the checkout. A missing one stops the
    run at collection, so it can never turn into an empty parameter list that tests nothing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the tests read ../shared beside the checkout")
    return path


class FakeEmbedder:
    """Bag-of-words hashing embedder: same words -> same vector; no model, instant."""

    name = "fake-bow"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                digest = hashlib.md5(word.encode()).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def row_ids(comparison) -> list[tuple[str, str, str, str]]:
    """(label, group_id, A ids, B ids) of every alignment row, as the views write them."""
    return [
        (
            row.label.value,
            row.group_id,
            " ".join(f"a{i}" for i in row.a),
            " ".join(f"b{j}" for j in row.b),
        )
        for row in comparison.alignments
    ]


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def embedder():
    """The real default model, loaded once for the whole test session."""
    from compare.embed import load_embedder

    return load_embedder()


@pytest.fixture(params=SAMPLES, ids=[p.name for p in SAMPLES], scope="session")
def sample_pair(request) -> tuple[str, str, Path]:
    path: Path = request.param
    return (
        (path / "a.txt").read_text(encoding="utf-8"),
        (path / "b.txt").read_text(encoding="utf-8"),
        path,
    )
