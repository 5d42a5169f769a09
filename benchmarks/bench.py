"""Speed and scale of readout-compare, as ratios measured in one run (docs/performance.md).

    .venv/bin/python benchmarks/bench.py                 # everything (about 15 min, 2 cores)
    .venv/bin/python benchmarks/bench.py --only scale    # one part: overhead, batch, cold, scale, scale-real

- overhead: full comparison of the English sample and dev pairs / encoding their statements alone
  (the same encode calls the pipeline makes), per backend;
- batch: statements per second through `run_batch` over >= 1,000 pairs built from the same texts
  (each pair's sentences marked with its number, so no statement repeats and the cache cannot
  hide the work) / raw encode throughput on the same statements;
- cold start: `readout-compare A B --out DIR` from launch to CSV written, per backend (best of 3);
- overhead and cold start end with each ONNX backend's time as a ratio of torch's, same run;
- scale: alignment + labelling (`compare_documents` with the vectors precomputed) for N x N
  statements, time and peak traced memory, then the CPU time of the similarity matrices
  (`measure`) and of the decisions (`decide`) apart, and how many pairs needed a token-set ratio;
- scale-real: the same for 1,725 x 1,725 real news sentences (the MSR paraphrase test set in
  ../shared/eval/external), with vectors of the real model (--batch-backend) made before timing.
Targets: overhead <= 1.10, batch >= 0.9, cold start <= 3 s (onnx backends), 2,000 x 2,000 <= 2 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.batch import Pair, run_batch  # noqa: E402
from compare.embed import load_embedder  # noqa: E402
from compare.pipeline import compare_documents, compare_texts, decide, make_document, measure  # noqa: E402
from compare.schema import Backend, Config, SplitMode  # noqa: E402
from compare.segment import detect_language  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev" / "pairs"
MSR = ROOT.parent / "shared" / "eval" / "external" / "msr-para-test.tsv"
BACKENDS = tuple(b.value for b in Backend)


def english_pairs() -> list[tuple[str, str]]:
    """(a, b) texts of every English sample and dev pair."""
    folders = sorted(p for p in (ROOT / "samples").iterdir() if (p / "a.txt").exists())
    folders += sorted(p for p in DEV.iterdir() if (p / "a.txt").exists()) if DEV.is_dir() else []
    pairs = []
    for folder in folders:
        a, b = ((folder / f"{s}.txt").read_text(encoding="utf-8") for s in "ab")
        if detect_language(a) == detect_language(b) == "en":
            pairs.append((a, b))
    return pairs


def statements(pairs, config=None) -> list[list[str]]:
    """Per pair, the content statements the pipeline embeds (A's then B's), in one list."""
    config = config or Config()
    out = []
    for a, b in pairs:
        da, db = make_document(a, "a", "A", config), make_document(b, "b", "B", config)
        out.append([s.text for s in (*da.content, *db.content)])
    return out


class Timing:
    """Wall-clock and CPU seconds (this process, all its threads) of the best of some runs. On
    a machine shared with other work the CPU figure is the steadier one."""

    def __init__(self) -> None:
        self.wall = self.cpu = float("inf")

    def run(self, fn) -> Timing:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        self.wall = min(self.wall, time.perf_counter() - wall)
        self.cpu = min(self.cpu, time.process_time() - cpu)
        return self

    def ratio(self, other: Timing) -> str:
        return f"{self.wall / other.wall:.3f} wall, {self.cpu / other.cpu:.3f} CPU"

    def __str__(self) -> str:
        return f"{self.wall:.2f} s ({self.cpu:.2f} s CPU)"


def overhead(backend: str, runs: int) -> Timing:
    pairs = english_pairs()
    embedder = load_embedder(backend=backend)
    texts = statements(pairs)
    embedder.encode(texts[0])  # warm up

    def encode_only():
        for t in texts:
            embedder.encode(t)

    def full():
        for a, b in pairs:
            compare_texts(a, b, embedder=embedder)

    enc, whole = Timing(), Timing()
    for _ in range(runs):  # interleaved, so a busy spell hits both
        enc.run(encode_only)
        whole.run(full)
    n = sum(len(t) for t in texts)
    print(
        f"overhead  {backend:<9}  {len(pairs)} pairs, {n} statements: encode alone {enc}, full "
        f"comparison {whole} -> ratio {whole.ratio(enc)}  (target <= 1.10)"
    )
    return whole


def batch(backend: str, count: int) -> None:
    base = english_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pairs, texts = [], []
        for n in range(count):
            a, b = base[n % len(base)]
            # mark every sentence with the pair's number: no statement repeats across pairs
            a, b = (re.sub(r"([.!?])(\s|$)", rf" [{n}]\1\2", t) for t in (a, b))
            folder = root / "in" / f"p{n:05d}"
            folder.mkdir(parents=True)
            (folder / "a.txt").write_text(a, encoding="utf-8")
            (folder / "b.txt").write_text(b, encoding="utf-8")
            pairs.append(Pair(folder.name, str(folder / "a.txt"), str(folder / "b.txt")))
            texts.append((a, b))
        flat = [t for group in statements(texts) for t in group]
        embedder = load_embedder(backend=backend)
        embedder.encode(flat[:32])  # warm up
        raw = Timing().run(
            lambda: [embedder.encode(flat[k : k + 2048]) for k in range(0, len(flat), 2048)]
        )
        results = []
        took = Timing().run(
            lambda: results.append(run_batch(pairs, root / "out", backend=backend, resume=False))
        )
        if results[0].done != count:  # a failed pair is quick: it must not count as throughput
            raise SystemExit(f"batch: {results[0].failed} pairs failed: {results[0].errors[:3]}")
    n, unique = len(flat), len(set(flat))
    print(
        f"batch     {backend:<9}  {count} pairs, {n} statements ({unique} distinct): raw encode "
        f"{n / raw.wall:.0f}/s ({n / raw.cpu:.0f}/CPU-s), batch {n / took.wall:.0f}/s "
        f"({n / took.cpu:.0f}/CPU-s) -> throughput ratio {raw.ratio(took)}  (target >= 0.9)"
    )


def cold_start(backend: str, runs: int) -> Timing:
    load_embedder(backend=backend)  # an onnx model is built before timing, as on any second run
    sample = ROOT / "samples" / "chung-blinken_call_2021-08-05"
    with tempfile.TemporaryDirectory() as out:
        argv = [sys.executable, "-m", "compare", str(sample / "a.txt"), str(sample / "b.txt")]
        argv += ["--out", out, "-q", "--backend", backend]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}

        def once():
            (Path(out) / "alignments.csv").unlink(missing_ok=True)
            subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=env, timeout=300)
            assert (Path(out) / "alignments.csv").exists()

        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            once()
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"cold      {backend:<9}  launch to CSV written: {min(walls):.2f} s wall, "
        f"{min(cpus):.2f} s CPU (best of {runs})"
        + ("  (target <= 3 s)" if Backend(backend).is_onnx else "")
    )
    best = Timing()
    best.wall, best.cpu = min(walls), min(cpus)
    return best


def against_torch(part: str, timings: dict[str, Timing]) -> None:
    """Each other backend's time as a ratio of torch's, both measured in this run."""
    base = timings[Backend.TORCH.value]
    for backend, timing in timings.items():
        if backend != Backend.TORCH.value:
            print(f"{part:<9} {backend:<9}  time / torch's: {timing.ratio(base)}")


def synthetic(n: int, seed: int = 1) -> tuple[str, str]:
    """Two readouts of n statements: B restates about half of A's in other words and order."""
    rng = random.Random(seed)
    vocab = [
        f"{w}{k}" for k in range(60) for w in ("talk", "trade", "alliance", "missile", "energy")
    ]
    vocab += "ministers discussed agreed security cooperation region support summit visit".split()

    def sentence() -> str:
        return " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 20)))

    a = [sentence() for _ in range(n)]
    b = []
    for k in range(n):
        if k % 2 == 0:
            words = a[rng.randrange(n)].split()
            rng.shuffle(words)
            b.append(" ".join(words[: max(4, len(words) - 3)] + [rng.choice(vocab)]))
        else:
            b.append(sentence())
    return ("\n".join(s.capitalize() + "." for s in a), "\n".join(s.capitalize() + "." for s in b))


