"""Long pairs take fast paths that must change no output: the lexical matrix read pair by pair,
the aligner that settles most pairs by a bound, the cached stems and the skipped alias searches
of the text stage. Each is checked against the plain computation: the whole matrix and the
aligner's rules over it (reference_align), on generated and sample inputs."""

from __future__ import annotations

import pickle
import random
import re

import numpy as np
import pytest
import reference_align
from bounded import run_bounded
from conftest import SAMPLES, FakeEmbedder

import compare.align
from compare import label, text
from compare.align import align
from compare.lexicon import NORMAL_FORMS
from compare.pipeline import decide, make_document, measure
from compare.schema import Config, Similarities, SplitMode
from compare.similarity import (
    LexicalMatrix,
    anchor_matrix,
    best_combined,
    combined_score,
    lexical_matrix,
    shared_rare_matrix,
)

WORDS = (
    "ministers discussed trade Haiti COVID-19 alliance 20 minutes agreed summit the of talks "
    "security region Ukraine energy sanctions North Korea United States supported opposed"
).split()


def random_config(rng: random.Random) -> Config:
    """Defaults, corners (attach_gap 0, no extra margin, no bonus) and values in between."""

    def pick(*values: float) -> float:
        return rng.choice([*values, rng.uniform(0, 0.8)])

    return Config(
        semantic_weight=pick(0.6, 0.0, 1.0),
        link_threshold=pick(0.35, 0.3),
        extra_margin=pick(0.05, 0.0),
        extra_threshold=pick(0.35),
        attach_threshold=pick(0.425),
        attach_gap=pick(0.1, 0.0),
        anchor_bonus=pick(0.1, 0.0),
        anchor_min_shared=rng.choice([2, 1, 0]),
    )


