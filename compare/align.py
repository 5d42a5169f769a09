"""Similarity matrices -> alignment groups. No model in here: tests hand it matrices.

Readouts reorder topics, so nothing assumes order. Each statement links to its best partner on
the other side when the combined score is high enough, and to further partners close to that best
(one long sentence often covers two or three of the other side's). Groups are the connected sets
of links; statements left without a link are omissions, never forced into a match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from .schema import Config, Group
from .text import anchors, content_words


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
        list(a_texts), list(b_texts), scorer=fuzz.token_set_ratio, processor=utils.default_process
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
    bags = [set(content_words(t)) for t in (*a_texts, *b_texts)]
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
    bags_a = [set(content_words(t)) for t in a_texts]
    bags_b = [set(content_words(t)) for t in b_texts]
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


def combined_matrix(semantic: np.ndarray, lexical: np.ndarray, config: Config) -> np.ndarray:
    """The score the aligner thresholds: a weighted mean of semantic and lexical similarity."""
    w = config.semantic_weight
    return w * np.asarray(semantic, np.float32) + (1 - w) * np.asarray(lexical, np.float32)


def align(
    semantic: np.ndarray,
    lexical: np.ndarray,
    config: Config | None = None,
    *,
    a_continues: Sequence[bool] | None = None,
    b_continues: Sequence[bool] | None = None,
    shared_rare: np.ndarray | None = None,
) -> tuple[Group, ...]:
    """Group rows (side A) and columns (side B) that report the same point.

    `a_continues[i]` says statement i goes on with statement i-1's topic ("He added ..."): left
    without a partner of its own, it joins its predecessor's partners. `shared_rare[i, j]` counts
    the words only statements i and j use (`shared_rare_matrix`). A pair sharing at least
    `config.anchor_min_shared` of them is linked when it scores `link_threshold`, even if either
    statement has a better partner. It also scores `config.anchor_bonus` higher, but only when
    deciding which statement is another's best partner: thresholds, the margin for further
    partners, and the group's reported similarity (so its label) use the plain score. Both sides
    are treated alike, so swapping A and B transposes the result.
    """
    config = config or Config()
    semantic = np.asarray(semantic, np.float32)
    lexical = np.asarray(lexical, np.float32)
    if semantic.shape != lexical.shape:
        raise ValueError(f"matrix shapes differ: {semantic.shape} vs {lexical.shape}")
    n, m = semantic.shape
    if n == 0 or m == 0:
        return ()
    score = combined_matrix(semantic, lexical, config)
    anchored = np.zeros(score.shape, bool)
    if shared_rare is not None:
        if np.shape(shared_rare) != score.shape:
            raise ValueError(f"shared_rare shape {np.shape(shared_rare)} is not {score.shape}")
        if config.anchor_min_shared > 0:
            anchored = np.asarray(shared_rare) >= config.anchor_min_shared
    # an anchored pair is too specific a match to lose to a partner that scores higher
    rows, cols = np.nonzero(anchored & (score >= config.link_threshold))
    links = {(int(i), int(j)) for i, j in zip(rows, cols, strict=True)}
    contest = score + config.anchor_bonus * anchored.astype(np.float32)
    links |= _links(score, contest, config)
    links |= {(i, j) for j, i in _links(score.T, contest.T, config)}
    links = _follow_continuations(links, score, a_continues, config.continuation_threshold)
    flipped = {(j, i) for i, j in links}
    flipped = _follow_continuations(flipped, score.T, b_continues, config.continuation_threshold)
    links = {(i, j) for j, i in flipped}
    return _groups(links, semantic, lexical)


def _follow_continuations(
    links: set[tuple[int, int]], score: np.ndarray, continues: Sequence[bool] | None, floor: float
) -> set[tuple[int, int]]:
    """An unlinked row that continues the previous row ("He added ...") joins that row's partners
    it scores at least `floor` with: readouts split one point over several sentences."""
    if continues is None:
        return links
    out = set(links)
    for i in range(1, len(score)):
        if not continues[i] or any(r == i for r, _ in out):
            continue
        out.update((i, j) for r, j in list(out) if r == i - 1 and score[i, j] >= floor)
    return out


def _links(score: np.ndarray, contest: np.ndarray, config: Config) -> set[tuple[int, int]]:
    """Row i links to column j when j is among i's best partners and i is j's best partner
    (by `contest`: `score` plus the rare-word bonus).

    "Among i's best": the best column, or any within `extra_margin` of it and above
    `extra_threshold` (one long statement covering several short ones). Requiring that i is
    also j's best (competitive linking) keeps a statement that merely names the same people
    from being pulled into a group whose columns have better partners elsewhere. A best partner
    scoring `strong_threshold` or more is linked regardless.
    """
    out: set[tuple[int, int]] = set()
    column_best = contest.argmax(axis=0)
    for i, row in enumerate(score):
        best = float(row.max())
        if best < config.link_threshold:
            continue
        floor = max(config.extra_threshold, best - config.extra_margin)
        candidates = set(np.flatnonzero(row >= floor).tolist()) | {int(row.argmax())}
        out.update((i, j) for j in candidates if column_best[j] == i)
        if best >= config.strong_threshold:  # too close a match to call an omission
            out.add((i, int(row.argmax())))
    return out


def _groups(
    links: set[tuple[int, int]], semantic: np.ndarray, lexical: np.ndarray
) -> tuple[Group, ...]:
    """Connected components of the bipartite link graph, in order of their first A statement."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        ra, rb = find(("a", i)), find(("b", j))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in sorted(links):
        members.setdefault(find(("a", i)), []).append((i, j))
    groups = []
    for group_links in members.values():
        a = tuple(sorted({i for i, _ in group_links}))
        b = tuple(sorted({j for _, j in group_links}))
        sims = [float(semantic[i, j]) for i, j in group_links]
        lexs = [float(lexical[i, j]) for i, j in group_links]
        groups.append(Group(a, b, tuple(group_links), max(sims), max(lexs)))
    groups.sort(key=lambda g: (g.a[0], g.b[0]))
    return tuple(groups)
