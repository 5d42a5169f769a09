"""Split a news story that quotes two governments into what each of them said.

Every sentence of the story (cut by `compare.segment`, offsets kept) is assigned to side a, side b,
both, or the narrator (the outlet's own dateline, headline and background), with the words the
rule relied on. Attribution is whose *account* a sentence reports: a Korean spokesman relaying what
the US president said is Korea's account.

The rules are lexical and run offline:

1. a speech frame in the sentence: "X said", "X told ...", "said X", "according to X",
   "In a tweet, X said"; a frame after the quotation or in the last clause beats one at the start
   ("Blinken told Yang ..., the State Department said" is the State Department's account);
2. a pronoun or generic source ("it added", "he added", "the ministry said") takes the last source or
   the government the story tied that kind of body to ("the department" after "State Department");
3. a quotation spanning several lines takes the frame of the line that closes it, and a line that
   is only a quotation continues the last source;
4. a participant's own act without a frame ("Biden pledged ...") continues the source of the
   sentence before, else is the participant's government;
5. unattributed call content ("They agreed ...") after the first source goes to the story's main
   source (the outlet's home government when it is a side, else the first government quoted);
6. everything else — headline, dateline, sign-off, background — is the narrator.

A source is mapped to a government through a lexicon (countries, capitals, institutions such as the
State Department, Cheong Wa Dae or MOFA, titles such as Secretary of State) and through officials
the story itself introduces ("Foreign Minister Chung Eui-yong" after "South Korean" teaches that
"Chung" is Korea), with a short built-in list of well-known officials as the fallback.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import EmptyTextError, FileReadError, FileTooLargeError, InputError
from .schema import Comparison, Config, Kind, SplitMode
from .segment import detect_language, segment

ATTRIBUTIONS = ("a", "b", "both", "narrator")
ATTRIBUTION_COLUMNS = ("index", "start", "end", "text", "attribution", "source", "cue")
_BY_HAND = "set by hand"
BOTH = "*"  # a source that speaks for both sides ("the two sides said in a joint statement")


# --------------------------------------------------------------------------------------------
# Public records


@dataclass(frozen=True)
class AttributedSentence:
    """One sentence of the story; `text == story[start:end]`.

    `attribution` is a | b | both | narrator; `source` the name of the side (or of a third
    government a narrator sentence quotes); `government` the lexicon key of the speaking government
    ("US", "ROK", ...; "" when nobody speaks); `cue` the words the rule relied on.
    """

    index: int
    start: int
    end: int
    text: str
    attribution: str
    source: str
    cue: str
    government: str = ""


@dataclass(frozen=True)
class StoryAttribution:
    """A story split into its sentences, each assigned to side a, side b, both or the narrator."""

    text: str
    names: tuple[str, str]
    sentences: tuple[AttributedSentence, ...]
    governments: tuple[str, str] = ("", "")  # lexicon keys of sides a and b ("" if unknown)

    def side_sentences(self, side: str) -> tuple[AttributedSentence, ...]:
        """The sentences that make up one side's account ('both' counts for each side)."""
        _check_side(side)
        return tuple(s for s in self.sentences if s.attribution in (side, "both"))

    def side_text(self, side: str) -> str:
        """That side's sentences, one per line ('both' goes to both sides)."""
        return "\n".join(s.text for s in self.side_sentences(side))

    def with_attribution(self, index: int, attribution: str) -> StoryAttribution:
        """A copy with sentence `index` set by hand to a | b | both | narrator."""
        if attribution not in ATTRIBUTIONS:
            raise InputError(
                f"unknown attribution {attribution!r}; choose one of: {', '.join(ATTRIBUTIONS)}"
            )
        n = len(self.sentences)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < n:
            raise InputError(f"no sentence {index!r}: the story has sentences 0 to {n - 1}")
        old = self.sentences[index]
        government = {
            "a": self.governments[0],
            "b": self.governments[1],
            "both": "+".join(g for g in self.governments if g),
            "narrator": "",
        }[attribution]
        new = replace(
            old,
            attribution=attribution,
            source=_side_source(attribution, self.names, ""),
            government=government,
            cue=old.cue  # what the rule said is kept through later corrections
            if old.cue.startswith(_BY_HAND)
            else f"{_BY_HAND} (rule said {old.attribution}: {old.cue})",
        )
        sentences = self.sentences[:index] + (new,) + self.sentences[index + 1 :]
        return replace(self, sentences=sentences)

    def counts(self) -> dict[str, int]:
        """Sentences per attribution."""
        found = Counter(s.attribution for s in self.sentences)
        return {k: found[k] for k in ATTRIBUTIONS}


def _check_side(side: str) -> None:
    if side not in ("a", "b"):
        raise InputError(f"side must be 'a' or 'b', got {side!r}")


def _side_source(attribution: str, names: tuple[str, str], third: str) -> str:
    if attribution == "a":
        return names[0]
    if attribution == "b":
        return names[1]
    if attribution == "both":
        return f"{names[0]}; {names[1]}"
    return third


# --------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class Government:
    """What marks one government in English and Korean news text."""

    key: str
    name: str
    places: str = ""  # regex, case-sensitive: country, adjective, capital, acronym
    bodies: str = ""  # regex, any case: institutions and titles only this government has
    korean: str = ""  # regex for Korean-language text
    officials: tuple[str, ...] = ()  # well-known officials: full names, distinctive surnames
    outlets: tuple[str, ...] = ()  # news outlets based there (the story's home government)
    capitals: tuple[str, ...] = ()  # dateline cities
    aliases: tuple[str, ...] = ()  # lower-case names a user may type for `names`


