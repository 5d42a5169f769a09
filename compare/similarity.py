"""Statement x statement similarity matrices: the inputs of the align stage.

Semantic similarity comes from the embedder (pipeline); this module adds what can be read off the
words: an IDF-weighted content-word cosine and a fuzzy token-set ratio, shared rare words, and,
across scripts, shared numbers and Latin-letter names. Each function takes two lists of texts
and returns a len(a) x len(b) float32 matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from .schema import Config
from .text import anchors, content_words

#: matrices at least this large (statements of A x statements of B) use every core
PARALLEL_CELLS = 40_000


def _bag(text: str) -> frozenset[str]:
    """The statement's content-word stems (`text.content_words` remembers them per statement)."""
    return frozenset(content_words(text))


def lexical_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """Lexical similarity, 0-1: the mean of two views of shared wording.

    - content-word cosine with IDF weights computed over the two readouts, so that a rare shared
      word ("Haiti", "COVID-19") counts for more than one both sides repeat in every sentence;
    - rapidfuzz token-set ratio, which tolerates the run-together words of scraped pages.
    """
    from rapidfuzz import fuzz, process, utils

    if not a_texts or not b_texts:
        return np.zeros((len(a_texts), len(b_texts)), np.float32)
    fuzzy = process.cdist(
        list(a_texts),
        list(b_texts),
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        # every core for a long pair: the same values, in a fraction of the time; a short one
        # is done before threads would start
        workers=-1 if len(a_texts) * len(b_texts) >= PARALLEL_CELLS else 1,
    )
    fuzzy = np.asarray(fuzzy, np.float32) / 100.0
    return (fuzzy + tfidf_matrix(a_texts, b_texts)) / 2


def anchor_matrix(
    a_texts: Sequence[str], b_texts: Sequence[str], fallback: np.ndarray
) -> np.ndarray:
    """Lexical evidence across scripts (Korean vs English): the share of the numbers and
    Latin-letter words of the sparser statement found in the other. It can only raise the score
    above `fallback` (the semantic score): a name missing from a translation is weak evidence,
    while a shared number or name is strong."""
    out = np.asarray(fallback, np.float32).copy()
    bags_a = [anchors(t) for t in a_texts]
    bags_b = [anchors(t) for t in b_texts]
    for i, x in enumerate(bags_a):
        for j, y in enumerate(bags_b):
            smaller = min(len(x), len(y))
            if smaller:
                out[i, j] = max(out[i, j], len(x & y) / smaller)
    return out


def tfidf_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """Cosine of IDF-weighted content-word sets (stems), IDF over all statements of both sides."""
    bags = [_bag(t) for t in (*a_texts, *b_texts)]
    vocab = sorted(set().union(*bags))
    if not vocab:
        return np.zeros((len(a_texts), len(b_texts)), np.float32)
    column = {w: k for k, w in enumerate(vocab)}
    matrix = np.zeros((len(bags), len(vocab)), np.float32)
    for row, bag in enumerate(bags):
        matrix[row, [column[w] for w in bag]] = 1.0
    df = matrix.sum(axis=0)
    matrix *= np.log((len(bags) + 1) / (df + 0.5))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix /= np.where(norms == 0, 1, norms)
    n = len(a_texts)
    return np.clip(matrix[:n] @ matrix[n:].T, 0.0, 1.0)


# "used nowhere else" means something only against a few other statements: with one statement a
# side, every word would count as rare
MIN_STATEMENTS_FOR_RARE = 3


def shared_rare_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """How many content words statement i of A and statement j of B share that neither readout
    uses in any other statement ("Ukraine", "Russia" in the one sentence on each side that covers
    them). Such words are anchors: two readouts rarely repeat a specific name or term by chance.
    All zero when either side has fewer than MIN_STATEMENTS_FOR_RARE statements."""
    out = np.zeros((len(a_texts), len(b_texts)), np.float32)
    if min(len(a_texts), len(b_texts)) < MIN_STATEMENTS_FOR_RARE:
        return out
    bags_a = [_bag(t) for t in a_texts]
    bags_b = [_bag(t) for t in b_texts]
    once_a = {w for w, n in Counter(w for bag in bags_a for w in bag).items() if n == 1}
    once_b = {w for w, n in Counter(w for bag in bags_b for w in bag).items() if n == 1}
    column = {w: k for k, w in enumerate(sorted(once_a & once_b))}
    if not column:
        return out
    rare_a = np.zeros((len(bags_a), len(column)), np.float32)
    rare_b = np.zeros((len(bags_b), len(column)), np.float32)
    for rare, bags in ((rare_a, bags_a), (rare_b, bags_b)):
        for row, bag in enumerate(bags):
            rare[row, [column[w] for w in bag if w in column]] = 1.0
    return rare_a @ rare_b.T


def combined_score(semantic, lexical, config: Config):
    """The score the aligner thresholds and the labeller reads: a weighted mean of semantic and
    lexical similarity (of two matrices, or of two numbers)."""
    w = config.semantic_weight
    if np.ndim(semantic) == 0:
        return w * float(semantic) + (1 - w) * float(lexical)
    return w * np.asarray(semantic, np.float32) + (1 - w) * np.asarray(lexical, np.float32)


def word_evidence(
    a_texts: Sequence[str], b_texts: Sequence[str], semantic: np.ndarray, *, crosslingual: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """The lexical matrix and the shared-rare-word counts of two readouts. Across scripts word
    overlap cannot work: only numbers and Latin-letter names count, and no word is rare."""
    if crosslingual:
        return anchor_matrix(a_texts, b_texts, semantic), None
    return lexical_matrix(a_texts, b_texts), shared_rare_matrix(a_texts, b_texts)
