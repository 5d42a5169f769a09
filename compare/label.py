"""Aligned groups -> agree / partial / diverge (leftovers -> only_a / only_b), each with a reason.

Embedding similarity says two statements are about the same thing; it cannot see a conflict
("supports" vs "opposes" score 0.83-0.91). So the label rests on explicit evidence read off the
text of both sides: numbers and durations, negation, opposite verbs, modality (agreed vs urged),
who is said to have spoken, and content words found on one side only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .schema import Config, Label

# Phrases one government always uses and the other never does: not a difference of substance.
HOUSE_STYLE = frozenset(
    """
    linchpin ironclad unwavering steadfast watertight water-tight free open indo-pacific
    honorable excellency h.e. mr ms secretary minister foreign state affairs telephone phone call
    talk talks conversation spoke held today also two ministers leaders sides both side each other
    """.split()
)

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into onto about over under than then
    that this these those there here it its it's they them their he she his her him we our us i my
    you your is are was were be been being has have had do does did will would shall should can
    could may might must not no nor so such very more most other another any all some each every
    which who whom whose what when where why how also just only own same too again further once
    while during before after above below between through up down out off s t d ll re ve m
    said says say stated noted added told expressed discussed
    """.split()
)

# Canonical forms so that "the United States" and "U.S." count as the same word.
_ALIASES = [
    (
        r"\bthe united states of america\b|\bthe united states\b|\bu\.s\.a?\.?(?=\W|$)|\bus\b(?=[- ])",
        " usa ",
    ),
    (r"\bamerica(?:n)?\b", " usa "),
    (
        r"\bdemocratic people'?s republic of korea\b|\bdprk\b|\bnorth korea(?:n)?\b|\bthe north\b|\bpyongyang\b",
        " dprk ",
    ),
    (r"\brepublic of korea\b|\brok\b|\bsouth korea(?:n)?\b|\bseoul\b", " rok "),
    (r"\bpeople'?s republic of china\b|\bprc\b|\bchina\b|\bchinese\b|\bbeijing\b", " prc "),
    (r"\bjapan(?:ese)?\b|\btokyo\b", " japan "),
    (
        r"\bunited nations security council\b|\bun security council\b|\bu\.n\. security council\b|\bunsc\b",
        " unsc ",
    ),
    (r"\bunited nations\b|\bu\.n\.(?=\W|$)", " un "),
]

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
}
_UNITS = {
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "hour": "hours",
    "hours": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "time": "times",
    "times": "times",
    "percent": "percent",
    "%": "percent",
    "billion": "billion",
    "million": "million",
}
_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_NUM = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_QUANTITY = re.compile(
    _NUM + r"[\s-]*(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b", re.I
)
_DATE = re.compile(
    r"\b("
    + "|".join(m[:3] for m in _MONTHS)
    + r")[a-z]*\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+("
    + "|".join(m[:3] for m in _MONTHS)
    + r")[a-z]*\b",
    re.I,
)
_BARE_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w.]*\d)")

_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|nobody|none|nothing|cannot|without|refus\w*|fail\w*|"
    r"declin\w* to|no longer)\b|n't\b",
    re.I,
)
# verb stems that contradict each other when the two sides use one each
_OPPOSITES = [
    ("support", "oppos"),
    ("welcom", "condemn"),
    ("agree", "disagree"),
    ("accept", "reject"),
    ("increas", "decreas"),
    ("strengthen", "weaken"),
    ("continu", "suspend"),
    ("continu", "halt"),
    ("lift", "impos"),
    ("approv", "den"),
    ("prais", "critici"),
    ("confirm", "den"),
    ("resum", "suspend"),
    ("expand", "reduc"),
    ("allow", "prohibit"),
    ("win", "los"),
    ("open", "clos"),
    ("start", "stop"),
    ("rais", "lower"),
    ("success", "fail"),
]
_MODALITY = {
    "agreed": r"\bagree[sd]?\b|\bconcurred\b|\bshared the view\b|\baffirmed\b|\breaffirmed\b|\bcommitted\b|\bpledged\b|\bconfirmed\b",
    "urged": r"\burg\w*|\bcall(?:ed|s)? (?:on|for)\b|\brequest\w*|\bdemand\w*|\bpress(?:ed)? for\b|\basked\b",
    "regretted": r"\bregret\w*|\bconcern\w*|\bdeplor\w*|\bdisappoint\w*",
    "planned": r"\bbeing arranged\b|\bwill (?:explore|consider|discuss)\b|\bto be arranged\b|\bplan(?:s|ned)? to\b",
}
_SPEAKER = re.compile(
    r"^(?:[°•\-\u2013*□ㅇ○▲]|\(?\d{1,3}[.)]?)?\s*(?:in response,?\s*|on (?:the|his|her) part,?\s*)?"
    r"(?P<who>(?:the\s+)?(?:two|both)\s+(?:ministers|leaders|sides|secretaries|countries|presidents)"
    r"|they|both sides|the sides|we"
    r"|(?:(?:u\.s\.|us|japanese|korean|chinese|rok|prc)\s+)?(?:president|prime minister|secretary(?: of state)?|"
    r"(?:foreign|vice|deputy)\s+minister|minister|state councilor|ambassador|spokesperson|the secretary|the minister)"
    r"(?:\s+(?-i:[A-Z][\w'-]+)){0,3}(?:\s+and\s+(?:foreign\s+)?(?:minister|secretary|president|prime minister)(?:\s+(?-i:[A-Z][\w'-]+)){0,3})?"
    r"|i)\b",
    re.I,
)
_JOINT = re.compile(r"\b(?:two|both|they|we|sides)\b|\band\b", re.I)