def _government(key: str, name: str, **fields: str) -> Government:
    """A lexicon entry; the name lists (officials, outlets, capitals, aliases) are ';'-separated."""
    lists = {"officials", "outlets", "capitals", "aliases"}
    values: dict[str, Any] = {
        f: tuple(x.strip() for x in v.split(";") if x.strip()) if f in lists else v
        for f, v in fields.items()
    }
    return Government(key, name, **values)


# "Korea(n)" alone means the South in this kind of news, but not in "North Korea",
# "inter-Korean" or "the Korean Peninsula"
_KOREA = (
    r"(?<!North )(?<!North-)(?<!N\. )(?<!inter-)(?<!Inter-)Korean?s?(?! [Pp]eninsula| [Ww]ar\b)"
)

GOVERNMENTS: tuple[Government, ...] = (
    _government(
        "US",
        "United States",
        places=r"United States(?: of America)?|U\.S\.(?:A\.)?|USA?|Americans?|America|"
        r"Washington(?! Post| Times| Examiner)",
        bodies=r"State Department|Department of State|White House|Pentagon|Defense Department|"
        r"Department of Defense|Treasury Department|(?:Deputy |Assistant |Under )?Secretary of "
        r"State|Secretary of Defense|Defense Secretary|Oval Office|Foggy Bottom",
        korean=r"미국|미(?=\s|-|측)|국무부|백악관|국무장관|바이든|트럼프|블링컨|폼페이오|루비오|설리번|프라이스",
        officials="Joe Biden; Biden; Donald Trump; Trump; Barack Obama; Obama; Kamala Harris; "
        "Antony Blinken; Blinken; Marco Rubio; Rubio; Mike Pompeo; Pompeo; Rex Tillerson; "
        "Tillerson; John Kerry; Wendy Sherman; Sherman; Jake Sullivan; Sullivan; Ned Price; "
        "Matthew Miller; Jen Psaki; Psaki; Karine Jean-Pierre; Jean-Pierre; John Kirby; Kirby; "
        "Lloyd Austin; Pete Hegseth; Hegseth; Kurt Campbell; Daniel Kritenbrink; Kritenbrink; "
        "Stephen Biegun; Biegun; Philip Goldberg; Rahm Emanuel; Mike Waltz; Karoline Leavitt; "
        "Leavitt; Tammy Bruce; Vedant Patel",
        outlets="Voice of America; VOA; NPR",
        capitals="WASHINGTON; NEW YORK",
        aliases="us; u.s.; usa; united states; america; american; washington",
    ),
    _government(
        "ROK",
        "South Korea",
        places=rf"South Koreans?|Republic of Korea|ROK|Seoul|{_KOREA}",
        bodies=r"Cheong Wa Dae|Blue House|Yongsan|Unification Ministry|Ministry of Unification|"
        r"Unification Minister|Ministry of National Defense|National Intelligence Service|"
        r"presidential office in Seoul",
        korean=r"한국|우리 ?정부|외교부|청와대|대통령실|통일부|정의용|문재인|윤석열|이재명|박진|조태열|강경화",
        officials="Moon Jae-in; Moon; Yoon Suk Yeol; Yoon Suk-yeol; Yoon; Lee Jae-myung; "
        "Park Geun-hye; Chung Eui-yong; Chung; Kang Kyung-wha; Park Jin; Cho Tae-yul; Cho Hyun; "
        "Choi Jong-kun; Kang Min-seok; Park Kyung-mee; Kim Eun-hye; Suh Hoon; Noh Kyu-duk; "
        "Han Duck-soo; Wi Sung-lac; Kim Gunn; Kim Sung-han; Kim Tae-hyo",
        outlets="Yonhap; Korea Herald; Korea Times; JoongAng; Chosun; Hankyoreh; KBS; Arirang; "
        "Newsis; News1; Dong-A; 연합뉴스",
        capitals="SEOUL",
        aliases="rok; korea; south korea; republic of korea; seoul",
    ),
    _government(
        "JP",
        "Japan",
        places=r"Japan|Japanese|Tokyo",
        bodies=r"Kantei|Gaimusho|Chief Cabinet Secretary|Prime Minister's Office of Japan",
        korean=r"일본|외무성|총리관저|기시다|스가|아베|하야시|모테기",
        officials="Shinzo Abe; Abe; Yoshihide Suga; Suga; Fumio Kishida; Kishida; Shigeru Ishiba; "
        "Ishiba; Sanae Takaichi; Takaichi; Toshimitsu Motegi; Motegi; Yoshimasa Hayashi; Hayashi; "
        "Yoko Kamikawa; Kamikawa; Takeshi Iwaya; Iwaya; Taro Kono; Hirokazu Matsuno; Matsuno; "
        "Katsunobu Kato",
        outlets="Kyodo; NHK; Jiji; Asahi; Yomiuri; Mainichi; Nikkei; Japan Times",
        capitals="TOKYO",
        aliases="jp; japan; japanese; tokyo",
    ),
    _government(
        "CN",
        "China",
        places=r"China|Chinese|People's Republic of China|PRC|Beijing",
        bodies=r"Zhongnanhai|State Council(?:or)?|Xinhua|CCTV|Communist Party of China",
        korean=r"중국|시진핑|왕이",
        officials="Xi Jinping; Xi; Li Keqiang; Li Qiang; Wang Yi; Yang Jiechi; Qin Gang; "
        "Zhao Lijian; Hua Chunying; Wang Wenbin; Mao Ning; Lin Jian; Guo Jiakun; Wei Fenghe; "
        "Dong Jun; Xie Feng; Cui Tiankai",
        outlets="Xinhua; Global Times; China Daily; CGTN; People's Daily",
        capitals="BEIJING",
        aliases="cn; china; chinese; prc; beijing",
    ),
    _government(
        "DPRK",
        "North Korea",
        places=r"North Koreans?|N\. Koreans?|Democratic People's Republic of Korea|DPRK|Pyongyang",
        bodies=r"KCNA|Korean Central News Agency|Rodong Sinmun|Workers' Party",
        korean=r"북한|북측|조선중앙통신|노동신문|김정은|김여정",
        officials="Kim Jong-un; Kim Jong Un; Kim Yo-jong; Kim Yo Jong; Choe Son-hui; "
        "Choe Son Hui; Ri Yong-ho; Ri Son-gwon; Kim Yong-chol",
        outlets="KCNA",
        capitals="PYONGYANG",
        aliases="dprk; north korea; pyongyang",
    ),
    _government(
        "RU",
        "Russia",
        places=r"Russian?|Moscow",
        bodies=r"Kremlin",
        korean=r"러시아|크렘린|푸틴",
        officials="Vladimir Putin; Putin; Sergey Lavrov; Lavrov; Dmitry Peskov; Peskov",
        outlets="TASS; RIA Novosti",
        capitals="MOSCOW",
        aliases="ru; russia; moscow",
    ),
    _government(
        "UK",
        "United Kingdom",
        places=r"Britain|British|United Kingdom|U\.K\.|UK|London",
        bodies=r"Downing Street|Foreign Secretary|FCDO",
        korean=r"영국",
        officials="Keir Starmer; Starmer; Rishi Sunak; Sunak; David Lammy; Lammy",
        outlets="BBC",
        capitals="LONDON",
        aliases="uk; u.k.; britain; united kingdom",
    ),
    _government("TW", "Taiwan", places=r"Taiwan(?:ese)?|Taipei", korean="대만", capitals="TAIPEI"),
    _government(
        "IN",
        "India",
        places=r"India|Indian|New Delhi",
        korean=r"인도(?!태평양|-태평양)",
        capitals="NEW DELHI",
    ),
    _government(
        "AU", "Australia", places=r"Australian?|Canberra", korean="호주", capitals="CANBERRA"
    ),
)
_BY_KEY = {g.key: g for g in GOVERNMENTS}


