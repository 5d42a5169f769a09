"""Reading one sentence at a time: whose account it reports, and the words that say so.

The rules, strongest first:

1. a speech frame in the sentence: "X said", "X told ...", "said X", "according to X",
   "In a tweet, X said"; a frame after the quotation or in the last clause beats one at the start
   ("Blinken told Yang ..., the State Department said" is the State Department's account);
2. a pronoun or generic source ("it added", "he added", "the ministry said") takes the last source or
   the government the story tied that kind of body to ("the department" after "State Department");
3. a quotation spanning several lines takes the frame of the line that closes it, and a line that
   is only a quotation continues the last source;
4. a participant's own act without a frame ("Biden pledged ...") continues the source of the
   sentence before, else is the participant's government;
5. unattributed call content ("They agreed ...") after the first source is left for the story's
   main source (decided in `sides`);
6. everything else — headline, dateline, sign-off, background — is the narrator.

Korean sentences use the same rules with Korean cues (`…고 밝혔다`, `…에 따르면`, `그는 …`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..schema import Kind
from ..segment import _HANGUL, _is_whole_line
from .context import BOTH, DATELINE, PRONOUN, Context, Source

NARRATOR_CUE = "no source: the outlet's own words"

# Speech verbs that frame a report ("X said ..."), and acts a participant performs in the call
# ("X pledged ...") that say whose account only weakly.
_SPEECH = (
    r"said|says|say|added|adds|announced|announces|stated|states|noted|notes|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|explained|explains|wrote|writes|tweeted|tweets|posted|reported|"
    r"reports|told|tells|confirmed|confirms|briefed|claimed|claims|insisted|remarked|disclosed|"
    r"revealed|indicated|informed|quoted|pointed out|underscored|underlined|highlighted|"
    r"reiterated|recalled|recounted|described|elaborated|continued|responded|replied|"
    r"declared|affirmed|observed|warned|argued|maintained"
)
_WEAK = (
    r"pledged|vowed|urged|proposed|expressed|welcomed|asked|requested|called for|called on|"
    r"raised|promised|suggested|assured|thanked|congratulated|invited|conveyed|"
    r"agreed|discussed|reaffirmed|shared|exchanged|committed|appreciated|praised"
)
_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b")
_WEAK_RE = re.compile(rf"\b(?:{_WEAK})\b")
# "in a press release", "of the call in a released statement", "in a tweet" after the verb
_ADJUNCT = re.compile(
    r"\s+(?:of the (?:call|talks?|meeting|conversation)\s+)?(?:in|through|via|on|at)\s+"
    r"(?:a|an|its|the|his|her|their)\s+[\w\s-]{0,30}?(?:statement|release|readout|briefing|"
    r"tweet|post|interview|conference|report|remarks|message|note|account|summary)\b"
)
_INTRO = re.compile(
    r"^(?:(?:In|On|At|During|Through|Via|Later|Earlier|Separately|Meanwhile|However|But|And|"
    r"Also|Speaking|Asked|Responding|Afterward|Afterwards|Then|Still)\b[^,~]{0,90},\s*)"
)
_ACCORDING = re.compile(r"(?i)\baccording to\s+(?P<src>[^,;~\"]{2,100}?)\s*(?=[,;.!?]|$|~)")
_CLAUSE_WORDS = re.compile(r"\b(?:that|which|who|whom|whether|because|if|when|while|as)\b")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'})
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$|[다요]\.?\s*$")
_KO_DATELINE = re.compile(r"^\([^)=]{1,20}=[^)]{1,20}\)\s*(?:\S+\s+(?:기자|특파원)\s*=\s*)?")

# Korean: "…고 밝혔다", "…고 말했습니다", "…에 따르면"
_KO_SPEECH = re.compile(
    r"(?:밝혔|말했|전했|설명했|강조했|덧붙였|발표했|언급했|주장했|지적했|보도했|알렸|확인했|공개했|"
    r"브리핑했|답했|표명했|촉구했|밝히|말하)(?:습니다|다|어요|고)?[\s.\"'\u201d\u2019]*$"
)
_KO_ACCORDING = re.compile(r"(?P<src>[^,\s\u201c\"]+(?:\s+[^,\s\u201c\"]+){0,3})\s*에\s*따르면")
_KO_PRONOUN = re.compile(r"^\s*(?:그는|그녀는|그러면서|이 관계자는|이어|또한?\s)")
_KO_WEAK = re.compile(
    r"(?:제안했|요청했|촉구했|당부했|요구했|약속했|다짐했|표명했|희망했|기대했|감사를 표했|사의를 표했)"
    r"(?:습니다|다)[\s.]*$"
)
_KO_CONTENT = re.compile(r"(?:합의했|논의했|재확인했|협의했|약속했|다짐했|공감했|평가했|확인했)")


@dataclass(frozen=True)
class Reading:
    """What the rules found in one sentence: its kind, its source (if any) and the cue."""

    kind: str  # frame | quote | weak | content | narrator
    source: Source | None
    cue: str


def _mask_quotes(body: str) -> tuple[str, bool]:
    """`body` with quoted words replaced by '~' (same length); whether a quote is open at the end.

    Curly quotes are read as straight ones first, so the mask also serves to find frames outside
    the quotation.
    """
    out = []
    inside = False
    for ch in body.translate(_QUOTES):
        if ch == '"':
            inside = not inside
            out.append(ch)
        else:
            out.append("~" if inside else ch)
    return "".join(out), inside


_TRAILING_WORDS = re.compile(
    r"\s+(?:also|further|then|later|earlier|again|separately|reportedly|previously|similarly|"
    r"likewise|has|have|had|was|were|is|would|will|had also|has also)$"
)


def _frames(masked: str) -> list[tuple[int, int, str, str, bool]]:
    """Candidate speech frames in a quote-masked sentence: (start, end, source, verb, closing).

    `closing` marks a frame that ends the sentence ("..., the ministry said in a statement."), which
    is the reporter's attribution of everything before it.
    """
    frames = []
    for m in _SPEECH_RE.finditer(masked):
        before = masked[: m.start()]
        cut = max(before.rfind(c) for c in (",", '"', ";", "--", "\u2014", "\u2013"))
        if cut >= 0:
            begin = cut + 1
        else:
            intro = _INTRO.match(before)
            begin = intro.end() if intro else 0
        src = _TRAILING_WORDS.sub("", before[begin:].rstrip()).strip()
        aside = re.search(r"(?:^|[,;\"])(?P<src>[^,;~\"]+),[^,;~\"]{1,60},\s*$", before)
        if not src and aside and _is_source_phrase(aside.group("src").strip()):
            # "Tokyo, for its part, said ...": the source stands before a short aside
            begin = aside.start("src")
            src = aside.group("src").strip()
            cut = begin - 1 if begin else -1
        if _is_source_phrase(src):
            start = begin + before[begin:].index(src)
            frames.append((start, m.end(), src, m.group(), cut >= 0 and _closes(masked, m.end())))
        elif not before[begin:].strip() and cut >= 0:
            # inverted: '"...," said the ministry.' / '..., said Kang, a presidential spokesman.'
            inv = re.match(r"\s+(?P<src>[^,;~\"]{2,80}?)\s*(?=[,;.!?]|$)", masked[m.end() :])
            if inv and _is_source_phrase(inv.group("src")):
                end = m.end() + inv.end()
                frames.append((m.start(), end, inv.group("src"), m.group(), _closes(masked, end)))
    for m in _ACCORDING.finditer(masked):
        closing = _closes(masked, m.end()) or m.start() > len(masked) // 2
        frames.append((m.start(), m.end(), m.group("src"), "according to", closing))
    return frames


# People who speak for no government: "Analysts in Seoul said" is not Seoul's account.
_NOT_GOVERNMENT = re.compile(
    r"(?i)\b(?:analysts?|experts?|observers?|scholars?|critics?|professors?|researchers?|"
    r"think[- ]tanks?|lawmakers?|legislators?|opposition|activists?|residents?|citizens|"
    r"newspapers?|pundits?|commentators?|economists?|investors?|traders?|polls?|surveys?)\b"
)


def _is_source_phrase(src: str) -> bool:
    return bool(
        src
        and not _NOT_GOVERNMENT.search(src)
        and "~" not in src
        and len(src.split()) <= 10
        and not _CLAUSE_WORDS.search(src)
        and not _SPEECH_RE.search(src)
        and not _WEAK_RE.search(src)
    )


def _closes(masked: str, end: int) -> bool:
    """Is what follows a speech verb only its adjuncts, so the frame closes the sentence?"""
    rest = masked[end:]
    adjunct = _ADJUNCT.match(rest)
    rest = (rest[adjunct.end() :] if adjunct else rest).strip()
    if rest.startswith(","):  # "..., referring to North Korea by its official name."
        return '"' not in rest and "~" not in rest
    # "told reporters.", "said Thursday.", "said of the call."
    return bool(
        re.fullmatch(r"[\w\s'.-]{0,40}[.!?\"']*", rest)
        and not _CLAUSE_WORDS.search(rest)
        and len(rest.split()) <= 5
    )


def _read_english(body: str, offset: int, ctx: Context) -> tuple[Reading, bool]:
    """One English sentence, and whether it leaves a quotation open."""
    masked, inside_after = _mask_quotes(body)
    candidates = []
    acts: list[Reading] = []
    for start, end, src, verb, closing in _frames(masked):
        source = ctx.resolve(src, offset + start)
        if source is None:
            continue
        adjunct = _ADJUNCT.match(body, end) if verb != "according to" else None
        cue = body[start : adjunct.end() if adjunct else end].strip(" ,")
        if PRONOUN.match(src.strip()):
            cue = f"{cue} ({src.strip()} = {source.words})"
        if verb in ("told", "tells") and not closing and ctx.find(_object(masked, end)):
            # "Biden told Moon ...": what one side said to the other in the call, an act whose
            # report may be either side's (Kang relaying it is Korea's account)
            acts.append(Reading("weak", source, cue))
            continue
        candidates.append((verb == "according to", closing, source, cue))
    if not candidates and acts:
        return acts[0], inside_after
    if candidates:
        # "according to X" and a closing frame name the reporter's source; else the outermost frame
        ranked = [c for c in candidates if c[0]] or [c for c in candidates if c[1]]
        _, _, source, cue = ranked[-1] if ranked else candidates[0]
        return Reading("frame", source, cue), inside_after
    if '"' in masked and not re.sub(r'[~"\s.,;:!?]', "", masked):
        return Reading("quote", None, "quotation without a frame"), inside_after
    weak = _weak_act(masked, offset, ctx)
    if weak is not None:
        return weak, inside_after
    if ctx.main and _CONTENT_SUBJECT.search(masked) and _WEAK_RE.search(masked):
        return Reading("content", None, ""), inside_after
    return Reading("narrator", None, NARRATOR_CUE), inside_after


_OBJECT = re.compile(
    r"\s+(.{1,60}?)(?=\s+(?:that|in|on|at|during|after|before|about|by)\b|[,;:~\"]|[.!?]?\s*$)"
)


def _object(masked: str, end: int) -> str:
    """The words a verb's object spans: "told [his Japanese counterpart] that ..."."""
    m = _OBJECT.match(masked, end)
    return m.group(1) if m else ""


