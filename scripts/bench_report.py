"""How the presentation grows with the size of a pair: times the key findings, the side-by-side
table, the whole HTML report and the heatmap cells on synthetic pairs of n and 2n statements a
side, and prints the ratio of the two times (about 2 for linear growth). No model: the pairs
are built by hand and labelled by the real label stage.

    PYTHONPATH=$PWD .venv/bin/python scripts/bench_report.py 250 500 1000
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from builders import comparison  # noqa: E402

from compare.report import heatmap_cells, html_report, key_findings, side_by_side_html  # noqa: E402

WORDS = (
    "trade security alliance cooperation sanctions climate energy supply chains missile launch "
    "dialogue talks summit peace stability region denuclearization investment"
).split()
VERBS = ("discussed", "agreed on", "reviewed", "welcomed", "did not discuss")


def pair(n: int, seed: int = 1):
    rng = random.Random(seed)

    def statement() -> str:
        topics = " and ".join(rng.sample(WORDS, 4))
        return f"The ministers {rng.choice(VERBS)} {topics} on March {rng.randint(1, 28)}."

    a, b = [statement() for _ in range(n)], [statement() for _ in range(n)]
    return comparison(a, b, [((i,), (i,), 0.7, 0.5) for i in range(0, n, 2)])


def timed(function, argument) -> float:
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    views = (key_findings, side_by_side_html, html_report, heatmap_cells)
    print(f"{'view':<18}" + "".join(f"{n:>10}" for n in sizes) + "   ratio per doubling")
    pairs = {n: pair(n) for n in sizes}
    for view in views:
        times = [timed(view, pairs[n]) for n in sizes]
        ratios = [t2 / t1 if t1 else float("nan") for t1, t2 in zip(times, times[1:], strict=False)]
        print(
            f"{view.__name__:<18}"
            + "".join(f"{t:>9.2f}s" for t in times)
            + "   "
            + " ".join(f"{r:.2f}" for r in ratios)
        )


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [250, 500, 1000])