def _surnames() -> dict[str, str]:
    """Surnames of the built-in officials (Korean and Chinese names put them first), unique ones."""
    found: dict[str, set[str]] = {}
    for g in GOVERNMENTS:
        for name in g.officials:
            parts = name.split()
            if len(parts) > 1:
                surname = parts[0] if g.key in ("ROK", "CN", "DPRK") else parts[-1]
                found.setdefault(surname, set()).add(g.key)
    return {name: keys.pop() for name, keys in found.items() if len(keys) == 1}


# Only a speech frame's source is looked up here: "Price said" means Ned Price, "price" does not.
_SURNAMES = _surnames()


def _alternation(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


# "(?<![\w'’])" keeps "US" out of "USA", "Chung" out of "Chungcheong" and "Korean" out of "inter-".
_PLACE_RE = {g.key: re.compile(rf"(?<![\w'’])(?:{g.places})(?!\w)") for g in GOVERNMENTS}
_BODY_RE = {
    g.key: re.compile(rf"(?<!\w)(?:{g.bodies})(?!\w)", re.I) for g in GOVERNMENTS if g.bodies
}
_KOREAN_RE = {g.key: re.compile(g.korean) for g in GOVERNMENTS if g.korean}

# Words that may stand between a government marker and an official's name ("South Korean Foreign
# Minister", "Moon's spokesman", "top Chinese diplomat", "his U.S. counterpart").
_TITLE_WORDS = frozenset(
    """
    foreign minister ministry secretary state president vice deputy prime premier chief cabinet
    top senior diplomat diplomats spokesman spokeswoman spokesperson spokespeople counterpart
    ambassador envoy special representative national security adviser advisor director office
    department presidential defense defence unification leader official councilor councillor
    chairman chairwoman assistant under press general affairs policy nuclear first lady public
    communications embassy agency the his her their its of for to on new former acting
    incoming outgoing administration government house white trade finance economic cheong wa dae
    minister's ministry's foreign-policy top-level high-ranking
    """.split()
)
# Of those, the nouns that make a title ("Foreign Minister" but not "the Korean").
_TITLE_HEADS = frozenset(
    """
    minister secretary president premier diplomat spokesman spokeswoman spokesperson counterpart
    ambassador envoy representative adviser advisor director leader official councilor councillor
    chairman chairwoman chief
    """.split()
)
_NOT_NAMES = frozenset(
    """
    the a an in on at by for of to and but or as if so he she it they we i his her its their this
    that these those there then when while after before during also both two mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec yonhap reuters ap afp kyodo xinhua covid-19 covid indo-pacific asia-pacific especially
    however meanwhile earlier later separately according
    """.split()
)

# Nouns that name a body or a person without saying whose ("the ministry", "the spokesman").
_GENERIC = re.compile(
    r"\b(?P<head>foreign ministry|ministry of foreign affairs|mofa|foreign office|ministry|"
    r"presidential office|presidential spokesperson|office|department|government|administration|"
    r"embassy|agency|side|spokes(?:man|woman|person)|officials?|minister|secretary|president|"
    r"premier|prime minister|leader|statement|readout|press release|release|briefing)\b",
    re.I,
)
_GENERIC_KIND = {
    "foreign ministry": "ministry",
    "ministry of foreign affairs": "ministry",
    "mofa": "ministry",
    "foreign office": "ministry",
    "ministry": "ministry",
    "minister": "ministry",
    "department": "department",
    "secretary": "department",
    "presidential office": "presidency",
    "office": "office",
    "president": "office",
    "presidential spokesperson": "presidency",
    "premier": "office",
    "prime minister": "office",
    "leader": "office",
}
# The US has a State Department, not a foreign ministry, and the White House is never called
# "the presidential office"; Japan and Britain have no president.
_KIND_EXCLUDES = {"ministry": {"US"}, "presidency": {"US", "JP", "UK"}}

_PRONOUN = re.compile(r"(?i)^(?:it|he|she|they|the former|the latter)$")
_BOTH_SOURCE = re.compile(
    r"(?i)\b(?:both|the two|two)\s+(?:governments|sides|countries|leaders|ministers|presidents|"
    r"capitals|allies|nations|administrations|foreign ministers|top diplomats)\b|"
    r"\bjoint (?:statement|press release|readout|fact sheet|communique|declaration)\b"
)

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
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'\u2019-]*")  # a word of an English name or title
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$|[다요]\.?\s*$")
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
_DATELINE = (
    re.compile(  # "SEOUL/WASHINGTON, Feb. 4 (Yonhap) -- ", "WASHINGTON — ", "Jan 7 (Reuters) - "
        rf"^(?:(?P<cities>[A-Z][A-Z.'\- ]*[A-Z](?:\s*/\s*[A-Z][A-Z.'\- ]*[A-Z])*)(?:,\s*{_DATE})?"
        rf"\s*(?:\([^)]{{2,40}}\))?|{_DATE}\s*\([^)]{{2,40}}\))"
        r"\s*(?:--|\u2014|\u2013|-|:)\s*"
    )
)
_KO_DATELINE = re.compile(r"^\([^)=]{1,20}=[^)]{1,20}\)\s*(?:\S+\s+(?:기자|특파원)\s*=\s*)?")
_SIGN_OFF = re.compile(r"(?i)^\s*[(\[](?:end|yonhap|ap|afp|reuters|kyodo|xinhua|끝)[)\]]\s*$")

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


# --------------------------------------------------------------------------------------------
# What the story teaches: officials, bodies, the outlet's home


@dataclass
class _Source:
    governments: tuple[str, ...]
    words: str  # the source phrase as written
    person: bool


@dataclass
class _Context:
    """Facts learned from the whole story, and the running source while reading it in order."""

    text: str
    officials: dict[str, str | None] = field(default_factory=dict)  # learned name -> government
    # kind of body -> sorted (offset, government) where the story ties one to a government
    bindings: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    home: str | None = None  # the outlet's or the dateline's government
    outlet_home: bool = False  # the home is the outlet's ("(Yonhap)"), not only a dateline city
    mentions: Counter = field(default_factory=Counter)
    last: _Source | None = None
    last_person: _Source | None = None
    last_body: _Source | None = None
    main: tuple[str, ...] | None = None
    sides: tuple[str, ...] = ()  # governments the user named as a and b
    _official_re: re.Pattern | None = None

    # ---- government mentions --------------------------------------------------------------

    def official_pattern(self) -> re.Pattern:
        if self._official_re is None:
            names = {n for n, g in self.officials.items() if g}
            names |= {n for g in GOVERNMENTS for n in g.officials}
            self._official_re = re.compile(
                rf"(?<![\w-])(?:{_alternation(re.escape(n) for n in names)})(?![\w-])"
            )
        return self._official_re

    def official_government(self, name: str) -> str | None:
        if name in self.officials:
            return self.officials[name]
        for g in GOVERNMENTS:
            if name in g.officials:
                return g.key
        return None

    def find(self, phrase: str) -> list[tuple[int, str]]:
        """Government mentions in `phrase` as (offset, key), in order."""
        found: list[tuple[int, str]] = []
        for key, rx in _PLACE_RE.items():
            found += [(m.start(), key) for m in rx.finditer(phrase)]
        for key, rx in _BODY_RE.items():
            found += [(m.start(), key) for m in rx.finditer(phrase)]
        for m in self.official_pattern().finditer(phrase):
            gov = self.official_government(m.group())
            if gov:
                found.append((m.start(), gov))
        if _HANGUL.search(phrase):
            for key, rx in _KOREAN_RE.items():
                found += [(m.start(), key) for m in rx.finditer(phrase)]
        found.sort()
        return found

    # ---- generic bodies ("the ministry") ---------------------------------------------------

    def resolve_generic(self, head: str, offset: int) -> tuple[str, ...]:
        """Whose body "the ministry", "the department", "the office" is at `offset`.

        The body of that kind the story named last; else the outlet's home government; else one
        the story names further on; else the last source; else a side the user named; else the
        most mentioned government.
        """
        kind = _GENERIC_KIND.get(head.lower())
        if kind is None:  # "the statement", "the spokesman", "the government": the last source
            return self.last.governments if self.last else ()
        excluded = _KIND_EXCLUDES.get(kind, set())
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

    def resolve(self, phrase: str, offset: int) -> _Source | None:
        """The government(s) a source phrase stands for, or None when it names none."""
        words = phrase.strip(" ,\"'")
        if not words or len(words.split()) > 12:
            return None
        if _PRONOUN.match(words):
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
            or self.official_pattern().search(words)
        )
        if _BOTH_SOURCE.search(words):
            return _Source((BOTH,), words, person)
        govs = list(dict.fromkeys(g for _, g in self.find(words)))
        if len(govs) >= 2 and re.search(r"\band\b|&|/|\bboth\b", words) and "'s" not in words:
            return _Source(tuple(govs[:2]), words, person)
        if govs:
            return _Source((govs[0],), words, person)
        generic = _GENERIC.search(words)
        if generic:
            resolved = self.resolve_generic(generic.group("head"), offset)
            if resolved:
                return _Source(resolved, words, person)
        surname = _SURNAMES.get(words)  # "Price said" with no "Ned Price" in the story
        return _Source((surname,), words, True) if surname else None

    def bind(self, offset: int, kind: str, gov: str) -> None:
        bisect.insort(self.bindings.setdefault(kind, []), (offset, gov))

    def remember(self, source: _Source, offset: int) -> None:
        self.last = source
        if source.person:
            self.last_person = source
        else:
            self.last_body = source
        generic = _GENERIC.search(source.words)
        if generic and len(source.governments) == 1 and source.governments[0] != BOTH:
            kind = _GENERIC_KIND.get(generic.group("head").lower())
            if kind:
                self.bind(offset, kind, source.governments[0])
        if self.main is None and BOTH not in source.governments:
            self.main = source.governments


