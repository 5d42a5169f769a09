"""The one-sentence headline of a comparison: what is shared, what each side leaves out, and
the weightiest finding (compare.report.findings), never a logistics detail when substance exists."""

from __future__ import annotations

from collections.abc import Sequence

from ..schema import Comparison, Document
from .findings import Finding, key_findings


def plural(n: int, word: str) -> str:
    """'1 statement', '2 statements', '1,200 statements'."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def statements_line(document: Document) -> str:
    """The statements of a readout that are compared, as the CLI counts them, and the lines
    set aside: '4 statements, 1 attribution/heading/sign-off line set aside'."""
    compared = len(document.content)
    aside = len(document.statements) - compared
    text = plural(compared, "statement")
    if aside:
        text += f", {plural(aside, 'attribution/heading/sign-off line')} set aside"
    return text


def headline(comparison: Comparison, findings: Sequence[Finding] | None = None) -> str:
    """One sentence: shared points per label, omissions per side, the key finding
    (`findings`: those of `key_findings(comparison)`, when already made)."""
    counts = comparison.counts()
    a, b = comparison.a.name, comparison.b.name
    shared = counts["agree"] + counts["partial"] + counts["diverge"]
    if shared:
        kinds = ", ".join(f"{counts[k]} {k}" for k in ("agree", "partial", "diverge") if counts[k])
        text = f"{a} and {b} report {plural(shared, 'shared point')} ({kinds})"
    else:
        text = f"{a} and {b} share no point that could be aligned"
    if counts["only_a"] or counts["only_b"]:
        text += (
            f"; {plural(counts['only_a'], 'statement')} only in {a}, {counts['only_b']} only in {b}"
        )
    elif shared:  # "0 statements only in <A>, 0 only in <B>" spells out nothing
        # every statement is in a group, but a group may still hold a point only one side
        # makes (its partial label and marks show it): this says no more than the rows do
        text += "; every statement has a counterpart"
    findings = key_findings(comparison) if findings is None else findings
    substantive = [f for f in findings if not f.logistics]
    if substantive:
        text += f"; key finding: {substantive[0].text}"
    elif findings:
        text += f"; only logistics differ: {findings[0].text}"
    return text.rstrip(".") + "."


def model_line(comparison: Comparison) -> str:
    """The model a comparison was made with, and the backend it ran on where there is a choice
    ("all-MiniLM-L6-v2 on onnx"; the multilingual model has one backend of its own)."""
    from ..embed import MULTILINGUAL_MODEL

    if comparison.model == MULTILINGUAL_MODEL:
        return comparison.model
    return f"{comparison.model} on {comparison.config.backend.value}"
