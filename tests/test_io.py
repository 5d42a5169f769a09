"""Tests for compare.io: decoding, binary / size / empty checks and the HTML, PDF and DOCX readers."""

from __future__ import annotations

import io
import os
import random
import string
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import pytest
from bounded import run_bounded

from compare import io as cio
from compare.errors import EmptyTextError, FileReadError, FileTooLargeError

KOREAN = "정의용 외교부 장관은 5일 블링컨 국무장관과 통화했다."
ENGLISH = "Secretary Blinken spoke with Foreign Minister Chung Eui-yong."
UNDECODABLE_MESSAGE = (
    "{}: cannot decode the text (not UTF-8, UTF-16 or CP949/EUC-KR): line {} has byte {}, "
    "{}another character in other code pages; save it as UTF-8"
)


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text stream (Tf / Tj) per page, with a correct xref."""
    streams = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        ops += [f"({_pdf_escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        streams.append("\n".join(ops).encode("latin-1"))
    return pdf_from_streams(streams)


def pdf_from_streams(
    streams: list[bytes],
    *,
    form: bytes | None = None,
    to_unicode: bytes | None = None,
    compress: bool = False,
) -> bytes:
    """A PDF with one page per content stream (Flate-compressed if asked), a correct xref, and
    optionally a form XObject /X1 (drawn with "/X1 Do") holding `form` and a ToUnicode CMap
    for the font."""
    n = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    form_ref = f"/XObject << /X1 {4 + 2 * n} 0 R >>" if form is not None else ""
    cmap_ref = f"/ToUnicode {4 + 2 * n + (form is not None)} 0 R" if to_unicode else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica {cmap_ref} >>".encode(),
    ]

    def stream_object(data: bytes, extra: bytes = b"") -> bytes:
        if compress:
            data, extra = zlib.compress(data), extra + b" /Filter /FlateDecode"
        return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)

    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
            f"<< /Font << /F1 3 0 R >> {form_ref} >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(stream_object(stream))
    if form is not None:
        objects.append(
            stream_object(
                form,
                b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                b" /Resources << /Font << /F1 3 0 R >> >>",
            )
        )
    if to_unicode:
        objects.append(stream_object(to_unicode))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_from_xml(body: Iterable[bytes], *, compresslevel: int = 6, prolog: bytes = b"") -> bytes:
    """A minimal .docx whose document.xml body is the concatenated chunks (streamed in)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?>' + prolog)
            part.write(b'<w:document xmlns:w="%s"><w:body>' % _W_NS.encode())
            for chunk in body:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def random_words(length: int, seed: int) -> str:
    """Letters and spaces that do not compress much, so zip ratio limits stay out of the way."""
    return "".join(random.Random(seed).choices(string.ascii_lowercase + " ", k=length))


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def make_docx() -> bytes:
    """A DOCX with body paragraphs around a table that has a merged cell and a nested table."""
    import docx

    document = docx.Document()
    document.add_paragraph("Readout of the call")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Cell A"
    table.cell(0, 1).text = "Cell B"
    table.cell(1, 0).text = "Cell C"
    # A horizontal merge makes row.cells return the same cell twice; it must appear once.
    table.cell(1, 0).merge(table.cell(1, 1))
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Nested cell"
    document.add_paragraph(KOREAN)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- plain text decoding -------------------------------------------------------------------------


def test_utf8_text_is_returned_unchanged() -> None:
    text = f"{ENGLISH}\n{KOREAN}\n\u00a0 indented\twith tab  \n"
    assert cio.read_bytes(text.encode("utf-8"), "readout.txt") == text


def test_utf8_bom_is_stripped() -> None:
    assert cio.read_bytes(KOREAN.encode("utf-8-sig"), "readout.txt") == KOREAN


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = KOREAN.encode(encoding)
    if encoding == "utf-16-be":  # the -be codec writes no BOM; add it as Windows tools do
        data = b"\xfe\xff" + data
    assert cio.read_bytes(data, "readout.txt") == KOREAN


def test_bom_with_invalid_body_is_a_clear_error() -> None:
    with pytest.raises(FileReadError, match=r"^bad\.txt starts with a UTF-16 byte-order mark"):
        cio.read_bytes(b"\xff\xfeA\x00B", "bad.txt")  # odd number of bytes after the BOM


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_legacy_korean_encodings(encoding: str) -> None:
    data = KOREAN.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is meaningful only if UTF-8 cannot read it
    assert cio.read_bytes(data, "readout.txt") == KOREAN


