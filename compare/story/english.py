"""Reading one English sentence: its speech frames, relays and contrasts, and whose account it is.

A *frame* is a phrase that names who reports the sentence's content: "X said", "said X",
"according to X", "X, which said", "..., saying" (the clause's subject), "X's account". The
sentence's account is then, strongest first:

- two accounts of different governments set against each other ("Unlike X, which said ..., Y said",
  "while X said ..., Y said", "B's comment goes further than A's, which said ...") are both;
- the reporter's own attribution: "according to X", or a frame closing the sentence
  ("..., the ministry said in a statement."); a news outlet is a relay, not a source ("the ministry
  said, according to Yonhap" is the ministry's account), and an unnamed non-government reporter
  ("..., sources said") makes the sentence the narrator's;
- else the outermost frame, the one that opens the sentence.

Every scan is linear in the sentence's length: frames are found in one pass over the speech verbs,
with the clause boundaries before each verb looked up, not searched again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .. import lexicon
from .context import BOTH, NARRATOR_CUE, PRONOUN, Context, Reading, Source

# Speech verbs that frame a report ("X said ..."), and acts a participant performs in the call
# ("X pledged ...") that say whose account only weakly.
_SPEECH = (
    r"said|says|say|added|adds|announced|announces|stated|states|noted|notes|stressed|stresses|"
    r"emphasi[sz]ed|emphasi[sz]es|explained|explains|wrote|writes|tweeted|tweets|posted|reported|"
    r"reports|told|tells|confirmed|confirms|briefed|claimed|claims|insisted|remarked|disclosed|"
    r"revealed|indicated|informed|quoted|pointed out|underscored|underlined|highlighted|"
    r"reiterated|recalled|recounted|described|elaborated|continued|responded|replied|"
    r"declared|affirmed|observed|warned|argued|maintained|characteri[sz]ed|characteri[sz]es|"
    r"acknowledged|mentioned|commented|asserted|clarified"
)
# Verbs that also have a plain transitive sense ("his remarks continued the stance", "Japan reported
# 500 cases"): a frame only before reported speech ("that", a quotation, a colon) or closing it.
_NEEDS_SPEECH = frozenset(
    "continued maintained observed recalled reported reports mentioned".split()
)
# who did not speak: "Hegseth has not said", "neither readout mentioned", "declined to say"
_NEGATED = re.compile(
    r"(?i)(?:\b(?:not|never|n't|no longer|declined to|refused to)\s*$)|^(?:neither|no|none|nor)\b"
)
_WEAK = (
    r"pledged|vowed|urged|proposed|expressed|welcomed|asked|requested|called for|called on|"
    r"raised|promised|suggested|assured|thanked|congratulated|invited|conveyed|"
    r"agreed|discussed|reaffirmed|shared|exchanged|committed|appreciated|praised|voiced|"
    r"demanded|sought"
)
SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b")
WEAK_RE = re.compile(rf"\b(?:{_WEAK})\b")
# "in a press release", "of the call in a released statement", "in a tweet" after the verb
_ADJUNCT = re.compile(
    r"\s+(?:of the (?:call|talks?|meeting|conversation)\s+)?(?:in|through|via|on|at)\s+"
    r"(?:a|an|its|the|his|her|their)\s+[\w\s-]{0,30}?(?:statement|release|readout|briefing|"
    r"tweet|post|interview|conference|report|remarks|message|note|account|summary)\b"
)
# "in a Monday phone call with Blinken", "during the talks" between the verb and "that": where
# the words were said, which is the reporter's frame (never a cue: `reported` alone reads it)
_OCCASION = re.compile(
    r"\s+(?:in|during|on|at|over)\s+(?:a|an|the|their|his|her|its)\s+(?:[\w'\u2019.-]+\s+){0,3}?"
    r"(?:call|phone|conversation|talks?|meeting|summit|videoconference)\b"
    r"(?:\s+with\s+[^,;~\"]{1,120}?)?(?=\s+that\b|\s*[:,]\s*[~\"])"
)
_INTRO = re.compile(
    r"^(?:(?:In|On|At|During|Through|Via|Later|Earlier|Separately|Meanwhile|However|But|And|"
    r"Also|Speaking|Asked|Responding|Afterward|Afterwards|Then|Still)\b[^,~]{0,90},\s*)"
)
# "according to X," / "per X," up to the next punctuation, dash, quotation or new subject
_ACCORDING = re.compile(
    r"(?i)\b(?:according to|per)\s+(?P<src>[^,;~\"]{2,100}?)"
    r"\s*(?=[,;.!?:\"~]|\s[\u2014\u2013-]|-\s|$|\s(?:he|she|they|it|we)\s)"
)
_CLAUSE_WORDS = re.compile(
    r"\b(?:that|which|who|whom|whether|because|if|when|while|as|after|before|since|until)\b"
)
# clause boundaries before a frame's source: "..., the ministry said", "agreement: Washington says"
_CUT = re.compile(r"[,\";:\u2014\u2013]|--")
_NONSPACE = re.compile(r"\S")
# a verb in what follows "said": indirect speech, not the adjuncts of a closing frame
_FINITE = re.compile(r"\b(?:[a-z]+ed|is|was|were|are|will|would|has|have|had)\b")
_MAX_SOURCE = 200  # characters: a source phrase is at most ten words
_INVERTED = re.compile(r"\s+(?P<src>[^,;~\"]{2,80}?)\s*(?=[,;.!?]|$)")
_ASIDE = re.compile(r"(?:^|[,;\"])(?P<src>[^,;~\"]+),[^,;~\"]{1,60},\s*$")
_TRAILING_WORDS = re.compile(
    r"\s+(?:also|further|then|later|earlier|again|separately|reportedly|previously|similarly|"
    r"likewise|has|have|had|was|were|is|would|will|had also|has also)$"
)
_SPEECH_FOLLOWS = re.compile(r"\s*(?:that\b|[~\":,]|as saying\b|[.!?]*\s*$)")
# "X, which said", "a statement in which it said": the source is what the pronoun stands for
_RELATIVE = re.compile(
    r"^(?P<head>.*?)\s*\b(?:(?:in|with|through|under)\s+)?(?:which|who)(?:\s+(?:it|he|she|they))?$"
)
_ANTECEDENT = re.compile(
    r"(?i)(?:^|\b(?:than|unlike|from|to|with|by|like)\s+|[,;:\"]\s*)"
    r"(?P<np>(?:(?!\b(?:than|unlike|from|to|with|by|like)\s)[^,;:\"~]){1,60}?)\s*$"
)
# a conjunction opening a frame's clause: "..., while Tokyo said", "Unlike Seoul, ..."
_LEADING = re.compile(r"(?i)^(?P<word>while|whereas|but|unlike|though|although|even as|and)\s+")
# ", saying ..." reports the words of the clause's subject
_PARTICIPLE = re.compile(
    r",\s+(?:saying|stating|adding|noting|insisting|stressing|explaining|writing|arguing|"
    r"claiming|declaring|warning|telling)\b"
)
# "Beijing's account", "the Kremlin's statement": the possessor's account, set against another one
_ACCOUNT = re.compile(
    r"(?:the\s+)?(?P<src>[^,;~\"]{1,60}?)(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:comments?|remarks?|account|statement|readout|version|words|response|reply|description|"
    r"position|characteri[sz]ation|summary|message)\b",
    re.I,
)
# Words that set one account against another within a sentence.
_CONTRAST = re.compile(r"(?i)\b(?:unlike|while|whereas|but|than|in contrast to|contrary to)\b")
# sentences about the two governments' accounts themselves: "differed widely in readouts offered by
# the two sides", "both governments' statements", "the two sides' accounts", "with both sides
# voicing concern"
_BOTH_ACCOUNTS = re.compile(
    r"(?i)\b(?:readouts?|accounts?|versions?|statements?)\s+(?:\w+\s+){0,2}?(?:of|by|from)\s+"
    r"(?:both|the two)\s+(?:sides|governments|countries|capitals)\b|"
    r"\b(?:both|the two)\s+(?:sides|governments|countries|capitals)(?:'|\u2019)?s?\s+"
    r"(?:readouts|accounts|versions|statements)\b|"
    r"\b(?:both|the two)\s+(?:sides|governments|leaders|ministers|capitals)\s+(?:voicing|"
    r"expressing|saying|stressing|calling|vowing|pledging|urging|warning)\b"
)
# People who speak for no government: "Analysts in Seoul said" is not Seoul's account.
_NOT_GOVERNMENT = re.compile(
    r"(?i)\b(?:analysts?|experts?|observers?|scholars?|critics?|professors?|researchers?|"
    r"think[- ]tanks?|lawmakers?|legislators?|opposition|activists?|residents?|citizens|"
    r"newspapers?|pundits?|commentators?|economists?|investors?|traders?|polls?|surveys?|"
    r"sources?|media|intercepts?|witnesses|people familiar|insiders?|diplomats? in)\b"
)
# an official the story does not place: "a senior defense official", "officials here"; not "the
# official", who is the one the story named before
_INDEFINITE = re.compile(
    r"(?i)^(?:(?:a|an|one|another)\s+(?:[\w-]+\s+){0,3}(?:officials?|spokes\w+|diplomats?|aides?)"
    r"|(?:(?!the\b)[\w-]+\s+){0,2}officials(?:\s+here)?)$"
)
_CONTENT_SUBJECT = re.compile(
    r"(?i)^(?:[^,~]{0,60},\s*)?(?:they|both|the two|the leaders|the ministers|the sides|"
    r"the presidents|the officials|the allies)\b"
)
# words that end a sentence's subject: auxiliaries, the verbs of meeting ("Suga spoke with Moon")
# and irregular past tenses ("the ministry made no mention")
_AUXILIARY = frozenset(
    """has have had was were is are will would can could did does also then spoke met held talked
    visited hosted received phoned made gave took put sent kept left brought found struck drew
    offered""".split()
)
# "X ..., while Y ...": two participants' positions set side by side
_WHILE = re.compile(r"(?i)(?:,\s*|\s)(?:while|whereas)\s+")
_DETERMINER = frozenset("a an the its his her their that to on with about what".split())
_OBJECT = re.compile(
    r"\s+(.{1,60}?)(?=\s+(?:that|in|on|at|during|after|before|about|by)\b|[,;:~\"]|[.!?]?\s*$)"
)
# curly and double-prime quotation marks read as straight ones
STRAIGHT_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'})


@dataclass(frozen=True)
class Frame:
    """A phrase in the sentence that names who reports (some of) its content."""

    start: int
    end: int
    src: str  # the source phrase as written
    verb: str  # the speech verb, or "according to", "which said", "saying", "account"
    closing: bool  # it ends the sentence: the reporter's attribution of everything before it
    kind: str = "speech"  # speech | according | relative | participle | account
    contrast: bool = False  # a contrast word ("while", "unlike", "than") stands before it


def mask_quotes(body: str) -> tuple[str, bool]:
    """`body` with quoted words replaced by '~' (same length); whether a quote is open at the end.

    Curly quotes are read as straight ones first, so the mask also serves to find frames outside
    the quotation.
    """
    out = []
    inside = False
    for ch in body.translate(STRAIGHT_QUOTES):
        if ch == '"':
            inside = not inside
            out.append(ch)
        else:
            out.append("~" if inside else ch)
    return "".join(out), inside


class _Clauses:
    """Clause boundaries of one masked sentence, looked up by position; where a quotation ends."""

    def __init__(self, masked: str) -> None:
        self.masked = masked
        cuts = [(m.end(), m.start()) for m in _CUT.finditer(masked)]
        self.cut_ends = [e for e, _ in cuts]
        self.cut_starts = [s for _, s in cuts]
        quotes = [i for i in (masked.rfind('"'), masked.rfind("~")) if i >= 0]
        self.last_quote = max(quotes) if quotes else -1
        self.intro = _INTRO.match(masked)

    def cut_before(self, pos: int) -> int:
        """Start of the last clause boundary that ends at or before `pos`, or -1."""
        at = bisect.bisect_right(self.cut_ends, pos)
        return self.cut_starts[at - 1] if at else -1


def frames(masked: str) -> list[Frame]:
    """Candidate frames in a quote-masked sentence, in order of position."""
    clauses = _Clauses(masked)
    found: list[Frame] = []
    for m in SPEECH_RE.finditer(masked):
        if m.group() in _NEEDS_SPEECH and not _speech_follows(masked, m.end()):
            continue
        frame = _speech_frame(clauses, m)
        if frame is not None:
            found.append(frame)
    for m in _ACCORDING.finditer(masked):
        closing = _closes(clauses, m.end()) or m.start() > len(masked) // 2
        found.append(
            Frame(m.start(), m.end(), m.group("src"), "according to", closing, "according")
        )
    subject = _subject(masked) if _PARTICIPLE.search(masked) else None
    if subject is not None:
        found.append(Frame(subject[0], subject[1], subject[2], "saying", False, "participle"))
    account = _ACCOUNT.match(masked, clauses.intro.end() if clauses.intro else 0)
    if account and _is_source_phrase(account.group("src")):
        found.append(
            Frame(
                account.start("src"),
                account.end(),
                account.group("src"),
                "account",
                False,
                "account",
            )
        )
    found.sort(key=lambda f: f.start)
    return found


def _speech_frame(clauses: _Clauses, m: re.Match) -> Frame | None:
    """The frame of one speech verb: its source before it ("X said"), after it ("said X"), the
    antecedent of a relative pronoun ("X, which said"), or none."""
    masked = clauses.masked
    cut = clauses.cut_before(m.start())
    if cut >= 0:
        begin = cut + 1
    elif clauses.intro and clauses.intro.end() <= m.start():
        begin = clauses.intro.end()
    else:
        begin = 0
    if m.start() - begin > _MAX_SOURCE:
        return None  # the words before the verb are too long to be who said it
    span = masked[begin : m.start()]
    src = _TRAILING_WORDS.sub("", span.rstrip()).strip()
    if not src and cut >= 0:
        # "Tokyo, for its part, said ...": the source stands before a short aside
        aside = _ASIDE.search(masked, max(0, m.start() - 2 * _MAX_SOURCE), m.start())
        if aside and _is_source_phrase(aside.group("src").strip()):
            src = aside.group("src").strip()
            begin = aside.start("src")
            cut = begin - 1 if begin else -1
    relative = _RELATIVE.match(src) if src and len(src.split()) <= 12 else None
    if relative:
        return _relative_frame(clauses, m, begin, cut, relative.group("head"))
    leading = _LEADING.match(src)
    contrast = bool(leading) and leading.group("word").lower() != "and"
    if leading:
        src = src[leading.end() :]
    if _NEGATED.search(src):
        return None
    if _is_source_phrase(src):
        start = begin + span.index(src) if src in span else begin
        closing = cut >= 0 and _closes(clauses, m.end())
        return Frame(start, m.end(), src, m.group(), closing, "speech", contrast)
    if not _NONSPACE.search(masked, begin, m.start()) and cut >= 0:
        # inverted: '"...," said the ministry.' / '..., said Kang, a presidential spokesman.'
        inv = _INVERTED.match(masked, m.end())
        if inv and _is_source_phrase(inv.group("src")):
            end = inv.end()
            return Frame(
                m.start(),
                end,
                inv.group("src"),
                m.group(),
                _closes(clauses, end),
                "speech",
                contrast,
            )
    return None


def _relative_frame(
    clauses: _Clauses, m: re.Match, begin: int, cut: int, head: str
) -> Frame | None:
    """'Unlike Seoul, which said ...', 'a statement in which it said ...': the antecedent's frame."""
    masked = clauses.masked
    head = head.strip()
    if head:  # "The MEA also issued a statement in which it said": the clause's own subject
        words, start = head, begin + masked[begin : m.start()].index(head)
    elif cut >= 0:  # "than Tokyo's, which said": the phrase before the comma
        np = _ANTECEDENT.search(masked, max(0, cut - 80), cut)
        if not np:
            return None
        words, start = np.group("np"), np.start("np")
    else:
        return None
    if "~" in words or len(words.split()) > 10:
        return None
    contrast = bool(_CONTRAST.search(masked, max(0, start - 40), start + len(words)))
    leading = _LEADING.match(words)
    if leading:
        words, start = words[leading.end() :], start + leading.end()
    return Frame(start, m.end(), words, f"which {m.group()}", False, "relative", contrast)