def random_matrix(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    """Scores in [0, 1], often rounded (ties) and with a copied row and column (exact ties)."""
    x = rng.uniform(0, 1, (n, m)).astype(np.float32)
    if rng.random() < 0.6:
        steps = rng.choice([10, 20, 1000])
        x = (np.round(x * steps) / steps).astype(np.float32)
    if rng.random() < 0.3:
        x[n // 2], x[:, m // 2] = x[0], x[:, 0]
    return x


@pytest.mark.parametrize("seed", range(6))
def test_aligner_follows_the_plain_rules_on_random_matrices(seed):
    rng, pyrng = np.random.default_rng(seed), random.Random(seed)
    for _ in range(250):
        n, m = (int(k) for k in rng.integers(1, 25, 2))
        sem, lex = random_matrix(rng, n, m), random_matrix(rng, n, m)
        rare = rng.integers(0, 4, (n, m)).astype(np.float32) if rng.random() < 0.5 else None
        config = random_config(pyrng)
        kw = dict(
            a_continues=list(rng.random(n) < 0.3),
            b_continues=list(rng.random(m) < 0.3),
            shared_rare=rare,
        )
        expected = reference_align.align(sem, lex, config, **kw)
        assert align(sem, lex, config, **kw) == expected, (seed, config)


def statements(pyrng: random.Random, n: int) -> list[str]:
    return [" ".join(pyrng.choice(WORDS) for _ in range(pyrng.randint(1, 12))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(3))
def test_lexical_matrix_read_pair_by_pair_gives_the_groups_of_the_whole(seed, monkeypatch):
    monkeypatch.setattr(compare.align, "WHOLE_CELLS", 0)  # never read whole
    rng, pyrng = np.random.default_rng(seed), random.Random(seed)
    lazy_reads = 0
    for _ in range(60):
        n, m = (int(k) for k in rng.integers(1, 40, 2))
        a, b = statements(pyrng, n), statements(pyrng, m)
        if n > 2:
            a[1] = a[0]  # identical statements tie everywhere
        sem = (rng.uniform(0, 1, (n, m)) ** rng.choice([1, 2, 4])).astype(np.float32)
        config = random_config(pyrng)
        kw = dict(a_continues=list(rng.random(n) < 0.3), shared_rare=shared_rare_matrix(a, b))
        lazy = LexicalMatrix(a, b)
        groups = align(sem, lazy, config, **kw)
        lazy_reads += lazy.computed < n * m
        assert groups == reference_align.align(sem, lexical_matrix(a, b), config, **kw)
    assert lazy_reads  # some pairs were settled without reading every ratio


def test_every_way_of_reading_the_lexical_matrix_gives_its_values():
    pyrng = random.Random(4)
    a, b = statements(pyrng, 30), statements(pyrng, 25) + ["", "!!"]
    whole = lexical_matrix(a, b)
    m = LexicalMatrix(a, b)
    assert m.shape == whole.shape and m.computed == 0
    assert (m.upper_bound() >= whole).all()
    rows, cols = np.array([0, 3, 29, 3, -1]), np.array([0, 26, 5, 26, -2])
    assert np.array_equal(m.cells(rows, cols), whole[rows, cols])
    assert m[2, 7] == whole[2, 7] and m.cell(-1, -1) == whole[-1, -1]
    assert [m[5][k] for k in range(27)] == whole[5].tolist()
    assert np.array_equal(np.asarray(m[:, 4]), whole[:, 4])
    assert 0 < m.computed < whole.size
    again = pickle.loads(pickle.dumps(m))  # a comparison's matrices travel to worker processes
    assert np.array_equal(np.asarray(again), whole) and again.computed == whole.size
    full = np.asarray(m)
    assert full.dtype == np.float32 and np.array_equal(full, whole)
    assert not full.flags.writeable  # the remembered values cannot be changed through it
    assert np.array_equal(m[1:4], whole[1:4])


def synthetic_pair(n: int, seed: int) -> tuple[str, str]:
    """Two readouts of n lines; B restates about half of A's in other order and wording."""
    pyrng = random.Random(seed)
    a = statements(pyrng, n)
    b = []
    for k in range(n):
        if k % 2:
            b.append(" ".join(pyrng.choice(WORDS) for _ in range(pyrng.randint(1, 12))))
        else:
            words = a[pyrng.randrange(n)].split()
            pyrng.shuffle(words)
            b.append(" ".join(words[: max(2, len(words) - 2)] + ["also"]))
    return "\n".join(s + "." for s in a), "\n".join(s.capitalize() + "." for s in b)


def rows_of(comparison) -> list[tuple]:
    return [(row, row.reason) for row in comparison.alignments]


def exactly(da, db, sims, config, monkeypatch) -> list[tuple]:
    """The rows the plain computation gives: the whole lexical matrix, the plain rules."""
    with monkeypatch.context() as patch:
        patch.setattr("compare.pipeline.align", reference_align.align)
        whole = Similarities(sims.semantic, np.asarray(sims.lexical), sims.shared_rare, sims.model)
        return rows_of(decide(da, db, whole, config))


PAIRS = [("generated", *synthetic_pair(160, seed)) for seed in (1, 2)] + [
    (p.name, (p / "a.txt").read_text(encoding="utf-8"), (p / "b.txt").read_text(encoding="utf-8"))
    for p in SAMPLES
]


@pytest.mark.parametrize("name,a,b", PAIRS, ids=[p[0] for p in PAIRS])
@pytest.mark.parametrize("read_whole", [False, True])
def test_rows_links_labels_and_reasons_match_the_plain_computation(
    name, a, b, read_whole, monkeypatch
):
    if not read_whole:
        monkeypatch.setattr(compare.align, "WHOLE_CELLS", 0)
    split = SplitMode.LINES if name == "generated" else SplitMode.SENTENCES
    for config in (Config(split=split), Config(split=split, attach_gap=0.0, link_threshold=0.3)):
        da, db = make_document(a, "a", "A", config), make_document(b, "b", "B", config)
        sims = measure(da, db, FakeEmbedder())
        fast = rows_of(decide(da, db, sims, config))
        assert fast == exactly(da, db, sims, config, monkeypatch)
        assert any(row.group_id for row, _ in fast)


def test_rows_match_the_plain_computation_with_the_real_model(embedder, monkeypatch):
    monkeypatch.setattr(compare.align, "WHOLE_CELLS", 0)
    config = Config()
    for _, a, b in PAIRS[2:]:
        da, db = make_document(a, "a", "A", config), make_document(b, "b", "B", config)
        sims = measure(da, db, embedder)
        assert rows_of(decide(da, db, sims, config)) == exactly(da, db, sims, config, monkeypatch)


def test_a_long_pair_reads_few_token_set_ratios():
    # 1,000 x 1,000: the old aligner read all million pairs; a bound settles all but a few
    out = run_bounded(
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from conftest import FakeEmbedder\n"
        "from test_fast_path import synthetic_pair\n"
        "from compare.pipeline import decide, make_document, measure\n"
        "from compare.schema import Config\n"
        "a, b = synthetic_pair(1000, 3)\n"
        "config = Config(split='lines')\n"
        "da, db = make_document(a, 'a', 'A', config), make_document(b, 'b', 'B', config)\n"
        "sims = measure(da, db, FakeEmbedder())\n"
        "result = decide(da, db, sims, config)\n"
        "print(sims.lexical.computed, len(da.content) * len(db.content),"
        " sum(1 for r in result.alignments if r.group_id))\n",
        timeout=120,
    )
    read, cells, groups = map(int, out.split())
    assert cells > 900_000 and groups > 300
    assert read < cells * 0.05


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_combined_reads_a_line_only_where_it_can_win(seed):
    a, b = synthetic_pair(60, seed)
    a_texts, b_texts = a.split("\n"), b.split("\n")
    rng = np.random.default_rng(seed)
    semantic = rng.uniform(0, 1, (len(a_texts), len(b_texts))).astype(np.float32)
    config = Config()
    lazy, whole = LexicalMatrix(a_texts, b_texts), lexical_matrix(a_texts, b_texts)
    dense = combined_score(semantic, whole, config)
    for i in range(len(a_texts)):  # rows, as an only-A row reads them
        k, score = best_combined(semantic[i], lazy[i], config)
        assert (k, score) == (int(np.argmax(dense[i])), pytest.approx(float(dense[i].max())))
    for j in range(len(b_texts)):  # columns, as an only-B row reads them
        k, score = best_combined(semantic[:, j], lazy[:, j], config)
        assert k == int(np.argmax(dense[:, j]))
    assert lazy.computed < semantic.size / 2  # the bounds settle most pairs unread
    assert best_combined([], [], config) == (-1, 0.0)


def test_alias_searches_are_skipped_only_where_they_cannot_match():
    plain = [(re.compile(p), r) for p, r in NORMAL_FORMS]

    def normalised(t: str) -> str:
        t = t.lower().replace("\u2019", "'").replace("\u2018", "'")
        for pattern, repl in plain:
            t = pattern.sub(repl, t)
        return t

    assert all(text.opening_texts(p) for p, _ in NORMAL_FORMS)  # every search can be skipped
    pieces = [
        "the United States", "U.S.", "U.S.A.", "US-Japan", "us", "America", "Americans", "the DPRK",
        "North Korean", "the North", "Pyongyang", "Republic of Korea", "ROK", "Seoul", "Korea",
        "inter-Korean", "Korean Peninsula", "China", "Chinese", "Beijing", "PRC", "Japan",
        "Japanese", "Tokyo", "UN Security Council", "U.N.", "United Nations", "discussed",
        "unity", "usual", "koreans", "rokiss", "japanned", "—", ",", "'s", "\u2019s",
    ]  # fmt: skip
    rng = random.Random(9)
    texts = [p.read_text(encoding="utf-8") for s in SAMPLES for p in s.glob("*.txt")]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(3000)]
    for t in texts:
        assert text.normalise(t) == normalised(t)
        spans = text.content_word_spans(t)
        assert [w for *_, w in spans] == [w for w in _stems_in_order(normalised(t))]


def _stems_in_order(normal: str) -> list[str]:
    found = (
        text._content_word(w) for w in re.findall(r"[a-z][a-z'-]*[a-z]|[a-z]|[가-힣]+", normal)
    )
    return [f[0] for f in found if f]


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"\bchina\b|\bprc\b", ("china", "prc")),
        (r"(?<!inter-)\bkorea(?:n)?\b", ("korea",)),
        (r"\bun(?:ited nations|sc)\b", ("united nations", "unsc")),
        (r"\bu(nited|sa)\b", ("u",)),  # a group's letters are not read: "u" is still in every match
        (r"\bunited nations\b|\bu\.n\.", ("united nations", "u.n.")),
        (r"(?i)china", ("china",)),  # as written: Search looks for it in lower-cased text
        (r"\w+ korea", None),  # opens with no letters
        (r"korea|\w+", None),  # one alternative opens with none
        (r"", None),
    ],
)
def test_opening_texts_are_those_every_match_contains(pattern, expected):
    assert text.opening_texts(pattern) == expected


