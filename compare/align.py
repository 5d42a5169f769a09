"""Similarity matrices -> alignment groups. No model in here: tests hand it matrices.

Readouts reorder topics and leave points out, so nothing assumes order and nothing is forced into
a match. The aligner is competitive linking with a floor:

1. **Backbone.** Two statements are linked when each is the other's best partner and they score
   at least `link_threshold` (competitive linking: a statement that merely names the same people
   loses to the partner it really matches). The floor is the cost of "no counterpart": below it a
   statement stays unlinked and is reported as one side's only.
2. **Hubs.** One long statement often covers several of the other side's ("discussed A, B and
   C"). A statement whose best partner is such a hub joins it when it scores nearly as high as
   the hub's own best partner (within `extra_margin`), or when its preference for the hub is
   clear (it scores `attach_gap` more with the hub than with any other statement, and at least
   `attach_threshold`).
3. **Anchors and continuations.** Two statements sharing words no other statement of either
   readout uses are linked at the floor whatever their other partners score; a statement that
   continues the previous one ("He added ...") inherits the previous one's partners.
4. **Stars, not chains.** Every group is a star: one statement and its partners. Links are
   kept strongest first, and one that would join two statements that both have other partners
   (chaining unrelated points into one group) is dropped.

Each link keeps the rule that made it (`Group.bases`: best, near best, shared words, hub,
continuation), so the views can say why two statements were grouped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np

from .schema import Basis, Config, Group, LinkBasis
from .similarity import LexicalMatrix, combined_score

# A lexical matrix this small is read whole: that costs less than settling pairs by their bounds.
WHOLE_CELLS = 20_000
# A line whose best score is below every threshold that could use it needs no exact best: the
# floors below sit this far under those thresholds, so that the float32 rounding of a threshold
# (numpy compares a float32 score with a threshold in float32) can never put a line on the
# wrong side.
_FLOOR_SLACK = 1e-6


def align(
    semantic: np.ndarray,
    lexical: np.ndarray | LexicalMatrix,
    config: Config | None = None,
    *,
    a_continues: Sequence[bool] | None = None,
    b_continues: Sequence[bool] | None = None,
    shared_rare: np.ndarray | None = None,
) -> tuple[Group, ...]:
    """Group rows (side A) and columns (side B) that report the same point.

    `lexical` is a matrix, or a `similarity.LexicalMatrix`, of which only the pairs a decision
    needs are computed (the groups are the same either way). `a_continues[i]` says statement i
    goes on with statement i-1's topic. `shared_rare[i, j]` counts the words only statements i
    and j use (`similarity.shared_rare_matrix`); a pair sharing at least
    `config.anchor_min_shared` of them is anchored: linked at `link_threshold`, and
    `config.anchor_bonus` higher when best partners are chosen. Thresholds and the group's
    reported similarity use the plain combined score. Both sides are treated alike, so swapping
    A and B transposes the result.
    """
    config = config or Config()
    semantic = np.asarray(semantic, np.float32)
    if not isinstance(lexical, LexicalMatrix) or semantic.size <= WHOLE_CELLS:
        lexical = np.asarray(lexical, np.float32)
    if semantic.shape != lexical.shape:
        raise ValueError(f"matrix shapes differ: {semantic.shape} vs {lexical.shape}")
    n, m = semantic.shape
    if n == 0 or m == 0:
        return ()
    anchored = np.zeros(semantic.shape, bool)
    if shared_rare is not None:
        if np.shape(shared_rare) != semantic.shape:
            raise ValueError(f"shared_rare shape {np.shape(shared_rare)} is not {semantic.shape}")
        if config.anchor_min_shared > 0:
            anchored = np.asarray(shared_rare) >= config.anchor_min_shared
    scores = _Scores.build(semantic, lexical, anchored, config)
    flip = scores.T

    basis: dict[tuple[int, int], LinkBasis] = {}  # each link's rule: the first that made it

    def found(
        links: Iterable[tuple[int, int]],
        rule: Basis,
        side: str = "",
        best: dict[tuple[int, int], int] | None = None,
    ) -> None:
        """Record `rule` for links without one (`best`: each link's statement's best partner)."""
        for link in sorted(links):
            basis.setdefault(link, LinkBasis(rule, side, best=best.get(link) if best else None))

    def back(links: set[tuple[int, int]]) -> set[tuple[int, int]]:
        return {(i, j) for j, i in links}

    rows, cols = np.nonzero(anchored)
    keep = scores.score(rows, cols) >= config.link_threshold
    anchors = set(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))
    best, near = _competitive(scores, config)
    best_b, near_b = _competitive(flip, config)
    found(anchors, Basis.SHARED_WORDS)  # first: the anchor bonus may be what made them best
    found(best | back(best_b), Basis.BEST)
    found(near, Basis.NEAR_BEST, "a", best=near)
    near_b = {(i, j): k for (j, i), k in near_b.items()}
    found(near_b, Basis.NEAR_BEST, "b", best=near_b)
    found(_attached(scores, set(basis), config), Basis.HUB, "a")
    found(back(_attached(flip, back(set(basis)), config)), Basis.HUB, "b")
    links = _follow_continuations(set(basis), scores, a_continues, config.continuation_threshold)
    found(links, Basis.CONTINUATION, "a")
    flipped = _follow_continuations(back(links), flip, b_continues, config.continuation_threshold)
    found(back(flipped), Basis.CONTINUATION, "b")
    links = _stars(set(basis), scores)
    return _groups(links, scores, basis)


class _Scores:
    """The combined score of every pair (rows x columns) and the contest score that picks best
    partners (the combined score plus the anchor bonus), read exactly where a decision needs
    them and bounded above everywhere else (`high`, `contest_high`): the aligner asks a
    `LexicalMatrix` for the few pairs whose exact value can change a decision."""

    def __init__(
        self,
        semantic: np.ndarray,
        lexical: Callable[[np.ndarray, np.ndarray], np.ndarray],
        high: np.ndarray,
        bonus: np.ndarray | None,
        config: Config,
        *,
        exact: bool = False,
    ) -> None:
        self.semantic, self.lexical, self.high, self.bonus = semantic, lexical, high, bonus
        self.contest_high = high if bonus is None else high + bonus
        self.config = config
        self.exact = exact  # the bounds are the scores: every lexical value was given
        self._partner_tops: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @classmethod
    def build(
        cls,
        semantic: np.ndarray,
        lexical: np.ndarray | LexicalMatrix,
        anchored: np.ndarray,
        config: Config,
    ) -> _Scores:
        if isinstance(lexical, LexicalMatrix):
            cells, upper = lexical.cells, lexical.upper_bound()
        else:  # every value known: the bound is the value

            def cells(rows, cols):
                return lexical[rows, cols]

            upper = lexical
        # the same float32 arithmetic as the whole-matrix `score + bonus * anchored`
        bonus = config.anchor_bonus * anchored.astype(np.float32) if anchored.any() else None
        high = combined_score(semantic, upper, config)
        return cls(semantic, cells, high, bonus, config, exact=upper is lexical)

    @property
    def T(self) -> _Scores:
        """The same scores with columns as rows."""
        bonus = None if self.bonus is None else self.bonus.T
        flipped = _Scores(
            self.semantic.T,
            lambda r, c: self.lexical(c, r),
            self.high.T,
            bonus,
            self.config,
            exact=self.exact,
        )
        flipped.contest_high = self.contest_high.T
        return flipped

    def score(self, rows, cols) -> np.ndarray:
        """The exact combined scores at (rows[k], cols[k])."""
        rows, cols = np.asarray(rows, np.intp), np.asarray(cols, np.intp)
        if self.exact:
            return self.high[rows, cols]
        return combined_score(self.semantic[rows, cols], self.lexical(rows, cols), self.config)

    def contest(self, rows, cols) -> np.ndarray:
        """The exact contest scores at (rows[k], cols[k])."""
        rows, cols = np.asarray(rows, np.intp), np.asarray(cols, np.intp)
        if self.exact:
            return self.contest_high[rows, cols]
        s = self.score(rows, cols)
        return s if self.bonus is None else s + self.bonus[rows, cols]

    def row_bests(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`_line_bests` of the combined score, row by row."""
        return _line_bests(self.high, self.score, floor, exact=self.exact)

    def partner_tops(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For every column, its best row by contest (`_line_bests`), down to the lowest
        threshold at which a column's best row is used (a link, an extra partner, a hub)."""
        if self._partner_tops is None:
            c = self.config
            floor = min(c.link_threshold, c.extra_threshold, c.attach_threshold)
            self._partner_tops = _line_bests(
                self.contest_high.T, lambda r, k: self.contest(k, r), floor, exact=self.exact
            )
        return self._partner_tops


def _line_bests(
    high: np.ndarray,
    value: Callable[[np.ndarray, np.ndarray], np.ndarray],
    floor: float,
    *,
    exact: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row by row, the largest exact value, its first column (as `argmax`) and how many
    columns hold it, of a matrix read through `value(rows, cols)` and bounded by `high` (its
    values themselves when `exact`).

    Only the pairs whose bound reaches a value already known in the row are read: a pair whose
    bound is below it can be neither the best nor tied with it. A row whose values are all
    below `floor` (less `_FLOOR_SLACK`) gets column -1.
    """
    n = high.shape[0]
    floor32 = np.float32(floor - _FLOOR_SLACK)
    if exact:
        best, arg = high.max(axis=1), high.argmax(axis=1)
        ties = (high == best[:, None]).sum(axis=1)
        below = best < floor32
        best[below], arg[below], ties[below] = -np.inf, -1, 0
        return best, arg, ties
    lines = np.arange(n)
    top = high.argmax(axis=1)
    known = np.maximum(value(lines, top), floor32)
    rows, cols = np.nonzero(high >= known[:, None])
    values = value(rows, cols)
    order = np.lexsort((cols, -values, rows))  # row by row, best first, then leftmost
    rows, cols, values = rows[order], cols[order], values[order]
    first = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1]))[: len(rows)])
    best = np.full(n, -np.inf, np.float32)
    arg = np.full(n, -1, np.intp)
    ties = np.zeros(n, np.intp)
    held = values[first] >= known[rows[first]]
    r = rows[first][held]
    best[r], arg[r] = values[first][held], cols[first][held]
    at_best = values == best[rows]
    np.add.at(ties, rows[at_best], 1)
    return best, arg, ties


def _competitive(
    scores: _Scores, config: Config
) -> tuple[set[tuple[int, int]], dict[tuple[int, int], int]]:
    """Row i links to column j when i is j's best partner (by contest) and j is i's best (the
    set), or a further partner within `extra_margin` of i's best and above `extra_threshold`
    (the dict, from each such link to i's best column)."""
    _, column_best, _ = scores.partner_tops()
    best, best_col, _ = scores.row_bests(config.link_threshold)
    cols = np.flatnonzero(column_best >= 0)
    rows = column_best[cols]
    row_best = best[rows].astype(np.float64)  # a row's best and floor are read as Python floats
    passes = (best_col[rows] >= 0) & ~(row_best < config.link_threshold)
    floor = np.maximum(config.extra_threshold, row_best - config.extra_margin)
    # a float32 score meets a Python float in float32, so the floor is rounded to float32
    near = scores.score(rows, cols) >= floor.astype(np.float32)
    mutual = cols == best_col[rows]
    keep = passes & mutual
    further = passes & near & ~mutual
    links = zip(rows[further].tolist(), cols[further].tolist(), strict=True)
    return (
        set(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)),
        dict(zip(links, best_col[rows[further]].tolist(), strict=True)),
    )


def _attached(scores: _Scores, links: set[tuple[int, int]], config: Config) -> set[tuple[int, int]]:
    """Unlinked columns that clearly prefer an already linked row (a hub covering several points):
    their best row beats their second best by `attach_gap` and scores `attach_threshold`."""
    n, m = scores.high.shape
    if n < 2:
        return set()
    linked_rows = np.zeros(n, bool)
    linked_cols = np.zeros(m, bool)
    for i, j in links:
        linked_rows[i] = linked_cols[j] = True
    top_value, top, ties = scores.partner_tops()
    top = top.copy()
    cols = np.flatnonzero(~linked_cols & (top >= 0))
    if np.float32(config.attach_gap) <= 0:
        # every column prefers its best row clearly enough; when rows tie for best, which of
        # them is first is the sort's choice: read such a column whole and sort it
        for j in cols[ties[cols] > 1].tolist():
            column = scores.contest(np.arange(n), np.full(n, j))
            top[j] = int(np.argsort(-column)[0])
    else:
        cols = cols[ties[cols] == 1]  # a tie for best is no clear preference
    rows = top[cols]
    keep = linked_rows[rows]
    rows, cols = rows[keep], cols[keep]
    keep = scores.score(rows, cols) >= config.attach_threshold
    rows, cols = rows[keep], cols[keep]
    if np.float32(config.attach_gap) > 0:
        rows, cols = _clear_preferences(scores, rows, cols, top_value[cols], config.attach_gap)
    return set(zip(rows.tolist(), cols.tolist(), strict=True))


def _clear_preferences(
    scores: _Scores, rows: np.ndarray, cols: np.ndarray, best: np.ndarray, gap: float
) -> tuple[np.ndarray, np.ndarray]:
    """The (rows[k], cols[k]) whose contest score `best[k]` beats every other row of the column
    by `gap`. Only rows whose bound comes that close are read, the closest first: one of them
    usually settles a column that has no clear preference."""
    high = scores.contest_high[:, cols]
    close = (best - high) < gap
    close[rows, np.arange(len(cols))] = False
    if scores.exact:
        clear = ~close.any(axis=0)
        return rows[clear], cols[clear]
    clear = np.ones(len(cols), bool)
    # the closest row of each column first (it usually settles the column), then the rest
    k = np.flatnonzero(close.any(axis=0))
    other = np.where(close[:, k], high[:, k], -np.inf).argmax(axis=0)
    for _ in range(2):
        too_close = (best[k] - scores.contest(other, cols[k])) < gap
        clear[k[too_close]] = False
        close[other, k] = False
        other, k = np.nonzero(close & clear)
    return rows[clear], cols[clear]


def _follow_continuations(
    links: set[tuple[int, int]], scores: _Scores, continues: Sequence[bool] | None, floor: float
) -> set[tuple[int, int]]:
    """An unlinked row that continues the previous row ("He added ...") joins that row's partners
    it scores at least `floor` with: readouts split one point over several sentences."""
    if continues is None:
        return links
    out = set(links)
    partners: dict[int, list[int]] = {}
    for i, j in sorted(out):
        partners.setdefault(i, []).append(j)
    for i in range(1, scores.high.shape[0]):
        if not continues[i] or i in partners or i - 1 not in partners:
            continue
        cols = np.asarray(partners[i - 1], np.intp)
        joined = cols[scores.score(np.full(len(cols), i), cols) >= floor].tolist()
        if joined:
            partners[i] = joined
            out.update((i, j) for j in joined)
    return out


def _stars(links: set[tuple[int, int]], scores: _Scores) -> set[tuple[int, int]]:
    """`star_links` by contest score."""
    ordered = sorted(links)
    contest = scores.contest([i for i, _ in ordered], [j for _, j in ordered]).tolist()
    return star_links(dict(zip(ordered, contest, strict=True)))


def star_links(strength: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Keep, strongest first, each link that leaves every group a star: one statement with its
    partners, so that every link has an end with no other partner. A link is dropped when it
    would join two statements that both have other partners (the chain A1-B1-A2-B2)."""
    partners_a: dict[int, set[int]] = {}
    partners_b: dict[int, set[int]] = {}
    kept = set()
    for i, j in sorted(strength, key=lambda link: (-strength[link], link)):
        pa, pb = partners_a.setdefault(i, set()), partners_b.setdefault(j, set())
        if pa and pb:
            continue  # both ends already taken: the link would chain two groups
        # i gains a partner: its partners must stay leaves; likewise j's
        if pa and any(len(partners_b[k]) > 1 for k in pa):
            continue
        if pb and any(len(partners_a[k]) > 1 for k in pb):
            continue
        pa.add(j)
        pb.add(i)
        kept.add((i, j))
    return kept


def _groups(
    links: set[tuple[int, int]], scores: _Scores, basis: dict[tuple[int, int], LinkBasis]
) -> tuple[Group, ...]:
    """`groups_of` the links, with their semantic and lexical scores and their rules."""
    ordered = sorted(links)
    rows, cols = [i for i, _ in ordered], [j for _, j in ordered]
    semantic = dict(zip(ordered, scores.semantic[rows, cols].tolist(), strict=True))
    lexical = dict(zip(ordered, scores.lexical(rows, cols).tolist(), strict=True))
    combined = scores.score(rows, cols).tolist() if ordered else []
    scored = {
        link: replace(basis[link], score=score)
        for link, score in zip(ordered, combined, strict=True)
    }
    return groups_of(links, semantic, lexical, scored)


def groups_of(
    links: set[tuple[int, int]],
    semantic: dict[tuple[int, int], float],
    lexical: dict[tuple[int, int], float],
    basis: dict[tuple[int, int], LinkBasis] | None = None,
) -> tuple[Group, ...]:
    """Connected components of the bipartite link graph, in order of their first A statement,
    each with the highest semantic and lexical score of its links (and each link's rule, when
    `basis` gives them)."""
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
        sims = [semantic[link] for link in group_links]
        lexs = [lexical[link] for link in group_links]
        bases = tuple(basis[link] for link in group_links) if basis is not None else ()
        groups.append(Group(a, b, tuple(group_links), max(sims), max(lexs), bases))
    groups.sort(key=lambda g: (g.a[0], g.b[0]))
    return tuple(groups)
