"""Names of governments, their places, bodies, titles and officials: one place, used by every stage.

Plain data and small lookups, no rules of any stage. The story attribution reads `GOVERNMENTS`
(countries, capitals, institutions, well-known officials, outlets) and the generic bodies;
`text.normalise` maps country names to the canonical forms in `NORMAL_FORMS`; the label stage reads
the parties and the titles a statement may open with; the report guesses a readout's publisher
from `PUBLISHERS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

#: Hangul: syllables, jamo and compatibility jamo (the "ㅇ" bullets of Korean readouts)
HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


# a list number in front of a statement, as a regular expression: "2.", "3)", "(4)", or a bare
# "3" before the sentence it numbers ("3 The two leaders", "3 한국은"), not before the rest of a
# value ("5 thousand troops will be withdrawn", "3 ballistic missiles")
LIST_NUMBER = r"\(?\d{1,3}[.)](?!\d)|\d{1,3}(?=\s+(?:[A-Z\"\u201c\u2018'(\[]|[\uac00-\ud7a3]))"


def has_hangul(text: str) -> bool:
    """Whether `text` holds any Korean letter: the one test every stage uses."""
    return HANGUL.search(text) is not None


# --------------------------------------------------------------------------------------------
# Governments


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
    state_media: tuple[str, ...] = ()  # of those, the government's own voice
    capitals: tuple[str, ...] = ()  # dateline cities
    aliases: tuple[str, ...] = ()  # lower-case names a user may type for a side


def _government(key: str, name: str, **fields: str) -> Government:
    """A lexicon entry; the name lists (officials, outlets, ..., aliases) are ';'-separated."""
    lists = {"officials", "outlets", "state_media", "capitals", "aliases"}
    values: dict[str, Any] = {
        f: tuple(x.strip() for x in v.split(";") if x.strip()) if f in lists else v
        for f, v in fields.items()
    }
    return Government(key, name, **values)


# "Korea(n)" alone means the South in this kind of news, but not in "North Korea",
# "inter-Korean" or "the Korean Peninsula"
KOREA = r"(?<!North )(?<!North-)(?<!N\. )(?<!inter-)(?<!Inter-)Korean?s?(?! [Pp]eninsula| [Ww]ar\b)"

GOVERNMENTS: tuple[Government, ...] = (
    _government(
        "US",
        "United States",
        places=r"United States(?: of America)?|U\.S\.(?:A\.)?|USA?|Americans?|America|"
        r"Washington(?! Post| Times| Examiner)",
        bodies=r"State Department|Department of State|White House|Pentagon|Defense Department|"
        r"Department of Defense|Treasury Department|(?:Deputy |Assistant |Under )?Secretary of "
        r"State|Secretary of Defense|Defense Secretary|Oval Office|Foggy Bottom|"
        r"administration officials?",
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
        places=rf"South Koreans?|Republic of Korea|ROK|Seoul|{KOREA}",
        bodies=r"Cheong Wa Dae|Blue House|Yongsan|Unification Ministry|Ministry of Unification|"
        r"Unification Minister|National Intelligence Service|"
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
        outlets="Xinhua; Global Times; China Daily; CGTN; People's Daily; CCTV",
        state_media="Xinhua; Global Times; China Daily; CGTN; People's Daily; CCTV",
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
        state_media="KCNA",
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
        state_media="TASS; RIA Novosti",
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
        bodies=r"Ministry of External Affairs|External Affairs (?:Minister|Ministry)|MEA|EAM|"
        r"South Block",
        korean=r"인도(?!태평양|-태평양|네시아)",
        officials="Narendra Modi; Modi; Subrahmanyam Jaishankar; S Jaishankar; Jaishankar; "
        "Ajit Doval; Doval; Arindam Bagchi; Randhir Jaiswal",
        outlets="Press Trust of India; PTI; ANI; Times of India; Hindustan Times; NDTV; "
        "The Hindu; Indian Express; Zee News; WION",
        capitals="NEW DELHI",
    ),
    _government(
        "AU", "Australia", places=r"Australian?|Canberra", korean="호주", capitals="CANBERRA"
    ),
    _government(
        "FR",
        "France",
        places=r"France|French|Paris",
        bodies=r"[EÉ]lys[eé]e(?: Palace)?|Quai d'Orsay",
        korean="프랑스",
        officials="Emmanuel Macron; Macron; Jean-No\u00ebl Barrot; Barrot",
        outlets="Le Monde",
        capitals="PARIS",
        aliases="fr; france; french; paris",
    ),
    _government(
        "DE",
        "Germany",
        places=r"Germany|German|Berlin",
        bodies=r"Chancellery|Federal Foreign Office|Bundeskanzleramt",
        korean="독일",
        officials="Friedrich Merz; Merz; Olaf Scholz; Scholz; Johann Wadephul; Annalena Baerbock; "
        "Baerbock",
        outlets="Der Spiegel; Frankfurter Allgemeine",
        capitals="BERLIN",
        aliases="de; germany; german; berlin",
    ),
    _government(
        "UA",
        "Ukraine",
        places=r"Ukraine|Ukrainian|Kyiv|Kiev",
        korean="우크라이나",
        officials="Volodymyr Zelenskyy; Volodymyr Zelensky; Zelenskyy; Zelensky; Andrii Sybiha; "
        "Sybiha",
        outlets="Ukrinform",
        capitals="KYIV; KIEV",
        aliases="ua; ukraine; kyiv",
    ),
    _government(
        "CA",
        "Canada",
        places=r"Canada|Canadian|Ottawa",
        korean="캐나다",
        officials="Mark Carney; Carney; Justin Trudeau; Trudeau; Anita Anand",
        outlets="CBC",
        capitals="OTTAWA",
        aliases="ca; canada; ottawa",
    ),
    _government(
        "VN",
        "Vietnam",
        places=r"Vietnam(?:ese)?|Viet Nam|Hanoi",
        korean="베트남",
        officials="To Lam; Pham Minh Chinh",
        outlets="VNA; Vietnam News Agency",
        state_media="VNA; Vietnam News Agency",
        capitals="HANOI",
        aliases="vn; vietnam; hanoi",
    ),
    _government(
        "PH",
        "Philippines",
        places=r"Philippines?|Filipino|Philippine|Manila",
        bodies=r"Malaca[nñ]ang",
        korean="필리핀",
        officials="Ferdinand Marcos Jr.; Marcos",
        capitals="MANILA",
        aliases="ph; philippines; manila",
    ),
    _government(
        "ID",
        "Indonesia",
        places=r"Indonesian?|Jakarta",
        korean="인도네시아",
        officials="Prabowo Subianto; Prabowo; Joko Widodo; Jokowi",
        outlets="Antara",
        capitals="JAKARTA",
        aliases="id; indonesia; jakarta",
    ),
)
BY_KEY = {g.key: g for g in GOVERNMENTS}

# "(?<![\w'’])" keeps "US" out of "USA", "Chung" out of "Chungcheong" and "Korean" out of "inter-".
PLACES = {g.key: re.compile(rf"(?<![\w'’])(?:{g.places})(?!\w)") for g in GOVERNMENTS}
BODIES = {g.key: re.compile(rf"(?<!\w)(?:{g.bodies})(?!\w)", re.I) for g in GOVERNMENTS if g.bodies}
KOREAN = {g.key: re.compile(g.korean) for g in GOVERNMENTS if g.korean}


def place_or_body_mentions(phrase: str, *, korean: bool = False) -> list[tuple[int, str]]:
    """(offset, government key) of every country, capital and institution named in `phrase`.

    Officials are not looked up here: who a name stands for depends on the story (`NameIndex`).
    `korean` adds the Korean-language markers.
    """
    found = [(m.start(), key) for key, rx in PLACES.items() for m in rx.finditer(phrase)]
    found += [(m.start(), key) for key, rx in BODIES.items() for m in rx.finditer(phrase)]
    if korean:
        found += [(m.start(), key) for key, rx in KOREAN.items() for m in rx.finditer(phrase)]
    return found


def first_government(phrase: str) -> str | None:
    """The government of the first country, capital or institution named in `phrase`."""
    found = sorted(place_or_body_mentions(phrase))
    return found[0][1] if found else None


# News outlets that speak for no government; a story citing one relays someone else's account.
NEWS_OUTLETS = (
    "Reuters; Associated Press; AP; AFP; Agence France-Presse; Bloomberg; CNN; Politico; Axios; "
    "NBC News; NBC; CBS News; CBS; ABC News; Fox News; Washington Post; New York Times; "
    "Wall Street Journal; Financial Times; The Guardian; Guardian; Al Jazeera; Deutsche Welle; "
    "DW; South China Morning Post; SCMP; Nikkei Asia; Newsweek; The Economist; Semafor"
).split("; ")
_OUTLET_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        sorted(
            {re.escape(o) for g in GOVERNMENTS for o in g.outlets}
            | set(map(re.escape, NEWS_OUTLETS)),
            key=len,
            reverse=True,
        )
    )
    + r")(?![\w-])"
)
_OUTLET_HOME = {o: g.key for g in GOVERNMENTS for o in g.outlets}
# "China's state media", "the official news agency", "South Korea's news agency"
_MEDIA_RE = re.compile(
    r"(?i)\b(?:state(?:-run|-owned)?|official|government-run)\s+(?:media|news agency|"
    r"broadcaster|television|tv|news|press)\b|\bnews agency\b"
)


def news_outlet(phrase: str) -> str | None:
    """None if `phrase` names no news outlet; else the key of the government whose outlet it is
    ("Yonhap" -> "ROK"), or "" for an outlet of no government ("Reuters", "the Washington Post")
    and for state media named with no outlet ("state media", "China's official news agency")."""
    m = _OUTLET_RE.search(phrase)
    if m:
        return _OUTLET_HOME.get(m.group(), "")
    return "" if _MEDIA_RE.search(phrase) else None


def alias_government(name: str) -> str | None:
    """The key of the government a user-typed name is exactly ('us', 'South Korea', 'ROK')."""
    low = name.strip().lower()
    for g in GOVERNMENTS:
        if low in (g.key.lower(), g.name.lower(), *g.aliases):
            return g.key
    return None


def alias_inside(name: str) -> str | None:
    """The key of the first government whose alias stands in a lower-case phrase as a word."""
    low = name.strip().lower()
    for g in GOVERNMENTS:  # "the u.s. state department", typed in lower case
        if any(re.search(rf"(?<![\w.]){re.escape(a)}(?![\w])", low) for a in g.aliases):
            return g.key
    return None


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
SURNAMES = _surnames()
OFFICIALS = {name: g.key for g in GOVERNMENTS for name in g.officials}


class NameIndex:
    """A set of names found in text as whole words, longest first; adding a name is O(1).

    Matches what a regex alternation `(?<![\\w-])(?:longest|...|shortest)(?![\\w-])` finds with
    `finditer`, without recompiling a pattern each time a story teaches a new name.
    """

    _WORD = re.compile(r"(?<![\w-])\w+")

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_head: dict[str, set[str]] = {}
        self._sorted: dict[str, list[str]] = {}
        for name in names:
            self.add(name)

    def _head(self, name: str) -> str:
        m = re.match(r"\w+", name)
        return m.group() if m else name

    def add(self, name: str) -> None:
        head = self._head(name)
        self._by_head.setdefault(head, set()).add(name)
        self._sorted.pop(head, None)

    def discard(self, name: str) -> None:
        head = self._head(name)
        self._by_head.get(head, set()).discard(name)
        self._sorted.pop(head, None)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each name in `text`, left to right, not overlapping."""
        after = 0
        for m in self._WORD.finditer(text):
            start = m.start()
            if start < after or m.group() not in self._by_head:
                continue
            for name in self._candidates(m.group()):
                end = start + len(name)
                if text.startswith(name, start) and not (
                    end < len(text) and (text[end].isalnum() or text[end] in "_-")
                ):
                    yield start, end
                    after = end
                    break

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None

    def _candidates(self, head: str) -> list[str]:
        names = self._sorted.get(head)
        if names is None:
            names = self._sorted[head] = sorted(self._by_head[head], key=len, reverse=True)
        return names


