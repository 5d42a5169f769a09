"""Running the pipeline on gold pairs: one pair in one mode, or a whole gold folder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..schema import Comparison, Config, Document, Similarities, SplitMode
from .gold import GoldPair, load_dir
from .scores import MODES, EvalReport, ModeReport, aggregate, annotator_scores, score_pair


class CachingEmbedder:
    """Wrap an embedder with a text -> vector cache, so reruns with other thresholds re-embed
    nothing."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self._cache: dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        self.misses += len(todo)
        self.hits += len(texts) - len(todo)
        if todo:
            vectors = np.asarray(self.inner.encode(todo), np.float32)
            if vectors.shape[0] != len(todo):
                raise InputError(
                    f"embedder returned {vectors.shape[0]} vectors for {len(todo)} texts"
                )
            for text, vector in zip(todo, vectors, strict=True):
                self._cache[text] = vector
        if not texts:
            return np.asarray(self.inner.encode([]), np.float32)
        return np.stack([self._cache[t] for t in texts])


def prepare_pair(
    gold: GoldPair, mode: str, *, config: Config | None = None, embedder: Any = None
) -> tuple[Document, Document, Similarities]:
    """Segment and measure one pair in one mode: what `pipeline.decide` takes with a config."""
    from ..pipeline import default_embedder, make_document, measure  # lazy: numpy-heavy stages

    config = config or Config()
    if mode == "presegmented":
        a_text, b_text = gold.presegmented_texts()
        config = replace(config, split=SplitMode.LINES)
    elif mode == "end_to_end":
        a_text, b_text = gold.a_text, gold.b_text
    else:
        raise InputError(f"unknown evaluation mode {mode!r}; choose one of: {', '.join(MODES)}")
    doc_a = make_document(a_text, "a", "A", config)
    doc_b = make_document(b_text, "b", "B", config)
    if embedder is None:
        embedder = default_embedder(config, (doc_a.language, doc_b.language))
    return doc_a, doc_b, measure(doc_a, doc_b, embedder)


def run_pair(
    gold: GoldPair, mode: str, *, config: Config | None = None, embedder: Any = None
) -> Comparison:
    """Run the pipeline on one pair in one mode."""
    from ..pipeline import decide

    config = config or Config()
    return decide(*prepare_pair(gold, mode, config=config, embedder=embedder), config)


def evaluate_pairs(
    pairs: Sequence[GoldPair],
    *,
    config: Config | None = None,
    embedder: Any = None,
    modes: Sequence[str] = MODES,
    gold_dir: str = "",
) -> EvalReport:
    """Run and score every pair in every mode."""
    config = config or Config()
    for mode in modes:
        if mode not in MODES:
            raise InputError(f"unknown evaluation mode {mode!r}; choose one of: {', '.join(MODES)}")
    reports, model = [], getattr(embedder, "name", "") if embedder is not None else ""
    for mode in modes:
        scored = []
        for gold in pairs:
            comparison = run_pair(gold, mode, config=config, embedder=embedder)
            model = model or comparison.model
            scored.append(score_pair(gold, comparison, mode))
        sp, plain = aggregate(scored)
        reports.append(ModeReport(mode, tuple(scored), sp, plain))
    humans = tuple(h for h in map(annotator_scores, pairs) if h is not None)
    return EvalReport(gold_dir, model or "default", config, tuple(reports), humans)


def evaluate_dir(
    gold_dir: str | Path,
    *,
    config: Config | None = None,
    embedder: Any = None,
    modes: Sequence[str] = MODES,
) -> EvalReport:
    """Load every pair folder of `gold_dir`, run the pipeline in each mode and score it."""
    pairs = load_dir(gold_dir)
    return evaluate_pairs(
        pairs, config=config, embedder=embedder, modes=modes, gold_dir=str(gold_dir)
    )