def _speech_follows(masked: str, end: int) -> bool:
    """Does reported speech follow a verb ("continued that", 'continued: "'), or does the verb end
    the sentence?"""
    adjunct = _ADJUNCT.match(masked, end)
    return bool(_SPEECH_FOLLOWS.match(masked, adjunct.end() if adjunct else end))


def _subject(masked: str, start: int = 0) -> tuple[int, int, str] | None:
    """A clause's subject up to its first verb: 'The defense ministry in Beijing [provided]'."""
    intro = _INTRO.match(masked[start : start + _MAX_SOURCE])
    begin = start + (intro.end() if intro else 0)
    words = list(re.finditer(r"[^\s,;:~\"]+", masked[begin : begin + _MAX_SOURCE]))
    for k, w in enumerate(words[:11]):
        word = w.group()
        following = words[k + 1].group().lower() if k + 1 < len(words) else ""
        verb = (
            SPEECH_RE.match(masked, begin + w.start())  # also "pointed out", "called for"
            or WEAK_RE.match(masked, begin + w.start())
            or word in _AUXILIARY
            or (word.islower() and word.endswith(("ed", "s")) and following in _DETERMINER)
        )
        if verb:
            if k == 0:
                return None
            end = begin + words[k - 1].end()
            src = masked[begin:end]
            return (begin, end, src) if _is_source_phrase(src) else None
    return None


