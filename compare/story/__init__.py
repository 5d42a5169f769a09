"""Split a news story that quotes two governments into what each of them said.

Every sentence of the story (cut by `compare.segment`, offsets kept) is assigned to side a, side b,
both, or the narrator (the outlet's own dateline, headline and background), with the words the
rule relied on. Attribution is whose *account* a sentence reports: a Korean spokesman relaying what
the US president said is Korea's account. The rules are lexical and run offline.

    records   AttributedSentence, StoryAttribution (the records handed on)
    context   what the story teaches: its officials, bodies and home government
    reading   reading each sentence: speech frames, quotations, acts, Korean cues
    sides     which governments are a and b, and which side a source falls on
    api       attribute_story, compare_story, attribution_csv

Names of governments, places, bodies, titles and officials live in `compare.lexicon`; scoring
against hand-made gold in `compare.evaluation.story`.
"""

from .api import attribute_story, attribution_csv, attribution_rows, compare_story
from .records import ATTRIBUTION_COLUMNS, ATTRIBUTIONS, AttributedSentence, StoryAttribution
from .sides import government_of

__all__ = [
    "ATTRIBUTIONS",
    "ATTRIBUTION_COLUMNS",
    "AttributedSentence",
    "StoryAttribution",
    "attribute_story",
    "attribution_csv",
    "attribution_rows",
    "compare_story",
    "government_of",
]
