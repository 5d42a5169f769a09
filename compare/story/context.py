"""What a story teaches before it is read: its officials, its bodies, its home government.

One pass over the whole story ties names to governments ("South Korean Foreign Minister Chung
Eui-yong" teaches that "Chung" is Korea), kinds of body to the government the story last named for
them ("Japan's foreign ministry" makes "the ministry" Japan's), and finds the outlet's home
government. While the story is then read in order, the same `Context` carries the running source
("it added" = the last body that spoke, "he added" = the last person).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import lexicon

BOTH = "*"  # a source that speaks for both sides ("the two sides said in a joint statement")

_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'\u2019-]*")  # a word of an English name or title
_NOT_NAMES = frozenset(lexicon.WEEKDAYS) | frozenset(
    """
    the a an in on at by for of to and but or as if so he she it they we i his her its their this
    that these those there then when while after before during also both two mr mrs ms dr
    january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec yonhap reuters ap afp kyodo xinhua covid-19 covid indo-pacific asia-pacific especially
    however meanwhile earlier later separately according
    """.split()
)
PRONOUN = re.compile(r"(?i)^(?:it|he|she|they|the former|the latter)$")
_BOTH_SOURCE = re.compile(
    r"(?i)\b(?:both|the two|two)\s+(?:governments|sides|countries|leaders|ministers|presidents|"
    r"capitals|allies|nations|administrations|foreign ministers|top diplomats|readouts|accounts|"
    r"statements|versions|ministries|foreign ministries|offices|presidential offices|"
    r"departments)\b|"
    r"\bjoint (?:statement|press release|readout|fact sheet|communique|declaration)\b"
)
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
DATELINE = (
    re.compile(  # "SEOUL/WASHINGTON, Feb. 4 (Yonhap) -- ", "WASHINGTON — ", "Jan 7 (Reuters) - "
        rf"^(?:(?P<cities>[A-Z][A-Z.'\- ]*[A-Z](?:\s*/\s*[A-Z][A-Z.'\- ]*[A-Z])*)(?:,\s*{_DATE})?"
        rf"\s*(?:\([^)]{{2,40}}\))?|{_DATE}\s*\([^)]{{2,40}}\))"
        r"\s*(?:--|\u2014|\u2013|-|:)\s*"
    )
)


@dataclass(frozen=True)
class Source:
    """Who a sentence reports: the government(s), the words naming them, a person or a body."""

    governments: tuple[str, ...]
    words: str  # the source phrase as written
    person: bool


NARRATOR_CUE = "no source: the outlet's own words"


@dataclass(frozen=True)
class Reading:
    """What the rules found in one sentence: its kind, its source (if any) and the cue."""

    kind: str  # frame | quote | weak | content | narrator
    source: Source | None
    cue: str
    mention: Source | None = None  # a narrator sentence's subject, for pronouns that follow
    # where the reported words lie (story offsets) when the frame is the reporter's words around
    # them ('"...," he added, referring to ...'); empty: the whole sentence is compared
    said: tuple[tuple[int, int], ...] = ()


@dataclass
class Context:
    """Facts learned from the whole story, and the running source while reading it in order."""

    text: str
    officials: dict[str, str | None] = field(default_factory=dict)  # learned name -> government
    # kind of body -> sorted (offset, government) where the story ties one to a government
    bindings: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    home: str | None = None  # the outlet's or the dateline's government
    outlet_home: bool = False  # the home is the outlet's ("(Yonhap)"), not only a dateline city
    state_outlet: str = ""  # the outlet is its government's own media ("(Xinhua)")
    mentions: Counter = field(default_factory=Counter)
    last: Source | None = None
    last_person: Source | None = None
    last_body: Source | None = None
    main: tuple[str, ...] | None = None
    sides: tuple[str, ...] = ()  # governments the user named as a and b
    # the last source named by a generic noun of no kind ("a Japanese official", "the statement"),
    # so that "the official said" finds its official even after another source spoke
    by_noun: dict[str, Source] = field(default_factory=dict)
    names: lexicon.NameIndex = field(default_factory=lambda: lexicon.NameIndex(lexicon.OFFICIALS))

    # ---- government mentions --------------------------------------------------------------

    def official_government(self, name: str) -> str | None:
        if name in self.officials:
            return self.officials[name]
        return lexicon.OFFICIALS.get(name)

    def learn_official(self, name: str, government: str) -> None:
        """Tie `name` to `government`; a name two governments' officials share is trusted for
        neither."""
        value = government if self.officials.get(name, government) == government else None
        if self.officials.get(name, "") == value:
            return
        self.officials[name] = value
        if value is not None:
            self.names.add(name)
        elif name not in lexicon.OFFICIALS:
            self.names.discard(name)

    def find(self, phrase: str) -> list[tuple[int, str]]:
        """Government mentions in `phrase` as (offset, key), in order."""
        found = lexicon.place_or_body_mentions(phrase, korean=lexicon.has_hangul(phrase))
        for start, end in self.names.finditer(phrase):
            gov = self.official_government(phrase[start:end])
            if gov:
                found.append((start, gov))
        found.sort()
        return found

    # ---- generic bodies ("the ministry") ---------------------------------------------------

    def resolve_generic(self, head: str, offset: int) -> tuple[str, ...]:
        """Whose body "the ministry", "the department", "the office" is at `offset`.

        The body of that kind the story named last; else the outlet's home government; else one
        the story names further on; else the last source; else a side the user named; else the
        most mentioned government.
        """
        kind = lexicon.BODY_KINDS.get(head.lower())
        if kind is None:  # "the official", "the statement": the last one named so, else the last
            named = self.by_noun.get(_noun(head))
            if named is not None:
                return named.governments
            return self.last.governments if self.last else ()
        excluded = lexicon.KIND_EXCLUDES.get(kind, set())
        bound = self.bindings.get(kind, [])
        at = bisect.bisect_left(bound, (offset, ""))
        before = [bound[at - 1][1]] if at else []
        after = [bound[at][1]] if at < len(bound) else []
        home = [self.home] if self.home and self.home not in excluded else []
        last = [g for g in (self.last.governments if self.last else ()) if g not in excluded]
        default = ["US"] if kind == "department" else []
        chosen = [g for g in self.sides if g not in excluded]
        mentioned = [g for g, _ in self.mentions.most_common() if g not in excluded]
        candidates = before + home + after + default + last[:1] + chosen + mentioned
        return tuple(candidates[:1])

    # ---- sources ----------------------------------------------------------------------------

    def resolve(self, phrase: str, offset: int) -> Source | None:
        """The government(s) a source phrase stands for, or None when it names none."""
        words = phrase.strip(" ,\"'")
        if not words or len(words.split()) > 12:
            return None
        if PRONOUN.match(words):
            pronoun = words.lower()
            previous = (
                self.last_person
                if pronoun in ("he", "she")
                else self.last_body
                if pronoun == "it"
                else None
            ) or self.last
            return previous  # the cue shows the antecedent's words
        person = bool(
            re.search(r"(?i)\b(?:spokes\w+|minister|secretary|president|officials?|envoy)\b", words)
            or self.names.search(words)
        )
        if _BOTH_SOURCE.search(words):
            return Source((BOTH,), words, person)
        govs = list(dict.fromkeys(g for _, g in self.find(words)))
        if len(govs) >= 2 and re.search(r"\band\b|&|/|\bboth\b", words) and "'s" not in words:
            return Source(tuple(govs[:2]), words, person)
        if govs:
            return Source((govs[0],), words, person)
        generic = lexicon.GENERIC_BODY.search(words)
        if generic:
            resolved = self.resolve_generic(generic.group("head"), offset)
            if resolved:
                return Source(resolved, words, person)
        surname = lexicon.SURNAMES.get(words)  # "Price said" with no "Ned Price" in the story
        return Source((surname,), words, True) if surname else None

    def mention(self, source: Source) -> None:
        """A person or body a sentence names as its subject without reporting it ("Takaichi did
        not refer to ..."): what a later "she said" or "it said" stands for."""
        if source.person:
            self.last_person = source
        else:
            self.last_body = source

    def bind(self, offset: int, kind: str, gov: str) -> None:
        bisect.insort(self.bindings.setdefault(kind, []), (offset, gov))

    def remember(self, source: Source, offset: int) -> None:
        self.last = source
        if source.person:
            self.last_person = source
        else:
            self.last_body = source
        if len(source.governments) == 1 and source.governments[0] != BOTH:
            generic = lexicon.GENERIC_BODY.search(source.words)
            kind = lexicon.BODY_KINDS.get(generic.group("head").lower()) if generic else None
            if kind:
                self.bind(offset, kind, source.governments[0])
            nouns = [n.group("head") for n in lexicon.GENERIC_BODY.finditer(source.words)]
            if nouns and nouns[-1].lower() not in lexicon.BODY_KINDS:  # "a Japanese official"
                self.by_noun[_noun(nouns[-1])] = source
        if self.main is None and BOTH not in source.governments:
            self.main = source.governments


def _noun(head: str) -> str:
    """One form per generic noun: 'Officials' and 'official', 'spokesman' and 'spokeswoman'."""
    low = head.lower()
    return "spokesperson" if low.startswith("spokes") else low.removesuffix("s")


def learn(text: str) -> Context:
    """Read the story once for officials, bound bodies, mentions and the outlet's home."""
    ctx = Context(text)
    ctx.home, ctx.outlet_home, ctx.state_outlet = _home(text)
    ctx.mentions = Counter(g for _, g in ctx.find(text))
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        if not _name_token(tokens[i][2]):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and text[tokens[j][1] : tokens[j + 1][0]] == " "
            and _name_token(tokens[j + 1][2])
            and not tokens[j][2].endswith(("'s", "\u2019s"))
        ):
            j += 1
        _learn_name(ctx, tokens, i, j)
        i = j + 1
    _learn_bindings(ctx)
    return ctx


