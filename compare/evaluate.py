"""Score the pipeline against hand-made gold alignments (see ../shared/eval/README.md).

A gold dir holds one folder per pair: the two readouts (a.txt / b.txt, or ko.txt / en.txt with
a = ko, b = en), gold.json and optionally gold2.json (a second, blind annotation). Gold links are
all a x b pairs of each gold group; predicted links are the `links` of each aligned row (all
a x b pairs when a row lists none).

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

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError
from .schema import Comparison, Config, Label, SplitMode

MODES = ("presegmented", "end_to_end")
GROUP_LABELS = ("agree", "partial", "diverge")
PER_LABELS = (*GROUP_LABELS, "only")
# when a sentence pair sits in two groups with different labels, the stronger one wins
_LABEL_RANK = {"agree": 0, "partial": 1, "diverge": 2}

Link = tuple[int, int]
Item = tuple[str, int]  # ("a", i) / ("b", j): one sentence of one side


# --------------------------------------------------------------------------------------------
# gold


@dataclass(frozen=True)
class Annotation:
    """One annotator's alignment of one pair, over the gold sentence indices."""

    links: frozenset[Link]
    labels: Mapping[Link, str] = field(hash=False)
    only_a: frozenset[int] = frozenset()
    only_b: frozenset[int] = frozenset()
    non_content_a: frozenset[int] = frozenset()
    non_content_b: frozenset[int] = frozenset()
    truncation_a: frozenset[int] = frozenset()
    truncation_b: frozenset[int] = frozenset()

    @property
    def omissions(self) -> frozenset[Item]:
        return frozenset({("a", i) for i in self.only_a} | {("b", j) for j in self.only_b})

    @property
    def excluded(self) -> frozenset[Item]:
        a = self.non_content_a | self.truncation_a
        b = self.non_content_b | self.truncation_b
        return frozenset({("a", i) for i in a} | {("b", j) for j in b})


@dataclass(frozen=True)
class GoldPair:
    """One pair folder: raw texts, gold sentences with their spans in the raw texts, annotations."""

    name: str
    path: str
    a_text: str
    b_text: str
    a_sentences: tuple[str, ...]
    b_sentences: tuple[str, ...]
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]
    gold: Annotation
    gold2: Annotation | None = None

    @property
    def excluded(self) -> frozenset[Item]:
        """Sentences either annotator marks non_content or truncation_unresolved."""
        out = self.gold.excluded
        return out | self.gold2.excluded if self.gold2 is not None else out

    def presegmented_texts(self) -> tuple[str, str]:
        """The gold sentences one per line (internal line breaks become spaces)."""
        return _one_per_line(self.a_sentences), _one_per_line(self.b_sentences)


def _one_per_line(sentences: Sequence[str]) -> str:
    return "\n".join(s.replace("\r", " ").replace("\n", " ") for s in sentences)


def _line_spans(sentences: Sequence[str]) -> tuple[tuple[int, int], ...]:
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    return tuple(spans)