def _learn(text: str) -> _Context:
    """Read the story once for officials, bound bodies, mentions and the outlet's home."""
    ctx = _Context(text)
    ctx.home, ctx.outlet_home = _home(text)
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
    if low in _NOT_NAMES or low in _TITLE_WORDS or bare.isupper():
        return False
    return not any(rx.fullmatch(bare) for rx in _PLACE_RE.values())


def _learn_name(ctx: _Context, tokens: list, i: int, j: int) -> None:
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
        if len(part) < 2:
            continue
        # a name two governments' officials share is trusted for neither
        value = gov if ctx.officials.get(part, gov) == gov else None
        if ctx.officials.get(part, "") != value:
            ctx.officials[part] = value
            ctx._official_re = None  # recompiled on next use


def _title_government(ctx: _Context, tokens: list, i: int) -> tuple[bool, str | None]:
    """Whether a title stands right before token i, and the government it marks, if any."""
    text = ctx.text
    k = i
    prefix: list[str] = []
    while k > 0 and len(prefix) < 8 and text[tokens[k - 1][1] : tokens[k][0]] == " ":
        word = tokens[k - 1][2]
        possessive = word.endswith(("'s", "\u2019s"))
        if not (
            word.lower().rstrip(".") in _TITLE_WORDS
            or possessive
            or (word[0].isupper() and not _name_token(word))
        ):
            break
        prefix.insert(0, word)
        k -= 1
    if not prefix:
        return False, None
    heads = {w.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s") for w in prefix}
    if not (heads & _TITLE_HEADS or prefix[-1].endswith(("'s", "\u2019s"))):
        return False, None
    start = tokens[k][0]
    # a body named just before the title counts too: "Cheong Wa Dae spokesman Kang Min-seok"
    for rx in _BODY_RE.values():
        for m in rx.finditer(text, max(0, start - 40), start):
            if text[m.end() : start] == " ":
                start = m.start()
    found = ctx.find(text[start : tokens[i][0]])
    return True, (found[0][1] if found else None)


_APPOSITIVE = re.compile(
    r"(?:\s+(?:of|at|from)\s+(?:the\s+)?|,\s+(?:(?:a|an|the)\s+)?)(?P<words>[^,.;:()\"]{1,50})"
)


def _appositive_government(ctx: _Context, end: int) -> str | None:
    """The government an official is placed in right after the name, if any."""
    m = _APPOSITIVE.match(ctx.text, end)
    if not m:
        return None
    words = m.group("words")
    if m.group().lstrip().startswith(",") and not (
        set(words.lower().replace("'s", "").split()) & _TITLE_HEADS
    ):
        return None  # ", Seoul and Tokyo ..." is a list, not a title
    found = ctx.find(words)
    return found[0][1] if found else None


def _learn_bindings(ctx: _Context) -> None:
    """Which government each kind of body belongs to where the story says so."""
    text = ctx.text
    inside_named = set()  # the "Department" of "State Department" is bound here, not below
    for key, rx in _BODY_RE.items():
        for m in rx.finditer(text):
            for g in _GENERIC.finditer(text, m.start(), m.end()):
                inside_named.add(g.start())
                kind = _GENERIC_KIND.get(g.group("head").lower())
                if kind:
                    ctx.bind(m.start(), kind, key)
    for m in _GENERIC.finditer(text):
        kind = _GENERIC_KIND.get(m.group("head").lower())
        if not kind or m.start() in inside_named:
            continue
        # the marker must stand right before the body: "South Korea's foreign ministry",
        # "the Chinese foreign ministry", "Japanese Prime Minister"
        window = text[max(0, m.start() - 40) : m.start()]
        window = re.split(r"[,;:()\"\u201c\u201d\n]|\b(?:and|with|told|said|to)\b", window)[-1]
        found = ctx.find(window)
        if found:
            ctx.bind(m.start(), kind, found[-1][1])


def _home(text: str) -> tuple[str | None, bool]:
    """The story's home government, and whether an outlet (not just a dateline city) says so."""
    for g in GOVERNMENTS:
        for outlet in g.outlets:
            if re.search(rf"[(\[=]\s*{re.escape(outlet)}\b|\b{re.escape(outlet)}\s*[)\]]", text):
                return g.key, True
    lines = [line.strip() for line in text.splitlines() if line.strip()][:3]
    for m in filter(None, map(_DATELINE.match, lines)):  # a headline may stand before it
        first = re.split(r"\s*/\s*", m.group("cities") or "")[0].strip()
        for g in GOVERNMENTS:
            if first in g.capitals:
                return g.key, False
    return None, False


# --------------------------------------------------------------------------------------------
# Reading one sentence


@dataclass
class _Reading:
    kind: str  # frame | quote | weak | content | narrator
    source: _Source | None
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


def _read_english(body: str, offset: int, ctx: _Context) -> tuple[_Reading, bool]:
    """One English sentence, and whether it leaves a quotation open."""
    masked, inside_after = _mask_quotes(body)
    candidates = []
    acts: list[_Reading] = []
    for start, end, src, verb, closing in _frames(masked):
        source = ctx.resolve(src, offset + start)
        if source is None:
            continue
        adjunct = _ADJUNCT.match(body, end) if verb != "according to" else None
        cue = body[start : adjunct.end() if adjunct else end].strip(" ,")
        if _PRONOUN.match(src.strip()):
            cue = f"{cue} ({src.strip()} = {source.words})"
        if verb in ("told", "tells") and not closing and ctx.find(_object(masked, end)):
            # "Biden told Moon ...": what one side said to the other in the call, an act whose
            # report may be either side's (Kang relaying it is Korea's account)
            acts.append(_Reading("weak", source, cue))
            continue
        candidates.append((verb == "according to", closing, source, cue))
    if not candidates and acts:
        return acts[0], inside_after
    if candidates:
        # "according to X" and a closing frame name the reporter's source; else the outermost frame
        ranked = [c for c in candidates if c[0]] or [c for c in candidates if c[1]]
        _, _, source, cue = ranked[-1] if ranked else candidates[0]
        return _Reading("frame", source, cue), inside_after
    if '"' in masked and not re.sub(r'[~"\s.,;:!?]', "", masked):
        return _Reading("quote", None, "quotation without a frame"), inside_after
    weak = _weak_act(masked, offset, ctx)
    if weak is not None:
        return weak, inside_after
    if ctx.main and _CONTENT_SUBJECT.search(masked) and _WEAK_RE.search(masked):
        return _Reading("content", None, ""), inside_after
    return _Reading("narrator", None, _NARRATOR_CUE), inside_after


_OBJECT = re.compile(
    r"\s+(.{1,60}?)(?=\s+(?:that|in|on|at|during|after|before|about|by)\b|[,;:~\"]|[.!?]?\s*$)"
)


def _object(masked: str, end: int) -> str:
    """The words a verb's object spans: "told [his Japanese counterpart] that ..."."""
    m = _OBJECT.match(masked, end)
    return m.group(1) if m else ""


_NARRATOR_CUE = "no source: the outlet's own words"
_CONTENT_SUBJECT = re.compile(
    r"(?i)^(?:[^,~]{0,60},\s*)?(?:they|both|the two|the leaders|the ministers|the sides|"
    r"the presidents|the officials|the allies)\b"
)


def _weak_act(masked: str, offset: int, ctx: _Context) -> _Reading | None:
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
        return _Reading("content", None, "") if ctx.main else None
    return _Reading("weak", source, f"{subject} {m.group()}")


def _read_korean(body: str, offset: int, ctx: _Context) -> _Reading:
    """One Korean sentence: '…고 외교부가 밝혔다', '국무부는 … 전했다', '…에 따르면'."""
    flat = body.translate(_QUOTES)
    according = _KO_ACCORDING.search(flat)
    if according:
        source = ctx.resolve(according.group("src"), offset + according.start())
        if source:
            return _Reading("frame", source, according.group().strip())
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
                return _Reading("frame", _Source((gov,), word, False), f"{word} … {verb}")
        if ctx.last is not None:  # "그는 … 덧붙였다", "국무부는 또 … 설명했다" with no new name
            return _Reading("frame", ctx.last, f"{verb} (= {ctx.last.words})")
    weak = _KO_WEAK.search(flat)
    if weak:  # "왕 부장은 또 … 제안했습니다": a participant's act, like "Wang proposed ..."
        head = flat[:20]
        found = ctx.find(head)
        if found:
            return _Reading("weak", _Source((found[0][1],), head.split()[0], True), weak.group())
        if ctx.last is not None:
            return _Reading("weak", replace(ctx.last, person=True), weak.group())
    if _KO_CONTENT.search(flat) and ctx.main:
        return _Reading("content", None, "")
    return _Reading("narrator", None, _NARRATOR_CUE)


def _read_all(statements: Sequence, ctx: _Context) -> list[_Reading]:
    """Read the story's statements in order, carrying the running source and open quotations."""
    text = ctx.text
    readings: list[_Reading] = []
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
            reading = _Reading("frame", ctx.last, f"{reading.cue} (continues: {ctx.last.words})")
        if reading.kind == "frame":
            for k in pending:  # the closing frame says whose words the lines before it were
                readings[k] = _Reading(
                    "quote", reading.source, f"quotation closed by: {reading.cue}"
                )
            pending = []
        elif in_quote and reading.source is None:
            if ctx.last is not None:  # a quotation with no frame continues the last speaker
                reading = _Reading("quote", ctx.last, f"quotation continues ({ctx.last.words})")
            if inside:
                pending.append(len(readings))
        if reading.source is not None:
            ctx.remember(reading.source, st.start)
        if not inside:
            pending = []
        readings.append(reading)
    return readings


def _read_statement(text: str, st, inside: bool, ctx: _Context) -> tuple[_Reading, bool, bool]:
    """(reading, whether the statement is part of a quotation, whether a quotation stays open)."""
    chunk = st.text
    if st.kind is Kind.NON_CONTENT or _SIGN_OFF.match(chunk):
        return _Reading("narrator", None, "heading or sign-off"), False, False
    if _is_headline(text, st.start, st.end, chunk):
        return _Reading("narrator", None, "headline or caption (no sentence end)"), False, False
    body, skipped = _strip_dateline(chunk)
    if not body.strip():
        return _Reading("narrator", None, "dateline"), False, False
    offset = st.start + skipped
    if _HANGUL.search(body):
        return _read_korean(body, offset, ctx), False, False
    # A quotation runs on into a new paragraph only when that paragraph opens with a quote mark
    # again; without one the earlier quote mark was unbalanced, and this is plain text.
    opens = body.lstrip().startswith(('"', "\u201c"))
    reading, inside_after = _read_english(body, offset, ctx)
    in_quote = reading.kind == "quote" or (opens and (inside or inside_after))
    return reading, in_quote, inside_after


def _is_headline(text: str, start: int, end: int, chunk: str) -> bool:
    """A whole line with no sentence end: a headline, caption or byline."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    whole_line = not text[line_start:start].strip() and not text[end:line_end].strip()
    return whole_line and not _SENTENCE_END.search(chunk)


def _strip_dateline(chunk: str) -> tuple[str, int]:
    """The sentence without its dateline ('SEOUL, Feb. 4 (Yonhap) -- '), and how much was cut."""
    m = _DATELINE.match(chunk) or _KO_DATELINE.match(chunk)
    if not m:
        return chunk, 0
    return chunk[m.end() :], m.end()


# --------------------------------------------------------------------------------------------
# Sides


def government_of(name: str, ctx: _Context | None = None) -> str | None:
    """The lexicon key of the government a user-given side name stands for ('ROK MOFA' -> 'ROK')."""
    low = name.strip().lower()
    for g in GOVERNMENTS:
        if low in (g.key.lower(), g.name.lower(), *g.aliases):
            return g.key
    ctx = ctx or _Context(name)
    found = ctx.find(name)
    if found:
        return found[0][1]
    for g in GOVERNMENTS:  # "the u.s. state department", typed in lower case
        if any(re.search(rf"(?<![\w.]){re.escape(a)}(?![\w])", low) for a in g.aliases):
            return g.key
    return None


def _named_sides(names: Sequence[str], ctx: _Context) -> tuple[str, str]:
    """The government keys of the two sides the user named, checked."""
    if isinstance(names, str) or len(names) != 2:
        raise InputError("names must give exactly two governments, e.g. ('South Korea', 'US')")
    keys = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InputError("a side name is empty; give two government names")
        key = government_of(name, ctx)
        if key is None:
            known = ", ".join(g.name for g in GOVERNMENTS)
            raise InputError(f"cannot tell which government {name!r} is; known: {known}")
        keys.append(key)
    if keys[0] == keys[1]:
        raise InputError(f"both names stand for the same government ({_BY_KEY[keys[0]].name})")
    return keys[0], keys[1]


def _found_sides(readings: Sequence[_Reading], ctx: _Context) -> tuple[str, str]:
    """The two most quoted governments, the one quoted first as a ('' where none is found)."""
    order: list[str] = []
    count: Counter = Counter()
    for r in readings:
        if (
            r.source is not None
            and len(r.source.governments) == 1
            and BOTH not in r.source.governments
        ):
            gov = r.source.governments[0]
            count[gov] += 1
            if gov not in order:
                order.append(gov)
    top = sorted(order, key=lambda g: (-count[g], order.index(g)))[:2]
    for gov, _ in ctx.mentions.most_common():  # one side quoted: the other is the most mentioned
        if len(top) < 2 and gov not in top:
            top.append(gov)
    top.sort(key=lambda g: order.index(g) if g in order else len(order))
    top += ["", ""]
    return top[0], top[1]


# --------------------------------------------------------------------------------------------
# Public functions


def attribute_story(text: str, *, names: Sequence[str] | None = None) -> StoryAttribution:
    """Assign every sentence of a news story to side a, side b, both or the narrator.

    `names` fixes which government is a and which is b ('South Korea', 'US State Department',
    'Blinken', ...); by default a is the government whose account comes first of the two most quoted.
    """
    if not isinstance(text, str):
        raise InputError(f"the story must be text, got {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError("the story is empty")
    limit = Config().max_chars
    if len(text) > limit:
        raise FileTooLargeError(f"the story has {len(text):,} characters; the limit is {limit:,}")
    statements = segment(text, "a", language=detect_language(text))
    ctx = _learn(text)
    if names is not None:
        ctx.sides = _named_sides(names, ctx)
    readings = _read_all(statements, ctx)
    if names is not None:
        keys = ctx.sides
        shown = (names[0].strip(), names[1].strip())
    else:
        keys = _found_sides(readings, ctx)
        shown = tuple(_BY_KEY[k].name if k else n for k, n in zip(keys, "AB", strict=True))
    main = _main_source(ctx, keys)
    sentences = []
    for st, r in zip(statements, readings, strict=True):
        govs: tuple[str, ...] = r.source.governments if r.source else ()
        cue = r.cue
        if r.kind == "content" and main:
            govs = (main,)
            cue = f"no source: call content, the story's main source ({_BY_KEY[main].name})"
        elif r.kind == "content":
            cue = "no source: the outlet's own words"
        attribution = _side_of(govs, keys)
        third = ""
        if attribution == "narrator" and govs and BOTH not in govs:
            third = _BY_KEY[govs[0]].name
            cue = f"{cue} (a third government, not a side)"
        if attribution == "both":
            government = "+".join(k for k in keys if k)
        elif attribution == "narrator":
            government = govs[0] if govs and BOTH not in govs else ""
        else:
            government = keys[0] if attribution == "a" else keys[1]
        sentences.append(
            AttributedSentence(
                index=st.index,
                start=st.start,
                end=st.end,
                text=st.text,
                attribution=attribution,
                source=_side_source(attribution, shown, third),
                cue=cue,
                government=government,
            )
        )
    return StoryAttribution(text, shown, tuple(sentences), keys)


def _main_source(ctx: _Context, keys: tuple[str, str]) -> str | None:
    if ctx.home in keys and ctx.home:
        return ctx.home
    if ctx.main and len(ctx.main) == 1 and ctx.main[0] in keys:
        return ctx.main[0]
    return None


def _side_of(govs: tuple[str, ...], keys: tuple[str, str]) -> str:
    if not govs:
        return "narrator"
    if BOTH in govs:
        return "both"
    has_a, has_b = keys[0] in govs, keys[1] in govs
    if has_a and has_b:
        return "both"
    if has_a:
        return "a"
    if has_b:
        return "b"
    return "narrator"


def compare_story(
    attribution: StoryAttribution, *, config: Config | None = None, embedder=None
) -> Comparison:
    """Compare side a's statements with side b's, one statement per attributed sentence."""
    from .pipeline import compare_texts  # numpy and the aligner load only when comparing

    config = replace(config or Config(), split=SplitMode.LINES)
    for side, name in zip("ab", attribution.names, strict=True):
        if not attribution.side_sentences(side):
            raise EmptyTextError(
                f"no sentence of the story is attributed to side {side.upper()} ({name}); "
                "name the two governments or correct the attribution"
            )
    return compare_texts(
        attribution.side_text("a"),
        attribution.side_text("b"),
        names=attribution.names,
        config=config,
        embedder=embedder,
    )


def attribution_rows(attr: StoryAttribution) -> list[dict[str, Any]]:
    """One row per sentence: index, start, end, text, attribution, source, cue."""
    return [{c: getattr(s, c) for c in ATTRIBUTION_COLUMNS} for s in attr.sentences]


def attribution_csv(attr: StoryAttribution) -> bytes:
    """attribution.csv as UTF-8 bytes, cells neutralised against spreadsheet formulas."""
    import pandas as pd

    from .export import to_csv_bytes

    return to_csv_bytes(pd.DataFrame(attribution_rows(attr), columns=list(ATTRIBUTION_COLUMNS)))


# --------------------------------------------------------------------------------------------
# Scoring against hand-made gold


def attribution_scores(gold_path: str | Path) -> dict[str, Any]:
    """Accuracy and per-class precision / recall of `attribute_story` on one gold file.

    The gold file lists every sentence with its attribution: `X.gold.json` beside `X.txt` and the
    `X.json` that says which government is a and b, or one file holding `text`, `a`, `b` and
    `sentences`. The story is attributed with those two names, so a and b mean the same as in gold.
    """
    text, names, gold = _load_gold(Path(gold_path))
    result = attribute_story(text, names=names)
    pairs = []  # (gold, predicted sentence or None) in gold order
    cursor = 0
    for g in gold:
        at = text.find(g["text"], cursor)
        cursor = at + len(g["text"]) if at >= 0 else cursor
        hit = next((s for s in result.sentences if at >= 0 and s.start <= at < s.end), None)
        pairs.append((g, hit))
    labels = [(g["attribution"], p.attribution if p else "unmatched") for g, p in pairs]
    per_class = {}
    for label in ATTRIBUTIONS:
        correct = sum(g == p == label for g, p in labels)
        n_gold = sum(g == label for g, _ in labels)
        n_pred = sum(p == label for _, p in labels)
        per_class[label] = {
            "precision": correct / n_pred if n_pred else None,
            "recall": correct / n_gold if n_gold else None,
            "correct": correct,
            "gold": n_gold,
            "predicted": n_pred,
        }
    correct = sum(g == p for g, p in labels)
    return {
        "file": Path(gold_path).name.removesuffix(".json").removesuffix(".gold"),
        "names": list(result.names),
        "sentences": len(labels),
        "correct": correct,
        "accuracy": correct / len(labels) if labels else 0.0,
        "per_class": per_class,
        "errors": [
            {
                "i": g.get("i"),
                "gold": gl,
                "predicted": pl,
                "cue": p.cue if p else "",
                "text": g["text"],
            }
            for (g, p), (gl, pl) in zip(pairs, labels, strict=True)
            if gl != pl
        ],
    }


def _load_gold(path: Path) -> tuple[str, tuple[str, str], list[dict[str, Any]]]:
    """(story text, (name a, name b), gold sentences) from a gold file and its siblings."""
    stem = path.name.removesuffix(".json").removesuffix(".gold")
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        meta = (
            gold if "a" in gold else json.loads((path.parent / f"{stem}.json").read_text("utf-8"))
        )
        text = gold.get("text")
        if text is None:
            text = (path.parent / f"{stem}.txt").read_text(encoding="utf-8")
        return text, (meta["a"], meta["b"]), list(gold["sentences"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise FileReadError(f"cannot read gold story {path}: {type(err).__name__}: {err}") from err


def format_scores(scores: Iterable[dict[str, Any]]) -> str:
    """A plain-text table of `attribution_scores` results, one block per file and a total."""
    scores = list(scores)
    lines = []

    def fmt(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.2f}"

    header = f"  {'class':<9} {'P':>5} {'R':>5} {'gold':>5} {'pred':>5}"
    totals: dict[str, Counter] = {k: Counter() for k in ATTRIBUTIONS}
    for s in scores:
        lines.append(f"{s['file']}: accuracy {s['accuracy']:.3f} ({s['correct']}/{s['sentences']})")
        lines.append(header)
        for label, c in s["per_class"].items():
            lines.append(
                f"  {label:<9} {fmt(c['precision']):>5} {fmt(c['recall']):>5} "
                f"{c['gold']:>5} {c['predicted']:>5}"
            )
            totals[label].update(gold=c["gold"], pred=c["predicted"], tp=c["correct"])
        for e in s["errors"]:
            lines.append(f"  error i={e['i']}: gold {e['gold']}, got {e['predicted']} [{e['cue']}]")
    if len(scores) > 1:
        n = sum(s["sentences"] for s in scores)
        c = sum(s["correct"] for s in scores)
        lines.append(f"all: accuracy {c / n:.3f} ({c}/{n})")
        lines.append(header)
        for label, t in totals.items():
            p = t["tp"] / t["pred"] if t["pred"] else None
            r = t["tp"] / t["gold"] if t["gold"] else None
            lines.append(f"  {label:<9} {fmt(p):>5} {fmt(r):>5} {t['gold']:>5} {t['pred']:>5}")
    return "\n".join(lines)