class Precomputed:
    """Vectors made before timing (a word-hashing embedding): the stage under test is not the
    model."""

    name = "precomputed"

    def __init__(self, texts: list[str], dim: int = 256) -> None:
        self.vectors = {}
        for text in texts:
            v = np.zeros(dim, np.float32)
            for word in re.findall(r"\w+", text.lower()):
                v[zlib.crc32(word.encode()) % dim] += 1  # the same vectors in every run
            self.vectors[text] = v / (np.linalg.norm(v) or 1)

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def cold() -> None:
    """Forget what the text and label stages remember per statement, word and group, so that
    each timed run does all of its work."""
    from compare import label, text

    for module in (text, label):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def scale(sizes: list[int]) -> None:
    config = Config(split=SplitMode.LINES)
    for n in sizes:
        a, b = synthetic(n)
        da, db = make_document(a, "a", "A", config), make_document(b, "b", "B", config)
        embedder = Precomputed([s.text for s in (*da.content, *db.content)])
        target = "  (target <= 2 s)" if n == 2000 else ""
        scale_line(f"scale     {n:>5} x {n:<5}", da, db, embedder, config, target)


class Encoded(Precomputed):
    """Vectors of a real model, made before timing."""

    def __init__(self, texts: list[str], backend: str) -> None:
        self.name = f"{backend} (precomputed)"
        vectors = np.asarray(load_embedder(backend=backend).encode(texts), np.float32)
        self.vectors = dict(zip(texts, vectors, strict=True))


