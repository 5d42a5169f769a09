"""The public functions: attribute a story, compare its two sides, write attribution.csv."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .. import lexicon
from ..errors import EmptyTextError, FileTooLargeError, InputError, OneSidedStoryError
from ..schema import Comparison, Config, SplitMode
from ..segment import detect_language, segment
from .context import BOTH, learn
from .reading import read_all
from .records import ATTRIBUTION_COLUMNS, AttributedSentence, StoryAttribution, side_source
from .sides import found_sides, main_source, named_sides, side_of


def attribute_story(text: str, *, names: Sequence[str] | None = None) -> StoryAttribution:
    """Assign every sentence of a news story to side a, side b, both or the narrator.

    `names` fixes which government is a and which is b ('South Korea', 'US State Department',
    'Blinken', ...); by default a is the government whose account comes first of the two most quoted.
    """
    if not isinstance(text, str):
        raise InputError(f"the story must be text, got {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError("the story is empty")
    limit = Config().max_chars
    if len(text) > limit:
        raise FileTooLargeError(f"the story has {len(text):,} characters; the limit is {limit:,}")
    statements = segment(text, "a", language=detect_language(text))
    ctx = learn(text)
    if names is not None:
        ctx.sides = named_sides(names, ctx)
    readings = read_all(statements, ctx)
    if names is not None:
        keys = ctx.sides
        shown = (names[0].strip(), names[1].strip())
    else:
        keys = found_sides(readings, ctx)
        shown = tuple(lexicon.BY_KEY[k].name if k else n for k, n in zip(keys, "AB", strict=True))
    main = main_source(ctx, keys)
    sentences = []
    for st, r in zip(statements, readings, strict=True):
        govs: tuple[str, ...] = r.source.governments if r.source else ()
        cue = r.cue
        if r.kind == "content" and main:
            govs = (main,)
            cue = f"no source: call content, the story's main source ({lexicon.BY_KEY[main].name})"
        elif r.kind == "content":
            cue = "no source: the outlet's own words"
        attribution = side_of(govs, keys)
        third = ""
        if attribution == "narrator" and govs and BOTH not in govs:
            third = lexicon.BY_KEY[govs[0]].name
            cue = f"{cue} (a third government, not a side)"
        if attribution == "both":
            government = "+".join(k for k in keys if k)
        elif attribution == "narrator":
            government = govs[0] if govs and BOTH not in govs else ""
        else:
            government = keys[0] if attribution == "a" else keys[1]
        sentences.append(
            AttributedSentence(
                index=st.index,
                start=st.start,
                end=st.end,
                text=st.text,
                attribution=attribution,
                source=side_source(attribution, shown, third),
                cue=cue,
                government=government,
                said=tuple((b - st.start, e - st.start) for b, e in r.said),
            )
        )
    return StoryAttribution(text, shown, tuple(sentences), keys)


def compare_story(
    attribution: StoryAttribution, *, config: Config | None = None, embedder=None
) -> Comparison:
    """Compare side a's statements with side b's, one statement per attributed sentence.

    Raises `OneSidedStoryError` (naming the empty side) when a side has no sentence; the
    attribution itself is complete either way.
    """
    from ..pipeline import compare_texts  # numpy and the aligner load only when comparing

    # one statement per attributed sentence; a side's sentences are quotes from across the
    # story, so none goes on from the one before it (that is the story's order, not the side's)
    config = replace(config or Config(), split=SplitMode.LINES, continuations=False)
    empty = attribution.empty_sides()
    if empty:
        raise OneSidedStoryError(
            attribution.one_sided_message(), empty=empty, names=attribution.names
        )
    return compare_texts(
        attribution.side_text("a"),
        attribution.side_text("b"),
        names=attribution.names,
        config=config,
        embedder=embedder,
    )


def attribution_rows(attr: StoryAttribution) -> list[dict[str, Any]]:
    """One row per sentence: index, start, end, text, attribution, source, cue, compared."""
    return [{c: getattr(s, c) for c in ATTRIBUTION_COLUMNS} for s in attr.sentences]


def attribution_csv(attr: StoryAttribution) -> bytes:
    """attribution.csv as UTF-8 bytes, cells neutralised against spreadsheet formulas."""
    import pandas as pd

    from ..export import to_csv_bytes

    return to_csv_bytes(pd.DataFrame(attribution_rows(attr), columns=list(ATTRIBUTION_COLUMNS)))
