"""Aligned groups -> agree / partial / diverge (leftovers -> only_a / only_b), each with a reason.

Embedding similarity says two statements are about the same thing; it cannot see a conflict
("supports" vs "opposes" score 0.83-0.91). So the label rests on explicit evidence read off the
text of both sides: numbers and durations, negation, opposite verbs, modality (agreed vs urged),
who is said to have spoken, and content words found on one side only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .countries import countries as other_countries
from .glossary import find_terms
from .lexicon import (
    CANONICAL_NAMES,
    FRAMING_SUBJECTS,
    LOGISTICS,
    OFFICIALS,
    PARTIES,
    SPEAKER_NATIONS,
    SPEAKER_PARTNER_TITLES,
    SPEAKER_TITLES,
    SURNAMES,
    WEEKDAYS,
    has_hangul,
)
from .schema import Config, Evidence, Label
from .similarity import combined_score
from .text import Search, content_words, normalise, stem
from .values import CLOCK_VALUE, DAY_VALUE, MONTHS, WHEN_UNITS, quantities, read, spoken

_NEGATION = Search(
    r"\b(?:not|no(?!\.?\s*\d)|never|neither|nor|nobody|none|nothing|cannot|unable to|"
    r"refus(?:e|es|ed|ing) to|fail(?:s|ed)? to|declin(?:e|es|ed) to|no longer|yet to|"
    r"dont|doesnt|didnt|wont|cant|isnt|arent|wasnt|werent)\b|n't\b",
    re.I,
)
# Korean negation of a predicate: "논의하지 않았다", "합의하지 못했다", "…하지 말 것"
_KO_NEGATION = Search(r"지\s*(?:않|못|말)", needs=["지"])
_WORD_REST = re.compile(r"\S*")
# negations that do not deny what follows them
_NOT_NEGATION = Search(r"\b(?:not only|not least|no later than|nothing but|not just)\b", re.I)
# verbs that contradict each other when each side uses one of them about the same thing
_OPPOSITES = [
    (r"support(?:s|ed|ing)?", r"oppos(?:e|es|ed|ing)"),
    (
        r"welcom(?:e|es|ed|ing)",
        r"condemn(?:s|ed|ing)?|criticiz(?:e|es|ed|ing)|regret(?:s|ted|ting)?|deplor(?:e|es|ed|ing)"
        r"|concern(?:s|ed)?",
    ),
    (r"agree(?:s|d)?", r"disagree(?:s|d)?"),
    (r"accept(?:s|ed|ing)?", r"reject(?:s|ed|ing)?|declin(?:e|es|ed|ing)"),
    (
        r"maintain(?:s|ed|ing)?|tighten(?:s|ed|ing)?",
        r"eas(?:e|es|ed|ing)|relax(?:es|ed|ing)?|loosen(?:s|ed|ing)?",
    ),
    (r"increas(?:e|es|ed|ing)", r"decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)"),
    (r"strengthen(?:s|ed|ing)?", r"weaken(?:s|ed|ing)?"),
    (
        r"continu(?:e|es|ed|ing)|resum(?:e|es|ed|ing)",
        r"suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?",
    ),
    (r"lift(?:s|ed|ing)?", r"impos(?:e|es|ed|ing)"),
    (r"approv(?:e|es|ed|ing)", r"den(?:y|ies|ied|ying)"),
    (r"confirm(?:s|ed|ing)?", r"den(?:y|ies|ied|ying)"),
    (r"prais(?:e|es|ed|ing)", r"criticiz(?:e|es|ed|ing)"),
    (r"allow(?:s|ed|ing)?", r"prohibit(?:s|ed|ing)?|ban(?:s|ned|ning)?"),
    (r"success(?:ful|fully)?", r"fail(?:ed|ure)?"),
]
# Every verb form above is letters only, so `\b(?:form)\b` matches whole words (runs of \w)
# and nothing else: a text's verbs are found by looking each of its words up once (`_verbs`),
# not by searching the text once per form.
_VERB_FORMS = tuple(dict.fromkeys(form for pair in _OPPOSITES for form in pair))
_VERB_FORM_PATTERNS = tuple(re.compile(f"(?:{form})", re.I) for form in _VERB_FORMS)
_ANY_VERB_FORM = re.compile("|".join(f"(?:{form})" for form in _VERB_FORMS), re.I)
_WORD_RUN = re.compile(r"\w+")
_SCOPE_WORDS = 5  # how many words after a negation or a verb make up what it is about
_SCOPE_BEFORE = 3  # ... and, for a verb, how many before it ("sanctions must be maintained")
# the characters around a cue that can hold those few words: a scope is read from a window, never
# from the whole rest of the text (which made 50,000 negations quadratic)
_WINDOW = 200
# a negation cue and the words after it that it denies, as one span of the text
_SCOPE = re.compile(rf"\S+(?:\s+\S+){{0,{_SCOPE_WORDS}}}")
_MODALITY = {
    name: Search(pattern, re.I)
    for name, pattern in {
        "agreed": r"\bagree[sd]?\b|\bconcurred\b|\bshared the view\b|\baffirmed\b|\breaffirmed\b|\bcommitted\b|\bpledged\b|\bconfirmed\b",
        "urged": r"\burg\w*|\bcall(?:ed|s)? (?:on|for)\b|\brequest\w*|\bdemand\w*|\bpress(?:ed)? for\b|\basked\b",
        "regretted": r"\bregret\w*|\bconcern\w*|\bdeplor\w*|\bdisappoint\w*",
        "planned": r"\bbeing arranged\b|\bwill (?:explore|consider|discuss)\b|\bto be arranged\b|\bplan(?:s|ned)? to\b",
    }.items()
}
_SPEAKER = re.compile(
    r"^(?:[°•\-\u2013*□ㅇ○▲]|\(?\d{1,3}[.)]?)?\s*(?:in response,?\s*|on (?:the|his|her) part,?\s*)?"
    r"(?P<who>(?:the\s+)?(?:two|both)\s+(?:ministers|leaders|sides|secretaries|countries|presidents)"
    r"|they|both sides|the sides|we"
    rf"|(?:(?:{SPEAKER_NATIONS})\s+)?(?:{SPEAKER_TITLES})"
    r"(?:\s+(?-i:[A-Z][\w'-]+|[A-Z]\.)){0,3}"
    rf"(?:\s+and\s+(?:the\s+)?(?:(?:u\.?s\.?|{SPEAKER_NATIONS})\s+)?{SPEAKER_PARTNER_TITLES}"
    r"(?:\s+(?-i:[A-Z][\w'-]+|[A-Z]\.)){0,3})?"
    r"|i"
    # a bare name that speaks ("Blinken said", "Wang Yi stressed"): kept when it is an official's
    r"|(?P<name>(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?))(?=\s+(?:\w+ly\s+)?(?:said|stated|noted"
    r"|stressed|emphasi[sz]ed|expressed|explained|responded|replied|added|underlined"
    r"|underscored|pointed out|hoped|welcomed|thanked|congratulated|proposed|suggested"
    r"|asked|urged|called|conveyed|raised|reaffirmed)\b))\b",
    re.I,
)
# who asked for the call or meeting: "at the request of the U.S. side", "at Japan's request",
# "requested by the Korean side"
_REQUESTER = re.compile(
    r"\b(?:at|upon|on)\s+(?:the\s+)?request\s+(?:of|from|by)\s+(?P<x>[^,;:()]{1,40})"
    r"|\b(?:at|upon|on)\s+(?:the\s+)?(?P<y>[\w.' -]{1,40}?)(?:'s|\u2019s)\s+request\b"
    r"|\brequested\s+by\s+(?P<z>[^,;:()]{1,40})",
    re.I,
)
# the parties a requester phrase can name (normalise() maps a bare "Korean side" to the ROK)
_PARTIES = PARTIES
# a country on each side only is a swap when the rest of the wording is shared: at most this share
# of either side's content words is its own
_SWAP_MAX_SHARE = 0.34


def requesters(text: str) -> set[str]:
    """The countries `text` says asked for the call, as canonical names (empty if it says none,
    or names only a person: who a person speaks for is not known here)."""
    return _requesters(_REQUESTER.finditer(text))


def _requesters(matches: Iterable[re.Match]) -> set[str]:
    """`requesters` of a text, from its matches of _REQUESTER."""
    found: set[str] = set()
    for m in matches:
        phrase = normalise(next(g for g in m.groups() if g))
        found |= {p for p in _PARTIES if re.search(rf"\b{p}\b", phrase)}
    return found


_JOINT = re.compile(r"\b(?:two|both|they|we|sides)\b|\band\b", re.I)


# words before which "hope" is a noun
_DETERMINERS = ("'s", "’s", "the", "a", "its", "our", "their", "his", "her", "my", "your")
# softened commitments: one side agrees to do it, the other to consider it
_HEDGE = re.compile(
    r"\b(?:to|will|would|could|may|might|shall)\s+(?:consider|explore|look into|study)\b"
    r"|\bconsider(?:s|ed|ing)?\s+(?:ways|options|whether|the possibility)\b"
    r"|\bexplor(?:e|es|ed|ing)\s+(?:ways|options|whether|the possibility)\b"
    # the verb, not the noun ("the international community's hope to resolve it")
    r"|" + "".join(f"(?<!{w} )" for w in _DETERMINERS) + r"\bhop(?:e|es|ed|ing)\s+(?:to|that)\b",
    re.I,
)
# How a statement frames its point. Readouts of one call often agree on the topic and differ in
# the way forward (pressure on the other party vs engagement with it) or in the verdict (a
# positive step vs one that must not be rewarded). A side taking one frame of an opposed pair
# while the other side takes the other frame and not the first is a conflict of framing, with no
# negation or number needed.
_FRAMES = {
    "pressure": Search(
        r"\bpressure\b|\bsanction\w*|\bdeter(?:s|red|ring|rence)?\b|\baccountable\b"
        r"|\bcontinue\w*\s+until\b|\bnot\s+be\s+rewarded\b|\bpunish\w*",
        re.I,
    ),
    "engagement": Search(
        r"\bdialogue\b|\bengagement\b|\bdiplomacy\b|\bnegotiations?\b"
        r"|\bdoor\b[^.;]{0,30}\bopen\b|\bwindow of opportunity\b",
        re.I,
    ),
    "positive": Search(
        r"\bpositive\b|\bprogress\b|\bconstructive\b|\bmeaningful\b|\bhistoric\b"
        r"|\bencouraging\b|\bstep forward\b",
        re.I,
    ),
    "negative": Search(
        r"\bnot\s+be\s+rewarded\b|\bdisappointing\b|\bunacceptable\b|\binsufficient\b"
        r"|\bnot\s+enough\b|\bregret\w*",
        re.I,
    ),
}
_OPPOSED_FRAMES = (("pressure", "engagement"), ("positive", "negative"))


def frames(text: str) -> dict[str, str]:
    """The frames `text` takes, each with the words that show it ("pressure" -> "apply
    pressure")."""
    return {name: m.group() for name, pattern in _FRAMES.items() if (m := pattern.search(text))}


def _framing_conflict(a_text: str, b_text: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """One side takes a frame of an opposed pair, the other side the opposite frame and not the
    first, whichever side is A: A's frame and B's, each with its words, (("pressure",
    "sanctions"), ("engagement", "dialogue"))."""
    fa, fb = frames(a_text), frames(b_text)
    for x, y in _OPPOSED_FRAMES:
        for first, second in ((x, y), (y, x)):
            if first in fa and second in fb and first not in fb:
                return (first, fa[first]), (second, fb[second])
            if first in fb and second in fa and first not in fa:
                return (second, fa[second]), (first, fb[first])
    return None


def _same_when(va: set[str], vb: set[str]) -> tuple[set[str], set[str]]:
    """The times or dates of both sides, where one side's value that says less than the
    other's and fits it is written as the other writes it: the same moment, not a second one.
    '1:00' (no a.m. or p.m.) fits '1:00 p.m.'; 'the 18th' (no month) fits 'may 18'."""

    def fits(value: str, other: str) -> bool:
        if day := DAY_VALUE.match(value):
            return bool(re.fullmatch(rf"[a-z]{{3}} {int(day[1])}", other))
        return " " not in value and other.startswith(f"{value} ")  # a time without its half

    def unified(mine: set[str], theirs: set[str]) -> set[str]:
        return {next((t for t in sorted(theirs) if fits(v, t)), v) for v in mine}

    return unified(va, vb), unified(vb, va)


def _time_zones(va: set[str], vb: set[str], unit: str) -> bool:
    """Are the sides' one date, weekday or clock time each apart as two time zones make one
    call? Each government gives the time by its own clock: Washington's evening of the 14th is
    Seoul's morning of the 15th, and Tokyo's 4:30 p.m. is Beijing's 3:30 p.m. A day apart, or
    whole or half hours apart, is not a conflict."""
    if len(va) != 1 or len(vb) != 1:
        return False
    (a,), (b,) = va, vb
    if unit == "weekday":
        return (WEEKDAYS.index(a) - WEEKDAYS.index(b)) % 7 in (1, 6)
    if unit == "time":
        return _hours_apart(a, b)
    if unit != "date":
        return False
    day_a, day_b = DAY_VALUE.match(a), DAY_VALUE.match(b)
    if day_a or day_b:  # a day without its month: only the days can be compared
        days = [int(m[1]) if m else int(v.split()[1]) for m, v in ((day_a, a), (day_b, b))]
        return abs(days[0] - days[1]) == 1
    for year, length in ((2000, 366), (2001, 365)):  # no year is given: leap or not
        try:
            date_a, date_b = (
                date(year, MONTHS.index(m) + 1, int(d)) for m, d in (a.split(), b.split())
            )
        except ValueError:  # 'feb 29' in a common year; 'feb 30' in none
            continue
        if (date_a - date_b).days % length in (1, length - 1):  # the year's end meets its start
            return True
    return False


def _hours_apart(a: str, b: str) -> bool:
    """Two clock times as compare.values writes them ('4:30 p.m.', '1:00') a whole or half number of
    hours apart; without a.m. or p.m. on one side, on a 12-hour dial."""
    times = [CLOCK_VALUE.fullmatch(v) for v in (a, b)]
    if not all(times):
        return False
    dial = 1440 if all(t[3] for t in times) else 720
    minutes = [(int(t[1]) % 12) * 60 + int(t[2]) + (720 if t[3] == "p" else 0) for t in times]
    apart = (minutes[0] - minutes[1]) % dial
    return apart != 0 and apart % 30 == 0


def _worded(values: set[str], unit: str) -> str:
    """Values of one unit as a reason gives them: '15 minutes', '1 hour', 'aug 5', '2, 3',
    'the first time'."""
    text = ", ".join(sorted(values))
    if unit in ("", *WHEN_UNITS):
        return text
    if unit == "times" and text == "1":  # "for the first time" is no count of one
        return "the first time"
    return f"{text} {unit[:-1] if text == '1' and unit.endswith('s') else unit}"


def _logistic_unit(unit: str, values: set[str]) -> bool:
    """Do numbers of this unit say when or how long a meeting was (a date, a time, minutes, a
    year), rather than how many of something?"""
    if unit in (*WHEN_UNITS, "minutes", "hours"):
        return True
    return unit == "" and all(re.fullmatch(r"(?:19|20)\d\d", v) for v in values)


def _several_lengths(unit: str, qa: dict[str, set[str]], qb: dict[str, set[str]]) -> bool:
    """Does either side give more than one length of time (minutes and hours together)? Then
    the lengths may be of different parts of the meeting, and cannot be said to conflict."""
    if unit not in ("minutes", "hours"):
        return False
    return any(len(q.get("minutes", ())) + len(q.get("hours", ())) > 1 for q in (qa, qb))


def _same_tense(va: set[str], vb: set[str]) -> bool:
    """Do both sides give a future ("this", "next") or both a past ("last") relative time?"""
    return any(
        any(v.split()[0] in tense for v in va) and any(v.split()[0] in tense for v in vb)
        for tense in (("this", "next"), ("last",))
    )


def _month_dated(month: str, found: dict[str, set[str]]) -> bool:
    return any(d.startswith(f"{month} ") for d in found.get("date", ()))


def _names_last(words: list[str], text: str) -> tuple[str, ...]:
    """Order words so that those written capitalised in `text` (names, places) come last."""
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][\w'-]*", text)}
    ordered = sorted(words, key=lambda w: w in capitalised or w in CANONICAL_NAMES)
    return tuple(CANONICAL_NAMES.get(w, w) for w in ordered)


def _counts(texts: Sequence[str]) -> dict[str, dict[str, str]]:
    """The numbers `texts` give of each thing they count, by the stem of its noun: 'missil' ->
    {'3': 'missiles'} (each value with its noun as written)."""
    out: dict[str, dict[str, str]] = {}
    for text in texts:
        for v in read(text):
            if v.noun:
                out.setdefault(stem(v.noun), {}).setdefault(v.value, v.noun)
    return out


def _count_conflicts(
    a_texts: Sequence[str], b_texts: Sequence[str]
) -> list[tuple[tuple[str, str], tuple[set[str], set[str]]]]:
    """Each thing both sides count with no number in common ("3 ballistic missiles" vs "8
    missiles"): the conflict as a reason words it ('3 missiles', '8 missiles'), and each
    side's values."""
    ca, cb = _counts(a_texts), _counts(b_texts)
    out = []
    for key in sorted(ca.keys() & cb.keys()):
        va, vb = ca[key], cb[key]
        if not va.keys() & vb.keys():
            worded = tuple(
                ", ".join(f"{spoken(n)} {found[n]}" for n in sorted(found, key=Decimal))
                for found in (va, vb)
            )
            out.append((worded, (set(va), set(vb))))
    return out


def _spelled(texts: Sequence[str]) -> set[str]:
    """The values of the counts `texts` spell as words ("two ships" -> '2')."""
    return {v.value for text in texts for v in read(text) if v.spelled}


def _length_conflicts(qa: dict[str, set[str]], qb: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Where each side gives one length of time, one in minutes and the other in hours: a
    conflict when they differ ('1 hour' vs '45 minutes'). Both are taken out of `qa` and `qb`
    either way, so that "1 hour" and "60 minutes" are the same length, not two."""
    lengths = [
        [(unit, v) for unit in ("minutes", "hours") for v in q.get(unit, ())] for q in (qa, qb)
    ]
    if any(len(found) != 1 for found in lengths) or lengths[0][0][0] == lengths[1][0][0]:
        return []
    (ua, va), (ub, vb) = lengths[0][0], lengths[1][0]
    for q, unit in ((qa, ua), (qb, ub)):
        del q[unit]
    minutes = [Decimal(v) * (60 if u == "hours" else 1) for u, v in ((ua, va), (ub, vb))]
    return [] if minutes[0] == minutes[1] else [(_worded({va}, ua), _worded({vb}, ub))]


def _merged_quantities(texts: Sequence[str]) -> dict[str, set[str]]:
    """quantities() of each statement (so each one's list number is skipped), merged."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for unit, values in quantities(text).items():
            out.setdefault(unit, set()).update(values)
    return out


def speaker(text: str) -> str | None:
    """Who the statement says spoke or acted, when it opens with a speaker: a title ("Secretary
    Blinken", "The two ministers", "They"), or the name of a known official ("Wang Yi said")."""
    m = _SPEAKER.match(text.strip())
    if m is None:
        return None
    if m.group("name") and official_government(m.group("name")) is None:
        return None  # "China stressed", "Pyongyang said": not a person
    return m.group("who").strip()


def speaking_official(text: str) -> tuple[str, str] | None:
    """The one known official the statement opens with, and the government they speak for:
    ("Minister Kang", "ROK"); None for a joint subject, a title alone or an unknown name."""
    who = speaker(text)
    if who is None or _is_joint(who):
        return None
    government = official_government(who)
    return (who, government) if government else None


def official_government(who: str) -> str | None:
    """The government of the official a speaker names ("Minister Kang" -> "ROK", "Wang Yi" ->
    "CN"), from the lexicon's officials; None for a title alone or a name it does not know."""
    if who in OFFICIALS:
        return OFFICIALS[who]
    for word in re.findall(r"(?-i:[A-Z][a-z]+)", who):
        if word in SURNAMES:
            return SURNAMES[word]
    return None


def _is_joint(who: str) -> bool:
    return bool(_JOINT.search(who))


def _modality(text: str) -> set[str]:
    return {name for name, pattern in _MODALITY.items() if pattern.search(text)}


def _scope(text: str, end: int) -> list[str]:
    """Content-word stems in the few words after position `end`, in text order."""
    window = " ".join(text[end : end + _WINDOW].split()[:_SCOPE_WORDS])
    return list(content_words(window))


def _words_before(text: str, start: int) -> str:
    return " ".join(text[max(0, start - _WINDOW) : start].split()[-_SCOPE_BEFORE:])


def _negated_verb(text: str, start: int) -> bool:
    """Is the verb starting at `start` negated ("would not stop", "did not welcome")?"""
    return bool(_NEGATION.search(_words_before(text, start)))


def _verb_scope(text: str, start: int, end: int) -> set[str]:
    """Content-word stems around a verb: its object after it, or its subject in a passive."""
    return set(content_words(_words_before(text, start))) | set(_scope(text, end))


def _negated(text: str) -> list[tuple[int, list[str]]]:
    """Each real negation cue in `text`: where it starts, and the stems it denies."""
    masked = _NOT_NEGATION.sub(lambda m: "_" * len(m.group()), text)
    return [(m.start(), _scope(text, m.end())) for m in _NEGATION.finditer(masked)]


def _quote_to(text: str, start: int, stem_: str) -> str:
    """The words of `text` from `start` up to the first whose stem is `stem_`, as written."""
    words: list[str] = []
    start = text.rfind(" ", 0, start) + 1  # the whole word: "didn't", not "n't"
    for word in text[start:].split():
        words.append(word)
        if stem_ in content_words(word):
            break
    return " ".join(words).strip(".,;:!?\"'()")


def _negation_conflict(a_text: str, b_text: str) -> str | None:
    """One side denies what the other affirms: a negation on one side only, whose scope the
    other side states ("will not take place" vs "will take place"). Quoted as written: "B says
    'did not discuss the trade'"."""
    negated_a, negated_b = _negated(a_text), _negated(b_text)
    if negated_a and negated_b:
        return None  # both sides negate: a difference of wording, not of polarity
    for side, negated, own, other in (
        ("A", negated_a, a_text, b_text),
        ("B", negated_b, b_text, a_text),
    ):
        other_words = content_words(other)
        for start, scope in negated:
            shared = [w for w in scope if w in other_words]
            if shared:
                return f"{side} says '{_quote_to(own, start, shared[0])}'"
    return None


def _crosslingual_negation(a_text: str, b_text: str) -> str | None:
    """`_negation_conflict` across Korean and English: one side denies a concept of the glossary
    that the other states with no negation at all. Korean denies the predicate it ends ("논의하지
    않았고", did not discuss), English the words after its cue. Quoted as written."""
    if has_hangul(a_text) == has_hangul(b_text):
        return None
    ko_side, ko, en = ("A", a_text, b_text) if has_hangul(a_text) else ("B", b_text, a_text)
    en_side = "B" if ko_side == "A" else "A"
    ko_negated, en_negated = _ko_negated(ko), _negated(en)
    if ko_negated and en_negated:
        return None  # both sides negate: a difference of wording, not of polarity
    en_terms = find_terms(en)
    named = {t.gloss for t in en_terms}
    for start, end, gloss in ko_negated:
        if gloss in named:
            return f"{ko_side} says '{ko[start:end].rstrip('.,;:!?')}'"
    stated = {t.gloss for t in find_terms(ko)}
    starts = [t.start for t in en_terms]  # find_terms gives them in text order
    for start, _ in en_negated:
        reach = _SCOPE.match(en, start).end()  # the cue and the words it denies
        for t in en_terms[bisect_left(starts, start) : bisect_left(starts, reach)]:
            if t.gloss in stated:
                word = en.rfind(" ", 0, start) + 1  # the whole word: "didn't", not "n't"
                return f"{en_side} says '{en[word : t.end]}'"
    return None


def _ko_negated(text: str) -> list[tuple[int, int, str]]:
    """Each negated Korean predicate: where the concept it denies starts, where the negated word
    ends, and the concept's gloss ("논의하지 않았고": 논의, discuss)."""
    ending_at = {t.end: t for t in find_terms(text)}  # one lookup per cue: linear in the text
    out = []
    for m in _KO_NEGATION.finditer(text):
        # the concept that ends the predicate's stem: "논의" of "논의하지", "합의" of "합의되지"
        term = next(
            (
                ending_at[end]
                for end in range(m.start(), m.start() - 3, -1)
                if end in ending_at and " " not in text[end : m.start()]
            ),
            None,
        )
        if term is not None:  # quoted to the end of the negated word: "논의하지 않았고"
            out.append((term.start, _WORD_REST.match(text, m.end()).end(), term.gloss))
    return out


@lru_cache(maxsize=65536)
def _verb_forms_of(word: str) -> tuple[str, ...]:
    """The verb forms of _OPPOSITES that `word` is (any case)."""
    if not _ANY_VERB_FORM.fullmatch(word):
        return ()
    return tuple(
        f for f, p in zip(_VERB_FORMS, _VERB_FORM_PATTERNS, strict=True) if p.fullmatch(word)
    )


def _verbs(text: str) -> dict[str, re.Match]:
    """Each verb form of _OPPOSITES that `text` uses, with its first match: what
    `re.search(rf"\b(?:{form})\b", text, re.I)` finds."""
    out: dict[str, re.Match] = {}
    for m in _WORD_RUN.finditer(text):
        for form in _verb_forms_of(m.group()):
            out.setdefault(form, m)
    return out


def _opposite_verbs(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """Verb pairs like supports / opposes, one on each side, about the same thing."""
    found = []
    verbs_a, verbs_b = _verbs(a_text), _verbs(b_text)
    for x, y in _OPPOSITES:
        for first, second in ((x, y), (y, x)):
            ma, mb = verbs_a.get(first), verbs_b.get(second)
            if not ma or not mb:
                continue
            if second in verbs_a or first in verbs_b:
                continue  # both sides use both verbs: no contrast
            if _negated_verb(a_text, ma.start()) or _negated_verb(b_text, mb.start()):
                continue  # "would not stop" vs "would continue" say the same
            scope_a = _verb_scope(a_text, ma.start(), ma.end())
            if scope_a & _verb_scope(b_text, mb.start(), mb.end()):
                found.append((ma.group().lower(), mb.group().lower()))
    return found


def evidence(
    a_texts: Sequence[str], b_texts: Sequence[str], *, crosslingual: bool = False
) -> Evidence:
    """Read off what differs between side A's and side B's statements of one group.

    Across languages only numbers, dates and durations can be compared word for word, and a
    negation of a concept the glossary names on both sides.
    """
    a_text, b_text = " ".join(a_texts), " ".join(b_texts)
    if crosslingual:
        wa, wb = {}, {}
    else:
        wa, wb = content_words(a_text), content_words(b_text)
    extra_a, extra_b = [k for k in wa if k not in wb], [k for k in wb if k not in wa]
    # a date is reported below as a date ("only B gives aug 5"), so its month is not listed
    # again as a word; it still counts towards the one-sided share
    both = f"{a_text} {b_text}"
    dated = content_words(
        " ".join(
            both[v.start : v.end] for v in read(both) if v.unit in WHEN_UNITS and v.unit != "time"
        )
    )
    # names and titles come last: the words that say what differs come first
    only_a = _names_last([wa[k] for k in extra_a if k not in dated], a_text)
    only_b = _names_last([wb[k] for k in extra_b if k not in dated], b_text)

    qa, qb = _merged_quantities(a_texts), _merged_quantities(b_texts)
    conflicts, date_conflicts, time_zones, only_a_num, only_b_num = [], [], [], [], []
    # numbers that count the same thing ("3 missiles" vs "8 missiles") conflict; a length in
    # minutes meets one in hours ("1 hour" is "60 minutes")
    counts = _count_conflicts(a_texts, b_texts)
    conflicts += [worded for worded, _ in counts]
    shared_a, shared_b = _spelled(a_texts), _spelled(b_texts)  # "two ships" meets "2 ships"
    for _, (va, vb) in counts:
        shared_a |= vb  # reported as a conflict: not listed again as one side's number
        shared_b |= va
    conflicts += _length_conflicts(qa, qb)
    logistic_numbers = True  # every one-sided number says when or how long they met
    for unit in sorted(set(qa) | set(qb)):
        va, vb = qa.get(unit, set()), qb.get(unit, set())
        if unit == "":
            va, vb = va - shared_b, vb - shared_a
        if unit in ("time", "date"):
            va, vb = _same_when(va, vb)
        # "next week" vs "last year" are two events, not a conflict; nor is one side's single
        # length against the other's lengths in minutes and hours (a meeting and a lunch)
        comparable = (unit != "when" or _same_tense(va, vb)) and not _several_lengths(unit, qa, qb)
        if unit == "month":  # months that only come with dates: the dates were compared
            dated = all(_month_dated(m, qa) for m in va) and all(_month_dated(m, qb) for m in vb)
            comparable = comparable and not dated
        if va and vb and not va & vb and unit != "" and comparable:
            if _time_zones(va, vb, unit):
                found = time_zones
            else:
                found = date_conflicts if unit in WHEN_UNITS else conflicts
            found.append((_worded(va, unit), _worded(vb, unit)))
        elif unit == "month":  # a month is news only when no date of that side names it
            only_a_num += [v for v in sorted(va - vb) if not _month_dated(v, qa)]
            only_b_num += [v for v in sorted(vb - va) if not _month_dated(v, qb)]
        else:
            only_a_num += [_worded({v}, unit) for v in sorted(va - vb)]
            only_b_num += [_worded({v}, unit) for v in sorted(vb - va)]
        if va ^ vb and not _logistic_unit(unit, va ^ vb):
            logistic_numbers = False

    negation = (_crosslingual_negation if crosslingual else _negation_conflict)(a_text, b_text)
    framing = None if crosslingual else _framing_conflict(a_text, b_text)
    opposites = [] if crosslingual else _opposite_verbs(a_text, b_text)

    ma, mb = (set(), set()) if crosslingual else (_modality(a_text), _modality(b_text))
    modality = None
    if ma and mb and not ma & mb:
        modality = (", ".join(sorted(ma)), ", ".join(sorted(mb)))

    sa = [] if crosslingual else [s for s in (speaker(t) for t in a_texts) if s]
    sb = [] if crosslingual else [s for s in (speaker(t) for t in b_texts) if s]
    speakers = framed_speakers = None
    if sa and sb and not (any(map(_is_joint, sa)) and any(map(_is_joint, sb))):
        if not any(_same_person(x, y) for x in sa for y in sb):
            speakers = (sa[0], sb[0])
    if speakers and _framing_only(speakers, a_text, b_text):
        speakers, framed_speakers = None, speakers

    hedge = None
    ha, hb = (None, None) if crosslingual else (_HEDGE.search(a_text), _HEDGE.search(b_text))
    if bool(ha) != bool(hb):
        hedge = ("A", ha.group().lower()) if ha else ("B", hb.group().lower())
    # the parties, as the lexicon reads them, then any other country ("Russia", "Tehran")
    named = ({}, {}) if crosslingual else (other_countries(a_text), other_countries(b_text))
    swapped = [
        [CANONICAL_NAMES[p] for p in _PARTIES if p in x and p not in y]
        + [name for code, name in sorted(mine.items()) if code not in theirs]
        for (x, mine), (y, theirs) in (
            ((wa, named[0]), (wb, named[1])),
            ((wb, named[1]), (wa, named[0])),
        )
    ]
    countries = None
    share_a, share_b = len(extra_a) / max(1, len(wa)), len(extra_b) / max(1, len(wb))
    if all(swapped) and max(share_a, share_b) <= _SWAP_MAX_SHARE:
        countries = tuple(", ".join(side) for side in swapped)
    asks_a, asks_b = (
        ([], []) if crosslingual else ([*_REQUESTER.finditer(t)] for t in (a_text, b_text))
    )
    ra, rb = _requesters(asks_a), _requesters(asks_b)
    asked = None
    if ra and rb and not ra & rb:
        asked = tuple(", ".join(CANONICAL_NAMES[p] for p in sorted(r)) for r in (ra, rb))
    qa, qb = (asks[0] if asks else None for asks in (asks_a, asks_b))  # what search() finds
    request_only = None
    if bool(qa) != bool(qb):  # who asked for the call is news when only one side says it
        request_only = ("A", qa.group()) if qa else ("B", qb.group())
    # two sentences each saying who met whom: the purpose one adds is part of the logistics
    pa, pb = (None, None) if crosslingual else (_purpose_words(a_text), _purpose_words(b_text))
    purposes = (pa, pb) if pa is not None and pb is not None else (set(), set())
    trivial = (
        not crosslingual
        and logistic_numbers
        and not any(
            _substantive([w for w in words if w.lower() not in purpose], text)
            for words, text, purpose in (
                (only_a, a_text, purposes[0]),
                (only_b, b_text, purposes[1]),
            )
        )
    )

    return Evidence(
        only_a_words=only_a,
        only_b_words=only_b,
        number_conflicts=tuple(conflicts),
        date_conflicts=tuple(date_conflicts),
        time_zones=tuple(time_zones),
        hedge=hedge,
        countries=countries,
        only_a_numbers=tuple(only_a_num),
        only_b_numbers=tuple(only_b_num),
        negation=negation,
        opposites=tuple(opposites),
        modality=modality,
        speakers=speakers,
        a_extra_share=share_a,
        b_extra_share=share_b,
        requesters=asked,
        framed_speakers=framed_speakers,
        request_only=request_only,
        trivial_extras=trivial,
        framing=framing,
        only_a_stems=frozenset(extra_a),
        only_b_stems=frozenset(extra_b),
        crosslingual=crosslingual,
    )


# A sentence saying who met or spoke with whom often adds what for ("met with Prime Minister
# Kishida at Camp David to discuss global and regional security issues"): the stated purpose of
# the meeting, which readers count with its logistics, not as a point only one side reports.
_MEETING = Search(
    r"\b(?:met|meets|spoke|speaks|talked|talks|held|holds|had|conducted)\b"
    r"[^;]{0,160}?\b(?:with|meeting|talks?|call|conversation|summit|teleconference|phone)\b",
    re.I,
)
_PURPOSE = re.compile(
    r"\bto\s+(?:discuss|highlight|advance|review|reaffirm|exchange|address|explore|coordinate|"
    r"congratulate|express|thank|underscore|emphasi[sz]e|strengthen|deepen|consult|mark|"
    r"reiterate|affirm|celebrate|follow up)\b.*",
    re.I | re.S,
)


def _purpose_words(text: str) -> set[str] | None:
    """The words of the purpose a meeting sentence states after the meeting ("... to discuss
    X and to advance Y"), lower-cased; None when the sentence reports no meeting."""
    meeting = _MEETING.search(text)
    if meeting is None:
        return None
    purpose = _PURPOSE.search(text, meeting.end())
    return {w.lower() for w in content_words(purpose.group()).values()} if purpose else set()


def _substantive(words: Sequence[str], text: str) -> list[str]:
    """The one-sided words that are more than logistics: not a date, time, length, format or
    title of the meeting (LOGISTICS), not a name (capitalised in `text`), not a number."""
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][\w'\u2019-]*", text)}
    return [
        w
        for w in words
        if w.lower() not in LOGISTICS
        and w.lower() not in capitalised
        and w not in CANONICAL_NAMES.values()
        and not w[:1].isdigit()
    ]


def _framing_only(speakers: tuple[str, str], a_text: str, b_text: str) -> bool:
    """Is a difference of speakers only readout framing, so that neither side credits the point
    to someone else? So it is when one side's subject is a pronoun ("They" vs "Secretary
    Blinken"), or when each side names the other's speaker too ("Minister Park spoke with
    Secretary Blinken" vs "Secretary Blinken spoke with Minister Park")."""
    if any(who.lower() in FRAMING_SUBJECTS for who in speakers):
        return True
    return all(
        re.search(rf"\b{re.escape(who.split()[-1])}\b", text)
        for who, text in ((speakers[0], b_text), (speakers[1], a_text))
    )


def _same_person(x: str, y: str) -> bool:
    """Whether two speakers can be one person: the same last word ("Secretary Blinken",
    "Blinken"), or one names only words the other has ("The Secretary", "Secretary Blinken")."""
    wx, wy = ({w for w in who.lower().split() if w != "the"} for who in (x, y))
    return x.split()[-1].lower() == y.split()[-1].lower() or wx <= wy or wy <= wx


@lru_cache(maxsize=4096)
def _evidence(a_texts: tuple[str, ...], b_texts: tuple[str, ...], crosslingual: bool) -> Evidence:
    """`evidence` remembered: it depends on the texts alone, and a sweep over settings, a
    re-run in the app or a review edit asks for the same groups again."""
    return evidence(a_texts, b_texts, crosslingual=crosslingual)


def label_group(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    similarity: float,
    lexical: float,
    config: Config,
    *,
    crosslingual: bool = False,
) -> tuple[Label, Evidence]:
    """Label one aligned group; the evidence returned is what the reason should name."""
    ev = _evidence(tuple(a_texts), tuple(b_texts), crosslingual)
    score = combined_score(similarity, lexical, config)
    if crosslingual:  # a translation-level match; numbers and negations are compared
        agree = similarity >= config.crosslingual_agree_threshold and not ev.time_zones
        label = Label.DIVERGE if ev.conflict else Label.AGREE if agree else Label.PARTIAL
    elif ev.conflict:
        label = Label.DIVERGE
    else:
        # one side adding only when, how long or in what format they met is still agreement
        close = (
            not ev.speakers
            and not ev.modality
            and (
                ev.trivial_extras
                or score >= config.agree_threshold
                and max(ev.a_extra_share, ev.b_extra_share) <= config.agree_max_extra
            )
        )
        softer = ev.hedge or ev.countries or ev.request_only or ev.time_zones
        label = Label.AGREE if close and not softer else Label.PARTIAL
        if not close:  # a swap of countries is named only when it is what stops agree
            ev = replace(ev, countries=None)
        elif label is Label.AGREE and _member_adds(a_texts, b_texts, config):
            label = Label.PARTIAL
    if label is Label.AGREE and not crosslingual:
        ev = replace(ev, own_clause=_own_clause(a_texts, b_texts, config))
    return label, ev


def _member_adds(a_texts: Sequence[str], b_texts: Sequence[str], config: Config) -> bool:
    """Does one statement of a side that has several say mostly what the other side does not?
    The group's share of one-sided words is pooled over its statements, so a hub's extra
    partner ("… offered his congratulations on his appointment") hides among the others'
    words; each must stay within `agree_max_extra` on its own (logistics apart)."""
    return any(
        _mostly_its_own(text, theirs, config)
        for mine, theirs in ((a_texts, b_texts), (b_texts, a_texts))
        if len(mine) >= 2
        for text in mine
    )


def _mostly_its_own(text: str, theirs: Sequence[str], config: Config) -> bool:
    """Are more than `agree_max_extra` of `text`'s content words absent from `theirs`, the
    other side's statements, and not all of them logistics?"""
    ev = _evidence((text,), tuple(theirs), False)
    return not ev.trivial_extras and ev.a_extra_share > config.agree_max_extra


# where one clause of a statement joins the next: ", and the Secretary confirmed …", "; …"
# (a subject follows the joint: not the last item of a list, "peace, security, and prosperity")
_CLAUSE_JOINT = re.compile(
    r",\s*(?:and|but|while)\s+(?=(?:the|he|she|they|we|it|both|each|[A-Z]\w*)\b)|;\s+"
)
# a clause shorter than this says too little to be a point of its own
_CLAUSE_MIN_WORDS = 4


def _own_clause(
    a_texts: Sequence[str], b_texts: Sequence[str], config: Config
) -> tuple[str, str] | None:
    """A clause of an agree row that one side adds to the shared point and the other never
    reports: most of its content words (more than `agree_max_extra`) are its side's own
    ("…, and the Secretary confirmed U.S. support for inter-Korean dialogue"). The row's
    share of one-sided words stays within agree, so the label stands; the reason names the
    clause for the reader to weigh. (As a rule that made the row partial it changed no dev
    label, and a row both annotators call agree holds a clause at 0.67: docs/results.md.)"""
    for side, mine, theirs in (("A", a_texts, b_texts), ("B", b_texts, a_texts)):
        for text in mine:
            clauses = _CLAUSE_JOINT.split(text)
            if len(clauses) < 2:
                continue
            for clause in clauses:
                if len(content_words(clause)) >= _CLAUSE_MIN_WORDS and _mostly_its_own(
                    clause, theirs, config
                ):
                    return side, clause.strip().rstrip(".")
    return None