def _is_source_phrase(src: str) -> bool:
    """Could `src` be who speaks? (Whether it is a government is `_account`'s question.)"""
    return bool(
        src
        and "~" not in src
        and len(src.split()) <= 10
        and not _CLAUSE_WORDS.search(src)
        and not SPEECH_RE.search(src)
        and not WEAK_RE.search(src)
    )


def _closes(clauses: _Clauses, end: int) -> bool:
    """Is what follows a speech verb only its adjuncts, so the frame closes the sentence?"""
    masked = clauses.masked
    adjunct = _ADJUNCT.match(masked, end)
    start = adjunct.end() if adjunct else end
    if len(masked) - start > 2 * _MAX_SOURCE:
        # a long rest closes only as an aside after a comma, with no quotation in it
        rest = masked[start : start + _MAX_SOURCE].lstrip()
        return rest.startswith(",") and clauses.last_quote < start
    rest = masked[start:].strip()
    if rest.startswith(","):  # "..., referring to North Korea by its official name."
        return '"' not in rest and "~" not in rest
    # "told reporters.", "said Thursday.", "said of the call." but not "said the talks ended."
    return bool(
        re.fullmatch(r"[\w\s'.-]{0,40}[.!?\"']*", rest)
        and not _CLAUSE_WORDS.search(rest)
        and not _FINITE.search(rest)
        and len(rest.split()) <= 5
    )