def test_cp949_only_syllables_decode() -> None:
    text = f"{KOREAN} 똠방각하."  # 똠 is in CP949 (UHC) but not in EUC-KR
    assert cio.read_bytes(text.encode("cp949"), "readout.md") == text


def test_cp1252_apostrophes_are_not_read_as_korean() -> None:
    # ’s and ’t are valid CP949 byte pairs (UHC Hangul); reading them as Korean is mojibake.
    text = "The Secretary’s message: we don’t waver."
    assert cio.read_bytes(text.encode("cp1252"), "readout.txt") == text


def test_cp1252_code_page_neutral_punctuation_decodes() -> None:
    # Decision: smart quotes, dashes and ellipsis mean the same in every Windows code page, so a
    # cp1252 file with only these beyond ASCII is decoded exactly.
    text = "They reaffirmed the “ironclad” alliance — and more…\r\nNext line."
    result = cio.read_bytes(text.encode("cp1252"), "readout.txt")
    assert result == text.replace("\r\n", "\n")


def test_cp1252_symbols_alike_in_every_windows_code_page_decode() -> None:
    # one degree sign or section mark refused a whole English readout saved on Windows; these
    # read the same in cp1250-cp1258, so nothing is guessed
    text = "Talks at 20°C, under § 3 of the © 2021 accord, ended «on time» ± 5 minutes."
    assert cio.read_bytes(text.encode("cp1252"), "readout.txt") == text


def test_an_undecodable_byte_is_named_by_its_line() -> None:
    data = "Line one.\nLine two.\nThe ministers met at the café.".encode("cp1252")
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(data, "w.txt")
    assert str(info.value) == UNDECODABLE_MESSAGE.format(
        "w.txt", 3, "0xE9", "'é' in Windows-1252 but "
    )
    with pytest.raises(FileReadError, match="line 1 has byte 0x81, another character"):
        cio.read_bytes(b"abc \x81\x81\x81\x81 def", "x.txt")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_accented_letters_raise_instead_of_guessing(encoding: str) -> None:
    # Decision: accented letters read differently in cp1250 / cp1252 / cp1257 (è vs č, ï vs ď)
    # and detectors disagree, so the user is asked for UTF-8 rather than given mojibake.
    data = "Le ministre des Affaires étrangères a reçu son homologue; naïve café.".encode(encoding)
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(data, "fr.txt")
    # the first byte UTF-8 cannot read, named so the user can find it
    assert str(info.value) == UNDECODABLE_MESSAGE.format(
        "fr.txt", 1, "0xE9", "'é' in Windows-1252 but "
    )


def test_chinese_gbk_is_not_read_as_korean() -> None:
    # GBK bytes decode strictly as CP949 into a hanja / Hangul mix; the Korean check must reject
    # that and the multi-byte detector must find the real encoding.
    text = "王毅同韩国外长郑义溶通电话。王毅表示，中韩是近邻，两国关系发展符合双方共同利益。"
    assert cio.read_bytes(text.encode("gbk"), "cn.txt") == text


def test_undecodable_bytes_raise() -> None:
    data = b"abc \xff\xfe\xfd \x80\x81\xc3 def " * 4
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(data, "junk.txt")
    assert str(info.value) == UNDECODABLE_MESSAGE.format(
        "junk.txt", 1, "0xFF", "'ÿ' in Windows-1252 but "
    )


def test_decode_text_is_public_and_normalises_newlines() -> None:
    assert cio.decode_text("a\r\nb\rc\n".encode("cp949"), "-") == "a\nb\nc\n"
    assert cio.decode_text(b"", "-") == ""


def test_crlf_and_cr_become_lf_and_nothing_else_changes() -> None:
    text = "Line one.\r\nLine\u00a0two.  \r\rLine three.\t\r\n"
    result = cio.read_bytes(text.encode("utf-8"), "readout.txt")
    assert result == "Line one.\nLine\u00a0two.  \n\nLine three.\t\n"


# --- binary, empty and size checks -------------------------------------------------------------