def _name_token(word: str) -> bool:
    bare = word.rstrip(".")
    low = bare.lower()
    if not bare or not bare[0].isupper() or len(bare) < 2:
        return False
    if low in _NOT_NAMES or low in lexicon.TITLE_WORDS or bare.isupper():
        return False
    return not any(rx.fullmatch(bare) for rx in lexicon.PLACES.values())


def _learn_name(ctx: Context, tokens: list, i: int, j: int) -> None:
    """Tie the name tokens[i..j] to a government: a marked title before it, or a known full name.

    "South Korean Foreign Minister Chung Eui-yong", "Moon's spokesman Kang Min-seok", "top Chinese
    diplomat Yang Jiechi", "his U.S. counterpart Joe Biden"; then "Chung", "Kang", "Yang" alone.
    """
    if j - i > 2:
        return
    text = ctx.text
    name = text[tokens[i][0] : tokens[j][1]].rstrip(".")
    titled, gov = _title_government(ctx, tokens, i)
    if gov is None:  # "Karl Olsen of the State Department", "Kim Tae-hyo, a Korean official"
        gov = _appositive_government(ctx, tokens[j][1])
    if gov is None and " " in name:
        gov = ctx.official_government(name)  # "Wang Yi" is known; the story then says "Wang"
    if gov is None and titled and ctx.outlet_home:
        gov = ctx.home  # a national outlet leaves its own officials unmarked: "Foreign Minister X"
    if gov is None:
        return
    for part in [name] + [t[2].rstrip(".") for t in tokens[i : j + 1]]:
        if len(part) >= 2:
            ctx.learn_official(part, gov)


