"""Compare two governments' readouts of the same call, statement by statement.

    from compare import compare_texts
    result = compare_texts(a_text, b_text, names=("MOFA", "State Dept"))
    for row in result.alignments:
        print(row.label, row.a, row.b, row.reason)

`import compare` is light: the embedding model (torch) loads on first use.
"""

from .errors import (
    CompareError,
    EmptyTextError,
    FileReadError,
    FileTooLargeError,
    InputError,
    ModelLoadError,
)
from .export import alignments_csv, statements_csv, to_dict, to_json
from .pipeline import compare_documents, compare_many, compare_texts
from .schema import Alignment, Comparison, Config, Document, Kind, Label, SplitMode, Statement
from .story import AttributedSentence, StoryAttribution, attribute_story, compare_story

__version__ = "0.1.0"

__all__ = [
    "AttributedSentence",
    "StoryAttribution",
    "attribute_story",
    "compare_story",
    "Alignment",
    "CompareError",
    "Comparison",
    "Config",
    "Document",
    "EmptyTextError",
    "FileReadError",
    "FileTooLargeError",
    "InputError",
    "Kind",
    "Label",
    "ModelLoadError",
    "SplitMode",
    "Statement",
    "alignments_csv",
    "compare_documents",
    "compare_many",
    "compare_texts",
    "statements_csv",
    "to_dict",
    "to_json",
]