@dataclass(frozen=True)
class Evidence:
    """What differs between the two sides of one group; `reason` renders it."""

    only_a_words: tuple[str, ...]
    only_b_words: tuple[str, ...]
    number_conflicts: tuple[tuple[str, str], ...]
    only_a_numbers: tuple[str, ...]
    only_b_numbers: tuple[str, ...]
    negation: str | None
    opposites: tuple[tuple[str, str], ...]
    modality: tuple[str, str] | None
    speakers: tuple[str, str] | None
    a_extra_share: float
    b_extra_share: float

    @property
    def conflict(self) -> bool:
        return bool(self.number_conflicts or self.negation or self.opposites)


def normalise(text: str) -> str:
    """Lower-case text with country names and acronyms mapped to one form each."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for pattern, repl in _ALIASES:
        text = re.sub(pattern, repl, text)
    return text


def stem(word: str) -> str:
    """A crude stem: enough to match support/supported/supports, talks/talk."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def content_words(text: str) -> dict[str, str]:
    """Content words of `text` as stem -> first surface form."""
    out: dict[str, str] = {}
    for m in re.finditer(r"[a-z][a-z'-]*[a-z]|[a-z]", normalise(text)):
        word = m.group().strip("'-")
        if len(word) < 3 or word in STOPWORDS or word in HOUSE_STYLE:
            continue
        out.setdefault(stem(word), word)
    return out


def quantities(text: str) -> dict[str, set[str]]:
    """Numbers keyed by what they count: 'minutes' -> {'15'}, 'date' -> {'aug 5'}, '' -> bare."""
    out: dict[str, set[str]] = {}
    taken: list[tuple[int, int]] = []
    for m in _QUANTITY.finditer(text):
        value = m.group(1).lower()
        value = str(_NUMBER_WORDS.get(value, value)).replace(",", "")
        out.setdefault(_UNITS[m.group(2).lower()], set()).add(value)
        taken.append(m.span())
    for m in _DATE.finditer(text):
        month = (m.group(1) or m.group(4)).lower()[:3]
        day = m.group(2) or m.group(3)
        out.setdefault("date", set()).add(f"{month} {int(day)}")
        taken.append(m.span())
    for m in _BARE_NUMBER.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            out.setdefault("", set()).add(m.group().replace(",", ""))
    return out


def speaker(text: str) -> str | None:
    """Who the statement says spoke or acted, when it opens with a speaker."""
    m = _SPEAKER.match(text.strip())
    return m.group("who").strip() if m else None


def _is_joint(who: str) -> bool:
    return bool(_JOINT.search(who))


def _modality(text: str) -> set[str]:
    return {name for name, pattern in _MODALITY.items() if re.search(pattern, text, re.I)}


def _verb_stems(text: str) -> set[str]:
    return {m.group() for m in re.finditer(r"[a-z]+", normalise(text))}


