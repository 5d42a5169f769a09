"""The records a story attribution hands on: one per sentence, and the whole story."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..errors import InputError

ATTRIBUTIONS = ("a", "b", "both", "narrator")
# columns are only ever added at the end; `compared` is what the comparison reads of the sentence
ATTRIBUTION_COLUMNS = (
    "index",
    "start",
    "end",
    "text",
    "attribution",
    "source",
    "cue",
    "compared",
)
BY_HAND = "set by hand"


@dataclass(frozen=True)
class AttributedSentence:
    """One sentence of the story; `text == story[start:end]`.

    `attribution` is a | b | both | narrator; `source` the name of the side (or of a third
    government a narrator sentence quotes); `government` the lexicon key of the speaking government
    ("US", "ROK", ...; "" when nobody speaks); `cue` the words the rule relied on.
    """

    index: int
    start: int
    end: int
    text: str
    attribution: str
    source: str
    cue: str
    government: str = ""
    # the reported words, as spans of `text`, when the reporter's frame around them is left out
    # of the comparison ('"...," he added, referring to ...'); empty: the whole sentence
    said: tuple[tuple[int, int], ...] = ()

    @property
    def compared(self) -> str:
        """What the comparison reads of this sentence: its reported words, or all of it."""
        if not self.said:
            return self.text
        words = "; ".join(self.text[start:end] for start, end in self.said)
        # a sentence whose frame came last ("…, the department said.") ends where the words do:
        # it ends as the sentence did, so that it does not read as cut off
        end = self.text.rstrip()[-1:]
        if end in ".!?" and words[-1:] not in (".", "!", "?", *_CLOSING_QUOTES):
            words += end
        return words


_CLOSING_QUOTES = ('"', "”", "'", "’")


@dataclass(frozen=True)
class StoryAttribution:
    """A story split into its sentences, each assigned to side a, side b, both or the narrator."""

    text: str
    names: tuple[str, str]
    sentences: tuple[AttributedSentence, ...]
    governments: tuple[str, str] = ("", "")  # lexicon keys of sides a and b ("" if unknown)

    def side_sentences(self, side: str) -> tuple[AttributedSentence, ...]:
        """The sentences that make up one side's account ('both' counts for each side)."""
        check_side(side)
        return tuple(s for s in self.sentences if s.attribution in (side, "both"))

    def side_text(self, side: str) -> str:
        """That side's sentences as compared (`AttributedSentence.compared`), one per line
        ('both' goes to both sides)."""
        return "\n".join(s.compared for s in self.side_sentences(side))

    def with_attribution(self, index: int, attribution: str) -> StoryAttribution:
        """A copy with sentence `index` set by hand to a | b | both | narrator."""
        if attribution not in ATTRIBUTIONS:
            raise InputError(
                f"unknown attribution {attribution!r}; choose one of: {', '.join(ATTRIBUTIONS)}"
            )
        n = len(self.sentences)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < n:
            raise InputError(f"no sentence {index!r}: the story has sentences 0 to {n - 1}")
        old = self.sentences[index]
        government = {
            "a": self.governments[0],
            "b": self.governments[1],
            "both": "+".join(g for g in self.governments if g),
            "narrator": "",
        }[attribution]
        new = replace(
            old,
            attribution=attribution,
            source=side_source(attribution, self.names, ""),
            government=government,
            cue=old.cue  # what the rule said is kept through later corrections
            if old.cue.startswith(BY_HAND)
            else f"{BY_HAND} (rule said {old.attribution}: {old.cue})",
        )
        sentences = self.sentences[:index] + (new,) + self.sentences[index + 1 :]
        return replace(self, sentences=sentences)

    def empty_sides(self) -> tuple[str, ...]:
        """The sides ('a', 'b') that no sentence is attributed to; empty when both have one."""
        return tuple(side for side in "ab" if not self.side_sentences(side))

    def one_sided_message(self) -> str:
        """What is missing for a comparison, in one line ('' when both sides have sentences)."""
        empty = self.empty_sides()
        if not empty:
            return ""
        if len(empty) == 2:
            return (
                f"no sentence of the story is attributed to either side ({self.names[0]}, "
                f"{self.names[1]}): name the two governments or correct the attribution"
            )
        side = empty[0]
        own, other = (self.names[1], self.names[0]) if side == "a" else self.names
        return (
            f"the story quotes only {own}: no sentence is attributed to side {side.upper()} "
            f"({other}); comparing needs a readout by {other}, other names for the sides, or "
            "corrected sentences"
        )

    def counts(self) -> dict[str, int]:
        """Sentences per attribution."""
        found = Counter(s.attribution for s in self.sentences)
        return {k: found[k] for k in ATTRIBUTIONS}


def check_side(side: str) -> None:
    if side not in ("a", "b"):
        raise InputError(f"side must be 'a' or 'b', got {side!r}")


def side_source(attribution: str, names: tuple[str, str], third: str) -> str:
    """The `source` shown for an attribution: the side's name, both names, or a third one."""
    if attribution == "a":
        return names[0]
    if attribution == "b":
        return names[1]
    if attribution == "both":
        return f"{names[0]}; {names[1]}"
    return third