def _object(masked: str, end: int) -> str:
    """The words a verb's object spans: "told [his Japanese counterpart] that ..."."""
    m = _OBJECT.match(masked, end)
    return m.group(1) if m else ""


# --------------------------------------------------------------------------------------------
# From frames to the sentence's account


@dataclass(frozen=True)
class _Account:
    frame: Frame
    source: Source
    cue: str
    outlet: bool  # a news outlet relaying another's account


def read_english(body: str, offset: int, ctx: Context) -> tuple[Reading, bool]:
    """One English sentence, and whether it leaves a quotation open."""
    masked, inside_after = mask_quotes(body)
    accounts: list[_Account] = []
    acts: list[Reading] = []
    reporter_none: Frame | None = None  # "..., sources said": a reporter who is no government
    for frame in frames(masked):
        account = _account(frame, body, masked, offset, ctx)
        if account is None:
            reporter = frame.closing or frame.kind == "according"
            if reporter and _NOT_GOVERNMENT.search(frame.src):
                reporter_none = frame
            continue
        if (
            frame.verb in ("told", "tells")
            and not frame.closing
            and ctx.find(_object(masked, frame.end))
        ):
            # "Biden told Moon ...": what one side said to the other in the call, an act whose
            # report may be either side's (Kang relaying it is Korea's account)
            acts.append(Reading("weak", account.source, account.cue))
            continue
        accounts.append(account)
    both = (
        _contrasted(accounts)
        or _contrasted_clause(masked, offset, accounts, ctx)
        or _both_accounts(masked, accounts)
    )
    if both is not None:
        return both, inside_after
    accounts = [a for a in accounts if a.frame.kind != "account"]  # alone, it names a topic
    governments = [a for a in accounts if not a.outlet] or accounts
    closing = [a for a in governments if a.frame.closing or a.frame.kind == "according"]
    if reporter_none is not None and not any(a.frame.closing for a in governments):
        cue = masked[reporter_none.start : reporter_none.end].strip(" ,")
        return Reading("narrator", None, f"{cue} (not a government)"), inside_after
    if governments:
        ranked = [a for a in closing if a.frame.kind == "according"] or closing
        chosen = ranked[-1] if ranked else governments[0]
        said = tuple((offset + b, offset + e) for b, e in reported(body, masked, chosen.frame))
        return Reading("frame", chosen.source, chosen.cue, said=said), inside_after
    if acts:
        return acts[0], inside_after
    both = _contrasted_acts(masked, offset, ctx)
    if both is not None:
        return both, inside_after
    if '"' in masked and not re.sub(r'[~"\s.,;:!?]', "", masked):
        return Reading("quote", None, "quotation without a frame"), inside_after
    weak = _weak_act(masked, offset, ctx)
    if weak is not None:
        return weak, inside_after
    if ctx.main and _CONTENT_SUBJECT.search(masked) and WEAK_RE.search(masked):
        return Reading("content", None, ""), inside_after
    subject = _subject(masked)
    mention = ctx.resolve(subject[2], offset + subject[0]) if subject else None
    if mention is not None and (len(mention.governments) != 1 or BOTH in mention.governments):
        mention = None
    return Reading("narrator", None, NARRATOR_CUE, mention), inside_after


