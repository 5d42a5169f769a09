"""Property tests (hypothesis) over the segmenter, the readers, the label stage and CSV cells.

Example counts are modest (CI has 2 cores); deadline=None because a busy machine makes single
examples slow, and each test's total time is bounded by `max_examples` and by the size of the
generated text.
"""

from __future__ import annotations

import pytest

from compare.export import neutralise


@pytest.mark.parametrize(
    "cell",
    [
        " =1+1",
        "\u200b=HYPERLINK()",
        "\ufeff+1",
        "\uff1d1+1",
        "\uff0bA1",
        "\uff0d1",
        "\uff20SUM",
        "\ufe62x",
    ],
    ids=[
        "space",
        "zero-width-space",
        "bom",
        "fullwidth-equals",
        "fullwidth-plus",
        "fullwidth-minus",
        "fullwidth-at",
        "small-plus",
    ],
)
def test_csv_formula_starts_behind_spaces_or_in_other_widths_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["They met.", " They met.", "a=b", "\u3000Seoul", ""])
def test_csv_text_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell
