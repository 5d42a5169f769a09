"""Compare two governments' readouts of the same call, statement by statement.

    from compare import compare_texts
    result = compare_texts(a_text, b_text, names=("MOFA", "State Dept"))
    for row in result.alignments:
        print(row.label, *result.ids(row), result.reason(row))

`import compare` is light: it imports no stage at all. Each public name is imported from its
module on first use (PEP 562 module `__getattr__`), so `readout-compare --help` or a script
that needs only `compare.Config` never loads numpy's stages, pandas, torch or streamlit, and the
embedding model loads only when a comparison needs it.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> the module (under compare) that defines it: the one list of the public API
_EXPORTS: dict[str, str] = {
    "CompareError": "errors",
    "EmptyTextError": "errors",
    "FileReadError": "errors",
    "FileTooLargeError": "errors",
    "InputError": "errors",
    "ModelLoadError": "errors",
    "Alignment": "schema",
    "Comparison": "schema",
    "Config": "schema",
    "Document": "schema",
    "Kind": "schema",
    "Label": "schema",
    "SplitMode": "schema",
    "Statement": "schema",
    "alignments_csv": "export",
    "statements_csv": "export",
    "to_dict": "export",
    "to_json": "export",
    "compare_documents": "pipeline",
    "compare_many": "pipeline",
    "compare_texts": "pipeline",
    "AttributedSentence": "story",
    "StoryAttribution": "story",
    "attribute_story": "story",
    "compare_story": "story",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # from now on a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