# what goes on after a closing frame from the same speaker: '..., he said, adding that ...'
_ADDING = re.compile(r",?\s*(?:and\s+|while\s+)?(?:adding|added)\b(?:\s+that\b|\s*:)?")
# what reported speech opens with after the verb: "said that", 'said: "', 'said, "'
_OPENS_SPEECH = re.compile(r"\s*(?:that\b|:|,(?=\s*[~\"])|(?=\s*[~\"]))")
_TRIM = " ,;:-\u2013\u2014"
_QUOTES = '"\u201c\u201d'
# fewer reported words than this, and the sentence is compared whole
_MIN_REPORTED_WORDS = 4


def reported(body: str, masked: str, frame: Frame) -> tuple[tuple[int, int], ...]:
    """Where the words one frame reports lie in `body`, without the reporter's own: the speech
    tag and what the reporter adds after a closing frame ('"We will ...," he added, referring to
    North Korea by its official name' gives 'We will ...'), or the frame opening the sentence
    ("Blinken said that ...", "According to the ministry, ..."). Empty when the frame sits
    inside the reported words or leaves too few of them: the sentence is compared whole."""
    spans: list[tuple[int, int]] = []
    if frame.kind not in ("speech", "according"):
        return ()
    intro = _INTRO.match(masked)
    begin = intro.end() if intro and intro.end() <= frame.start else 0
    opening = not _NONSPACE.search(masked, begin, frame.start)  # nothing before the frame
    if frame.kind == "according" and opening:
        spans.append(_trimmed(body, frame.end, len(body)))
    elif frame.closing:
        spans.append(_trimmed(body, 0, frame.start))
        adjunct = _ADJUNCT.match(masked, frame.end)
        after = adjunct.end() if adjunct else frame.end
        adding = _ADDING.match(masked, after)
        if adding:  # '..., he said, adding that ...': the same speaker goes on
            spans.append(_trimmed(body, adding.end(), len(body)))
    elif frame.kind == "speech" and opening:
        adjunct = _ADJUNCT.match(masked, frame.end) or _OCCASION.match(masked, frame.end)
        opens = _OPENS_SPEECH.match(masked, adjunct.end() if adjunct else frame.end)
        if not opens:
            return ()  # no reported speech after the verb
        spans.append(_trimmed(body, opens.end(), len(body)))
    else:
        return ()  # the frame sits inside the reported words
    spans = [(b, e) for b, e in spans if e > b]
    if sum(len(body[b:e].split()) for b, e in spans) < _MIN_REPORTED_WORDS:
        return ()
    return tuple(spans)


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """`start`-`end` without the spaces and commas around the words, and without the quotation
    marks around them when the words are one quotation (a quotation mark that pairs with one
    inside stays)."""
    start, end = _stripped(body, start, end)
    text = body[start:end]
    inner = text[1:].rstrip(".!?")[:-1]
    if (
        text[:1] in _QUOTES
        and text.rstrip(".!?")[-1:] in _QUOTES
        and len(text) > 2
        and not any(c in _QUOTES for c in inner)
    ):
        start, end = _stripped(body, start + 1, start + 1 + len(inner))
    return start, end


