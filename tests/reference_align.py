"""The aligner's rules computed the plain way, over whole matrices: the definition the fast
aligner (compare.align, which reads scores only where a decision needs them) must match
exactly. This is the aligner as it was before it read scores lazily; keep the two in step.
Stars and groups are formed by compare.align's own functions: they read no matrix."""

from __future__ import annotations

import numpy as np

from compare.align import groups_of, star_links
from compare.schema import Config
from compare.similarity import combined_score


def align(semantic, lexical, config=None, *, a_continues=None, b_continues=None, shared_rare=None):
    config = config or Config()
    semantic = np.asarray(semantic, np.float32)
    lexical = np.asarray(lexical, np.float32)
    n, m = semantic.shape
    if n == 0 or m == 0:
        return ()
    score = combined_score(semantic, lexical, config)
    anchored = np.zeros(score.shape, bool)
    if shared_rare is not None and config.anchor_min_shared > 0:
        anchored = np.asarray(shared_rare) >= config.anchor_min_shared
    contest = score + config.anchor_bonus * anchored.astype(np.float32)
    rows, cols = np.nonzero(anchored & (score >= config.link_threshold))
    links = set(zip(rows.tolist(), cols.tolist(), strict=True))
    links |= competitive(score, contest, config)
    links |= {(i, j) for j, i in competitive(score.T, contest.T, config)}
    links |= attached(score, contest, links, config)
    links |= {(i, j) for j, i in attached(score.T, contest.T, {(j, i) for i, j in links}, config)}
    links = continuations(links, score, a_continues, config.continuation_threshold)
    flipped = continuations(
        {(j, i) for i, j in links}, score.T, b_continues, config.continuation_threshold
    )
    links = stars({(i, j) for j, i in flipped}, contest)
    return groups(links, semantic, lexical)


def competitive(score, contest, config):
    out = set()
    column_best = contest.argmax(axis=0)
    for i, row in enumerate(score):
        best = float(row.max())
        if best < config.link_threshold:
            continue
        floor = max(config.extra_threshold, best - config.extra_margin)
        candidates = set(np.flatnonzero(row >= floor).tolist()) | {int(row.argmax())}
        out.update((i, j) for j in candidates if column_best[j] == i)
    return out


def attached(score, contest, links, config):
    n, m = score.shape
    if n < 2:
        return set()
    linked_rows = {i for i, _ in links}
    linked_cols = {j for _, j in links}
    order = np.argsort(-contest, axis=0)
    out = set()
    for j in range(m):
        if j in linked_cols:
            continue
        i, runner_up = int(order[0, j]), int(order[1, j])
        if (
            i in linked_rows
            and score[i, j] >= config.attach_threshold
            and contest[i, j] - contest[runner_up, j] >= config.attach_gap
        ):
            out.add((i, j))
    return out


def continuations(links, score, continues, floor):
    if continues is None:
        return links
    out = set(links)
    for i in range(1, len(score)):
        if not continues[i] or any(r == i for r, _ in out):
            continue
        out.update((i, j) for r, j in list(out) if r == i - 1 and score[i, j] >= floor)
    return out


def stars(links, contest):
    return star_links({link: float(contest[link]) for link in links})


def groups(links, semantic, lexical):
    def score(matrix):
        return {(i, j): float(matrix[i, j]) for i, j in links}

    return groups_of(links, score(semantic), score(lexical))
