"""Scoring the story attribution against hand-made gold articles (`readout-compare story --score`).

The gold format is ../shared/eval/README.md's `.gold.json`: every sentence with its attribution.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import FileReadError
from ..story import ATTRIBUTIONS, attribute_story


def attribution_scores(gold_path: str | Path) -> dict[str, Any]:
    """Accuracy and per-class precision / recall of `attribute_story` on one gold file.

    The gold file lists every sentence with its attribution: `X.gold.json` beside `X.txt` and the
    `X.json` that says which government is a and b, or one file holding `text`, `a`, `b` and
    `sentences`. The story is attributed with those two names, so a and b mean the same as in gold.
    """
    text, names, gold = _load_gold(Path(gold_path))
    result = attribute_story(text, names=names)
    pairs = []  # (gold, predicted sentence or None) in gold order
    cursor = 0
    for g in gold:
        at = text.find(g["text"], cursor)
        cursor = at + len(g["text"]) if at >= 0 else cursor
        hit = next((s for s in result.sentences if at >= 0 and s.start <= at < s.end), None)
        pairs.append((g, hit))
    labels = [(g["attribution"], p.attribution if p else "unmatched") for g, p in pairs]
    per_class = {}
    for label in ATTRIBUTIONS:
        correct = sum(g == p == label for g, p in labels)
        n_gold = sum(g == label for g, _ in labels)
        n_pred = sum(p == label for _, p in labels)
        per_class[label] = {
            "precision": correct / n_pred if n_pred else None,
            "recall": correct / n_gold if n_gold else None,
            "correct": correct,
            "gold": n_gold,
            "predicted": n_pred,
        }
    correct = sum(g == p for g, p in labels)
    return {
        "file": Path(gold_path).name.removesuffix(".json").removesuffix(".gold"),
        "names": list(result.names),
        "sentences": len(labels),
        "correct": correct,
        "accuracy": correct / len(labels) if labels else 0.0,
        "per_class": per_class,
        "errors": [
            {
                "i": g.get("i"),
                "gold": gl,
                "predicted": pl,
                "cue": p.cue if p else "",
                "text": g["text"],
            }
            for (g, p), (gl, pl) in zip(pairs, labels, strict=True)
            if gl != pl
        ],
    }


def _load_gold(path: Path) -> tuple[str, tuple[str, str], list[dict[str, Any]]]:
    """(story text, (name a, name b), gold sentences) from a gold file and its siblings."""
    stem = path.name.removesuffix(".json").removesuffix(".gold")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        meta = (
            gold if "a" in gold else json.loads((path.parent / f"{stem}.json").read_text("utf-8"))
        )
        text = gold.get("text")
        if text is None:
            text = (path.parent / f"{stem}.txt").read_text(encoding="utf-8")
        return text, (meta["a"], meta["b"]), list(gold["sentences"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise FileReadError(f"cannot read gold story {path}: {type(err).__name__}: {err}") from err


def format_scores(scores: Iterable[dict[str, Any]]) -> str:
    """A plain-text table of `attribution_scores` results, one block per file and a total."""
    scores = list(scores)
    lines = []

    def fmt(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.2f}"

    header = f"  {'class':<9} {'P':>5} {'R':>5} {'gold':>5} {'pred':>5}"
    totals: dict[str, Counter] = {k: Counter() for k in ATTRIBUTIONS}
    for s in scores:
        lines.append(f"{s['file']}: accuracy {s['accuracy']:.3f} ({s['correct']}/{s['sentences']})")
        lines.append(header)
        for label, c in s["per_class"].items():
            lines.append(
                f"  {label:<9} {fmt(c['precision']):>5} {fmt(c['recall']):>5} "
                f"{c['gold']:>5} {c['predicted']:>5}"
            )
            totals[label].update(gold=c["gold"], pred=c["predicted"], tp=c["correct"])
        for e in s["errors"]:
            lines.append(f"  error i={e['i']}: gold {e['gold']}, got {e['predicted']} [{e['cue']}]")
    if len(scores) > 1:
        n = sum(s["sentences"] for s in scores)
        c = sum(s["correct"] for s in scores)
        lines.append(f"all: accuracy {c / n:.3f} ({c}/{n})")
        lines.append(header)
        for label, t in totals.items():
            p = t["tp"] / t["pred"] if t["pred"] else None
            r = t["tp"] / t["gold"] if t["gold"] else None
            lines.append(f"  {label:<9} {fmt(p):>5} {fmt(r):>5} {t['gold']:>5} {t['pred']:>5}")
    return "\n".join(lines)