def _stripped(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] in _TRIM:
        start += 1
    while end > start and body[end - 1] in _TRIM:
        end -= 1
    return start, end


def _account(frame: Frame, body: str, masked: str, offset: int, ctx: Context) -> _Account | None:
    """The government a frame's source stands for, with the cue to show; None if it names none."""
    src = frame.src.strip()
    outlet = lexicon.news_outlet(src)
    note = ""
    if outlet is not None:
        # a relay: "according to Yonhap", "Politico reports"; a country's outlet is that
        # government's account only when nothing else in the sentence says whose it is
        government = outlet or lexicon.first_government(src)
        source = Source((government,), src, False) if government else None
    elif _NOT_GOVERNMENT.search(src):
        source = None
    elif _INDEFINITE.match(src) and not ctx.find(src):
        source, note = _unplaced_official(src, masked, frame.end, ctx)
    else:
        source = ctx.resolve(src, offset + frame.start)
    if source is None:
        return None
    if ctx.state_outlet and source.person and ctx.home and ctx.home not in source.governments:
        # "Macron said ..." in Xinhua's story of Xi's call: the Chinese government's account
        note += f" (relayed by {ctx.state_outlet})"
        source = Source((ctx.home,), source.words, True)
    if frame.kind == "according":
        cue = body[frame.start : frame.end].strip(" ,")
    elif frame.kind in ("speech", "relative"):
        adjunct = _ADJUNCT.match(body, frame.end)
        cue = body[frame.start : adjunct.end() if adjunct else frame.end].strip(" ,")
    else:
        cue = f"{body[frame.start : frame.end].strip(' ,')} ({frame.verb})"
    if PRONOUN.match(src):
        cue = f"{cue} ({src} = {source.words})"
    return _Account(frame, source, cue + note, outlet is not None)


