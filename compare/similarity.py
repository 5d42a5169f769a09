"""Statement x statement similarity matrices: the inputs of the align stage.

Semantic similarity comes from the embedder (pipeline); this module adds what can be read off the
words: an IDF-weighted content-word cosine and a fuzzy token-set ratio, shared rare words, and,
across scripts, shared numbers and Latin-letter names. Each function takes two lists of texts
and returns a len(a) x len(b) float32 matrix.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np

from .schema import Config
from .text import anchors, content_words

#: matrices at least this large (statements of A x statements of B) use every core
PARALLEL_CELLS = 40_000
#: at most this many pairs' token-set ratios are computed one call at a time, not as a batch
FEW_CELLS = 16


def _bag(text: str) -> frozenset[str]:
    """The statement's content-word stems (`text.content_words` remembers them per statement)."""
    return frozenset(content_words(text))


def lexical_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """Lexical similarity, 0-1, of every statement pair, as one float32 matrix (`LexicalMatrix`
    computed in full)."""
    return np.asarray(LexicalMatrix(a_texts, b_texts))


class LexicalMatrix:
    """Lexical similarity, 0-1: the mean of two views of shared wording.

    - content-word cosine with IDF weights computed over the two readouts, so that a rare shared
      word ("Haiti", "COVID-19") counts for more than one both sides repeat in every sentence;
    - rapidfuzz token-set ratio, which tolerates the run-together words of scraped pages.

    The cosine is computed for every pair at once (a matrix product). The token-set ratio, a
    rapidfuzz call per pair, is computed only for the pairs read, and remembered: the aligner
    reads a few pairs per statement (the others are settled by `upper_bound`), so a
    2,000 x 2,000 pair costs thousands of calls, not four million. Every value read is the
    exact one. Reads: `cells(rows, cols)`; `cell(i, j)` or `m[i, j]`; `m[i]` and `m[:, j]` (a row or column read
    element by element); `np.asarray(m)` computes the whole matrix.
    """

    def __init__(self, a_texts: Sequence[str], b_texts: Sequence[str]) -> None:
        from rapidfuzz import utils

        self.shape = (len(a_texts), len(b_texts))
        self._tfidf = tfidf_matrix(a_texts, b_texts)
        # the strings the token-set ratio compares, prepared once instead of once per pair
        self._a = [utils.default_process(t) for t in a_texts]
        self._b = [utils.default_process(t) for t in b_texts]
        self._values = np.zeros(self.shape, np.float32)
        self._known = np.zeros(self.shape, bool)
        self._complete = False
        self._lock = threading.Lock()

    ndim = 2

    def upper_bound(self) -> np.ndarray:
        """A float32 matrix at least as high as every value, without a token-set ratio: the
        value a ratio of 1 (its highest) would give, in the same float32 arithmetic."""
        return self._mean(np.float32(100.0), self._tfidf)

    @property
    def computed(self) -> int:
        """How many pairs' token-set ratios have been computed so far."""
        return int(self._known.sum())

    def cells(self, rows, cols) -> np.ndarray:
        """The exact values at (rows[k], cols[k]), a float32 array."""
        rows, cols = np.asarray(rows, np.intp), np.asarray(cols, np.intp)
        if not self._complete:
            with self._lock:
                missing = ~self._known[rows, cols]
                if missing.any():
                    r, c = rows[missing], cols[missing]
                    self._values[r, c] = self._mean(self._fuzzy_pairs(r, c), self._tfidf[r, c])
                    self._known[r, c] = True
        return self._values[rows, cols]

    def cell(self, i: int, j: int) -> np.float32:
        """The exact value of pair (i, j)."""
        if not self._known[i, j]:
            from rapidfuzz import fuzz

            with self._lock:
                fuzzy = np.float32(fuzz.token_set_ratio(self._a[i], self._b[j]))
                self._values[i, j] = self._mean(fuzzy, self._tfidf[i, j])
                self._known[i, j] = True
        return self._values[i, j]

    def _fuzzy_pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        from rapidfuzz import fuzz, process

        a, b = [self._a[i] for i in rows.tolist()], [self._b[j] for j in cols.tolist()]
        if len(a) <= FEW_CELLS:  # one call each costs less than setting up a batch
            return np.array(
                [fuzz.token_set_ratio(x, y) for x, y in zip(a, b, strict=True)], np.float32
            )
        return process.cpdist(
            a, b, scorer=fuzz.token_set_ratio, workers=-1 if len(a) >= PARALLEL_CELLS else 1
        )

    @staticmethod
    def _mean(fuzzy, tfidf: np.ndarray) -> np.ndarray:
        return (np.asarray(fuzzy, np.float32) / 100.0 + tfidf) / 2

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        from rapidfuzz import fuzz, process

        with self._lock:
            if not self._complete and self._values.size:
                fuzzy = process.cdist(
                    self._a,
                    self._b,
                    scorer=fuzz.token_set_ratio,
                    # every core for a long pair: the same values, in a fraction of the time; a
                    # short one is done before threads would start
                    workers=-1 if self._values.size >= PARALLEL_CELLS else 1,
                )
                self._values = self._mean(fuzzy, self._tfidf)
                self._known[:] = True
            self._complete = True
        out = self._values if dtype is None else self._values.astype(dtype, copy=False)
        if copy:
            return out.copy()
        if out is self._values:  # the remembered values are read, never written, through it
            out = out.view()
            out.flags.writeable = False
        return out

    def __getitem__(self, key):
        if isinstance(key, tuple) and len(key) == 2:
            i, j = key
            if _is_index(i) and _is_index(j):
                return self.cell(i, j)
            if _is_index(j) and isinstance(i, slice) and i == slice(None):
                return _Line(self, None, j)
        elif _is_index(key):
            return _Line(self, key, None)
        return np.asarray(self)[key]

    def __len__(self) -> int:
        return self.shape[0]

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_lock"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _lock=threading.Lock())