def evidence(a_texts: Sequence[str], b_texts: Sequence[str]) -> Evidence:
    """Read off what differs between side A's and side B's statements of one group."""
    a_text, b_text = " ".join(a_texts), " ".join(b_texts)
    wa, wb = content_words(a_text), content_words(b_text)
    only_a = tuple(wa[k] for k in wa if k not in wb)
    only_b = tuple(wb[k] for k in wb if k not in wa)

    qa, qb = quantities(a_text), quantities(b_text)
    conflicts, only_a_num, only_b_num = [], [], []
    for unit in sorted(set(qa) | set(qb)):
        va, vb = qa.get(unit, set()), qb.get(unit, set())
        label = f" {unit}" if unit not in ("", "date") else ""
        if va and vb and not va & vb and unit != "":
            conflicts.append((", ".join(sorted(va)) + label, ", ".join(sorted(vb)) + label))
        else:
            only_a_num += [v + label for v in sorted(va - vb)]
            only_b_num += [v + label for v in sorted(vb - va)]

    neg_a, neg_b = len(_NEGATION.findall(a_text)), len(_NEGATION.findall(b_text))
    negation = None
    if (neg_a == 0) != (neg_b == 0):
        side_text = a_text if neg_a else b_text
        cue = _NEGATION.search(side_text).group()
        negation = f"{'A' if neg_a else 'B'} says '{cue}'"

    va, vb = _verb_stems(a_text), _verb_stems(b_text)
    opposites = []
    for x, y in _OPPOSITES:
        ax = any(w.startswith(x) for w in va)
        ay = any(w.startswith(y) for w in va)
        bx = any(w.startswith(x) for w in vb)
        by = any(w.startswith(y) for w in vb)
        if ax and by and not ay and not bx:
            opposites.append((_first(va, x), _first(vb, y)))
        elif ay and bx and not ax and not by:
            opposites.append((_first(va, y), _first(vb, x)))

    ma, mb = _modality(a_text), _modality(b_text)
    modality = None
    if ma and mb and not ma & mb:
        modality = (", ".join(sorted(ma)), ", ".join(sorted(mb)))

    sa = [s for s in (speaker(t) for t in a_texts) if s]
    sb = [s for s in (speaker(t) for t in b_texts) if s]
    speakers = None
    if sa and sb and not (any(map(_is_joint, sa)) and any(map(_is_joint, sb))):
        if {_last_name(s) for s in sa}.isdisjoint({_last_name(s) for s in sb}):
            speakers = (sa[0], sb[0])

    return Evidence(
        only_a_words=only_a,
        only_b_words=only_b,
        number_conflicts=tuple(conflicts),
        only_a_numbers=tuple(only_a_num),
        only_b_numbers=tuple(only_b_num),
        negation=negation,
        opposites=tuple(opposites),
        modality=modality,
        speakers=speakers,
        a_extra_share=len(only_a) / max(1, len(wa)),
        b_extra_share=len(only_b) / max(1, len(wb)),
    )


def _first(words: set[str], prefix: str) -> str:
    return min(w for w in words if w.startswith(prefix))


def _last_name(who: str) -> str:
    return who.split()[-1].lower() if who else ""


def label_group(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    similarity: float,
    lexical: float,
    config: Config,
) -> tuple[Label, str]:
    """Label one aligned group and say why."""
    ev = evidence(a_texts, b_texts)
    score = config.semantic_weight * similarity + (1 - config.semantic_weight) * lexical
    if ev.conflict:
        label = Label.DIVERGE
    elif (
        score >= config.agree_threshold
        and not ev.speakers
        and not ev.modality
        and max(ev.a_extra_share, ev.b_extra_share) <= 0.35
    ):
        label = Label.AGREE
    else:
        label = Label.PARTIAL
    return label, reason(ev, label, similarity)


def reason(ev: Evidence, label: Label, similarity: float) -> str:
    """A short sentence naming the concrete differences a reader can check in the text."""
    parts: list[str] = []
    for a, b in ev.number_conflicts:
        parts.append(f"numbers differ: A {a} vs B {b}")
    if ev.negation:
        parts.append(f"negation on one side only: {ev.negation}")
    for a, b in ev.opposites:
        parts.append(f"opposite verbs: A '{a}' vs B '{b}'")
    if ev.speakers:
        parts.append(f"speaker differs: A '{ev.speakers[0]}' vs B '{ev.speakers[1]}'")
    if ev.modality:
        parts.append(f"modality differs: A {ev.modality[0]} vs B {ev.modality[1]}")
    if ev.only_a_numbers:
        parts.append("only A gives " + ", ".join(ev.only_a_numbers[:4]))
    if ev.only_b_numbers:
        parts.append("only B gives " + ", ".join(ev.only_b_numbers[:4]))
    if label is not Label.AGREE:
        if ev.only_a_words:
            parts.append("only in A: " + ", ".join(ev.only_a_words[:6]))
        if ev.only_b_words:
            parts.append("only in B: " + ", ".join(ev.only_b_words[:6]))
    if not parts:
        return f"same content (similarity {similarity:.2f})"
    head = {
        Label.AGREE: "same point",
        Label.PARTIAL: "same topic, details differ",
        Label.DIVERGE: "conflict",
    }[label]
    return f"{head}: " + "; ".join(parts)


def label_omission(side: str, text: str, best_similarity: float) -> str:
    """Reason for an only-A / only-B statement."""
    other = "B" if side == "a" else "A"
    return f"no counterpart in {other} (closest similarity {best_similarity:.2f})"
