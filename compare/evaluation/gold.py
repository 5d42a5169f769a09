"""Gold alignments (gold.json, gold2.json): loading and validating pair folders.

The format is described in ../shared/eval/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

# when a sentence pair sits in two groups with different labels, the stronger one wins
LABEL_RANK = {"agree": 0, "partial": 1, "diverge": 2}

Link = tuple[int, int]
Item = tuple[str, int]  # ("a", i) / ("b", j): one sentence of one side


@dataclass(frozen=True)
class Annotation:
    """One annotator's alignment of one pair, over the gold sentence indices."""

    links: frozenset[Link]
    labels: Mapping[Link, str] = field(hash=False)
    only_a: frozenset[int] = frozenset()
    only_b: frozenset[int] = frozenset()
    non_content_a: frozenset[int] = frozenset()
    non_content_b: frozenset[int] = frozenset()
    truncation_a: frozenset[int] = frozenset()
    truncation_b: frozenset[int] = frozenset()

    @property
    def omissions(self) -> frozenset[Item]:
        return frozenset({("a", i) for i in self.only_a} | {("b", j) for j in self.only_b})

    @property
    def excluded(self) -> frozenset[Item]:
        a = self.non_content_a | self.truncation_a
        b = self.non_content_b | self.truncation_b
        return frozenset({("a", i) for i in a} | {("b", j) for j in b})


@dataclass(frozen=True)
class GoldPair:
    """One pair folder: raw texts, gold sentences with their spans in the raw texts, annotations."""

    name: str
    path: str
    a_text: str
    b_text: str
    a_sentences: tuple[str, ...]
    b_sentences: tuple[str, ...]
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]
    gold: Annotation
    gold2: Annotation | None = None

    @property
    def excluded(self) -> frozenset[Item]:
        """Sentences either annotator marks non_content or truncation_unresolved."""
        out = self.gold.excluded
        return out | self.gold2.excluded if self.gold2 is not None else out

    def presegmented_texts(self) -> tuple[str, str]:
        """The gold sentences one per line (internal line breaks become spaces)."""
        return one_per_line(self.a_sentences), one_per_line(self.b_sentences)


def one_per_line(sentences: Sequence[str]) -> str:
    return "\n".join(s.replace("\r", " ").replace("\n", " ") for s in sentences)


def line_spans(sentences: Sequence[str]) -> tuple[tuple[int, int], ...]:
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    return tuple(spans)


