"""The story attribution's former module name, kept while app.py imports it: use `compare.story`."""

from .story import (  # noqa: F401
    ATTRIBUTION_COLUMNS,
    ATTRIBUTIONS,
    AttributedSentence,
    StoryAttribution,
    attribute_story,
    attribution_csv,
    attribution_rows,
    compare_story,
    government_of,
)