_CONTENT_SUBJECT = re.compile(
    r"(?i)^(?:[^,~]{0,60},\s*)?(?:they|both|the two|the leaders|the ministers|the sides|"
    r"the presidents|the officials|the allies)\b"
)


def _weak_act(masked: str, offset: int, ctx: Context) -> Reading | None:
    """'Biden pledged ...': an act of one participant that nobody is said to report."""
    body = _INTRO.sub("", masked)
    m = _WEAK_RE.search(body)
    if not m or m.start() == 0:
        return None
    if re.search(r"\b(?:has|have|had)(?:\s+\w+ly)?\s*$", body[: m.start()]):
        return None  # "Lee has pledged ...": background, not the call
    subject = _TRAILING_WORDS.sub("", body[: m.start()].rstrip()).strip()
    if not _is_source_phrase(subject) or "," in subject:
        return None
    if _CONTENT_SUBJECT.match(subject):  # "They agreed": both participants, nobody's report
        return None
    source = ctx.resolve(subject, offset)
    if source is None:
        return None
    if BOTH in source.governments or len(source.governments) != 1:  # "Moon and Biden agreed"
        return Reading("content", None, "") if ctx.main else None
    return Reading("weak", source, f"{subject} {m.group()}")


def _read_korean(body: str, offset: int, ctx: Context) -> Reading:
    """One Korean sentence: '…고 외교부가 밝혔다', '국무부는 … 전했다', '…에 따르면'."""
    flat = body.translate(_QUOTES)
    according = _KO_ACCORDING.search(flat)
    if according:
        source = ctx.resolve(according.group("src"), offset + according.start())
        if source:
            return Reading("frame", source, according.group().strip())
    speech = _KO_SPEECH.search(flat)
    if speech:
        verb = speech.group().strip(" .\"'\u201d\u2019")
        # the speaker stands just before the verb ("…했다고 외교부가 밝혔다") or opens the sentence
        near = re.search(
            r"(?:다|라|냐|자)고\s+(?P<src>[^\s\"]+(?:\s+[^\s\"]+)?)\s*$", flat[: speech.start()]
        )
        head = re.split(r"[\"\u201c]", flat, maxsplit=1)[0][:40]
        for phrase in ([near.group("src")] if near else []) + [head]:
            found = ctx.find(phrase)
            if found and not _KO_PRONOUN.match(phrase):
                pos, gov = found[0]
                # the source up to its particle: "미 국무부는", "한국 외교부도", "외교부가"
                word = re.match(
                    r"(?:\S+?[은는이가도](?=\s|$)|\S+(?:\s+\S+?[은는이가도](?=\s|$))?)",
                    phrase[pos:],
                ).group()
                return Reading("frame", Source((gov,), word, False), f"{word} … {verb}")
        if ctx.last is not None:  # "그는 … 덧붙였다", "국무부는 또 … 설명했다" with no new name
            return Reading("frame", ctx.last, f"{verb} (= {ctx.last.words})")
    weak = _KO_WEAK.search(flat)
    if weak:  # "왕 부장은 또 … 제안했습니다": a participant's act, like "Wang proposed ..."
        head = flat[:20]
        found = ctx.find(head)
        if found:
            return Reading("weak", Source((found[0][1],), head.split()[0], True), weak.group())
        if ctx.last is not None:
            return Reading("weak", replace(ctx.last, person=True), weak.group())
    if _KO_CONTENT.search(flat) and ctx.main:
        return Reading("content", None, "")
    return Reading("narrator", None, NARRATOR_CUE)