@pytest.mark.parametrize("filename", ["image.txt", "image.png", "image"])
def test_binary_file_is_rejected(filename: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    with pytest.raises(
        FileReadError, match=rf"^{filename} looks like a binary file, not text"
    ) as e:
        cio.read_bytes(data, filename)
    # a .txt name is no hint here: the advice is to save as text or give the original file
    assert "save the readout as plain text" in str(e.value) and "not its name" in str(e.value)


def test_many_control_characters_mean_binary() -> None:
    data = bytes(range(1, 32)) * 4 + b"some text"
    with pytest.raises(FileReadError, match="looks like a binary file"):
        cio.read_bytes(data, "data.txt")


def test_a_short_readout_with_a_terminal_escape_or_two_is_text() -> None:
    data = b"\x1b[1mThe ministers met.\x1b[0m They agreed."
    assert cio.read_bytes(data, "a.txt") == data.decode()


def test_empty_file() -> None:
    with pytest.raises(EmptyTextError) as info:
        cio.read_bytes(b"", "empty.txt")
    assert str(info.value) == "empty.txt is empty"


@pytest.mark.parametrize("data", [b" \n\t\r\n ", "\u00a0\u3000\n".encode()])
def test_whitespace_only_file(data: bytes) -> None:
    with pytest.raises(EmptyTextError) as info:
        cio.read_bytes(data, "blank.md")
    assert str(info.value) == "blank.md holds no text"


def test_over_size_limit() -> None:
    with pytest.raises(FileTooLargeError) as info:
        cio.read_bytes(b"x" * 2_000, "big.txt", max_bytes=1_000)
    assert str(info.value) == "big.txt is 2.0 KB; the limit is 1.0 KB"
    assert isinstance(info.value, FileReadError)  # callers may catch the general error


def test_over_default_size_limit_message() -> None:
    with pytest.raises(FileTooLargeError) as info:
        cio.read_bytes(b"x" * 7_200_000, "big.pdf")
    assert str(info.value) == "big.pdf is 7.2 MB; the limit is 5.0 MB"


def test_size_just_over_limit_shows_exact_bytes() -> None:
    with pytest.raises(FileTooLargeError) as info:
        cio.read_bytes(b"x" * 1_001, "a.txt", max_bytes=1_000)
    assert str(info.value) == "a.txt is 1,001 bytes; the limit is 1,000 bytes"


def test_exactly_at_size_limit_is_accepted() -> None:
    assert cio.read_bytes(b"x" * 1_000, "a.txt", max_bytes=1_000) == "x" * 1_000


def test_too_many_characters() -> None:
    with pytest.raises(FileTooLargeError, match=r"^long\.txt holds 1,000,001 characters"):
        cio.read_bytes(b"a" * (cio.MAX_CHARS + 1), "long.txt")


# --- read_path -----------------------------------------------------------------------------------


def test_read_path_reads_and_decodes(tmp_path: Path) -> None:
    path = tmp_path / "korea.txt"
    path.write_bytes((KOREAN + "\r\n").encode("cp949"))
    assert cio.read_path(path) == KOREAN + "\n"
    assert cio.read_path(str(path)) == KOREAN + "\n"


def test_read_path_missing(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(FileReadError) as info:
        cio.read_path(path)
    assert str(info.value) == f"{path}: no such file"


def test_read_path_directory(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match=r" is a directory"):
        cio.read_path(tmp_path)
    assert str(pytest.raises(FileReadError, cio.read_path, tmp_path).value).startswith(
        str(tmp_path)
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_read_path_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH)
    path.chmod(0)
    with pytest.raises(FileReadError, match="permission denied"):
        cio.read_path(path)


def test_read_path_permission_error_while_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs as root too, unlike the chmod test above.
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cio, "open", denied, raising=False)
    with pytest.raises(FileReadError) as info:
        cio.read_path(path)
    assert str(info.value) == f"{path}: permission denied"


def test_read_path_checks_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3_000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although stat shows it is too large")

    monkeypatch.setattr(cio, "open", no_open, raising=False)
    with pytest.raises(FileTooLargeError) as info:
        cio.read_path(path, max_bytes=1_000)
    assert str(info.value) == f"{path} is 3.0 KB; the limit is 1.0 KB"


def test_read_path_errors_name_the_path(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(FileReadError, match=rf"^{path} looks like a binary file"):
        cio.read_path(path)


# --- HTML ----------------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Page title</title><style>p { color: red }</style></head>
<body>
<header><nav><a href="/">Home</a> | <a href="/press">Press</a></nav></header>
<script>var tracking = "do not show";</script>
<article>
  <header><h1>Secretary&rsquo;s Call with Foreign Minister</h1></header>
  <p>The Secretary spoke with
     Foreign Minister Chung &amp; discussed <b>DPRK</b> issues.</p>
  <p>They agreed to &ldquo;stay in close touch.&rdquo;<br>Second line of the paragraph.</p>
  <ul><li>First point</li><li>Second&nbsp;point</li></ul>
  <div hidden>hidden text</div>
  <div style="display: none">also hidden</div>
  <!-- a comment that must not appear -->
  <table><tr><td>Cell one</td><td>Cell two</td></tr></table>
</article>
<footer>Copyright footer</footer>
</body></html>
"""


def test_html_is_rendered_as_lines() -> None:
    text = cio.read_bytes(HTML.encode("utf-8"), "readout.html")
    assert text.split("\n") == [
        "Secretary\u2019s Call with Foreign Minister",
        "The Secretary spoke with Foreign Minister Chung & discussed DPRK issues.",
        "They agreed to \u201cstay in close touch.\u201d",
        "Second line of the paragraph.",
        "First point",
        "Second\u00a0point",
        "Cell one",
        "Cell two",
    ]


def test_html_with_a_main_element_reads_only_what_is_inside_it() -> None:
    page = (
        '<html><body><a href="#main">Skip to content</a><div>An official website</div>'
        "<main><h1>Secretary Blinken's Call with Foreign Minister Chung</h1>"
        "<p>Secretary Blinken spoke with Foreign Minister Chung.</p></main>"
        "<aside>Related: Secretary Blinken's travel to Seoul</aside></body></html>"
    )
    assert cio.read_bytes(page.encode(), "call.html").split("\n") == [
        "Secretary Blinken's Call with Foreign Minister Chung",
        "Secretary Blinken spoke with Foreign Minister Chung.",
    ]
    # role="main" marks it too; without a <main>, an <article> is the page's own text
    role = page.replace("<main>", '<div role="main">').replace("</main>", "</div>")
    assert cio.read_bytes(role.encode(), "call.html") == cio.read_bytes(page.encode(), "x.html")
    article = page.replace("main>", "article>")
    assert cio.read_bytes(article.encode(), "call.html") == cio.read_bytes(page.encode(), "x.html")
    # an empty <main> (filled by the page's scripts) leaves the whole page to read
    empty = (
        "<html><body><main></main><p>Secretary Blinken spoke with Foreign Minister Chung.</p>"
        "</body></html>"
    )
    assert cio.read_bytes(empty.encode(), "call.html") == (
        "Secretary Blinken spoke with Foreign Minister Chung."
    )


def test_html_declared_euc_kr_charset() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
        f"</head><body><p>{KOREAN}</p><p>둘째 문단.</p></body></html>"
    )
    assert cio.read_bytes(html.encode("cp949"), "mofa.htm") == f"{KOREAN}\n둘째 문단."


def test_html_declared_latin1_but_really_utf8() -> None:
    # Pages often declare ISO-8859-1 while serving UTF-8; valid UTF-8 wins over the label.
    html = '<meta charset="iso-8859-1"><p>Café “quote”</p>'
    assert cio.read_bytes(html.encode("utf-8"), "page.html") == "Café “quote”"


def test_html_declared_windows_1252_decodes_accents() -> None:
    html = '<meta charset="windows-1252"><p>Café naïve</p>'
    assert cio.read_bytes(html.encode("cp1252"), "page.html") == "Café naïve"


def test_html_without_text_is_empty() -> None:
    with pytest.raises(EmptyTextError, match=r"^empty\.html holds no text$"):
        cio.read_bytes(b"<html><script>alert(1)</script><p> </p></html>", "empty.html")


def test_html_sniffed_without_suffix() -> None:
    assert cio.read_bytes(b"<!doctype html><p>One</p><p>Two</p>", "stdin") == "One\nTwo"


def html_answer(make_data: str) -> str:
    """Read the HTML that the expression `make_data` builds, in a bounded subprocess."""
    code = (
        "from compare.errors import CompareError\n"
        "from compare.io import read_bytes\n"
        "try:\n"
        f"    print(repr(read_bytes({make_data}, 'page.html')))\n"
        "except CompareError as err:\n"
        "    print(type(err).__name__, err)\n"
    )
    return run_bounded(code, memory=1_000_000_000).strip()


@pytest.mark.parametrize(
    ("make_data", "expected"),
    [
        ("b'<p>Talks.</p>' + b'<!--' * 50_000", "'Talks.'"),  # an unclosed comment hides the rest
        ("b'<p>Talks.</p>' + b'<a ' * 100_000", "'Talks.'"),
        ("b'<p>Talks.</p>' + b'<meta ' * 700_000", "'Talks.'"),  # 4.2 MB, charset prescan
        ("b'<p>Talks.</p><![<!['", "'Talks.'"),  # bs4 raised ParserRejectedMarkup here
        ("b'<b></b>' * 700_000", "EmptyTextError page.html holds no text"),  # 4.9 MB of tags
        (
            "b'<article>' + b'<header>' * 10_000 + b'x' + b'</header>' * 10_000 + b'</article>'",
            "FileTooLargeError page.html holds more than 256 levels of nested elements, "
            "the limit (MAX_HTML_DEPTH)",
        ),
        (  # under the limit, an article's nested headers are its text (no per-tag rescan)
            "b'<article>' + b'<header>' * 200 + b'x' + b'</header>' * 200 + b'</article>'",
            "'x'",
        ),
    ],
    ids=["comments", "tags", "meta", "marked-section", "empty-tags", "deep", "headers"],
)
def test_hostile_html_is_answered_in_bounded_time(make_data: str, expected: str) -> None:
    assert html_answer(make_data) == expected


def test_html_doctype_internal_subset_does_not_leak() -> None:
    html = b"<!DOCTYPE html [<!ENTITY note 'x'>]><p>Talks went on.</p>"
    assert cio.read_bytes(html, "page.html") == "Talks went on."


def test_html_parser_failure_is_a_file_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    def rejects(*args: object, **kwargs: object) -> None:
        raise etree.ParserError("Document is broken")

    monkeypatch.setattr(etree, "fromstring", rejects)
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(b"<p>Talks.</p>", "page.html")
    assert str(info.value) == "page.html is not readable HTML; save the page's text as .txt instead"


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_order() -> None:
    text = cio.read_bytes(make_docx(), "readout.docx")
    assert text.split("\n") == [
        "Readout of the call",
        "Cell A",
        "Cell B",
        "Nested cell",
        "",  # Word requires a paragraph after a nested table; empty paragraphs are kept
        "Cell C",  # once, although the merged cell spans two grid columns
        KOREAN,
    ]


def test_empty_docx_holds_no_text() -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(EmptyTextError, match=r"^blank\.docx holds no text$"):
        cio.read_bytes(buffer.getvalue(), "blank.docx")


def _zip_without_word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word file")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"this is not a zip file at all", b"PK\x03\x04 truncated", _zip_without_word_document()],
    ids=["text", "truncated-zip", "zip-without-document"],
)
def test_corrupt_docx(data: bytes) -> None:
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(data, "broken.docx")
    assert str(info.value).startswith("broken.docx is not a readable .docx file")
    assert "save it again as .docx" in str(info.value)


def test_truncated_real_docx() -> None:
    data = make_docx()
    with pytest.raises(FileReadError, match=r"^cut\.docx is not a readable \.docx"):
        cio.read_bytes(data[: len(data) // 2], "cut.docx")


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_text_per_page() -> None:
    data = make_pdf([[ENGLISH, "They discussed (the alliance)."], ["Page two text."]])
    text = cio.read_bytes(data, "readout.pdf")
    assert text == f"{ENGLISH}\nThey discussed (the alliance).\nPage two text."


def test_pdf_sniffed_without_suffix() -> None:
    assert cio.read_bytes(make_pdf([["Sniffed."]]), "upload") == "Sniffed."


def test_pdf_without_text() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(buffer.getvalue(), "scan.pdf")
    assert str(info.value).startswith("scan.pdf has no extractable text (scanned image?)")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is garbage", b"not a pdf at all", make_pdf([["x"]])[:60]],
    ids=["garbage", "not-pdf", "truncated"],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(data, "broken.pdf")
    assert str(info.value).startswith("broken.pdf is not a readable PDF")


def test_password_protected_pdf() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret."]]))))
    writer.encrypt("user-password", "owner-password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(FileReadError) as info:
        cio.read_bytes(buffer.getvalue(), "locked.pdf")
    assert str(info.value) == "locked.pdf is password-protected; save a copy without a password"


# --- cross-cutting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "a.txt"),
        (b"\x00binary", "a.txt"),
        (b"\xff\xfd\x80 bad", "a.txt"),
        (b"x" * 10, "a.txt"),
        (b"junk", "a.pdf"),
        (b"junk", "a.docx"),
    ],
)
def test_error_messages_are_one_line_and_start_with_the_name(data: bytes, filename: str) -> None:
    with pytest.raises((FileReadError, EmptyTextError)) as info:
        cio.read_bytes(data, filename, max_bytes=5)
    message = str(info.value)
    assert message.startswith(filename)
    assert "\n" not in message


def test_import_is_light() -> None:
    code = (
        "import sys, compare.io\n"
        "heavy = {'torch', 'streamlit', 'bs4', 'lxml', 'pypdf', 'docx', 'charset_normalizer'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_pdf_lines_wrapped_mid_sentence_are_joined() -> None:
    from compare.io import unwrap_lines

    text = (
        "Secretary Blinken spoke with Foreign Minister Chung about the alliance and the\n"
        "situation on the Korean Peninsula.\n"
        "Readout\n"
        "1. The two ministers agreed to continue close coordination on all matters of the\n"
        "2. second point"
    )
    assert unwrap_lines(text).split("\n") == [
        "Secretary Blinken spoke with Foreign Minister Chung about the alliance and the "
        "situation on the Korean Peninsula.",
        "Readout",
        "1. The two ministers agreed to continue close coordination on all matters of the",
        "2. second point",
    ]


# --- limits while reading (issue 16): bombs are answered fast, in bounded memory ---------------


def read_bounded(path: Path) -> str:
    """Read `path` in a fresh interpreter under a timeout and 1 GB of address space."""
    code = (
        "import sys\n"
        "from compare.errors import CompareError\n"
        "from compare.io import read_path\n"
        "try:\n"
        f"    print('text', len(read_path({str(path)!r})))\n"
        "except CompareError as err:\n"
        "    print(type(err).__name__, err)\n"
    )
    return run_bounded(code, memory=1_000_000_000).strip()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (  # 27 KB: three million empty paragraphs
            lambda: docx_from_xml([b"<w:p/>" * 3_000_000]),
            "inflates 683 times; the limit is 100 times (MAX_ZIP_RATIO)",
        ),
        (  # under 1 MB, inflating to 200 MB (a 1 GB one is the same answer, slower to build)
            lambda: docx_from_xml(
                [b"<w:p><w:r><w:t>", b" " * 200_000_000, b"</w:t></w:r></w:p>"], compresslevel=1
            ),
            "inflates to 200.0 MB; the limit is 20.0 MB (MAX_DOCX_XML_BYTES)",
        ),
        (  # distinct paragraphs pack only a few times, so the count stops them
            lambda: docx_from_xml([paragraph(str(i)) for i in range(cio.MAX_PARAGRAPHS + 1)]),
            "holds more than 50,000 paragraphs, the limit (MAX_PARAGRAPHS)",
        ),
        (
            lambda: docx_from_xml([paragraph(random_words(55_000, seed)) for seed in range(20)]),
            "holds more than 1,000,000 characters of text, the limit (MAX_CHARS)",
        ),
    ],
    ids=["empty-paragraphs", "inflation", "paragraphs", "characters"],
)
def test_docx_limits_apply_while_reading(tmp_path: Path, make, expected: str) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(make())
    assert path.stat().st_size < cio.MAX_BYTES
    result = read_bounded(path)
    assert result.startswith(f"FileTooLargeError {path}")
    assert result.endswith(expected)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (  # 2 KB compressed
            lambda: pdf_from_streams(
                [b"BT /F1 12 Tf " + b"(x) Tj " * 100_000 + b"ET"], compress=True
            ),
            "holds more than 50,000 content-stream operators, the limit (MAX_PDF_OPERATORS)",
        ),
        (  # a form of 1,000 operators drawn 100 times: counted as it runs
            lambda: pdf_from_streams(
                [b"/X1 Do " * 100],
                form=b"BT /F1 12 Tf " + b"(x) Tj " * 1_000 + b"ET",
                compress=True,
            ),
            "holds more than 50,000 content-stream operators, the limit (MAX_PDF_OPERATORS)",
        ),
        (
            lambda: make_pdf([["page"]] * (cio.MAX_PDF_PAGES + 1)),
            "has 501 pages; the limit is 500 (MAX_PDF_PAGES)",
        ),
        (
            lambda: pdf_from_streams(
                [b"BT /F1 12 Tf (" + b"x" * 1_200_000 + b") Tj ET"], compress=True
            ),
            "holds more than 1,000,000 characters of text, the limit (MAX_CHARS)",
        ),
    ],
    ids=["operators", "form-operators", "pages", "characters"],
)
def test_pdf_limits_apply_while_reading(tmp_path: Path, make, expected: str) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make())
    result = read_bounded(path)
    assert result.startswith(f"FileTooLargeError {path}")
    assert result.endswith(expected)


def test_pdf_just_under_the_operator_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dense.pdf"
    ops = b"0 -14 Td (x) Tj " * (cio.MAX_PDF_OPERATORS // 2 - 10)
    path.write_bytes(pdf_from_streams([b"BT /F1 12 Tf " + ops + b"ET"], compress=True))
    assert read_bounded(path).startswith("text ")


def test_docx_entities_are_kept_as_written_and_never_expanded() -> None:
    # A DTD in a .docx is never loaded: the billion-laughs entity and an external entity stay
    # references, and the text after them in the run is kept (it used to be dropped).
    prolog = (
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    )
    body = [paragraph("Talks &b; went on &ext; all day."), paragraph("Second.")]
    text = cio.read_bytes(docx_from_xml(body, prolog=prolog), "entities.docx")
    assert text == "Talks &b; went on &ext; all day.\nSecond."


def test_docx_reads_runs_inside_links_and_insertions_but_not_text_boxes() -> None:
    w = "w"
    body = [
        b"<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>and</w:t><w:br/><w:t>break</w:t></w:r>"
        b'<w:hyperlink><w:r><w:t xml:space="preserve"> linked</w:t></w:r></w:hyperlink>'
        b"<w:ins><w:r><w:t> inserted</w:t></w:r></w:ins>"
        b"<w:del><w:r><w:delText> deleted</w:delText></w:r></w:del>"
        b"<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent>"
        b"</w:drawing></w:r></w:p>".replace(b"w:", f"{w}:".encode()),
    ]
    assert cio.read_bytes(docx_from_xml(body), "runs.docx") == "Tab\tand\nbreak linked inserted"


def test_pypdf_warnings_do_not_reach_the_terminal() -> None:
    # A wrong startxref makes pypdf log warnings while it repairs the file; the CLI configures
    # logging at WARNING, so they used to print lines around the one-line answer.
    data = make_pdf([["Hello there."]])
    broken = data.replace(b"startxref\n%d" % data.rindex(b"xref\n0"), b"startxref\n99")
    assert broken != data
    code = (
        "import logging, sys\n"
        "logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format='LOG %(message)s')\n"
        "from compare.io import read_bytes\n"
        f"print(read_bytes({broken!r}, 'broken.pdf'))\n"
    )
    assert run_bounded(code) == "Hello there.\n"


# --- streams (issue 16 item 5) -----------------------------------------------------------------


def test_read_stream_reads_and_decodes_by_content() -> None:
    assert cio.read_stream(io.BytesIO(KOREAN.encode("cp949"))) == KOREAN
    assert cio.read_stream(io.BytesIO(b"<!doctype html><p>One</p>"), "pipe") == "One"


def test_read_stream_at_and_over_the_limit() -> None:
    assert cio.read_stream(io.BytesIO(b"x" * 1_000), max_bytes=1_000) == "x" * 1_000
    with pytest.raises(FileTooLargeError) as info:
        cio.read_stream(io.BytesIO(b"x" * 1_001), max_bytes=1_000)
    assert str(info.value) == "stdin is larger than 1.0 KB, the limit"


def test_read_stream_of_an_endless_device_fails_fast() -> None:
    # `readout-compare - b.txt < /dev/zero` read 1.5 GB before this; only limit + 1 bytes now.
    code = (
        "from compare.errors import FileTooLargeError\n"
        "from compare.io import read_stream\n"
        "try:\n"
        "    read_stream(open('/dev/zero', 'rb'))\n"
        "except FileTooLargeError as err:\n"
        "    print(err)\n"
    )
    assert run_bounded(code, memory=1_000_000_000) == "stdin is larger than 5.0 MB, the limit\n"


# --- small ones (issue 16 item 8) --------------------------------------------------------------


# mostly Korean: 관, 대, 가 and 였 (U+AD00, U+B300, U+AC00, U+C600) put NULs on the side the ASCII
# characters do not, and a trial's Korean readout was called a binary file
KOREAN_PROSE = (
    "양국 관계 발전을 위해 대화가 필요하다는 데 공감하였다. 한미 동맹의 중요성을 강조하였다. " * 3
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [ENGLISH, f"{KOREAN} 2021년\u3000{ENGLISH}", KOREAN_PROSE])
def test_utf16_without_bom_is_detected(codec: str, text: str) -> None:
    assert cio.read_bytes(text.encode(codec), "readout.txt") == text


def test_nul_bytes_at_both_parities_are_still_binary() -> None:
    with pytest.raises(FileReadError, match="looks like a binary file"):
        cio.read_bytes(b"ab\x00\x00cd\x00\x00" * 20, "data.txt")


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200c\u200d\ufeff\u2060\n\u200b", "... --- !!! ?\n* * *", "\u3002\u300c\u300d \u2014"],
    ids=["zero-width", "punctuation", "cjk-punctuation"],
)
def test_text_without_letters_or_digits_holds_no_text(text: str) -> None:
    with pytest.raises(EmptyTextError) as info:
        cio.read_bytes(text.encode("utf-8"), "marks.txt")
    assert str(info.value) == "marks.txt holds no text"


def test_lone_surrogate_from_a_pdf_font_is_replaced() -> None:
    # A ToUnicode CMap may map a glyph to a lone surrogate; pypdf passes it on, and writing
    # the CSV or JSON then failed with UnicodeEncodeError.
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <D800> "
        b"endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    data = pdf_from_streams([b"BT /F1 12 Tf (Talks A went on.) Tj ET"], to_unicode=cmap)
    text = cio.read_bytes(data, "font.pdf")
    assert text == "Talks \ufffd went on."
    text.encode("utf-8")  # raises if a surrogate is left


def test_ligatures_a_pdf_font_sets_as_one_glyph_are_read_as_their_letters() -> None:
    # fonts set "ff" and "fi" as one glyph, whose ToUnicode entry is the ligature character:
    # "Aﬀairs" kept the publisher's name from being recognised and was quoted as it was
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
        b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <5B> <FB00> "
        b"<5D> <FB01> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    stream = b"BT /F1 12 Tf (The Ministry of Foreign A[airs con]rmed it.) Tj ET"
    data = pdf_from_streams([stream], to_unicode=cmap)
    assert cio.read_bytes(data, "readout.pdf") == "The Ministry of Foreign Affairs confirmed it."
    text = "Ministry of Foreign A\ufb00airs: the \ufb02ag".encode()
    assert cio.read_bytes(text, "copied.txt") == "Ministry of Foreign Affairs: the flag"


def test_non_utf8_file_name_reads_and_is_shown_with_a_replacement(tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), b"readout-\xff.txt")
    with open(path, "wb") as handle:
        handle.write(ENGLISH.encode())
    assert cio.read_path(path) == ENGLISH
    assert cio.read_path(os.fsdecode(path)) == ENGLISH  # str with an escaped byte, as argv gives
    missing = os.path.join(os.fsencode(tmp_path), b"gone-\xfe.txt")
    with pytest.raises(FileReadError) as info:
        cio.read_path(missing)
    assert str(info.value) == f"{tmp_path}/gone-\ufffd.txt: no such file"
    str(info.value).encode("utf-8")


def test_unusable_file_name_is_a_file_read_error() -> None:
    with pytest.raises(FileReadError, match=r": not a usable file name$"):
        cio.read_path("bad\x00name.txt")


@pytest.mark.parametrize("name", ["readout.txt", "readout.md", "readout.html", "readout.docx"])
def test_a_pdf_under_another_name_is_read_as_the_pdf_it_is(name) -> None:
    assert cio.read_bytes(make_pdf([["Sniffed."]]), name) == "Sniffed."


@pytest.mark.parametrize("name", ["readout.txt", "readout.pdf"])
def test_a_docx_or_a_web_page_under_another_name_is_read_by_its_content(name) -> None:
    assert cio.read_bytes(make_docx(), name) == cio.read_bytes(make_docx(), "readout.docx")
    page = b"<!DOCTYPE html><html><body><p>One</p><p>Two</p></body></html>"
    assert cio.read_bytes(page, name) == "One\nTwo"
