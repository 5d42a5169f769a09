"""Reading one Korean sentence: '…고 외교부가 밝혔다', '국무부는 … 전했다', '…에 따르면'."""

from __future__ import annotations

import re
from dataclasses import replace

from .context import NARRATOR_CUE, Context, Reading, Source
from .english import STRAIGHT_QUOTES

_WINDOW = 200  # characters before a cue where its source may stand
_KO_SPEECH = re.compile(
    r"(?:밝혔|말했|전했|설명했|강조했|덧붙였|발표했|언급했|주장했|지적했|보도했|알렸|확인했|공개했|"
    r"브리핑했|답했|표명했|촉구했|밝히|말하)(?:습니다|다|어요|고)?[\s.\"'\u201d\u2019]*$"
)
_KO_ACCORDING_CUE = re.compile(r"에\s*따르면")
_KO_ACCORDING = re.compile(r"(?P<src>[^,\s\u201c\"]+(?:\s+[^,\s\u201c\"]+){0,3})\s*$")
_KO_NEAR = re.compile(r"(?:다|라|냐|자)고\s+(?P<src>[^\s\"]+(?:\s+[^\s\"]+)?)\s*$")
_KO_PRONOUN = re.compile(r"^\s*(?:그는|그녀는|그러면서|이 관계자는|이어|또한?\s)")
_KO_PARTICLE = re.compile(r"(?:\S+?[은는이가도](?=\s|$)|\S+(?:\s+\S+?[은는이가도](?=\s|$))?)")
_KO_WEAK = re.compile(
    r"(?:제안했|요청했|촉구했|당부했|요구했|약속했|다짐했|표명했|희망했|기대했|감사를 표했|사의를 표했)"
    r"(?:습니다|다)[\s.]*$"
)
_KO_CONTENT = re.compile(r"(?:합의했|논의했|재확인했|협의했|약속했|다짐했|공감했|평가했|확인했)")
# the reporter's words between the source and what it reports: "보도자료에서", "또", "이와 함께"
_KO_ADJUNCT = re.compile(
    r"(?:\s*(?:\S{0,12}(?:자료|성명|논평|발표|브리핑|회견)에서|또|또한|이와 함께|아울러|이어))*\s*"
)
# the quoting ending of the reported words before the verb of saying: "…했다고", "…”라고"
_KO_QUOTING = re.compile(r"(?<=[다라])고\s*$|(?<=[\"\u201d'\u2019])\s*(?:이?라고|고|면서)\s*$")
_MIN_REPORTED_WORDS = 3  # fewer, and the sentence is compared whole


def _reported(flat: str, start: int, end: int, offset: int) -> tuple[tuple[int, int], ...]:
    """The words a Korean frame reports, flat[start:end] without the reporter's adjuncts and the
    quoting ending ("미 국무부는 보도자료에서 두 장관이 “…합의했다”고 밝혔습니다" gives
    "두 장관이 “…합의했다”"), as story offsets; empty when too few words are left."""
    start = _KO_ADJUNCT.match(flat, start).end()
    quoting = _KO_QUOTING.search(flat, start, end)
    end = quoting.start() if quoting else end
    while end > start and flat[end - 1].isspace():
        end -= 1
    if len(flat[start:end].split()) < _MIN_REPORTED_WORDS:
        return ()
    return ((offset + start, offset + end),)


def read_korean(body: str, offset: int, ctx: Context) -> Reading:
    """One Korean sentence; the same rules as English, with Korean cues."""
    flat = body.translate(STRAIGHT_QUOTES)
    for cue in _KO_ACCORDING_CUE.finditer(
        flat
    ):  # "미 국무부에 따르면": the first one with a source
        according = _KO_ACCORDING.search(flat, max(0, cue.start() - _WINDOW), cue.start())
        if not according:
            continue
        source = ctx.resolve(according.group("src"), offset + according.start())
        if source:
            return Reading("frame", source, flat[according.start() : cue.end()].strip())
        break
    # the verb ends the sentence: look only at its last words
    tail = max(0, len(flat.rstrip(" \t\r\n.\"'\u201d\u2019")) - 12)
    speech = _KO_SPEECH.search(flat, tail)
    if speech:
        verb = speech.group().strip(" .\"'\u201d\u2019")
        # the speaker stands just before the verb ("…했다고 외교부가 밝혔다") or opens the sentence
        near = _KO_NEAR.search(flat, max(0, speech.start() - _WINDOW), speech.start())
        head = re.split(r"[\"\u201c]", flat[:_WINDOW], maxsplit=1)[0][:40]
        for phrase, before_verb in ([(near.group("src"), True)] if near else []) + [(head, False)]:
            found = ctx.find(phrase)
            if found and not _KO_PRONOUN.match(phrase):
                pos, gov = found[0]
                # the source up to its particle: "미 국무부는", "한국 외교부도", "외교부가"
                word = _KO_PARTICLE.match(phrase, pos).group()
                if before_verb:  # "…했다고 외교부가 밝혔다": what comes before the source
                    said = _reported(flat, 0, near.start() + 1, offset)
                elif word.endswith(("은", "는", "도")):  # "국무부는 …", the topic of the frame
                    said = _reported(flat, pos + len(word), speech.start(), offset)
                else:  # "두 장관이 …": a subject may be the reported words' own
                    said = ()
                return Reading("frame", Source((gov,), word, False), f"{word} … {verb}", said=said)
        if ctx.last is not None:  # "그는 … 덧붙였다", "국무부는 또 … 설명했다" with no new name
            return Reading("frame", ctx.last, f"{verb} (= {ctx.last.words})")
    weak = _KO_WEAK.search(flat, tail)
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
