"""Typed records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Any

from .errors import InputError


class Label(StrEnum):
    """What an alignment row says about the two sides."""

    AGREE = "agree"
    PARTIAL = "partial"
    DIVERGE = "diverge"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


class Kind(StrEnum):
    """Content statements are aligned; non-content ones (attribution lines, headers) are kept only."""

    CONTENT = "content"
    NON_CONTENT = "non_content"


class SplitMode(StrEnum):
    """How a readout is cut into statements."""

    SENTENCES = "sentences"
    LINES = "lines"

    @classmethod
    def parse(cls, value: str | SplitMode) -> SplitMode:
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise InputError(f"unknown split mode {value!r}; choose one of: {valid}") from None


class Backend(StrEnum):
    """How a sentence-transformers model runs: torch; or ONNX Runtime on an export built once
    from the same model, with int8 weights (`onnx`, a little different from torch) or its fp32
    weights (`onnx-fp32`, torch's vectors). The multilingual model has one numpy backend of its
    own."""

    TORCH = "torch"
    ONNX = "onnx"
    ONNX_FP32 = "onnx-fp32"

    @property
    def is_onnx(self) -> bool:
        """Runs on the cached ONNX build (`compare.embed.build_onnx`)."""
        return self is not Backend.TORCH

    @classmethod
    def parse(cls, value: str | Backend) -> Backend:
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise InputError(f"unknown backend {value!r}; choose one of: {valid}") from None


@dataclass(frozen=True)
class Statement:
    """One statement of one side; `text == document_text[start:end]`."""

    side: str
    index: int
    start: int
    end: int
    text: str
    kind: Kind = Kind.CONTENT

    @property
    def id(self) -> str:
        return f"{self.side}{self.index}"

    @property
    def is_content(self) -> bool:
        return self.kind is Kind.CONTENT


@dataclass(frozen=True)
class Document:
    """One side's readout after segmentation."""

    side: str
    name: str
    text: str
    statements: tuple[Statement, ...]
    language: str = "en"

    @property
    def content(self) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.is_content)


class Basis(StrEnum):
    """Which of the aligner's rules linked two statements (compare.align; docs/method.md §3)."""

    BEST = "best"  # each is the other's best match
    NEAR_BEST = "near_best"  # a further partner, nearly as close as the statement's best
    SHARED_WORDS = "shared_words"  # they share words no other statement of either side uses
    HUB = "hub"  # it clearly prefers a statement that already has a partner
    CONTINUATION = "continuation"  # it goes on from the previous statement: joins its partners
    ANALYST = "analyst"  # the analyst moved a statement into the group


@dataclass(frozen=True)
class LinkBasis:
    """The rule behind one link, and the side of the statement it turns on: the one with
    several partners (near best, hub) or the one going on from the previous statement
    (continuation); "" when the rule is symmetric (best, shared words, analyst). `score` is
    the link's combined score as the aligner read it (None when it did not make the link);
    `best` is, for a near-best link, the index of that statement's own best partner."""

    rule: Basis
    side: str = ""
    score: float | None = None
    best: int | None = None


