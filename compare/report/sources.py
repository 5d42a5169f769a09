"""Who published a readout: a guess from the phrases that name a ministry or an official, for the
names the app pre-fills and the CLI prints."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..segment import detect_language


@dataclass(frozen=True)
class _Source:
    name: str
    patterns: tuple[str, ...]


# Phrases that name who wrote a readout. The earliest one in the text wins: a readout names its
# own side first ("Secretary Blinken spoke with ..." vs "Foreign Minister Chung ... talked to").
_SOURCES = (
    _Source(
        "US Department of State",
        (
            r"\battributable to (?:the )?spokesperson\b",
            r"\bas stated by (?:the )?spokesperson\b",
            r"\b(?:u\.?s\.? )?department of state\b",
            r"\bstate department\b",
            r"\b(?:u\.?s\.? )?secretary of state\b",
            r"\bsecretary (?:blinken|pompeo|rubio|tillerson|kerry|clinton)\b",
            r"\bdeputy secretary\b",
        ),
    ),
    _Source(
        "The White House",
        (
            r"\bthe white house\b",
            r"\bpresident (?:biden|trump|obama)\b(?= (?:spoke|met|held|talked|welcomed))",
        ),
    ),
    _Source(
        "ROK Ministry of Foreign Affairs",
        (
            r"외교부",
            r"\bministry of foreign affairs of the republic of korea\b",
            r"\b(?:rok|korean|republic of korea) (?:foreign ministry|ministry of foreign affairs)\b",
            r"\bforeign minister (?:chung|kang|park|cho|yun|chung eui-yong|kang kyung-wha|park jin|cho tae-yul)\b",
        ),
    ),
    _Source(
        "Ministry of Foreign Affairs of Japan",
        (
            r"\bministry of foreign affairs of japan\b",
            r"\bminister for foreign affairs of japan\b",
            r"\bjapan(?:ese)? (?:foreign ministry|ministry of foreign affairs)\b",
            r"\bforeign minister (?:hayashi|motegi|kamikawa|kono|kishida|iwaya)\b",
        ),
    ),
    _Source(
        "PRC Ministry of Foreign Affairs",
        (
            r"\bchinese (?:foreign ministry|ministry of foreign affairs)\b",
            r"\b(?:state councilor(?: and foreign minister)? )?wang yi\b",
            r"\bforeign ministry spokesperson (?:wang wenbin|zhao lijian|hua chunying|mao ning|lin jian)\b",
        ),
    ),
)
_GENERIC_MINISTRY = re.compile(
    r"\bforeign minister\b|\bministry of foreign affairs\b|\bforeign ministry\b|\bthe ministry\b",
    re.I,
)
_COUNTRY_MINISTRY = (
    ("ROK Ministry of Foreign Affairs", r"\bkorea|\brok\b|\bseoul\b"),
    ("Ministry of Foreign Affairs of Japan", r"\bjapan|\btokyo\b"),
    ("PRC Ministry of Foreign Affairs", r"\bchina\b|\bchinese\b|\bbeijing\b|\bprc\b"),
)


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


def source_names(a_text: str, b_text: str) -> tuple[str, str]:
    """Guessed names for both sides, made distinct ('Side A' / 'Side B' when nothing fits)."""
    a = guess_source_name(a_text, "Side A")
    b = guess_source_name(b_text, "Side B")
    if a == b:
        a, b = f"{a} (A)", f"{b} (B)"
    return a, b