def locate(sentences: Sequence[str], text: str) -> tuple[tuple[int, int] | None, ...]:
    """Each sentence's span in `text`: sequential str.find from the end of the previous one."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for s in sentences:
        k = text.find(s, pos)
        if k < 0:
            k = text.find(s)  # out of order: take the first occurrence anywhere
        if k < 0:
            spans.append(None)
            continue
        spans.append((k, k + len(s)))
        pos = k + len(s)
    return tuple(spans)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {path}: {err}") from None
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed {path}: not valid JSON ({err.msg} at line {err.lineno})"
        ) from None
    if not isinstance(data, dict):
        raise InputError(f"malformed {path}: expected a JSON object")
    return data


def _sentences(data: Mapping[str, Any], key: str, where: Path) -> tuple[str, ...]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise InputError(f"malformed {where}: {key!r} must be a non-empty list")
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(f"malformed {where}: {key}[{k}] must be an object with a 'text'")
        if item.get("i", k) != k:
            raise InputError(f"malformed {where}: {key}[{k}] has i={item.get('i')!r}, expected {k}")
        out.append(item["text"])
    return tuple(out)


def _indices(value: Any, n: int, what: str, where: Path) -> frozenset[int]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in value
    ):
        raise InputError(f"malformed {where}: {what} must be a list of sentence indices")
    bad = [x for x in value if not 0 <= x < n]
    if bad:
        raise InputError(f"malformed {where}: {what} index {bad[0]} is out of range 0..{n - 1}")
    return frozenset(value)


def _side_indices(data: Mapping[str, Any], key: str, n_a: int, n_b: int, where: Path):
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise InputError(f"malformed {where}: {key!r} must be an object with 'a' and 'b' lists")
    return (
        _indices(value.get("a"), n_a, f"{key}.a", where),
        _indices(value.get("b"), n_b, f"{key}.b", where),
    )


def parse_annotation(data: Mapping[str, Any], n_a: int, n_b: int, where: Path) -> Annotation:
    """One annotation (gold.json or gold2.json) over n_a / n_b sentences."""
    groups = data.get("alignments")
    if not isinstance(groups, list):
        raise InputError(f"malformed {where}: 'alignments' must be a list")
    labels: dict[Link, str] = {}
    for k, group in enumerate(groups):
        if not isinstance(group, dict):
            raise InputError(f"malformed {where}: alignments[{k}] must be an object")
        label = group.get("label")
        if label not in LABEL_RANK:
            raise InputError(
                f"malformed {where}: alignments[{k}] label {label!r} is not agree/partial/diverge"
            )
        a = _indices(group.get("a"), n_a, f"alignments[{k}].a", where)
        b = _indices(group.get("b"), n_b, f"alignments[{k}].b", where)
        if not a or not b:
            raise InputError(f"malformed {where}: alignments[{k}] needs sentences on both sides")
        for link in ((i, j) for i in a for j in b):
            old = labels.get(link)
            if old is None or LABEL_RANK[label] > LABEL_RANK[old]:
                labels[link] = label
    non_a, non_b = _side_indices(data, "non_content", n_a, n_b, where)
    tr_a, tr_b = _side_indices(data, "truncation_unresolved", n_a, n_b, where)
    return Annotation(
        links=frozenset(labels),
        labels=labels,
        only_a=_indices(data.get("only_a"), n_a, "only_a", where),
        only_b=_indices(data.get("only_b"), n_b, "only_b", where),
        non_content_a=non_a,
        non_content_b=non_b,
        truncation_a=tr_a,
        truncation_b=tr_b,
    )


def _text_files(folder: Path, data: Mapping[str, Any]) -> tuple[Path, Path]:
    sides = data.get("sides")
    candidates = [("a.txt", "b.txt"), ("ko.txt", "en.txt")]
    if (
        isinstance(sides, dict)
        and isinstance(sides.get("a"), str)
        and isinstance(sides.get("b"), str)
    ):
        candidates.insert(0, (sides["a"], sides["b"]))
    for a_name, b_name in candidates:
        if (folder / a_name).is_file() and (folder / b_name).is_file():
            return folder / a_name, folder / b_name
    raise InputError(f"pair folder {folder} has neither a.txt/b.txt nor ko.txt/en.txt")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {path}: {err}") from None


def load_pair(path: str | Path) -> GoldPair:
    """Load one pair folder (texts, gold.json, optional gold2.json)."""
    folder = Path(path)
    gold_path = folder / "gold.json"
    if not gold_path.is_file():
        raise InputError(f"pair folder {folder} has no gold.json")
    data = _read_json(gold_path)
    a_sent = _sentences(data, "a_sentences", gold_path)
    b_sent = _sentences(data, "b_sentences", gold_path)
    gold = parse_annotation(data, len(a_sent), len(b_sent), gold_path)
    gold2 = None
    if (folder / "gold2.json").is_file():
        gold2 = parse_annotation(
            _read_json(folder / "gold2.json"), len(a_sent), len(b_sent), folder / "gold2.json"
        )
    a_file, b_file = _text_files(folder, data)
    a_text, b_text = _read_text(a_file), _read_text(b_file)
    spans = {}
    for side, sents, text, file in (("a", a_sent, a_text, a_file), ("b", b_sent, b_text, b_file)):
        found = locate(sents, text)
        missing = [k for k, span in enumerate(found) if span is None]
        if missing:
            raise InputError(
                f"malformed {gold_path}: {side}_sentences[{missing[0]}] is not a substring of "
                f"{file.name}"
            )
        spans[side] = tuple(s for s in found if s is not None)
    return GoldPair(
        name=folder.name,
        path=str(folder),
        a_text=a_text,
        b_text=b_text,
        a_sentences=a_sent,
        b_sentences=b_sent,
        a_spans=spans["a"],
        b_spans=spans["b"],
        gold=gold,
        gold2=gold2,
    )


def load_dir(gold_dir: str | Path) -> tuple[GoldPair, ...]:
    """Every pair folder (a sub-folder with gold.json) of `gold_dir`, in name order."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise InputError(f"gold dir {root} does not exist or is not a folder")
    if (root / "gold.json").is_file():  # a single pair folder
        return (load_pair(root),)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / "gold.json").is_file())
    if not folders:
        raise InputError(f"gold dir {root} has no pair folders (sub-folders with gold.json)")
    return tuple(load_pair(p) for p in folders)
