"""Reading the story's sentences in order: whose account each one reports.

The rules, strongest first:

1. a speech frame in the sentence (`english`, `korean`): "X said", "said X", "according to X",
   "X, which said", "..., saying"; two governments' accounts set against each other are both;
2. a pronoun or generic source ("it added", "he added", "the ministry said") takes the last source or
   the government the story tied that kind of body to ("the department" after "State Department");
3. a quotation spanning several lines takes the frame of the line that closes it, and a line that
   is only a quotation continues the last source;
4. a participant's own act without a frame ("Biden pledged ...") continues the source of the
   sentence before, else is the participant's government; after the story has turned to
   background (a sentence of its own words after an account), it stays the narrator's;
5. unattributed call content ("They agreed ...") after the first source is left for the story's
   main source (decided in `sides`); a sentence of the call's participants that stands between two
   sentences of the same account continues it;
6. everything else — headline, dateline, sign-off, background — is the narrator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import has_hangul
from ..schema import Kind
from .context import DATELINE, NARRATOR_CUE, Context, Reading, Source
from .english import read_english
from .korean import read_korean

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$|[다요]\.?\s*$")
_KO_DATELINE = re.compile(r"^\([^)=]{1,20}=[^)]{1,20}\)\s*(?:\S+\s+(?:기자|특파원)\s*=\s*)?")
_DATELINE_CHARS = 200  # a dateline stands in a sentence's first characters
# A whole line without a sentence end is a headline or caption when it is short; a longer one is a
# sentence whose full stop was lost.
HEADLINE_MAX_WORDS = 25
# an embedded post's signature: "... — Secretary Antony Blinken (@SecBlinken) October 31, 2022"
_SIGNATURE = re.compile(
    r"[\u2014\u2013-]+\s*(?P<src>[^()\u2014\u2013]{2,80}?)\s*\(@\w{1,30}\)"
    r"(?:\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?\s*$"
)
# the participants of the call as a sentence's subject: "They sat down ...", "The two leaders ..."
_PARTICIPANTS = re.compile(
    r"(?i)^(?:[^,]{0,60},\s*)?(?:they|both|the two|the leaders|the ministers|the presidents)\b"
)


def read_all(statements: Sequence, ctx: Context) -> list[Reading]:
    """Read the story's statements in order, carrying the running source and open quotations."""
    text = ctx.text
    readings: list[Reading] = []
    inside = False  # a quotation is open at the end of the previous statement
    pending: list[int] = []  # lines of an open quotation whose frame may still come
    background = False  # the story has turned from the accounts to its own words
    alone = _alone_on_line(text, statements)
    for st, whole_line in zip(statements, alone, strict=True):
        reading, in_quote, inside = _read_statement(st, whole_line, inside, ctx)
        if reading.kind == "weak" and reading.source.person and readings:
            if readings[-1].source is not None:
                # "Kishida expressed hope ..." right after a source's sentence goes on with it
                reading = Reading("frame", ctx.last, f"{reading.cue} (continues: {ctx.last.words})")
            elif background:
                reading = Reading("narrator", None, f"{reading.cue} (in the outlet's background)")
        if reading.kind == "frame":
            for k in pending:  # the closing frame says whose words the lines before it were
                readings[k] = Reading(
                    "quote", reading.source, f"quotation closed by: {reading.cue}"
                )
            pending = []
        elif in_quote and reading.source is None:
            if ctx.last is not None:  # a quotation with no frame continues the last speaker
                reading = Reading("quote", ctx.last, f"quotation continues ({ctx.last.words})")
            if inside:
                pending.append(len(readings))
        if reading.source is not None:
            ctx.remember(reading.source, st.start)
            background = False
        else:
            if reading.mention is not None:
                ctx.mention(reading.mention)
            if reading.cue == NARRATOR_CUE and ctx.last is not None:
                background = True
        if not inside:
            pending = []
        readings.append(reading)
    return _between_accounts(statements, readings)


def _alone_on_line(text: str, statements: Sequence) -> list[bool]:
    """Whether each statement is a whole line: no other statement shares its line (the
    statements cover every non-blank character, so only their neighbours need looking at)."""
    breaks = [
        "\n" in text[before.end : after.start]
        for before, after in zip(statements, statements[1:], strict=False)
    ]
    return [
        (k == 0 or breaks[k - 1]) and (k == len(statements) - 1 or breaks[k])
        for k in range(len(statements))
    ]


def _read_statement(st, whole_line: bool, inside: bool, ctx: Context) -> tuple[Reading, bool, bool]:
    """(reading, whether the statement is part of a quotation, whether a quotation stays open)."""
    chunk = st.text
    if st.kind is Kind.NON_CONTENT:
        return Reading("narrator", None, "heading or sign-off"), False, False
    signature = _SIGNATURE.search(chunk, max(0, len(chunk) - 160))
    if signature:
        source = ctx.resolve(signature.group("src"), st.start + signature.start("src"))
        if source is not None:
            cue = f"post signed {signature.group().strip(' -' + chr(0x2014) + chr(0x2013))}"
            # the post is compared without its signature, which names the signer, not a point
            start, end = _post_words(chunk, signature.start())
            said = ((st.start + start, st.start + end),) if end > start else ()
            return Reading("frame", source, cue, said=said), False, False
    if whole_line and not _SENTENCE_END.search(chunk) and len(chunk.split()) <= HEADLINE_MAX_WORDS:
        return Reading("narrator", None, "headline or caption (no sentence end)"), False, False
    body, skipped = _strip_dateline(chunk)
    if not body.strip():
        return Reading("narrator", None, "dateline"), False, False
    offset = st.start + skipped
    if has_hangul(body):
        return read_korean(body, offset, ctx), False, False
    # A quotation runs on into a new paragraph only when that paragraph opens with a quote mark
    # again; without one the earlier quote mark was unbalanced, and this is plain text.
    opens = body.lstrip().startswith(('"', "\u201c"))
    reading, inside_after = read_english(body, offset, ctx)
    in_quote = reading.kind == "quote" or (opens and (inside or inside_after))
    return reading, in_quote, inside_after


def _post_words(chunk: str, signature: int) -> tuple[int, int]:
    """Where a post's own words lie in `chunk`: before its signature, without the spaces."""
    words = chunk[:signature]
    start = len(words) - len(words.lstrip())
    return start, len(words.rstrip())


def _between_accounts(statements: Sequence, readings: list[Reading]) -> list[Reading]:
    """'They sat down for 11 minutes.' between two sentences of one account continues it."""
    out = list(readings)
    for k in range(1, len(readings) - 1):
        before, here, after = readings[k - 1], readings[k], readings[k + 1]
        if here.cue != NARRATOR_CUE or before.source is None or after.source is None:
            continue
        if before.source.governments != after.source.governments:
            continue
        if not _PARTICIPANTS.match(statements[k].text):
            continue
        source: Source = before.source
        out[k] = Reading("frame", source, f"between two sentences of {source.words}'s account")
    return out


def _strip_dateline(chunk: str) -> tuple[str, int]:
    """The sentence without its dateline ('SEOUL, Feb. 4 (Yonhap) -- '), and how much was cut."""
    head = chunk[:_DATELINE_CHARS]
    m = DATELINE.match(head) or _KO_DATELINE.match(head)
    if not m:
        return chunk, 0
    return chunk[m.end() :], m.end()