def searches() -> list[text.Search]:
    """Every Search of the text and label stages, alone or in a dict or tuple of them."""
    found = []
    for module in (text, label):
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else value
            for item in items if isinstance(items, tuple | type({}.values())) else [items]:
                item = item[0] if isinstance(item, tuple) else item  # (search, replacement)
                found += [item] if isinstance(item, text.Search) else []
    return found


def test_a_search_skips_only_text_where_its_pattern_finds_nothing():
    every = searches()
    assert len(every) >= 20 and all(s.needs for s in every)
    rng = random.Random(5)
    pieces = [n for s in every for n in s.needs] + WORDS + ["15", "3:30 p.m.", "8월", "(토)", "."]

    def disguise(piece: str) -> str:  # another case, or a letter ignoring case matches
        piece = rng.choice([piece, piece.upper(), piece.capitalize(), piece.swapcase()])
        for ascii_letter, lookalike in (("i", "\u0131"), ("I", "\u0130"), ("s", "\u017f")):
            piece = piece.replace(ascii_letter, lookalike) if rng.random() < 0.1 else piece
        return piece.replace("k", "\u212a") if rng.random() < 0.1 else piece

    texts = [p.read_text(encoding="utf-8") for s in SAMPLES for p in s.glob("*.txt")]
    texts += [
        " ".join(disguise(rng.choice(pieces)) for _ in range(rng.randint(0, 8)))
        for _ in range(2000)
    ]
    skipped = 0
    for t in texts:
        for s in every:
            assert [m.span() for m in s.finditer(t)] == [m.span() for m in s.pattern.finditer(t)]
            assert s.sub("#", t) == s.pattern.sub("#", t)
            skipped += not s.may_match(t)
    assert skipped > len(texts)  # most searches are skipped on most texts


