#!/usr/bin/env python3
"""Story attribution on 'web copies' of the gold stories, where sentences lost their spaces.

Web copies of news stories often drop the space after a full stop ("talking.The ministry
said"). For each gold story, this removes the spaces between two gold sentences that share a
line and start with a capital, then scores attribution on the original and on the glued copy.
The two accuracies match when the segmenter splits glued sentences as it splits spaced ones.

    .venv/bin/python scripts/eval_glued_stories.py [--articles ../shared/eval/dev/articles]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.evaluation.story import attribution_scores  # noqa: E402


def glue(text: str, sentences: list[str]) -> tuple[str, int]:
    """`text` with the spaces between consecutive same-line sentences removed; how many."""
    pieces, cursor, joins = [], 0, 0
    for n, sentence in enumerate(sentences):
        at = text.find(sentence, cursor)
        if at < 0:
            continue
        gap = text[cursor:at]
        if n and gap and not gap.strip() and "\n" not in gap and sentence[:1].isupper():
            gap, joins = "", joins + 1
        pieces += [gap, sentence]
        cursor = at + len(sentence)
    pieces.append(text[cursor:])
    return "".join(pieces), joins


def accuracy(gold_files: list[Path]) -> tuple[int, int]:
    scores = [attribution_scores(path) for path in gold_files]
    return sum(s["correct"] for s in scores), sum(s["sentences"] for s in scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared/eval/dev/articles")
    args = parser.parse_args()
    originals = sorted(args.articles.glob("*.gold.json"))
    if not originals:
        parser.error(f"no *.gold.json under {args.articles}")
    with tempfile.TemporaryDirectory() as tmp:
        glued_files, joins = [], 0
        for gold_path in originals:
            stem = gold_path.name.removesuffix(".gold.json")
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = (args.articles / f"{stem}.txt").read_text(encoding="utf-8")
            glued, n = glue(text, [s["text"] for s in gold["sentences"]])
            joins += n
            (Path(tmp) / f"{stem}.txt").write_text(glued, encoding="utf-8")
            shutil.copy(gold_path, tmp)
            shutil.copy(args.articles / f"{stem}.json", tmp)
            glued_files.append(Path(tmp) / gold_path.name)
        for name, files in (("original", originals), ("glued copy", glued_files)):
            correct, total = accuracy(files)
            print(f"{name:<11} accuracy {correct / total:.3f} ({correct}/{total})")
    print(f"{joins} sentence joins glued over {len(originals)} stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