# --------------------------------------------------------------------------------------------
# Titles and bodies

# Words that may stand between a government marker and an official's name ("South Korean Foreign
# Minister", "Moon's spokesman", "top Chinese diplomat", "his U.S. counterpart").
TITLE_WORDS = frozenset(
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
TITLE_HEADS = frozenset(
    """
    minister secretary president premier diplomat spokesman spokeswoman spokesperson counterpart
    ambassador envoy representative adviser advisor director leader official councilor councillor
    chairman chairwoman chief
    """.split()
)

# Nouns that name a body or a person without saying whose ("the ministry", "the spokesman").
GENERIC_BODY = re.compile(
    r"\b(?P<head>foreign ministry|ministry of foreign affairs|mofa|foreign office|ministry|"
    r"presidential office|presidential spokesperson|office|department|government|administration|"
    r"embassy|agency|side|spokes(?:man|woman|person)|officials?|minister|secretary|president|"
    r"premier|prime minister|leader|statement|readout|press release|release|briefing)\b",
    re.I,
)
# The kind of body a generic noun stands for; nouns without a kind ("the statement", "the
# spokesman") say nothing about whose body it is.
BODY_KINDS = {
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
KIND_EXCLUDES = {"ministry": {"US"}, "presidency": {"US", "JP", "UK"}}


# --------------------------------------------------------------------------------------------
# Canonical forms for comparing words (text.normalise): "the United States" and "U.S." count as
# the same word, and a reason shows each form one way.

NORMAL_FORMS = [
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
    # what is left of "Korea" after North Korea is the ROK, but not the peninsula or "inter-Korean"
    (r"(?<!inter-)\bkorea(?:n)?\b(?! peninsula)", " rok "),
    (r"\bpeople'?s republic of china\b|\bprc\b|\bchina\b|\bchinese\b|\bbeijing\b", " prc "),
    (r"\bjapan(?:ese)?\b|\btokyo\b", " japan "),
    (
        r"\bunited nations security council\b|\bun security council\b|\bu\.n\. security council\b|\bunsc\b",
        " unsc ",
    ),
    (r"\bunited nations\b|\bu\.n\.(?=\W|$)", " un "),
]
# the one forms NORMAL_FORMS map country and body names to, and how a reason shows them
CANONICAL_NAMES = {
    "usa": "U.S.",
    "dprk": "DPRK",
    "rok": "ROK",
    "prc": "PRC",
    "japan": "Japan",
    "unsc": "UNSC",
    "un": "UN",
}
# the canonical forms that are a party to a call (a requester, a country named on one side only)
PARTIES = ("usa", "rok", "dprk", "prc", "japan")

# --------------------------------------------------------------------------------------------
# Who a readout statement opens with (label.speaker): regex alternations, matched ignoring case.

# nationality words before a title ("U.S. Secretary ...", "Korean Foreign Minister ...")
SPEAKER_NATIONS = r"u\.s\.|us|japanese|korean|chinese|rok|prc"
SPEAKER_TITLES = (
    r"president|prime minister|secretary(?: of state)?|(?:foreign|vice|deputy)\s+minister|minister|"
    r"state councilor|ambassador|spokesperson|the secretary|the minister"
)
# the second of two speakers ("Secretary Blinken and Foreign Minister Hayashi")
SPEAKER_PARTNER_TITLES = (
    r"(?:foreign\s+)?(?:minister|secretary(?: of state)?|president|prime minister)"
)

# --------------------------------------------------------------------------------------------
# Who published a readout (report.guess_source_name)


@dataclass(frozen=True)
class Publisher:
    """A readout's publisher and the phrases (regex, any case) that name it in its own text."""

    name: str
    patterns: tuple[str, ...]


# The earliest phrase in the text wins: a readout names its own side first ("Secretary Blinken
# spoke with ..." vs "Foreign Minister Chung ... talked to").
PUBLISHERS = (
    Publisher(
        "US Department of State",
        (
            r"\battributable to (?:the )?spokesperson\b",
            r"\bas stated by (?:the )?spokesperson\b",
            r"\b(?:u\.?s\.? )?department of state\b",
            r"\bstate department\b",
            r"\b(?:u\.?s\.? )?secretary of state\b",
            r"\bsecretary (?:blinken|pompeo|rubio|tillerson|kerry|clinton)\b",
            r"\bdeputy secretary\b",
        ),
    ),
    Publisher(
        "The White House",
        (
            r"\bthe white house\b",
            r"\bpresident (?:biden|trump|obama)\b(?= (?:spoke|met|held|talked|welcomed))",
            r"\bpresident (?:joseph r\. biden, jr\.|donald j\. trump|barack obama)"
            r"(?= (?:spoke|met|held|talked|welcomed))",
        ),
    ),
    Publisher(
        "ROK Office of the President",
        # Cheong Wa Dae's house style opens with the president: "President Moon Jae-in and
        # Japanese Prime Minister Shinzo Abe held ..."
        (r"^\W*president (?:moon jae-in|yoon suk[ -]yeol|lee jae-myung|park geun-hye)\b",),
    ),
    Publisher(
        "ROK Ministry of Foreign Affairs",
        (
            r"외교부",
            r"\bministry of foreign affairs of the republic of korea\b",
            r"\b(?:rok|korean|republic of korea) (?:foreign ministry|ministry of foreign affairs)\b",
            r"\bforeign minister (?:chung|kang|park|cho|yun|chung eui-yong|kang kyung-wha|park jin|cho tae-yul)\b",
        ),
    ),
    Publisher(
        "Ministry of Foreign Affairs of Japan",
        (
            r"\bministry of foreign affairs of japan\b",
            r"\bminister for foreign affairs of japan\b",
            r"\bjapan(?:ese)? (?:foreign ministry|ministry of foreign affairs)\b",
            r"\bforeign minister (?:hayashi|motegi|kamikawa|kono|kishida|iwaya)\b",
            # its house style: "Mr. Shinzo Abe, Prime Minister of Japan, held ...", "Mr. HAYASHI
            # Yoshimasa, Minister for Foreign Affairs: I just held ..."
            r"\bmr\. [\w-]+ [\w-]+, (?:prime minister of japan|minister for foreign affairs)\b",
        ),
    ),
    Publisher(
        "PRC Ministry of Foreign Affairs",
        (
            r"\bchinese (?:foreign ministry|ministry of foreign affairs)\b",
            r"\b(?:state councilor(?: and foreign minister)? )?wang yi\b",
            r"\bforeign ministry spokesperson (?:wang wenbin|zhao lijian|hua chunying|mao ning|lin jian)\b",
            r"^\W*(?:on [\w ,]{3,30}?, )?president xi jinping\b",  # Xinhua's "President Xi ... had"
        ),
    ),
    Publisher(
        "India Ministry of External Affairs",
        (
            r"\bministry of external affairs of india\b",
            r"\bexternal affairs minister\b(?! of)",
            r"\beam\b",
            r"^\W*prime minister (?:narendra )?modi\b",
        ),
    ),
)
# a readout that names only "the foreign ministry": the country it mentions most (regex, any case)
COUNTRY_MINISTRIES = (
    ("ROK Ministry of Foreign Affairs", r"\bkorea|\brok\b|\bseoul\b"),
    ("Ministry of Foreign Affairs of Japan", r"\bjapan|\btokyo\b"),
    ("PRC Ministry of Foreign Affairs", r"\bchina\b|\bchinese\b|\bbeijing\b|\bprc\b"),
)


# The days of the week, Monday first, and the syllable Korean writes each with (월요일, "(월)")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
KO_WEEKDAYS = "월화수목금토일"
# Clock times written as words, and the time each is (as the label stage writes a time)
CLOCK_WORDS = {
    "noon": "12:00 p.m.",
    "midday": "12:00 p.m.",
    "midnight": "12:00 a.m.",
    "정오": "12:00 p.m.",
    "자정": "12:00 a.m.",
}

# subjects that only carry on from the sentence before: "They discussed ..." after "Secretary
# Blinken spoke with Minister Chung" is readout style, not a claim about who spoke
FRAMING_SUBJECTS = frozenset({"they", "he", "she", "it"})

# What a readout says about the meeting itself rather than its substance: when, how long, in what
# format, with which titles. A side adding only these still agrees with the other.
LOGISTICS = frozenset(WEEKDAYS) | frozenset(
    """
    commencing commenced approximately around about roughly time minute minutes hour hours
    telephone phone video teleconference virtual virtually meeting meetings summit talk talks
    call calls conversation conversations held hold holds spoke speak met meet talked luncheon
    lunch dinner working today tonight yesterday afternoon morning evening night local visit
    visiting attend attending occasion sidelines honorable excellency jr mr ms mrs president
    prime minister secretary state counterpart foreign affairs latter former via over
    """.split()
)