def _locate(sentences: Sequence[str], text: str) -> tuple[tuple[int, int] | None, ...]:
    """Each sentence's span in `text`: sequential str.find from the end of the previous one."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for s in sentences:
        k = text.find(s, pos)
        if k < 0:
            k = text.find(s)  # out of order: take the first occurrence anywhere
        if k < 0:
            spans.append(None)
            continue
        spans.append((k, k + len(s)))
        pos = k + len(s)
    return tuple(spans)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {path}: {err}") from None
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed {path}: not valid JSON ({err.msg} at line {err.lineno})"
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"malformed {path}: expected a JSON object")
    return data


def _sentences(data: Mapping[str, Any], key: str, where: Path) -> tuple[str, ...]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise InputError(f"malformed {where}: {key!r} must be a non-empty list")
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"malformed {where}: {key}[{k}] must be an object with a 'text'")
        if item.get("i", k) != k:
            raise InputError(f"malformed {where}: {key}[{k}] has i={item.get('i')!r}, expected {k}")
        out.append(item["text"])
    return tuple(out)


def _indices(value: Any, n: int, what: str, where: Path) -> frozenset[int]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in value
    ):
        raise InputError(f"malformed {where}: {what} must be a list of sentence indices")
    bad = [x for x in value if not 0 <= x < n]
    if bad:
        raise InputError(f"malformed {where}: {what} index {bad[0]} is out of range 0..{n - 1}")
    return frozenset(value)


def _side_indices(data: Mapping[str, Any], key: str, n_a: int, n_b: int, where: Path):
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise InputError(f"malformed {where}: {key!r} must be an object with 'a' and 'b' lists")
    return (
        _indices(value.get("a"), n_a, f"{key}.a", where),
        _indices(value.get("b"), n_b, f"{key}.b", where),
    )


def parse_annotation(data: Mapping[str, Any], n_a: int, n_b: int, where: Path) -> Annotation:
    """One annotation (gold.json or gold2.json) over n_a / n_b sentences."""
    groups = data.get("alignments")
    if not isinstance(groups, list):
        raise InputError(f"malformed {where}: 'alignments' must be a list")
    labels: dict[Link, str] = {}
    for k, group in enumerate(groups):
        if not isinstance(group, dict):
            raise InputError(f"malformed {where}: alignments[{k}] must be an object")
        label = group.get("label")
        if label not in _LABEL_RANK:
            raise InputError(
                f"malformed {where}: alignments[{k}] label {label!r} is not agree/partial/diverge"
            )
        a = _indices(group.get("a"), n_a, f"alignments[{k}].a", where)
        b = _indices(group.get("b"), n_b, f"alignments[{k}].b", where)
        if not a or not b:
            raise InputError(f"malformed {where}: alignments[{k}] needs sentences on both sides")
        for link in ((i, j) for i in a for j in b):
            old = labels.get(link)
            if old is None or _LABEL_RANK[label] > _LABEL_RANK[old]:
                labels[link] = label
    non_a, non_b = _side_indices(data, "non_content", n_a, n_b, where)
    tr_a, tr_b = _side_indices(data, "truncation_unresolved", n_a, n_b, where)
    return Annotation(
        links=frozenset(labels),
        labels=labels,
        only_a=_indices(data.get("only_a"), n_a, "only_a", where),
        only_b=_indices(data.get("only_b"), n_b, "only_b", where),
        non_content_a=non_a,
        non_content_b=non_b,
        truncation_a=tr_a,
        truncation_b=tr_b,
    )


def _text_files(folder: Path, data: Mapping[str, Any]) -> tuple[Path, Path]:
    sides = data.get("sides")
    candidates = [("a.txt", "b.txt"), ("ko.txt", "en.txt")]
    if (
        isinstance(sides, dict)
        and isinstance(sides.get("a"), str)
        and isinstance(sides.get("b"), str)
    ):
        candidates.insert(0, (sides["a"], sides["b"]))
    for a_name, b_name in candidates:
        if (folder / a_name).is_file() and (folder / b_name).is_file():
            return folder / a_name, folder / b_name
    raise InputError(f"pair folder {folder} has neither a.txt/b.txt nor ko.txt/en.txt")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {path}: {err}") from None


def load_pair(path: str | Path) -> GoldPair:
    """Load one pair folder (texts, gold.json, optional gold2.json)."""
    folder = Path(path)
    gold_path = folder / "gold.json"
    if not gold_path.is_file():
        raise InputError(f"pair folder {folder} has no gold.json")
    data = _read_json(gold_path)
    a_sent = _sentences(data, "a_sentences", gold_path)
    b_sent = _sentences(data, "b_sentences", gold_path)
    gold = parse_annotation(data, len(a_sent), len(b_sent), gold_path)
    gold2 = None
    if (folder / "gold2.json").is_file():
        gold2 = parse_annotation(
            _read_json(folder / "gold2.json"), len(a_sent), len(b_sent), folder / "gold2.json"
        )
    a_file, b_file = _text_files(folder, data)
    a_text, b_text = _read_text(a_file), _read_text(b_file)
    spans = {}
    for side, sents, text, file in (("a", a_sent, a_text, a_file), ("b", b_sent, b_text, b_file)):
        found = _locate(sents, text)
        missing = [k for k, span in enumerate(found) if span is None]
        if missing:
            raise InputError(
                f"malformed {gold_path}: {side}_sentences[{missing[0]}] is not a substring of "
                f"{file.name}"
            )
        spans[side] = tuple(s for s in found if s is not None)
    return GoldPair(
        name=folder.name,
        path=str(folder),
        a_text=a_text,
        b_text=b_text,
        a_sentences=a_sent,
        b_sentences=b_sent,
        a_spans=spans["a"],
        b_spans=spans["b"],
        gold=gold,
        gold2=gold2,
    )


def load_dir(gold_dir: str | Path) -> tuple[GoldPair, ...]:
    """Every pair folder (a sub-folder with gold.json) of `gold_dir`, in name order."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise InputError(f"gold dir {root} does not exist or is not a folder")
    if (root / "gold.json").is_file():  # a single pair folder
        return (load_pair(root),)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / "gold.json").is_file())
    if not folders:
        raise InputError(f"gold dir {root} has no pair folders (sub-folders with gold.json)")
    return tuple(load_pair(p) for p in folders)


