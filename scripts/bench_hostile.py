#!/usr/bin/env python3
"""Time segmenting, reading, glossary matching and number reading of hostile inputs at size n and 2n; a ratio
near 2 means linear.

Each case builds its input at both sizes in this process and times one run of each, so the
ratio compares two measurements taken a moment apart on the same machine.

    .venv/bin/python scripts/bench_hostile.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.errors import CompareError  # noqa: E402
from compare.glossary import find_terms  # noqa: E402
from compare.io import read_bytes  # noqa: E402
from compare.segment import segment  # noqa: E402
from compare.values import read as read_values  # noqa: E402

W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def docx(paragraphs: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        body = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(paragraphs))
        archive.writestr("word/document.xml", W + body + b"</w:body></w:document>")
    return buffer.getvalue()


def pdf(operators: int) -> bytes:
    stream = b"BT /F1 12 Tf " + b"0 -14 Td (x) Tj " * (operators // 2) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def segmenting(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def build(n: int) -> Callable[[], object]:
        text = make(n)
        return lambda: segment(text, "a", language="en")

    return build


def reading(make: Callable[[int], bytes], name: str) -> Callable[[int], Callable[[], object]]:
    def build(n: int) -> Callable[[], object]:
        data = make(n)

        def run() -> object:
            try:
                return read_bytes(data, name)
            except CompareError as err:  # e.g. "holds no text": the time is what is measured
                return err

        return run

    return build


def values(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def build(n: int) -> Callable[[], object]:
        text = make(n)
        return lambda: read_values.__wrapped__(text)  # uncached: each run reads

    return build


def glossary(make: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def build(n: int) -> Callable[[], object]:
        text = make(n)
        return lambda: find_terms(text)

    return build


CASES: list[tuple[str, int, Callable[[int], Callable[[], object]]]] = [
    ("prose on one line", 250_000, segmenting(lambda n: "The ministers met today. " * (n // 25))),
    ("run of dots", 250_000, segmenting(lambda n: "." * n)),
    ("glued sentences", 250_000, segmenting(lambda n: "They met.The " * (n // 13))),
    ("open quotation", 250_000, segmenting(lambda n: '"' + "They met. " * (n // 10))),
    (
        "wrapped lines",
        250_000,
        segmenting(lambda n: "they discussed the\nissues of the " * (n // 32)),
    ),
    ("dotted words", 250_000, segmenting(lambda n: "x.Y" * (n // 3))),
    (
        "html unclosed tags",
        1_000_000,
        reading(lambda n: b"<p>Talks.</p>" + b"<a " * (n // 3), "a.html"),
    ),
    ("html empty tags", 1_000_000, reading(lambda n: b"<b></b>" * (n // 7), "a.html")),
    ("docx paragraphs", 20_000, reading(docx, "a.docx")),
    ("pdf operators", 20_000, reading(pdf, "a.pdf")),
    # every word starts a glossary form: each is tried at every token
    ("glossary words", 250_000, glossary(lambda n: "urged China to condemn " * (n // 23))),
    ("glossary Korean", 250_000, glossary(lambda n: "인도·태평양 한-미-일 " * (n // 13))),
    # numbers: one long run of thousands groups, and a count with its scale at every word
    ("number groups", 250_000, values(lambda n: "1" + ",000" * (n // 4))),
    ("counted amounts", 250_000, values(lambda n: "$5 million ballistic missiles " * (n // 30))),
]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size n")
    args = parser.parse_args()
    print(f"{'case':<20} {'n':>10} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for name, size, build in CASES:
        n = int(size * args.scale)
        small, large = build(n), build(2 * n)
        t1, t2 = timed(small), timed(large)
        print(f"{name:<20} {n:>10,} {t1:>8.2f} {t2:>8.2f} {t2 / t1:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
