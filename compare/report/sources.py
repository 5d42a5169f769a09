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


def guess_source_name(text: str, default: str = "") -> str:
    """A guess at who published a readout, from keywords; `default` when nothing fits."""
    if not text or not text.strip():
        return default
    head = text[:4000]
    best: tuple[int, str] | None = None
    for source in _SOURCES:
        for pattern in source.patterns:
            m = re.search(pattern, head, re.I)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), source.name)
    if best is not None:
        return best[1]
    if detect_language(head) == "ko":
        return "ROK Ministry of Foreign Affairs"
    if _GENERIC_MINISTRY.search(head):
        mentions = {
            name: len(re.findall(pattern, head, re.I)) for name, pattern in _COUNTRY_MINISTRY
        }
        ranked = sorted(mentions.items(), key=lambda kv: -kv[1])
        if ranked[0][1] and ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
        return "Ministry of Foreign Affairs"
    return default


def source_names(
    a_text: str, b_text: str, defaults: tuple[str, str] = ("Side A", "Side B")
) -> tuple[str, str]:
    """Guessed names for both sides, made distinct (`defaults` when nothing fits)."""
    a = guess_source_name(a_text, defaults[0])
    b = guess_source_name(b_text, defaults[1])
    if a == b:
        a, b = f"{a} (A)", f"{b} (B)"
    return a, b