# --------------------------------------------------------------------------------------------
# scores


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
        """Mean of sure/possible link F1 and omission F1 (undefined counts as 0)."""
        return objective(self.sure_possible)


def objective(scores: SurePossibleScores) -> float:
    """The tuning target: mean of link F1 and omission F1 (an undefined F1 counts as 0)."""
    return ((scores.links.f1 or 0.0) + (scores.omissions.f1 or 0.0)) / 2


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


def aggregate(pairs: Iterable[PairScores]) -> tuple[SurePossibleScores, PlainScores]:
    """Micro-average: sum every count over the pairs."""
    sp, plain = SurePossibleScores(), PlainScores()
    for p in pairs:
        sp, plain = sp + p.sure_possible, plain + p.plain
    return sp, plain


# --------------------------------------------------------------------------------------------
# projecting a comparison onto gold sentences


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
        joined = _one_per_line(sentences)
        if len(stmts) == len(sentences) and doc.text == joined:
            return [(k,) for k in range(len(stmts))]
        warnings.append(
            f"{side}: {len(stmts)} statements for {len(sentences)} gold sentences in presegmented "
            "mode; mapped by character overlap"
        )
        spans: Sequence[tuple[int, int] | None] = (
            _line_spans(sentences) if doc.text == joined else _locate(sentences, doc.text)
        )
    elif doc.text == raw_text:
        spans = raw_spans
    else:
        spans = _locate(sentences, doc.text)
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
        if label in _LABEL_RANK:
            links = row.links or tuple((i, j) for i in row.a for j in row.b)
            for i, j in links:
                for ga in mapped(map_a, i):
                    for gb in mapped(map_b, j):
                        old = labels.get((ga, gb))
                        if old is None or _LABEL_RANK[label] > _LABEL_RANK[old]:
                            labels[(ga, gb)] = label
        elif label == Label.ONLY_A:
            only.extend(("a", g) for i in row.a for g in mapped(map_a, i))
        else:
            only.extend(("b", g) for j in row.b for g in mapped(map_b, j))
    linked = {("a", i) for i, _ in labels} | {("b", j) for _, j in labels}
    omissions = frozenset(item for item in only if item not in linked)
    return Prediction(frozenset(labels), labels, omissions, tuple(warnings))


# --------------------------------------------------------------------------------------------
# scoring


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


def score_pair(gold: GoldPair, comparison: Comparison, mode: str) -> PairScores:
    """Score one comparison of `gold`'s texts made in `mode` ('presegmented' or 'end_to_end')."""
    return score_prediction(gold, project(gold, comparison, mode), mode)


# --------------------------------------------------------------------------------------------
# running the pipeline


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


def run_pair(
    gold: GoldPair, mode: str, *, config: Config | None = None, embedder: Any = None
) -> Comparison:
    """Run the pipeline on one pair in one mode."""
    from .pipeline import compare_texts  # lazy: pulls in numpy-heavy stages

    config = config or Config()
    if mode == "presegmented":
        a_text, b_text = gold.presegmented_texts()
        return compare_texts(
            a_text, b_text, config=replace(config, split=SplitMode.LINES), embedder=embedder
        )
    if mode == "end_to_end":
        return compare_texts(gold.a_text, gold.b_text, config=config, embedder=embedder)
    raise InputError(f"unknown evaluation mode {mode!r}; choose one of: {', '.join(MODES)}")


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
    return EvalReport(gold_dir, model or "default", config, tuple(reports))


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


