"""Who published a readout: a guess from the phrases that name a ministry or an official, for the
names the app pre-fills; the phrases themselves live in compare.lexicon."""

from __future__ import annotations

import re

from ..lexicon import COUNTRY_MINISTRIES, PUBLISHERS
from ..segment import detect_language

# Phrases that name who wrote a readout (compare.lexicon); the earliest one in the text wins.
_SOURCES = PUBLISHERS
_GENERIC_MINISTRY = re.compile(
    r"\bforeign minister\b|\bministry of foreign affairs\b|\bforeign ministry\b|\bthe ministry\b",
    re.I,
)
_COUNTRY_MINISTRY = COUNTRY_MINISTRIES


# How sure a guess is, strongest first: a phrase naming a publisher, a Korean text, the country
# a "foreign ministry" readout mentions most, a bare "ministry of foreign affairs".
_PHRASE, _KOREAN, _COUNTRY, _GENERIC = 3, 2, 1, 0


def _guess(text: str) -> tuple[str, tuple[int, int]] | None:
    """The guessed publisher and how strong the guess is (higher is stronger: its kind, then
    how early the phrase comes: a readout names its own side first); None when nothing fits."""
    if not text or not text.strip():
        return None
    head = text[:4000]
    best: tuple[int, str] | None = None
    for source in _SOURCES:
        for pattern in source.patterns:
            m = re.search(pattern, head, re.I)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), source.name)
    if best is not None:
        return best[1], (_PHRASE, -best[0])
    if detect_language(head) == "ko":
        return "ROK Ministry of Foreign Affairs", (_KOREAN, 0)
    if _GENERIC_MINISTRY.search(head):
        mentions = {
            name: len(re.findall(pattern, head, re.I)) for name, pattern in _COUNTRY_MINISTRY
        }
        ranked = sorted(mentions.items(), key=lambda kv: -kv[1])
        if ranked[0][1] and ranked[0][1] > ranked[1][1]:
            return ranked[0][0], (_COUNTRY, 0)
        return "Ministry of Foreign Affairs", (_GENERIC, 0)
    return None


def guess_source_name(text: str, default: str = "") -> str:
    """A guess at who published a readout, from keywords; `default` when nothing fits."""
    guess = _guess(text)
    return guess[0] if guess else default


def source_names(
    a_text: str, b_text: str, defaults: tuple[str, str] = ("Side A", "Side B")
) -> tuple[str, str]:
    """Guessed names for both sides, never the same one: when both texts point to one publisher
    (each names the other side's minister too), the stronger guess keeps it and the other side
    gets its default; both do when neither guess is stronger (`defaults` when nothing fits)."""
    guesses = [_guess(a_text), _guess(b_text)]
    names = [g[0] if g else d for g, d in zip(guesses, defaults, strict=True)]
    if guesses[0] and guesses[1] and names[0] == names[1]:
        strength = [g[1] for g in guesses]
        names = [
            name if strength[k] > strength[1 - k] else defaults[k] for k, name in enumerate(names)
        ]
    return distinct_names(names[0], names[1])  # defaults alike (two files named x.txt)


def distinct_names(a: str, b: str) -> tuple[str, str]:
    """The sides' names as given, with ' (A)' / ' (B)' added once when they are the same."""
    return (f"{a} (A)", f"{b} (B)") if a == b else (a, b)


def side_tag(name: str, side: str) -> str:
    """'(A)' / '(B)' to show after a side's name, or '' when the name already says which side
    it is ('Side A', 'Seoul (A)')."""
    tag = f"({side.upper()})"
    return "" if name.endswith(tag) or name == f"Side {side.upper()}" else tag
