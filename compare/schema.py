"""Typed records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

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


@dataclass(frozen=True)
class Group:
    """Output of the align stage: statements of A and B that report the same point.

    `a` and `b` are statement indices; `links` are the (a, b) pairs the aligner actually found
    (a group is a connected set of links, so not every a×b pair need be a link).
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    links: tuple[tuple[int, int], ...]
    similarity: float
    lexical: float


@dataclass(frozen=True)
class Alignment:
    """One output row: an aligned group with its label, or one only-A / only-B statement."""

    group_id: str
    label: Label
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    lexical: float
    reason: str
    links: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Config:
    """Every threshold and option of the pipeline, in one place."""

    model: str | None = None  # None: the default for the languages at hand
    split: SplitMode = SplitMode.SENTENCES
    # align: a link needs combined score >= link_threshold; the best partner of a statement is
    # also kept when it is >= extra_threshold, extra partners within extra_margin of the best.
    semantic_weight: float = 0.6
    link_threshold: float = 0.35
    extra_margin: float = 0.05
    extra_threshold: float = 0.35
    # a best partner this close is linked even when it has a better partner of its own
    strong_threshold: float = 0.6
    # an unlinked statement that continues the previous one ("He added ...") joins its partners
    # when it scores at least this with them
    continuation_threshold: float = 0.2
    # two statements sharing at least anchor_min_shared words that neither readout uses anywhere
    # else are linked at link_threshold whatever their other partners score, and score
    # anchor_bonus higher in the contest for the other links (same-language pairs only; 0 turns
    # these rare-word anchors off)
    anchor_bonus: float = 0.1
    anchor_min_shared: int = 2
    # label: agree needs a high combined score and no difference signal
    agree_threshold: float = 0.6
    # ... and at most this share of either side's content words found on that side only
    agree_max_extra: float = 0.7
    # across languages (Korean vs English) agree rests on the multilingual similarity alone
    crosslingual_agree_threshold: float = 0.55
    max_chars: int = 1_000_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "split", SplitMode.parse(self.split))
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("float",) and not 0.0 <= value <= 1.0:
                raise InputError(f"config {f.name} must be between 0 and 1, got {value!r}")
        if self.anchor_min_shared < 0:
            raise InputError("config anchor_min_shared must be 0 (off) or more")
        if self.max_chars <= 0:
            raise InputError("config max_chars must be positive")


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two readouts."""

    a: Document
    b: Document
    alignments: tuple[Alignment, ...]
    config: Config
    model: str
    # cosine similarity, content statements of A × content statements of B (row/col = content order)
    similarity: tuple[tuple[float, ...], ...] = field(default=(), repr=False)

    def counts(self) -> dict[str, int]:
        out = {label.value: 0 for label in Label}
        for row in self.alignments:
            out[row.label.value] += 1
        return out

    def document(self, side: str) -> Document:
        return self.a if side == "a" else self.b