# --------------------------------------------------------------------------------------------
# output


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(r: Ratio) -> str:
    return "-" if r.total == 0 else f"{r.hits / r.total:.2f} ({r.hits}/{r.total})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(row[k])) for row in (header, *rows)) for k in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [c.ljust(widths[0]) if k == 0 else c.rjust(widths[k]) for k, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    rule = "-" * max(len(line) for line in lines)
    return [lines[0], rule, *lines[1:-1], rule, lines[-1]]


_SP_HEADER = (
    "pair",
    "link P",
    "link R",
    "link F1",
    "om P",
    "om R",
    "om F1",
    "label acc",
    "div rec",
)
_PLAIN_HEADER = (
    "pair",
    "link P",
    "link R",
    "link F1",
    "om P",
    "om R",
    "om F1",
    "label acc",
    "F1 agree",
    "F1 partial",
    "F1 diverge",
    "F1 only",
)


def _sp_row(name: str, s: SurePossibleScores) -> list[str]:
    return [
        name,
        _f(s.links.precision),
        _f(s.links.recall),
        _f(s.links.f1),
        _f(s.omissions.precision),
        _f(s.omissions.recall),
        _f(s.omissions.f1),
        _ratio(s.label_accuracy),
        _ratio(s.diverge_recall),
    ]


def _plain_row(name: str, s: PlainScores) -> list[str]:
    return [
        name,
        _f(s.links.precision),
        _f(s.links.recall),
        _f(s.links.f1),
        _f(s.omissions.precision),
        _f(s.omissions.recall),
        _f(s.omissions.f1),
        _ratio(s.label_accuracy),
        *(_f(s.label_f1(label)) for label in PER_LABELS),
    ]


def format_report(report: EvalReport) -> str:
    """Plain-text tables: per mode, one row per pair and a micro-averaged overall row."""
    out = [f"gold: {report.gold_dir}   model: {report.model}"]
    for m in report.modes:
        single = any(not p.has_gold2 for p in m.pairs)
        out += [
            "",
            f"== {m.mode}: sure/possible (gold + gold2)"
            + ("   * = no gold2.json, scored against gold.json alone" if single else ""),
        ]
        rows = [_sp_row(p.pair + ("" if p.has_gold2 else " *"), p.sure_possible) for p in m.pairs]
        rows.append(_sp_row("overall (micro)", m.sure_possible))
        out += _table(_SP_HEADER, rows)
        out += ["", f"== {m.mode}: plain (gold.json alone)"]
        rows = [_plain_row(p.pair, p.plain) for p in m.pairs]
        rows.append(_plain_row("overall (micro)", m.plain))
        out += _table(_PLAIN_HEADER, rows)
        for p in m.pairs:
            out += [f"warning: {p.pair}: {w}" for w in p.warnings]
    return "\n".join(out)


def _prf_dict(s: PRF) -> dict[str, Any]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1, **asdict(s)}


def _ratio_dict(r: Ratio) -> dict[str, Any]:
    return {"value": r.value, "hits": r.hits, "total": r.total}


def _sp_dict(s: SurePossibleScores) -> dict[str, Any]:
    return {
        "links": _prf_dict(s.links),
        "omissions": _prf_dict(s.omissions),
        "label_accuracy": _ratio_dict(s.label_accuracy),
        "diverge_recall": _ratio_dict(s.diverge_recall),
    }


def _plain_dict(s: PlainScores) -> dict[str, Any]:
    return {
        "links": _prf_dict(s.links),
        "omissions": _prf_dict(s.omissions),
        "label_accuracy": _ratio_dict(s.label_accuracy),
        "per_label": {label: _prf_dict(prf) for label, prf in s.per_label},
    }


def config_to_dict(config: Config) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, SplitMode) else v) for k, v in asdict(config).items()}


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The report as JSON-ready dicts (every score with the counts behind it)."""
    return {
        "gold_dir": report.gold_dir,
        "model": report.model,
        "config": config_to_dict(report.config),
        "modes": {
            m.mode: {
                "overall": {
                    "sure_possible": _sp_dict(m.sure_possible),
                    "plain": _plain_dict(m.plain),
                },
                "pairs": [
                    {
                        "pair": p.pair,
                        "has_gold2": p.has_gold2,
                        "warnings": list(p.warnings),
                        "sure_possible": _sp_dict(p.sure_possible),
                        "plain": _plain_dict(p.plain),
                    }
                    for p in m.pairs
                ],
            }
            for m in report.modes
        },
    }
