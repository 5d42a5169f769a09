"""Scoring a comparison against gold: projection onto gold sentences, sure/possible and plain
scores, micro-averaged over pairs.

Two modes per pair:
- presegmented: the gold sentences, one per line, go in with `split=lines`, so predicted
  statement k is gold sentence k;
- end_to_end: the raw texts go in with the given config, and each predicted statement is mapped
  to the gold sentences it overlaps (>= 50% of the shorter span, else the largest overlap).

Scores (all micro: counts are summed over pairs, then divided):
- sure/possible (main): a link made by both annotators is sure, by either is possible.
  link P = predicted links that are possible / predicted links; link R = sure links predicted /
  sure links. Omissions (sentences predicted to have no counterpart) likewise, with possible =
  only_* of either annotator and sure = of both. Label accuracy over the sure links on which both
  annotators gave the same label and which the system also linked. Diverge recall over the sure
  links either annotator labelled diverge (an unlinked one counts as missed). A pair without
  gold2.json is scored with gold.json as both annotators (marked `*` in the table).
- plain (gold.json alone): link and omission P/R/F1; label accuracy over the gold links the
  system linked; per-label F1 for agree / partial / diverge computed over the gold links (a gold
  link counts as predicted-L when the system linked it with label L; spurious links are left to
  link precision), and for `only` over omissions (so it equals omission F1).
Sentences that either annotator marks non_content or truncation_unresolved are left out of every
score (links touching them, omissions of them, on both the gold and the predicted side).
A precision or recall with an empty denominator is undefined (None, shown as "-"); F1 is undefined
when both are, and 0 when only one is (e.g. gold has agree links but none is predicted agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..schema import Comparison, Config, Label
from .gold import LABEL_RANK, Annotation, GoldPair, Item, Link, line_spans, locate, one_per_line

MODES = ("presegmented", "end_to_end")
GROUP_LABELS = ("agree", "partial", "diverge")
PER_LABELS = (*GROUP_LABELS, "only")


@dataclass(frozen=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)


@dataclass(frozen=True)
class PRF:
    """Counts behind a precision / recall pair (their numerators may differ: sure/possible)."""

    hit_pred: int = 0  # predicted items that are correct (possible)
    n_pred: int = 0
    hit_gold: int = 0  # gold (sure) items that were predicted
    n_gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.hit_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.hit_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0  # one side undefined: nothing to credit it with
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.hit_pred + other.hit_pred,
            self.n_pred + other.n_pred,
            self.hit_gold + other.hit_gold,
            self.n_gold + other.n_gold,
        )


@dataclass(frozen=True)
class SurePossibleScores:
    links: PRF = PRF()
    omissions: PRF = PRF()
    label_accuracy: Ratio = Ratio()
    diverge_recall: Ratio = Ratio()

    def __add__(self, other: SurePossibleScores) -> SurePossibleScores:
        return SurePossibleScores(
            self.links + other.links,
            self.omissions + other.omissions,
            self.label_accuracy + other.label_accuracy,
            self.diverge_recall + other.diverge_recall,
        )


@dataclass(frozen=True)
class PlainScores:
    links: PRF = PRF()
    omissions: PRF = PRF()
    label_accuracy: Ratio = Ratio()
    per_label: tuple[tuple[str, PRF], ...] = tuple((label, PRF()) for label in PER_LABELS)

    def label_f1(self, label: str) -> float | None:
        return dict(self.per_label)[label].f1

    def __add__(self, other: PlainScores) -> PlainScores:
        theirs = dict(other.per_label)
        return PlainScores(
            self.links + other.links,
            self.omissions + other.omissions,
            self.label_accuracy + other.label_accuracy,
            tuple((label, prf + theirs.get(label, PRF())) for label, prf in self.per_label),
        )


@dataclass(frozen=True)
class Prediction:
    """A comparison projected onto the gold sentence indices."""

    links: frozenset[Link]
    labels: Mapping[Link, str] = field(hash=False)
    omissions: frozenset[Item] = frozenset()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairScores:
    pair: str
    mode: str
    sure_possible: SurePossibleScores
    plain: PlainScores
    has_gold2: bool
    warnings: tuple[str, ...] = ()

    @property
    def objective(self) -> float:
        """`objective` of the sure/possible scores."""
        return objective(self.sure_possible)


def objective(scores: SurePossibleScores) -> float:
    """The tuning target (what the folds maximise): the mean of link F1, omission F1 and label
    accuracy (an undefined figure counts as 0)."""
    parts = (scores.links.f1, scores.omissions.f1, scores.label_accuracy.value)
    return sum(p or 0.0 for p in parts) / len(parts)


@dataclass(frozen=True)
class ModeReport:
    mode: str
    pairs: tuple[PairScores, ...]
    sure_possible: SurePossibleScores
    plain: PlainScores


@dataclass(frozen=True)
class EvalReport:
    gold_dir: str
    model: str
    config: Config
    modes: tuple[ModeReport, ...]
    # the second annotator scored as the tool is, plain, against gold.json: the human ceiling
    annotators: tuple[PairScores, ...] = ()


def aggregate(pairs: Iterable[PairScores]) -> tuple[SurePossibleScores, PlainScores]:
    """Micro-average: sum every count over the pairs."""
    sp, plain = SurePossibleScores(), PlainScores()
    for p in pairs:
        sp, plain = sp + p.sure_possible, plain + p.plain
    return sp, plain


def _overlap_map(
    statements: Sequence[tuple[int, int]], gold_spans: Sequence[tuple[int, int] | None]
) -> list[tuple[int, ...]]:
    """For each statement span, the gold sentences it maps to.

    Every gold sentence overlapping it by >= 50% of the shorter of the two spans; failing that,
    the one with the largest overlap; none when it overlaps no gold sentence.
    """
    out = []
    for s, e in statements:
        best, best_overlap, hits = -1, 0, []
        for g, span in enumerate(gold_spans):
            if span is None:
                continue
            gs, ge = span
            overlap = min(e, ge) - max(s, gs)
            if overlap <= 0:
                continue
            shorter = min(e - s, ge - gs)
            if shorter > 0 and overlap >= 0.5 * shorter:
                hits.append(g)
            if overlap > best_overlap:
                best, best_overlap = g, overlap
        out.append(tuple(hits) if hits else ((best,) if best >= 0 else ()))
    return out


def _statement_map(
    gold: GoldPair, comparison: Comparison, side: str, mode: str, warnings: list[str]
) -> list[tuple[int, ...]]:
    doc = comparison.document(side)
    sentences = gold.a_sentences if side == "a" else gold.b_sentences
    raw_text, raw_spans = (
        (gold.a_text, gold.a_spans) if side == "a" else (gold.b_text, gold.b_spans)
    )
    stmts = [(st.start, st.end) for st in doc.statements]
    if mode == "presegmented":
        joined = one_per_line(sentences)
        if len(stmts) == len(sentences) and doc.text == joined:
            return [(k,) for k in range(len(stmts))]
        warnings.append(
            f"{side}: {len(stmts)} statements for {len(sentences)} gold sentences in presegmented "
            "mode; mapped by character overlap"
        )
        spans: Sequence[tuple[int, int] | None] = (
            line_spans(sentences) if doc.text == joined else locate(sentences, doc.text)
        )
    elif doc.text == raw_text:
        spans = raw_spans
    else:
        spans = locate(sentences, doc.text)
        lost = sum(1 for s in spans if s is None)
        if lost:
            warnings.append(f"{side}: {lost} gold sentences not found in the compared text")
    return _overlap_map(stmts, spans)


def project(gold: GoldPair, comparison: Comparison, mode: str) -> Prediction:
    """Predicted links (with labels) and omissions over gold sentence indices."""
    if mode not in MODES:
        raise InputError(f"unknown evaluation mode {mode!r}; choose one of: {', '.join(MODES)}")
    warnings: list[str] = []
    map_a = _statement_map(gold, comparison, "a", mode, warnings)
    map_b = _statement_map(gold, comparison, "b", mode, warnings)

    def mapped(side_map: list[tuple[int, ...]], index: int) -> tuple[int, ...]:
        return side_map[index] if 0 <= index < len(side_map) else ()

    labels: dict[Link, str] = {}
    only: list[Item] = []
    for row in comparison.alignments:
        label = Label(row.label).value
        if label in LABEL_RANK:
            links = row.links or tuple((i, j) for i in row.a for j in row.b)
            for i, j in links:
                for ga in mapped(map_a, i):
                    for gb in mapped(map_b, j):
                        old = labels.get((ga, gb))
                        if old is None or LABEL_RANK[label] > LABEL_RANK[old]:
                            labels[(ga, gb)] = label
        elif label == Label.ONLY_A:
            only.extend(("a", g) for i in row.a for g in mapped(map_a, i))
        else:
            only.extend(("b", g) for j in row.b for g in mapped(map_b, j))
    linked = {("a", i) for i, _ in labels} | {("b", j) for _, j in labels}
    omissions = frozenset(item for item in only if item not in linked)
    return Prediction(frozenset(labels), labels, omissions, tuple(warnings))


def _keep_link(link: Link, excluded: frozenset[Item]) -> bool:
    return ("a", link[0]) not in excluded and ("b", link[1]) not in excluded


def _prf(pred: frozenset, possible: frozenset, sure: frozenset) -> PRF:
    return PRF(len(pred & possible), len(pred), len(sure & pred), len(sure))


def score_prediction(gold: GoldPair, pred: Prediction, mode: str = "") -> PairScores:
    """Score a prediction already projected onto gold sentence indices."""
    excluded = gold.excluded
    p_links = frozenset(x for x in pred.links if _keep_link(x, excluded))
    p_om = pred.omissions - excluded

    def links_of(ann: Annotation) -> frozenset[Link]:
        return frozenset(x for x in ann.links if _keep_link(x, excluded))

    g1, g2 = gold.gold, gold.gold2 if gold.gold2 is not None else gold.gold
    l1, l2 = links_of(g1), links_of(g2)
    o1, o2 = g1.omissions - excluded, g2.omissions - excluded

    # sure / possible
    sure = l1 & l2
    same_label = [x for x in sure if g1.labels[x] == g2.labels[x] and x in p_links]
    diverging = [x for x in sure if "diverge" in (g1.labels[x], g2.labels[x])]
    sp = SurePossibleScores(
        links=_prf(p_links, l1 | l2, sure),
        omissions=_prf(p_om, o1 | o2, o1 & o2),
        label_accuracy=Ratio(
            sum(pred.labels[x] == g1.labels[x] for x in same_label), len(same_label)
        ),
        diverge_recall=Ratio(
            sum(x in p_links and pred.labels[x] == "diverge" for x in diverging), len(diverging)
        ),
    )

    # plain: gold.json alone
    found = l1 & p_links
    per_label = []
    for label in GROUP_LABELS:
        gold_l = {x for x in l1 if g1.labels[x] == label}
        pred_l = {x for x in found if pred.labels[x] == label}  # over gold links only
        hits = len(gold_l & pred_l)
        per_label.append((label, PRF(hits, len(pred_l), hits, len(gold_l))))
    per_label.append(("only", _prf(p_om, o1, o1)))
    plain = PlainScores(
        links=_prf(p_links, l1, l1),
        omissions=_prf(p_om, o1, o1),
        label_accuracy=Ratio(sum(pred.labels[x] == g1.labels[x] for x in found), len(found)),
        per_label=tuple(per_label),
    )
    return PairScores(gold.name, mode, sp, plain, gold.gold2 is not None, pred.warnings)


def annotator_scores(gold: GoldPair) -> PairScores | None:
    """The second annotation (gold2.json) scored as if it were the tool's prediction: its plain
    scores against gold.json are how far two people agree. None without a gold2.json."""
    if gold.gold2 is None:
        return None
    g2 = gold.gold2
    return score_prediction(gold, Prediction(g2.links, g2.labels, g2.omissions), "annotators")


def score_pair(gold: GoldPair, comparison: Comparison, mode: str) -> PairScores:
    """Score one comparison of `gold`'s texts made in `mode` ('presegmented' or 'end_to_end')."""
    return score_prediction(gold, project(gold, comparison, mode), mode)
