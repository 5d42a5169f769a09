"""Evidence -> words: the reason shown on every row (CLI, CSV, app, report).

The label stage decides and records its `Evidence` on the row; this module only renders it, so
the reason, the headline and the highlights cannot disagree with the label.
"""

from __future__ import annotations

from .schema import Alignment, Evidence, Label

_HEADS = {
    Label.AGREE: "same point",
    Label.PARTIAL: "same topic, details differ",
    Label.DIVERGE: "conflict",
}


def reason(row: Alignment) -> str:
    """A short sentence naming the concrete differences a reader can check in the text."""
    if row.label in (Label.ONLY_A, Label.ONLY_B):
        return omission_reason(row)
    return evidence_reason(row.evidence or Evidence(), row.label, row.similarity)


def omission_reason(row: Alignment) -> str:
    """Why an only-A / only-B row stands alone: how close the other side's nearest came."""
    other = "b" if row.label is Label.ONLY_A else "a"
    text = f"no counterpart in {other.upper()} (closest similarity {row.similarity:.2f})"
    if row.nearest is not None:
        text += f"; nearest is {other}{row.nearest}"
    return text


def evidence_reason(ev: Evidence, label: Label, similarity: float) -> str:
    """The reason of an aligned group: conflicts first, then softer differences, then words."""
    parts: list[str] = []
    for a, b in ev.number_conflicts:
        parts.append(f"numbers differ: A {a} vs B {b}")
    for a, b in ev.date_conflicts:
        parts.append(f"dates differ: A {a} vs B {b}")
    if ev.negation:
        parts.append(f"negation on one side only: {ev.negation}")
    for a, b in ev.opposites:
        parts.append(f"opposite verbs: A '{a}' vs B '{b}'")
    if ev.requesters:
        a, b = ev.requesters
        parts.append(f"who made the request differs: A {a} vs B {b}")
    if ev.framing:
        parts.append(f"framed differently: A {ev.framing[0]} vs B {ev.framing[1]}")
    if ev.request_only:
        side, phrase = ev.request_only
        parts.append(f"only {side} says who asked for the call: '{phrase}'")
    if ev.speakers:
        parts.append(f"speaker differs: A '{ev.speakers[0]}' vs B '{ev.speakers[1]}'")
    if ev.modality:
        parts.append(f"modality differs: A {ev.modality[0]} vs B {ev.modality[1]}")
    if ev.hedge:
        parts.append(f"softened on one side: {ev.hedge[0]} says '{ev.hedge[1]}'")
    if ev.countries and not ev.requesters:
        parts.append(f"countries differ: A {ev.countries[0]} vs B {ev.countries[1]}")
    if ev.only_a_numbers:
        parts.append("only A gives " + ", ".join(ev.only_a_numbers[:4]))
    if ev.only_b_numbers:
        parts.append("only B gives " + ", ".join(ev.only_b_numbers[:4]))
    if label is not Label.AGREE:
        if ev.only_a_words:
            parts.append("only in A: " + ", ".join(ev.only_a_words[:8]))
        if ev.only_b_words:
            parts.append("only in B: " + ", ".join(ev.only_b_words[:8]))
    if not parts and label is Label.AGREE:
        return f"same content (similarity {similarity:.2f})"
    if not parts:  # e.g. across languages, where only numbers can be compared word for word
        parts.append(
            f"similarity {similarity:.2f} is below the agree threshold; compare the wording by eye"
        )
    return f"{_HEADS[label]}: " + "; ".join(parts)
