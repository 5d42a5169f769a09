"""Evaluation reports: plain-text tables and JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from ..schema import Config, SplitMode
from .bootstrap import format_intervals, interval_dict, intervals
from .scores import (
    PER_LABELS,
    PRF,
    EvalReport,
    PlainScores,
    Ratio,
    SurePossibleScores,
    aggregate,
)


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(r: Ratio) -> str:
    return "-" if r.total == 0 else f"{r.hits / r.total:.2f} ({r.hits}/{r.total})"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(row[k])) for row in (header, *rows)) for k in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [c.ljust(widths[0]) if k == 0 else c.rjust(widths[k]) for k, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    rule = "-" * max(len(line) for line in lines)
    return [lines[0], rule, *lines[1:-1], rule, lines[-1]]


_SP_HEADER = (
    "pair",
    "link P",
    "link R",
    "link F1",
    "om P",
    "om R",
    "om F1",
    "label acc",
    "div rec",
)
_PLAIN_HEADER = (
    "pair",
    "link P",
    "link R",
    "link F1",
    "om P",
    "om R",
    "om F1",
    "label acc",
    "F1 agree",
    "F1 partial",
    "F1 diverge",
    "F1 only",
)


def _link_and_omission_cells(s: SurePossibleScores | PlainScores) -> list[str]:
    return [_f(x) for prf in (s.links, s.omissions) for x in (prf.precision, prf.recall, prf.f1)]


def _sp_row(name: str, s: SurePossibleScores) -> list[str]:
    return [name, *_link_and_omission_cells(s), _ratio(s.label_accuracy), _ratio(s.diverge_recall)]


def _plain_row(name: str, s: PlainScores) -> list[str]:
    return [
        name,
        *_link_and_omission_cells(s),
        _ratio(s.label_accuracy),
        *(_f(s.label_f1(label)) for label in PER_LABELS),
    ]


_LEGEND = [
    "link: a statement of A aligned with one of B; om: a statement reported as one side's only;",
    "P / R / F1 from counts summed over the pairs (micro). sure/possible: what both annotators",
    "marked is sure, what either marked is possible; precision counts the possible, recall the",
    "sure. label acc: on the sure links both label alike; div rec: of the sure links either labels",
    "diverge, those the tool labels diverge. presegmented: the gold sentences go in one per line;",
    "end_to_end: a.txt and b.txt as they are, cut by the segmenter (equal figures: it cut them as",
    "the annotators did).",
]


def format_report(report: EvalReport) -> str:
    """Plain-text tables: per mode, one row per pair and a micro-averaged overall row."""
    out = [f"gold: {report.gold_dir}   model: {report.model}"]
    if report.modes:
        first = report.modes[0]
        s = first.sure_possible
        out.append(
            f"overall, {first.mode}, sure/possible: link F1 {_f(s.links.f1)}, omission F1 "
            f"{_f(s.omissions.f1)}, label accuracy {_ratio(s.label_accuracy)}, diverge recall "
            f"{_ratio(s.diverge_recall)}"
        )
    out += _LEGEND
    for m in report.modes:
        single = any(not p.has_gold2 for p in m.pairs)
        out += [
            "",
            f"== {m.mode}: sure/possible (gold + gold2)"
            + ("   * = no gold2.json, scored against gold.json alone" if single else ""),
        ]
        rows = [_sp_row(p.pair + ("" if p.has_gold2 else " *"), p.sure_possible) for p in m.pairs]
        rows.append(_sp_row("overall (micro)", m.sure_possible))
        out += _table(_SP_HEADER, rows)
        out.append(format_intervals({"": intervals(m.pairs)}))
        out += ["", f"== {m.mode}: plain (gold.json alone)"]
        rows = [_plain_row(p.pair, p.plain) for p in m.pairs]
        rows.append(_plain_row("overall (micro)", m.plain))
        out += _table(_PLAIN_HEADER, rows)
        for p in m.pairs:
            out += [f"warning: {p.pair}: {w}" for w in p.warnings]
    if report.annotators:
        out += [
            "",
            "== for scale: the second annotator (gold2.json) scored like the tool, plain, "
            "against gold.json",
        ]
        rows = [_plain_row(p.pair, p.plain) for p in report.annotators]
        rows.append(_plain_row("overall (micro)", aggregate(report.annotators)[1]))
        out += _table(_PLAIN_HEADER, rows)
    return "\n".join(out)


def _prf_dict(s: PRF) -> dict[str, Any]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1, **asdict(s)}


def _ratio_dict(r: Ratio) -> dict[str, Any]:
    return {"value": r.value, "hits": r.hits, "total": r.total}


def sure_possible_dict(s: SurePossibleScores) -> dict[str, Any]:
    return {
        "links": _prf_dict(s.links),
        "omissions": _prf_dict(s.omissions),
        "label_accuracy": _ratio_dict(s.label_accuracy),
        "diverge_recall": _ratio_dict(s.diverge_recall),
    }


def _plain_dict(s: PlainScores) -> dict[str, Any]:
    return {
        "links": _prf_dict(s.links),
        "omissions": _prf_dict(s.omissions),
        "label_accuracy": _ratio_dict(s.label_accuracy),
        "per_label": {label: _prf_dict(prf) for label, prf in s.per_label},
    }


def config_to_dict(config: Config) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, SplitMode) else v) for k, v in asdict(config).items()}


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The report as JSON-ready dicts (every score with the counts behind it)."""
    return {
        "gold_dir": report.gold_dir,
        "model": report.model,
        "config": config_to_dict(report.config),
        "modes": {
            m.mode: {
                "overall": {
                    "sure_possible": sure_possible_dict(m.sure_possible),
                    "plain": _plain_dict(m.plain),
                    "intervals": interval_dict(intervals(m.pairs)),
                },
                "pairs": [
                    {
                        "pair": p.pair,
                        "has_gold2": p.has_gold2,
                        "warnings": list(p.warnings),
                        "sure_possible": sure_possible_dict(p.sure_possible),
                        "plain": _plain_dict(p.plain),
                    }
                    for p in m.pairs
                ],
            }
            for m in report.modes
        },
        "annotators": {
            "overall": _plain_dict(aggregate(report.annotators)[1]),
            "pairs": [{"pair": p.pair, "plain": _plain_dict(p.plain)} for p in report.annotators],
        },
    }