def _unplaced_official(src: str, masked: str, end: int, ctx: Context) -> tuple[Source | None, str]:
    """'A senior defense official told ... that Austin repeated ...': a national outlet's own
    official, else the government of the participant the official speaks about."""
    if ctx.outlet_home and ctx.home:
        return Source((ctx.home,), src, True), " (the outlet's own government)"
    content = masked[end : end + _MAX_SOURCE]
    that = re.search(r"\bthat\b", content)
    content = content[that.end() :] if that else content
    found = ctx.find(content)
    if not found:
        return None, ""
    start, government = found[0]
    about = re.match(r"[\w'\u2019.-]+", content[start:])
    return Source(
        (government,), src, True
    ), f" (speaking of {about.group() if about else government})"


def _contrasted(accounts: list[_Account]) -> Reading | None:
    """Two governments' accounts set against each other in one sentence: both.

    A pair counts when a contrast word marks one of them ("while", "unlike", "than") or both are
    plain speech frames ("X said ..., Y said ..."), and neither closes the sentence ("X said ...,
    Y's spokesman said" is Y's relay of X).
    """
    seen: dict[tuple, _Account] = {}  # the first account of each government and shape
    for a in accounts:
        if len(a.source.governments) == 1 and BOTH not in a.source.governments:
            if not a.frame.closing:
                shape = (a.source.governments, a.frame.contrast, a.frame.kind == "speech")
                seen.setdefault(shape, a)
    singles = sorted(seen.values(), key=lambda a: a.frame.start)
    for i, first in enumerate(singles):
        for second in singles[i + 1 :]:
            if first.source.governments == second.source.governments:
                continue
            contrasted = first.frame.contrast or second.frame.contrast
            parallel = first.frame.kind == second.frame.kind == "speech"
            if not (contrasted or parallel):
                continue
            governments = first.source.governments + second.source.governments
            words = f"{first.source.words} / {second.source.words}"
            return Reading(
                "frame",
                Source(governments, words, first.source.person),
                f"two accounts: {first.cue} / {second.cue}",
            )
    return None


