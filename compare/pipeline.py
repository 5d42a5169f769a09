"""compare_texts: segment -> embed -> align -> label, for one pair or many."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from .align import align
from .embed import DEFAULT_MODEL, MULTILINGUAL_MODEL, Embedder, load_embedder
from .errors import EmptyTextError, FileTooLargeError, InputError
from .label import label_group
from .schema import (
    Alignment,
    Comparison,
    Config,
    Document,
    Label,
    LinkBasis,
    Similarities,
    Statement,
)
from .segment import detect_language, holds_text, segment, unsupported_language
from .similarity import best_combined, word_evidence
from .text import continues_previous

log = logging.getLogger(__name__)


def choose_model(config: Config, languages: Sequence[str]) -> str:
    """The user's model if given; else MiniLM for English, multilingual USE once Korean is in."""
    if config.model:
        return config.model
    return DEFAULT_MODEL if set(languages) == {"en"} else MULTILINGUAL_MODEL


def default_embedder(config: Config, languages: Sequence[str]) -> Embedder:
    """The model `choose_model` picks, loaded (once per process) on `config.backend`."""
    return load_embedder(choose_model(config, languages), backend=config.backend.value)


def make_document(text: str, side: str, name: str, config: Config) -> Document:
    """Validate and segment one side's readout; every limit is checked before the work it
    bounds (the segmenter is linear, alignment grows with statements squared)."""
    where = f"side {side.upper()} ({name})"
    if not isinstance(text, str):
        raise InputError(f"{where} must be text, got {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError(f"{where} is empty")
    if not holds_text(text):
        raise EmptyTextError(f"{where} holds no text (no letter or digit)")
    if len(text) > config.max_chars:
        raise FileTooLargeError(
            f"{where} has {len(text):,} characters; the limit is {config.max_chars:,} (max_chars)"
        )
    language = detect_language(text)
    if (other := unsupported_language(text, language)) is not None:
        raise InputError(
            f"{where} reads as {other}; this tool compares readouts in English and Korean "
            "(most governments also publish an English readout)"
        )
    statements = segment(text, side, split=config.split, language=language)
    content = [st for st in statements if st.is_content]
    if not content:  # a comparison would report the other side's every point as its own only
        shown = statements[0].text if statements else text.strip()
        raise EmptyTextError(
            f"{where} has no statement to compare: its only lines are a heading, an attribution "
            f"or an end mark (\u201c{shown[:60]}\u201d)"
        )
    if len(content) > config.max_statements:
        raise FileTooLargeError(
            f"{where} has {len(content):,} statements; the limit is {config.max_statements:,} "
            "(max_statements): compare the readout in parts"
        )
    longest = max(content, key=lambda st: len(st.text), default=None)
    if longest is not None and len(longest.text) > config.max_statement_chars:
        raise FileTooLargeError(
            f"{where}: statement {longest.id} is one sentence of {len(longest.text):,} "
            f"characters; the limit is {config.max_statement_chars:,} (max_statement_chars): "
            "split it into shorter sentences, or give one statement per line and cut by lines "
            "(--split lines; 'Cut readouts into: lines' in the app)"
        )
    return Document(side, name, text, statements, language)


def measure(doc_a: Document, doc_b: Document, embedder: Embedder) -> Similarities:
    """Every similarity matrix the decision needs, content statements of A x of B. Within one
    language the lexical one is a `similarity.LexicalMatrix`: its token-set ratios are computed
    when read, so a long pair pays only for the pairs a decision reads."""
    ca, cb = doc_a.content, doc_b.content
    semantic = _semantic(embedder, ca, cb)
    texts_a, texts_b = [s.text for s in ca], [s.text for s in cb]
    lexical, shared_rare = word_evidence(
        texts_a, texts_b, semantic, crosslingual=doc_a.language != doc_b.language
    )
    model = getattr(embedder, "name", type(embedder).__name__)
    return Similarities(semantic, lexical, shared_rare, model)


def compare_documents(
    doc_a: Document,
    doc_b: Document,
    *,
    config: Config | None = None,
    embedder: Embedder | None = None,
) -> Comparison:
    """Align and label two segmented documents."""
    config = config or Config()
    if embedder is None:
        embedder = default_embedder(config, (doc_a.language, doc_b.language))
    return decide(doc_a, doc_b, measure(doc_a, doc_b, embedder), config)


def decide(doc_a: Document, doc_b: Document, sims: Similarities, config: Config) -> Comparison:
    """Align and label, given the similarity matrices: everything a setting can change, so a
    sweep over settings measures each pair once."""
    ca, cb = doc_a.content, doc_b.content
    semantic, lexical = sims.semantic, sims.lexical
    texts_a, texts_b = [s.text for s in ca], [s.text for s in cb]
    groups = align(
        semantic,
        lexical,
        config,
        a_continues=[continues_previous(t) for t in texts_a] if config.continuations else None,
        b_continues=[continues_previous(t) for t in texts_b] if config.continuations else None,
        shared_rare=sims.shared_rare,
    )

    rows: list[tuple[tuple[float, ...], Alignment]] = []
    grouped_a: set[int] = set()
    group_key: dict[int, tuple[float, ...]] = {}  # local B index -> its group row's sort key
    for n, group in enumerate(groups, start=1):
        a_st = [ca[i] for i in group.a]
        b_st = [cb[j] for j in group.b]
        label, found = label_group(
            [s.text for s in a_st],
            [s.text for s in b_st],
            group.similarity,
            group.lexical,
            config,
            crosslingual=doc_a.language != doc_b.language,
        )
        links = tuple((ca[i].index, cb[j].index) for i, j in group.links)
        rows.append(
            (
                (group.a[0], 0, group.b[0]),
                Alignment(
                    f"g{n}",
                    label,
                    tuple(s.index for s in a_st),
                    tuple(s.index for s in b_st),
                    round(group.similarity, 4),
                    round(group.lexical, 4),
                    found,
                    links,
                    bases=tuple(_indexed(b, ca, cb) for b in group.bases),
                ),
            )
        )
        grouped_a.update(group.a)
        group_key.update((j, rows[-1][0]) for j in group.b)
    for i, st in enumerate(ca):
        if i not in grouped_a:
            rows.append(((i, 1, -1), omission_row(st, i, semantic, lexical, cb, 1, config)))
    # an only-B row goes just after the row that holds the B statement before it
    previous: tuple[float, ...] | None = None
    for j, st in enumerate(cb):
        if j in group_key:
            previous = group_key[j]
            continue
        key = (*previous, 2, j) if previous is not None else (-1, 2, j)
        rows.append((key, omission_row(st, j, semantic, lexical, ca, 0, config)))
        previous = key
    rows.sort(key=lambda r: r[0])
    return Comparison(doc_a, doc_b, tuple(r for _, r in rows), config, sims.model, semantic)


def compare_texts(
    a_text: str,
    b_text: str,
    *,
    names: Sequence[str] = ("A", "B"),
    config: Config | None = None,
    embedder: Embedder | None = None,
) -> Comparison:
    """Compare two readouts: every content statement lands in exactly one alignment row."""
    config = config or Config()
    if len(names) != 2:
        raise InputError("names must give exactly two source names")
    doc_a = make_document(a_text, "a", names[0] or "A", config)
    doc_b = make_document(b_text, "b", names[1] or "B", config)
    return compare_documents(doc_a, doc_b, config=config, embedder=embedder)


def compare_many(
    pairs: Iterable[tuple[str, str]],
    *,
    names: Sequence[str] = ("A", "B"),
    config: Config | None = None,
    embedder: Embedder | None = None,
) -> list[Comparison]:
    """Batch mode: compare many pairs with one model load."""
    return [compare_texts(a, b, names=names, config=config, embedder=embedder) for a, b in pairs]


def _semantic(embedder: Embedder, ca: Sequence[Statement], cb: Sequence[Statement]) -> np.ndarray:
    if not ca or not cb:
        return np.zeros((len(ca), len(cb)), np.float32)
    vectors = np.asarray(embedder.encode([s.text for s in ca] + [s.text for s in cb]), np.float32)
    if vectors.shape[0] != len(ca) + len(cb):
        raise InputError(
            f"embedder returned {vectors.shape[0]} vectors for {len(ca) + len(cb)} texts"
        )
    return np.clip(vectors[: len(ca)] @ vectors[len(ca) :].T, 0.0, 1.0)


def _indexed(basis: LinkBasis, ca, cb) -> LinkBasis:
    """A link's basis with its `best` as a statement index (the aligner counts content only)."""
    if basis.best is None:
        return basis
    return replace(basis, best=(cb if basis.side == "a" else ca)[basis.best].index)


def omission_row(
    st: Statement,
    local: int,
    semantic: np.ndarray,
    lexical: np.ndarray,
    others,
    axis: int,
    config: Config,
) -> Alignment:
    """An only-A / only-B row: its nearest statement by similarity, and the one the aligner
    scores highest with it (the combined score under `config`), for the views to explain."""
    sims = semantic[local] if axis == 1 else semantic[:, local]
    lexs = lexical[local] if axis == 1 else lexical[:, local]
    best = int(np.argmax(sims)) if len(sims) else -1
    similarity = float(sims[best]) if best >= 0 else 0.0
    lex = float(lexs[best]) if best >= 0 else 0.0
    top, score = best_combined(sims, lexs, config)
    aligner_best = (others[top].index, round(score, 4)) if top >= 0 else None
    label = Label.ONLY_A if st.side == "a" else Label.ONLY_B
    ids = (st.index,)
    return Alignment(
        "",
        label,
        ids if st.side == "a" else (),
        ids if st.side == "b" else (),
        round(similarity, 4),
        round(lex, 4),
        nearest=others[best].index if best >= 0 else None,
        best=aligner_best,
    )
