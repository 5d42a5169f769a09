"""The five labels as a reader sees them: one colour, title and meaning each, shared by the app,
the heatmap and the report."""

from __future__ import annotations

from collections.abc import Sequence

from ..schema import Label

#: label -> (background, accent) colours
LABEL_COLOURS: dict[Label, tuple[str, str]] = {
    Label.AGREE: ("#e3f4e6", "#2e7d32"),
    Label.PARTIAL: ("#fff3d1", "#b77800"),
    Label.DIVERGE: ("#fde2e1", "#c62828"),
    Label.ONLY_A: ("#e4edfb", "#1e5bb8"),
    Label.ONLY_B: ("#efe5fa", "#7b3fb8"),
}
LABEL_DESCRIPTIONS: dict[Label, str] = {
    Label.AGREE: "both sides report the same point",
    Label.PARTIAL: "same topic, details differ",
    Label.DIVERGE: "the sides conflict (numbers, dates, negation, opposite verbs, requester)",
    Label.ONLY_A: "reported by side A only",
    Label.ONLY_B: "reported by side B only",
}
LABEL_ORDER: tuple[Label, ...] = (
    Label.AGREE,
    Label.PARTIAL,
    Label.DIVERGE,
    Label.ONLY_A,
    Label.ONLY_B,
)


def label_title(label: Label | str, names: Sequence[str] = ("A", "B")) -> str:
    """Human title of a label: 'Agree', 'Partial', 'Diverge', 'Only in <A>', 'Only in <B>'."""
    label = Label(label)
    if label is Label.ONLY_A:
        return f"Only in {names[0]}"
    if label is Label.ONLY_B:
        return f"Only in {names[1]}"
    return label.value.capitalize()


def label_colour(label: Label | str) -> str:
    """The accent colour of a label (for charts)."""
    return LABEL_COLOURS[Label(label)][1]


def label_description(label: Label | str, names: Sequence[str] = ("A", "B")) -> str:
    """What a label means, with the sides' names in place of 'side A' / 'side B'."""
    text = LABEL_DESCRIPTIONS[Label(label)]
    return text.replace("side A", names[0]).replace("side B", names[1])