def scale_real(backend: str) -> None:
    """A long pair of real news sentences: the first sentence of each pair of the MSR paraphrase
    test set against the second sentences, shuffled (two thirds of them paraphrase one)."""
    if not MSR.exists():
        print(f"scale-real: {MSR} not found, skipped")
        return
    with MSR.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    a, b = [r[3] for r in rows], [r[4] for r in rows]
    random.Random(0).shuffle(b)
    config = Config(split=SplitMode.LINES)
    da, db = (make_document("\n".join(t), s, s, config) for t, s in ((a, "a"), (b, "b")))
    embedder = Encoded([s.text for s in (*da.content, *db.content)], backend)
    n, m = len(da.content), len(db.content)
    scale_line(f"scale-real {n:>4} x {m:<5}", da, db, embedder, config, f"  ({backend} vectors)")


def scale_line(name: str, da, db, embedder, config: Config, note: str) -> None:
    """Time alignment + labelling of one pair (vectors precomputed), then its two stages apart,
    then its peak traced memory; print one line."""

    def run():
        cold()
        compare_documents(da, db, config=config, embedder=embedder)

    took = Timing().run(run)
    cold()  # the same work again, by stage
    sims = []
    measured = Timing().run(lambda: sims.append(measure(da, db, embedder)))
    decided = Timing().run(lambda: decide(da, db, sims[0], config))
    cells = len(da.content) * len(db.content)
    read = getattr(sims[0].lexical, "computed", cells)  # a plain matrix computes every pair
    cold()
    tracemalloc.start()  # apart from the timing: tracing slows Python down
    result = compare_documents(da, db, config=config, embedder=embedder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    groups = sum(1 for r in result.alignments if r.group_id)
    print(
        f"{name}  align + label {took}, peak {peak / 1e6:6.1f} MB "
        f"(similarities {measured.cpu:.2f} s CPU, decisions {decided.cpu:.2f} s CPU; "
        f"token-set ratios {read:,} of {cells:,} pairs, {100 * read / cells:.1f} %; "
        f"{groups} groups){note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", choices=["overhead", "batch", "cold", "scale", "scale-real"], action="append"
    )
    parser.add_argument("--pairs", type=int, default=1000, help="batch: pairs (default 1000)")
    parser.add_argument(
        "--batch-backend", default="onnx", choices=BACKENDS, help="for batch and scale-real"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000, 2000])
    args = parser.parse_args()
    only = set(args.only or ["overhead", "batch", "cold", "scale", "scale-real"])
    print(f"readout-compare benchmark: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    if "overhead" in only:
        against_torch("overhead", {b: overhead(b, args.runs) for b in BACKENDS})
    if "cold" in only:
        against_torch("cold", {b: cold_start(b, args.runs) for b in BACKENDS})
    if "batch" in only:
        batch(args.batch_backend, args.pairs)
    if "scale" in only:
        scale(args.sizes)
    if "scale-real" in only:
        scale_real(args.batch_backend)
    print(f"(load at the end {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