def _title_government(ctx: Context, tokens: list, i: int) -> tuple[bool, str | None]:
    """Whether a title stands right before token i, and the government it marks, if any."""
    text = ctx.text
    k = i
    prefix: list[str] = []
    while k > 0 and len(prefix) < 8 and text[tokens[k - 1][1] : tokens[k][0]] == " ":
        word = tokens[k - 1][2]
        possessive = word.endswith(("'s", "\u2019s"))
        if not (
            word.lower().rstrip(".") in lexicon.TITLE_WORDS
            or possessive
            or (word[0].isupper() and not _name_token(word))
        ):
            break
        prefix.insert(0, word)
        k -= 1
    if not prefix:
        return False, None
    heads = {w.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s") for w in prefix}
    if not (heads & lexicon.TITLE_HEADS or prefix[-1].endswith(("'s", "\u2019s"))):
        return False, None
    start = tokens[k][0]
    # a body named just before the title counts too: "Cheong Wa Dae spokesman Kang Min-seok"
    for rx in lexicon.BODIES.values():
        for m in rx.finditer(text, max(0, start - 40), start):
            if text[m.end() : start] == " ":
                start = m.start()
    found = ctx.find(text[start : tokens[i][0]])
    return True, (found[0][1] if found else None)


_APPOSITIVE = re.compile(
    r"(?:\s+(?:of|at|from)\s+(?:the\s+)?|,\s+(?:(?:a|an|the)\s+)?)(?P<words>[^,.;:()\"]{1,50})"
)


def _appositive_government(ctx: Context, end: int) -> str | None:
    """The government an official is placed in right after the name, if any."""
    m = _APPOSITIVE.match(ctx.text, end)
    if not m:
        return None
    words = m.group("words")
    if m.group().lstrip().startswith(",") and not (
        set(words.lower().replace("'s", "").split()) & lexicon.TITLE_HEADS
    ):
        return None  # ", Seoul and Tokyo ..." is a list, not a title
    found = ctx.find(words)
    return found[0][1] if found else None


def _learn_bindings(ctx: Context) -> None:
    """Which government each kind of body belongs to where the story says so."""
    text = ctx.text
    inside_named = set()  # the "Department" of "State Department" is bound here, not below
    for key, rx in lexicon.BODIES.items():
        for m in rx.finditer(text):
            for g in lexicon.GENERIC_BODY.finditer(text, m.start(), m.end()):
                inside_named.add(g.start())
                kind = lexicon.BODY_KINDS.get(g.group("head").lower())
                if kind:
                    ctx.bind(m.start(), kind, key)
    for m in lexicon.GENERIC_BODY.finditer(text):
        kind = lexicon.BODY_KINDS.get(m.group("head").lower())
        if not kind or m.start() in inside_named:
            continue
        # the marker must stand right before the body: "South Korea's foreign ministry",
        # "the Chinese foreign ministry", "Japanese Prime Minister"
        window = text[max(0, m.start() - 40) : m.start()]
        window = re.split(r"[,;:()\"\u201c\u201d\n]|\b(?:and|with|told|said|to)\b", window)[-1]
        found = ctx.find(window)
        if found:
            ctx.bind(m.start(), kind, found[-1][1])


def _home(text: str) -> tuple[str | None, bool, str]:
    """The story's home government, whether an outlet (not just a dateline city) says so, and
    the outlet's name when it is that government's own media."""
    for g in lexicon.GOVERNMENTS:
        for outlet in g.outlets:
            if re.search(rf"[(\[=]\s*{re.escape(outlet)}\b|\b{re.escape(outlet)}\s*[)\]]", text):
                return g.key, True, outlet if outlet in g.state_media else ""
    lines = [line.strip()[:200] for line in text.splitlines() if line.strip()][:3]
    for m in filter(None, map(DATELINE.match, lines)):  # a headline may stand before it
        first = re.split(r"\s*/\s*", m.group("cities") or "")[0].strip()
        for g in lexicon.GOVERNMENTS:
            if first in g.capitals:
                return g.key, False, ""
    return None, False, ""