def read_all(statements: Sequence, ctx: Context) -> list[Reading]:
    """Read the story's statements in order, carrying the running source and open quotations."""
    text = ctx.text
    readings: list[Reading] = []
    inside = False  # a quotation is open at the end of the previous statement
    pending: list[int] = []  # lines of an open quotation whose frame may still come
    for st in statements:
        reading, in_quote, inside = _read_statement(text, st, inside, ctx)
        if (
            reading.kind == "weak"
            and reading.source.person
            and readings
            and readings[-1].source is not None
        ):
            # "Kishida expressed hope ..." right after a source's sentence goes on with that source
            reading = Reading("frame", ctx.last, f"{reading.cue} (continues: {ctx.last.words})")
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
        if not inside:
            pending = []
        readings.append(reading)
    return readings


def _read_statement(text: str, st, inside: bool, ctx: Context) -> tuple[Reading, bool, bool]:
    """(reading, whether the statement is part of a quotation, whether a quotation stays open)."""
    chunk = st.text
    if st.kind is Kind.NON_CONTENT:
        return Reading("narrator", None, "heading or sign-off"), False, False
    if _is_whole_line(text, st.start, st.end) and not _SENTENCE_END.search(chunk):
        return Reading("narrator", None, "headline or caption (no sentence end)"), False, False
    body, skipped = _strip_dateline(chunk)
    if not body.strip():
        return Reading("narrator", None, "dateline"), False, False
    offset = st.start + skipped
    if _HANGUL.search(body):
        return _read_korean(body, offset, ctx), False, False
    # A quotation runs on into a new paragraph only when that paragraph opens with a quote mark
    # again; without one the earlier quote mark was unbalanced, and this is plain text.
    opens = body.lstrip().startswith(('"', "\u201c"))
    reading, inside_after = _read_english(body, offset, ctx)
    in_quote = reading.kind == "quote" or (opens and (inside or inside_after))
    return reading, in_quote, inside_after


def _strip_dateline(chunk: str) -> tuple[str, int]:
    """The sentence without its dateline ('SEOUL, Feb. 4 (Yonhap) -- '), and how much was cut."""
    m = DATELINE.match(chunk) or _KO_DATELINE.match(chunk)
    if not m:
        return chunk, 0
    return chunk[m.end() :], m.end()