def test_the_case_lookalikes_are_every_other_letter_ignoring_case_matches():
    letter = re.compile("[a-z]", re.I)
    others = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert {c for c in others if not c.lower().isascii()} == set(text._CASE_LOOKALIKES)


def test_needs_given_to_a_search_ignoring_case_must_be_ascii():
    with pytest.raises(ValueError):
        text.Search("\u03c3", re.I, ["\u03c3"])  # sigma: lower() misses the final form
    with pytest.raises(ValueError):
        text.Search("x", needs=[])
    assert text.Search("\u03c3+", re.I).needs is None  # read off the pattern: then always run


def test_verbs_are_found_as_a_search_for_each_form_finds_them():
    pieces = [
        "support", "Supported", "SUPPORTING", "\u017fupports", "oppose", "opposes_", "disagree",
        "agreed", "agree's", "re-agree", "deny", "denies", "Denying", "successfully", "success",
        "failure", "fail2", "banned", "ban", "stopped", "concern", "eased", "relaxes",
        "\u0130ncrease", "\u0131ncrease", "welcome", "condemned", "x", "\u2013", "9", "_", "\u00e9",
    ]  # fmt: skip
    rng = random.Random(3)
    for _ in range(5000):
        t = "".join(
            rng.choice(pieces) + rng.choice([" ", "", "-", "'", ".", "_", "\n"])
            for _ in range(rng.randint(0, 10))
        )
        found = label._verbs(t)
        for form in label._VERB_FORMS:
            m = re.search(rf"\b(?:{form})\b", t, re.I)
            got = found.get(form)
            assert (m and (m.span(), m.group())) == (got and (got.span(), got.group())), (t, form)


def test_word_overlap_across_scripts_is_the_plain_count():
    rng = random.Random(2)
    words = (
        "Blinken 2021 15 minutes 장관 통화 Haiti COVID-19 8월 5일 U.S. Japan 1,000 trade".split()
    )
    a = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) for _ in range(40)]
    b = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) for _ in range(35)]
    bags_a, bags_b = [text.anchors(t) for t in a], [text.anchors(t) for t in b]
    share = np.zeros((40, 35))
    for i, x in enumerate(bags_a):
        for j, y in enumerate(bags_b):
            share[i, j] = len(x & y) / min(len(x), len(y)) if x and y else -1
    # fallbacks on either side of each share, and on it, in float32
    fallback = np.random.default_rng(2).uniform(0, 1, share.shape).astype(np.float32)
    on = np.float32(np.clip(share, 0, 1))
    fallback[::3] = on[::3]
    fallback[1::3] = np.nextafter(on[1::3], np.float32(2))
    expected = fallback.copy()
    for i, x in enumerate(bags_a):
        for j, y in enumerate(bags_b):
            smaller = min(len(x), len(y))
            if smaller:
                expected[i, j] = max(expected[i, j], len(x & y) / smaller)
    got = anchor_matrix(a, b, fallback)
    assert got.dtype == np.float32 and np.array_equal(got, expected)
    assert (got > fallback).any()