def _is_index(x) -> bool:
    return isinstance(x, int | np.integer) and not isinstance(x, bool)


class _Line:
    """One row (or column) of a `LexicalMatrix`, computed only where it is read."""

    def __init__(self, matrix: LexicalMatrix, row: int | None, col: int | None) -> None:
        self.matrix, self.row, self.col = matrix, row, col

    def __len__(self) -> int:
        return self.matrix.shape[1 if self.col is None else 0]

    def __getitem__(self, k):
        if not _is_index(k):
            return np.asarray(self)[k]
        return self.matrix.cell(self.row, k) if self.col is None else self.matrix.cell(k, self.col)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        k = np.arange(len(self))
        i, j = (
            (np.full_like(k, self.row), k) if self.col is None else (k, np.full_like(k, self.col))
        )
        out = self.matrix.cells(i, j)
        return out if dtype is None else out.astype(dtype, copy=False)

    def upper_bound(self) -> np.ndarray:
        """The line of `LexicalMatrix.upper_bound`, without the rest of the matrix."""
        m = self.matrix
        tfidf = m._tfidf[self.row] if self.col is None else m._tfidf[:, self.col]
        return m._mean(np.float32(100.0), tfidf)


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
    shared = _overlap(bags_a, bags_b).astype(np.float64)  # whole counts, exact
    smaller = np.minimum.outer([len(x) for x in bags_a], [len(y) for y in bags_b])
    share = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
    # the share is rounded to float32 before it is compared, as a Python float meets a float32
    np.maximum(out, share.astype(np.float32), out=out, where=smaller > 0)
    return out


def _overlap(bags_a: Sequence[Collection[str]], bags_b: Sequence[Collection[str]]) -> np.ndarray:
    """How many words each bag of `bags_a` shares with each of `bags_b`, a float32 matrix."""
    column = {w: k for k, w in enumerate(sorted(set().union(*bags_a, *bags_b)))}
    out = []
    for bags in (bags_a, bags_b):
        matrix = np.zeros((len(bags), len(column)), np.float32)
        for row, bag in enumerate(bags):
            matrix[row, [column[w] for w in bag]] = 1.0
        out.append(matrix)
    return out[0] @ out[1].T


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
    rare = rare_stems(a_texts, b_texts)
    if not rare:
        return out
    bags_a = [_bag(t) for t in a_texts]
    bags_b = [_bag(t) for t in b_texts]
    return _overlap([bag & rare for bag in bags_a], [bag & rare for bag in bags_b])


def rare_stems(a_texts: Sequence[str], b_texts: Sequence[str]) -> frozenset[str]:
    """The content-word stems each readout uses in exactly one statement (so a statement pair
    sharing one shares a word no other statement uses); none when either side has fewer than
    MIN_STATEMENTS_FOR_RARE statements."""
    if min(len(a_texts), len(b_texts)) < MIN_STATEMENTS_FOR_RARE:
        return frozenset()
    once = []
    for texts in (a_texts, b_texts):
        counts = Counter(w for t in texts for w in _bag(t))
        once.append({w for w, n in counts.items() if n == 1})
    return frozenset(once[0] & once[1])


def best_combined(semantic_line, lexical_line, config: Config) -> tuple[int, float]:
    """The position and value of the highest combined score along one row or column (the
    first, on a tie), reading a `LexicalMatrix` line only where its bound could still win."""
    semantic_line = np.asarray(semantic_line, np.float32)
    if not len(semantic_line):
        return -1, 0.0
    if isinstance(lexical_line, _Line):
        bound = combined_score(semantic_line, lexical_line.upper_bound(), config)
    else:
        lexical_line = np.asarray(lexical_line, np.float32)
        scores = combined_score(semantic_line, lexical_line, config)
        top = int(np.argmax(scores))
        return top, float(scores[top])
    best, best_score = -1, -np.inf
    for k in np.argsort(-bound, kind="stable").tolist():
        if bound[k] < best_score:
            break  # no later position can reach the best found
        score = float(combined_score(semantic_line[k : k + 1], [lexical_line[k]], config)[0])
        if score > best_score or score == best_score and k < best:
            best, best_score = k, score
    return best, best_score


def combined_score(semantic, lexical, config: Config):
    """The score the aligner thresholds and the labeller reads: a weighted mean of semantic and
    lexical similarity (of two matrices, or of two numbers)."""
    w = config.semantic_weight
    if np.ndim(semantic) == 0:
        return w * float(semantic) + (1 - w) * float(lexical)
    return w * np.asarray(semantic, np.float32) + (1 - w) * np.asarray(lexical, np.float32)


def word_evidence(
    a_texts: Sequence[str], b_texts: Sequence[str], semantic: np.ndarray, *, crosslingual: bool
) -> tuple[LexicalMatrix | np.ndarray, np.ndarray | None]:
    """The lexical matrix and the shared-rare-word counts of two readouts. Across scripts word
    overlap cannot work: only numbers and Latin-letter names count, and no word is rare.
    Within one language the lexical matrix is a `LexicalMatrix`, computed as it is read."""
    if crosslingual:
        return anchor_matrix(a_texts, b_texts, semantic), None
    return LexicalMatrix(a_texts, b_texts), shared_rare_matrix(a_texts, b_texts)