@dataclass(frozen=True)
class Group:
    """Output of the align stage: statements of A and B that report the same point.

    `a` and `b` are statement indices; `links` are the (a, b) pairs the aligner actually found
    (a group is a connected set of links, so not every a×b pair need be a link), and `bases`
    the rule behind each link, in the same order.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    links: tuple[tuple[int, int], ...]
    similarity: float
    lexical: float
    bases: tuple[LinkBasis, ...] = field(default=(), compare=False)  # how, not what, was grouped


@dataclass(frozen=True)
class Similarities:
    """Output of the similarity stage: content statements of A x content statements of B.

    `semantic` is the embedding cosine, `lexical` the word-overlap score (across scripts: shared
    numbers and Latin-letter names), `shared_rare` the count of words only those two statements
    use (None across scripts), `model` the embedder's name.
    """

    semantic: Any = field(repr=False, compare=False)
    lexical: Any = field(repr=False, compare=False)
    shared_rare: Any = field(default=None, repr=False, compare=False)
    model: str = ""


@dataclass(frozen=True)
class Evidence:
    """What differs between the two sides of one group, as the label stage read it off the text.

    The label rests on it, and every view renders from it: the reason, the headline, the word
    highlights and the CSV. Words are surface forms; `only_a_stems` / `only_b_stems` are the
    stems behind them (as `text.content_words` makes them), for matching inflections.
    """

    only_a_words: tuple[str, ...] = ()
    only_b_words: tuple[str, ...] = ()
    number_conflicts: tuple[tuple[str, str], ...] = ()
    only_a_numbers: tuple[str, ...] = ()
    only_b_numbers: tuple[str, ...] = ()
    # a negation on one side only, quoted as written: "B says 'did not discuss the trade'"
    negation: str | None = None
    opposites: tuple[tuple[str, str], ...] = ()
    modality: tuple[str, str] | None = None
    speakers: tuple[str, str] | None = None
    a_extra_share: float = 0.0
    b_extra_share: float = 0.0
    # who each side says asked for the call, when both say and they differ
    requesters: tuple[str, str] | None = None
    # dates, months, clock times and "next week"s that differ between the sides
    date_conflicts: tuple[tuple[str, str], ...] = ()
    # one date, weekday or clock time each, apart as two time zones make one call: dates a day
    # apart, times whole or half hours apart ((A's, B's), …). Not a conflict; the row is
    # partial, since the values as written differ
    time_zones: tuple[tuple[str, str], ...] = ()
    # a hedge ("to consider", "hopes to") on one side only: (side, the hedge)
    hedge: tuple[str, str] | None = None
    # the one-sided words are a swap of countries ("Japan and the U.S." vs "Japan and Korea")
    countries: tuple[str, str] | None = None
    # a difference of subject that is only readout style ("They" vs "Secretary Blinken"): shown,
    # never a reason to call the sides different
    framed_speakers: tuple[str, str] | None = None
    # who asked for the call, when only one side says: (side, the phrase as written)
    request_only: tuple[str, str] | None = None
    # every one-sided word is logistics (date, time, length, format, titles) or a name
    trivial_extras: bool = False
    # opposed framings of one point: pressure vs engagement, a positive vs a negative verdict;
    # ((A's frame, the words that show it), (B's frame, its words)): (("pressure", "sanctions"), …)
    framing: tuple[tuple[str, str], tuple[str, str]] | None = None
    # on an agree row: a clause one side joins to the shared point (", and …", "; …") whose
    # words are mostly its own: (side, the clause as written); shown, not counted (method.md)
    own_clause: tuple[str, str] | None = None
    only_a_stems: frozenset[str] = frozenset()
    only_b_stems: frozenset[str] = frozenset()
    crosslingual: bool = False

    @property
    def conflict(self) -> bool:
        return bool(
            self.number_conflicts
            or self.date_conflicts
            or self.negation
            or self.opposites
            or self.requesters
            or self.framing
        )


@dataclass(frozen=True)
class Alignment:
    """One output row: an aligned group with its label, or one only-A / only-B statement.

    `evidence` is what the label stage found (None on only-A / only-B rows); `nearest` is, on an
    only-A / only-B row, the index of the other side's closest statement. `reason` renders both.
    `bases` gives the aligner's rule behind each of `links`, in the same order; `best` the
    aligner's own nearest of an only-A / only-B row.
    """

    group_id: str
    label: Label
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    lexical: float
    evidence: Evidence | None = None
    links: tuple[tuple[int, int], ...] = ()
    nearest: int | None = None
    bases: tuple[LinkBasis, ...] = field(default=(), compare=False)  # how, not what, was grouped
    # on an only-A / only-B row: the other side's statement the aligner scores highest with it,
    # and that combined score (what its floor is compared with)
    best: tuple[int, float] | None = field(default=None, compare=False)

    @property
    def reason(self) -> str:
        """What differs, from the evidence alone (without the text: words as matched, dates
        as read); `Comparison.reason(row)` quotes the text, as the CSV does."""
        from .explain import reason  # rendering lives with the other views of evidence

        return reason(self)


#: The longest readout accepted, in characters: the readers (compare.io) stop at it while they
#: read, and Config.max_chars defaults to it.
MAX_CHARS = 1_000_000


def _setting(default, label: str, help: str, *, expert: bool = True, low=0.0, high=1.0, grid=()):
    """A Config field with what the CLI and the app need to offer it: a label, a help text for
    a reader who is not the engineer who tuned it, its range, and whether it is an expert knob.
    `grid` lists the values the out-of-fold evaluation searches (compare.evaluation.folds);
    a setting without one is fixed by design, not tuned."""
    return field(
        default=default,
        metadata={
            "label": label,
            "help": help,
            "expert": expert,
            "range": (low, high),
            "grid": tuple(grid),
        },
    )


@dataclass(frozen=True)
class Setting:
    """One tunable Config field, as `Config.settings()` describes it."""

    name: str
    label: str
    help: str
    default: float | int
    kind: type
    low: float | int
    high: float | int
    expert: bool
    grid: tuple[float | int, ...] = ()

    def admits(self, value: float | int) -> bool:
        """Is `value` within the setting's range? (NaN is in no range.)"""
        return self.low <= value <= self.high

    @property
    def option(self) -> str:
        """The command-line spelling: --link-threshold."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Config:
    """Every setting of the pipeline, in one place; the CLI options and the app's sidebar are
    generated from the field metadata (`Config.settings()`)."""

    model: str | None = None  # None: the default for the languages at hand
    split: SplitMode = SplitMode.SENTENCES
    backend: Backend = Backend.TORCH
    # a statement that goes on from the one before it ("He added ...") joins its partners;
    # off for a story's sides, whose statements are quotes gathered from across the story
    continuations: bool = True
    semantic_weight: float = _setting(
        0.6,
        "Meaning vs wording",
        "How much the combined score rests on meaning (embedding similarity) rather than on "
        "shared words: 1 is meaning only, 0 is wording only.",
    )
    link_threshold: float = _setting(
        0.35,
        "Match threshold",
        "How alike two statements must be (combined score) to be aligned. Higher: fewer, surer "
        "matches and more statements reported as one side's only.",
        expert=False,
        grid=(0.3, 0.35, 0.4),
    )
    extra_margin: float = _setting(
        0.05,
        "Extra-partner margin",
        "A statement that covers several points may match further statements of the other side "
        "when they score within this margin of its best match.",
        grid=(0.03, 0.05, 0.08),
    )
    extra_threshold: float = _setting(
        0.35,
        "Extra-partner threshold",
        "The lowest combined score at which such a further match is kept.",
    )
    attach_threshold: float = _setting(
        0.425,
        "Hub threshold",
        "A statement may also join a statement of the other side that covers several points "
        "(a hub) when it clearly prefers that hub: the lowest combined score for it.",
        grid=(0.375, 0.425, 0.475),
    )
    attach_gap: float = _setting(
        0.1,
        "Hub preference",
        "How much more such a statement must score with the hub than with any other statement.",
        grid=(0.05, 0.1, 0.15),
    )
    continuation_threshold: float = _setting(
        0.2,
        "Continuation threshold",
        "A statement that goes on with the previous one ('He added ...') joins the previous "
        "one's matches when it scores at least this with them.",
    )
    anchor_bonus: float = _setting(
        0.1,
        "Rare-word bonus",
        "Two statements that share words no other statement of either readout uses are a "
        "likely match: this much is added to their score when choosing each statement's best "
        "match (readouts in one language only).",
    )
    anchor_min_shared: int = _setting(
        2,
        "Rare words needed",
        "How many such rare words two statements must share to count as a likely match "
        "(0 turns this off).",
        low=0,
        high=5,
    )
    agree_threshold: float = _setting(
        0.6,
        "Agree threshold",
        "How alike two matched statements must be to count as saying the same thing ('agree') "
        "when nothing conflicts. Higher: more matches reported as 'partial'.",
        expert=False,
        grid=(0.55, 0.6, 0.65),
    )
    agree_max_extra: float = _setting(
        0.7,
        "One-sided wording allowed in 'agree'",
        "The largest share of either side's content words that may be its own in an 'agree' match "
        "(and of each statement's, where a side has several).",
    )
    crosslingual_agree_threshold: float = _setting(
        0.55,
        "Agree threshold across languages",
        "Korean vs English: how alike (multilingual similarity) two matched statements must be "
        "for 'agree'.",
    )
    max_chars: int = _setting(
        MAX_CHARS,
        "Characters per readout",
        "The longest readout accepted, in characters.",
        low=1,
        high=10_000_000,
    )
    max_statements: int = _setting(
        5_000,
        "Statements per readout",
        "The most statements a readout may have (the comparison grows with their square).",
        low=1,
        high=50_000,
    )
    max_statement_chars: int = _setting(
        10_000,
        "Characters per statement",
        "The longest statement accepted: a longer run without a sentence end is not a readout "
        "sentence (split such text into lines).",
        low=1,
        high=1_000_000,
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "split", SplitMode.parse(self.split))
        object.__setattr__(self, "backend", Backend.parse(self.backend))
        for s in self.settings():
            value = getattr(self, s.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InputError(f"config {s.name} must be a number, got {value!r}")
            if not s.admits(value):
                raise InputError(
                    f"config {s.name} must be between {s.low} and {s.high}, got {value!r}"
                )

    @classmethod
    def settings(cls) -> tuple[Setting, ...]:
        """The tunable fields, in declaration order, with their labels, help and ranges."""
        out = []
        for f in fields(cls):
            if "help" not in f.metadata:
                continue
            low, high = f.metadata["range"]
            out.append(
                Setting(
                    name=f.name,
                    label=f.metadata["label"],
                    help=f.metadata["help"],
                    default=f.default,
                    kind=type(f.default),
                    low=low,
                    high=high,
                    expert=f.metadata["expert"],
                    grid=f.metadata["grid"],
                )
            )
        return tuple(out)


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two readouts."""

    a: Document
    b: Document
    alignments: tuple[Alignment, ...]
    config: Config
    model: str
    # cosine similarity, content statements of A x content statements of B (row/col = content
    # order), a read-only float32 array: a 2,000 x 2,000 pair costs 16 MB, not 4 million floats
    similarity: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        import numpy as np

        shape = (len(self.a.content), len(self.b.content))
        sim = np.zeros(shape, np.float32) if self.similarity is None else self.similarity
        sim = np.array(sim, np.float32, copy=True).reshape(shape)
        sim.setflags(write=False)
        object.__setattr__(self, "similarity", sim)

    def counts(self) -> dict[str, int]:
        out = {label.value: 0 for label in Label}
        for row in self.alignments:
            out[row.label.value] += 1
        return out

    def document(self, side: str) -> Document:
        return self.a if side == "a" else self.b

    def row_of(self, statement_id: str) -> Alignment | None:
        """The row that holds statement "a3" / "b0" (None for a non-content statement)."""
        return self._rows_by_statement.get(statement_id)

    @cached_property
    def _rows_by_statement(self) -> dict[str, Alignment]:
        # built once per comparison: every row of a long pair asks (the CSVs, the basis column)
        where: dict[str, Alignment] = {}
        for row in self.alignments:
            where.update((f"a{i}", row) for i in row.a)
            where.update((f"b{j}", row) for j in row.b)
        return where

    def ids(self, row: Alignment) -> tuple[str, str]:
        """The row's statement ids on each side as alignments.csv gives them: ("a0;a1", "b3")."""
        return ";".join(f"a{i}" for i in row.a), ";".join(f"b{j}" for j in row.b)

    def reason(self, row: Alignment) -> str:
        """The row's reason as the CSV, the CLI and the app give it, quoting this text."""
        from .explain import reason

        return reason(row, self)