def _contrasted_clause(
    masked: str, offset: int, accounts: list[_Account], ctx: Context
) -> Reading | None:
    """One government's frame and, across a contrast, the other clause's subject of the other
    side: 'While Seoul said ..., Tokyo put the length at ...', 'Seoul said ..., while Tokyo put
    ...'."""
    if not accounts or len({a.source.governments for a in accounts}) != 1:
        return None
    marked = [a for a in accounts if a.frame.contrast and a.frame.kind in ("speech", "relative")]
    first = marked[0] if len(marked) == 1 else accounts[0] if not marked else None
    if first is None:
        return None
    frame = first.frame
    before = _WHILE.search(masked, 0, frame.start + 1)
    after = _WHILE.search(masked, frame.end)
    if frame.contrast and before and before.end() <= frame.start:
        subject = _subject(masked[: before.start()])  # "X ..., while Y said ...": the first clause
    elif frame.contrast:  # "While Y said ..., X ...": the main clause after the while-clause
        comma = masked.find(",", frame.end)
        subject = _subject(masked, comma + 1) if comma >= 0 else None
    elif after:  # "Y said ..., while X put ...": the clause after "while"
        subject = _subject(masked, after.end())
    else:
        return None
    source = ctx.resolve(subject[2], offset + subject[0]) if subject else None
    if source is None or len(source.governments) != 1 or BOTH in source.governments:
        return None
    if source.governments == first.source.governments:
        return None
    governments = first.source.governments + source.governments
    cue = f"two accounts: {first.cue} / {subject[2]}"
    return Reading("frame", Source(governments, f"{first.source.words} / {subject[2]}", True), cue)


def _contrasted_acts(masked: str, offset: int, ctx: Context) -> Reading | None:
    """'Suga spoke with Moon ..., while Moon called for ...': each side's participant in its own
    clause, with no frame saying whose account the sentence is: both."""
    m = _WHILE.search(masked)
    if not m:
        return None
    sides = []
    for start in (0, m.end()):
        subject = _subject(masked[: m.start()] if start == 0 else masked, start)
        source = ctx.resolve(subject[2], offset + subject[0]) if subject else None
        if source is None or len(source.governments) != 1 or BOTH in source.governments:
            return None
        sides.append((subject[2], source.governments[0]))
    (first, gov_a), (second, gov_b) = sides
    if gov_a == gov_b:
        return None
    cue = f"two participants set side by side: {first} / {second}"
    return Reading("frame", Source((gov_a, gov_b), f"{first} / {second}", True), cue)


def _both_accounts(masked: str, accounts: list[_Account]) -> Reading | None:
    """A sentence about both governments' accounts ("readouts offered by the two sides")."""
    m = _BOTH_ACCOUNTS.search(masked)
    if not m:
        return None
    return Reading("frame", Source((BOTH,), m.group(), False), f"both sides' accounts: {m.group()}")


def _weak_act(masked: str, offset: int, ctx: Context) -> Reading | None:
    """'Biden pledged ...': an act of one participant that nobody is said to report."""
    intro = _INTRO.match(masked)
    start = intro.end() if intro else 0
    m = WEAK_RE.search(masked, start)
    if not m or m.start() == start or m.start() - start > _MAX_SOURCE:
        return None
    before = masked[start : m.start()]
    if re.search(r"\b(?:has|have|had)(?:\s+\w+ly)?\s*$", before):
        return None  # "Lee has pledged ...": background, not the call
    subject = _TRAILING_WORDS.sub("", before.rstrip()).strip()
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
