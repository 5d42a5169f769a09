"""The numbers, dates, clock times and lengths a statement writes, in English and Korean, read
once: the label stage compares their values ("15 minutes" against "20분"), and compare.diff marks
where each value is written. One reading serves both, so what a reason names is what the marks
show.

Values are normalised so that the two languages and the ways of writing meet: a date is
'aug 5' ("August 5th", "5 August", "8월 5일", "8.5.(목)"), a day without its month 'the 18th'
("18일"), a time '9:30 p.m.' ("9:30 p.m.", "21:30", "오후 9시 30분"), or '1:00' when the text gives
no a.m. or p.m. and the hour does not tell, a weekday 'monday' ("월요일", "(월)"), a relative
time 'next week', a year '2023', a length its number under its unit ('minutes' -> '15'), and any
other number its value with thousands separators and scale words read ("5,000" and "5 thousand"
are '5000'), with the noun it counts when one follows ("3 ballistic missiles", "$5 million",
"two ships"): numbers that count the same thing can then be compared.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .lexicon import CLOCK_WORDS, KO_WEEKDAYS, LIST_NUMBER, WEEKDAYS
from .text import Search, is_content_word

#: units of values that say when, not how much
WHEN_UNITS = ("date", "month", "when", "time", "weekday", "year")


@dataclass(frozen=True)
class Value:
    """One value a text writes: what it counts (`unit`: 'minutes', 'date', 'time', '' for any
    other number), its normalised `value`, and where it is written (`start`, `end`; of a length,
    its number; of an amount, its currency and scale too: "$5 million"). A number of unit ''
    has the `noun` it counts, as written, when one follows ("missiles" of "3 ballistic
    missiles", "dollars" of "$5 million"); `spelled` is a count written as a word ("two ships"),
    which the label compares with other counts of its noun and never lists on its own."""

    unit: str
    value: str
    start: int
    end: int
    noun: str = ""
    spelled: bool = False


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
}
# the cardinals a count may be spelled with ("two ships"); not "one", which is as often a pronoun
# ("one of the", "one another") or part of a name ("one China")
_CARDINALS = [
    w for w, n in _NUMBER_WORDS.items() if 2 <= n and not w.endswith(("st", "nd", "rd", "th"))
]
_SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_CURRENCIES = {
    "$": "dollars",
    "us$": "dollars",
    "usd": "dollars",
    "dollar": "dollars",
    "dollars": "dollars",
    "₩": "won",
    "krw": "won",
    "won": "won",
    "¥": "yen",
    "jpy": "yen",
    "yen": "yen",
    "yuan": "yuan",
    "€": "euros",
    "eur": "euros",
    "euro": "euros",
    "euros": "euros",
}
_MONTHS = (
    "january february march april may june july august september october november december".split()
)
# digit runs are matched whole from their first digit, possessively: a 10,000-digit number is read
# once, not retried at every digit and every length
_DIGITS = r"(?<![\w.,])(?:\d{1,3}+(?:,\d{3})++(?![\d,])|\d++)(?:\.\d++)?+"
_NUM = r"(" + _DIGITS + r"|\b(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"))"

_MONTH_NAMES = "|".join(m[:3] for m in _MONTHS)
#: months as values write them: 'jan' … 'dec'
MONTHS = tuple(m[:3] for m in _MONTHS)
# Each `Search` below names the strings one of its matches must hold (a unit, a month), built
# from the same lists as the pattern: a statement without any is not searched.
_QUANTITY = Search(
    _NUM + r"[\s-]*(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b", re.I, _UNITS
)
# "Aug. 5", "August 5th", "5 August", "the 5th of August"; each month group is the month's word
_DATE = Search(
    rf"\b((?:{_MONTH_NAMES})[a-z]*)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?((?:{_MONTH_NAMES})[a-z]*)\b",
    re.I,
    MONTHS,
)
# a month named without a day ("a summit in May"); capitalised, and after a word that makes it a
# time, so that "may" the verb is never read as a month
_MONTH_ONLY = Search(
    r"\b(?i:in|since|until|till|by|from|during|before|after|early|late|mid|last|next|this|of)"
    r"[\s-]+(?:(?i:early|late|mid)[\s-]+)?("
    + "|".join(m.capitalize() for m in _MONTHS)
    + r")\b(?![\s.]*\d)",
    needs=[m.capitalize() for m in _MONTHS],  # written capitalised: the month ignores no case
)
# any other number: "5,000", "1.5", "two" (a count, when a noun follows), after a currency and
# before its scale and percent sign ("$5 million", "10%")
_NUMBER = re.compile(
    r"(?:(?<![\w$₩¥€])(US\$|\$|₩|¥|€|(?:USD|KRW|JPY|EUR)\s?))?"
    rf"(?:({_DIGITS})(?![\w.]*+\d)|\b({'|'.join(_CARDINALS)})\b)"
    rf"(?:[\s-]+({'|'.join(_SCALES)})\b)?(\s?%|\s+per\s?cent\b)?",
    re.I,
)
# the words after a number, the first two of which may name what it counts
_FOLLOWING = re.compile(r"\s+([a-z][a-z'’-]*+)(?:\s+([a-z][a-z'’-]*+))?", re.I)
# "2021-08-05"
_ISO_DATE = Search(r"(?<![\d-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])", needs=["-"])
# a year: a number from 1900 to 2099 written without a separator ("in 2023", "the 2018 summit")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LIST_LEAD = re.compile(rf"^\W*(?:{LIST_NUMBER})\s*")
# a terminal escape sequence ("\x1b[1m") carries digits that are not numbers of the text
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
# "next week", "later this month", "early next year"
_RELATIVE = Search(r"\b(next|this|last)\s+(week|month|year)\b", re.I, ["week", "month", "year"])
# "4:30 p.m.", "4 p.m."; without a.m. or p.m.: "13:00", "1:00 o'clock", "3 o'clock"
_CLOCK = re.compile(
    r"(?<![\d:])\b(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\b\.?|\s*o['’]clock\b|(?![\d:]))"
    r"|\b(\d{1,2})(?:\s*([ap])\.m\.|\s*o['’]clock\b)",
    re.I,
)
# Korean clock times: "오후 9시", "오전 10시 30분", "13시" (not "3시간", three hours)
_KO_CLOCK = Search(
    r"(?:(오전|오후)\s*)?(?<!\d)(\d{1,2})\s*시(?!간)(?:\s*(\d{1,2})\s*분)?", needs=["시"]
)
# clock times written as words: noon, midnight; 정오 (a Korean word runs on into its particle)
_EN_CLOCK_WORDS = [w for w in CLOCK_WORDS if w.isascii()]
_KO_CLOCK_WORDS = [w for w in CLOCK_WORDS if not w.isascii()]
_CLOCK_WORDS = (
    Search(r"\b(" + "|".join(_EN_CLOCK_WORDS) + r")\b", re.I, _EN_CLOCK_WORDS),
    Search("(" + "|".join(_KO_CLOCK_WORDS) + ")", needs=_KO_CLOCK_WORDS),
)
# "8월 5일"; "1.15." before its weekday "(토)", which is read as the weekday
_KO_DATE = Search(
    rf"(\d{{1,2}})\s*월\s*(\d{{1,2}})\s*일|(\d{{1,2}})\.\s?(\d{{1,2}})\.(?=\s?\([{KO_WEEKDAYS}]\))",
    needs=["월", "("],
)
# a day of the month without its month: "어제(18일)", "18일 오전" (not "3일간", three days)
_KO_DAY = Search(r"(?<![\d.])(\d{1,2})\s*일(?!\s*(?:간|동안|\d))", needs=["일"])
_KO_QUANTITY = Search(r"(?<!\d)(\d++)\s*+(분|시간)", needs=["분", "시간"])
_HALF_HOUR = Search(r"\bhalf an hour\b", re.I)
# "on Monday"; Korean "월요일", or "(월)" after a date ("1.15.(월)")
_WEEKDAY = Search(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I, WEEKDAYS)
_KO_WEEKDAY = Search(rf"([{KO_WEEKDAYS}])요일|(?<=\.)\s?\(([{KO_WEEKDAYS}])\)", needs=["요일", "("])


@lru_cache(maxsize=4096)  # each statement is read by every group and every mark that holds it
def read(text: str) -> tuple[Value, ...]:
    """Every value `text` writes, in the order the kinds are read (clock times first: the
    minutes of "9시 30분" are part of a time, not a length).

    A leading list number ("2.", "(3)") is not a value, nor are a terminal escape's digits, nor
    the digits of a value already read (the 5 of "Aug. 5" is no bare number).
    """
    text = _ESCAPE.sub(lambda m: " " * len(m.group()), text)
    text = _LIST_LEAD.sub(lambda m: " " * len(m.group()), text)
    out: list[Value] = []
    taken: list[tuple[int, int]] = []

    def add(unit: str, value: str, m: re.Match, group: int = 0) -> None:
        out.append(Value(unit, value, m.start(group), m.end(group)))
        taken.append(m.span())

    for m in _CLOCK.finditer(text):
        hour, minute, half = m.group(1) or m.group(4), m.group(2) or "00", m.group(3) or m.group(5)
        if int(hour) <= 23 and int(minute) <= 59:  # else not a time of day
            add("time", _clock(int(hour), minute, half), m)
    for m in _KO_CLOCK.finditer(text):
        hour, minute = int(m.group(2)), f"{int(m.group(3) or 0):02d}"
        half = {"오전": "a", "오후": "p"}.get(m.group(1) or "")
        if not (half and hour > 12 or hour > 23 or int(minute) > 59):  # else not a time of day
            add("time", _clock(hour, minute, half), m)
    for m in (m for search in _CLOCK_WORDS for m in search.finditer(text)):
        add("time", CLOCK_WORDS[m.group(1).lower()], m)
    clocks = _merged_spans(taken)
    for m in _KO_DATE.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if 1 <= int(month) <= 12:
            add("date", f"{MONTHS[int(month) - 1]} {int(day)}", m)
        else:
            taken.append(m.span())
    for m in _ISO_DATE.finditer(text):
        month, day = int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            add("date", f"{MONTHS[month - 1]} {day}", m)
            out.append(Value("year", m.group(1), m.start(1), m.end(1)))
    dated = _merged_spans(taken)
    for m in _KO_DAY.finditer(text):
        if not _inside(dated, m.start()) and 1 <= int(m.group(1)) <= 31:
            add("date", _day(int(m.group(1))), m)
    for m in _HALF_HOUR.finditer(text):
        add("minutes", "30", m)
    for m in _KO_QUANTITY.finditer(text):
        if not _inside(clocks, m.start()):  # the minutes of "9시 30분" are a time, not a length
            add("minutes" if m.group(2) == "분" else "hours", m.group(1), m, 1)
    for m in _QUANTITY.finditer(text):
        value = m.group(1).lower()
        add(_UNITS[m.group(2).lower()], _number(str(_NUMBER_WORDS.get(value, value))), m, 1)
    for m in _DATE.finditer(text):
        word = 1 if m.group(1) else 4
        month, day = m.group(word).lower()[:3], m.group(2) or m.group(3)
        add("date", f"{month} {int(day)}", m)
        out.append(Value("month", month, m.start(word), m.end(word)))
    for m in _MONTH_ONLY.finditer(text):
        out.append(Value("month", m.group(1).lower()[:3], m.start(1), m.end(1)))
    for m in _RELATIVE.finditer(text):
        out.append(Value("when", f"{m.group(1).lower()} {m.group(2).lower()}", *m.span()))
    for m in _WEEKDAY.finditer(text):
        out.append(Value("weekday", m.group(1).lower(), m.start(1), m.end(1)))
    for m in _KO_WEEKDAY.finditer(text):
        day = WEEKDAYS[KO_WEEKDAYS.index(m.group(1) or m.group(2))]
        out.append(Value("weekday", day, *m.span()))
    covered = _merged_spans(taken)
    for m in _NUMBER.finditer(text):
        if _inside(covered, m.start(2) if m.group(2) else m.start(3)):
            continue
        currency, digits, word, scale, percent = m.groups()
        if digits and _YEAR.fullmatch(digits) and not (currency or scale or percent):
            out.append(Value("year", digits, m.start(2), m.end(2)))
            continue
        value = _number(digits or str(_NUMBER_WORDS[word.lower()]), scale)
        if percent:
            out.append(Value("percent", value, *m.span()))
            continue
        if currency:
            noun = _CURRENCIES[currency.strip().lower()]
        elif text[m.start() - 1 : m.start()] == "-":
            noun = None  # part of a name: "COVID-19 vaccines" are not 19 vaccines
        else:
            noun = _counted(text, m.end())
        if word and not noun:
            continue  # "the two of them": a spelled number counts only what it names
        out.append(Value("", value, *m.span(), noun=noun or "", spelled=bool(word)))
    return tuple(out)


def _number(digits: str, scale: str | None = None) -> str:
    """A number's value as values write it: '5000000' of "5,000,000" and of "5" "million",
    '1.5' of "1.50"."""
    value = Decimal(digits.replace(",", ""))
    if scale:
        value = value.scaleb(_SCALES[scale.lower()])
    return f"{value.normalize():f}"


def _counted(text: str, end: int) -> str | None:
    """The noun a number ending at `end` counts, as written: the next word ("ships" of "2 ships
    to"), or the one after it when the next is a modifier and that one a plural ("missiles" of
    "3 ballistic missiles"); a currency word names its currency ("dollars"). None when a
    function word follows ("2 of the", "5 in 2020")."""
    m = _FOLLOWING.match(text, end)
    if m is None or not is_content_word(m.group(1).lower()):
        return None
    first, second = m.group(1).lower(), (m.group(2) or "").lower()
    if first in _CURRENCIES:
        return _CURRENCIES[first]
    if not first.endswith("s") and second.endswith("s") and is_content_word(second):
        return second
    return first


def spoken(value: str) -> str:
    """A number as a reason writes it: '5 million' of '5000000', '2,500' of '2500'."""
    number = Decimal(value)
    for scale, power in sorted(_SCALES.items(), key=lambda s: -s[1]):
        if power >= 6 and abs(number) >= 10**power:
            return f"{number.scaleb(-power).normalize():f} {scale}"
    return f"{number:,f}" if abs(number) >= 1000 else value


def quantities(text: str) -> dict[str, set[str]]:
    """The values of `text` by unit: 'minutes' -> {'15'}, 'date' -> {'aug 5'}, 'weekday' ->
    {'monday'}, '' -> other numbers written in digits."""
    out: dict[str, set[str]] = {}
    for value in read(text):
        if not value.spelled:
            out.setdefault(value.unit, set()).add(value.value)
    return out


# a value as a reason words it, when it is a length, a count or an amount: '15 minutes', '4000',
# '1 hour', '5 million dollars', '2,500 ventilators'
_WORDED_NUMBER = re.compile(
    rf"(\d[\d,]*(?:\.\d+)?)(?: ({'|'.join(_SCALES)}))?(?: ([a-z][a-z'’-]*))?"
)


def locate(text: str, value: str) -> list[Value]:
    """Where `text` writes `value`, a value as the label stage words it ('aug 5', 'may',
    '8:10 a.m.', 'next week', '15 minutes', '2015', '3 missiles', 'monday'): a length where it
    counts that unit ('2 hours' is not the 2 of "2 aides"), any other number wherever it stands
    (bare, or counting anything), any other value where it is written."""
    if number := _WORDED_NUMBER.fullmatch(value):
        unit = _UNITS.get(number[3]) if number[3] else None
        wanted = _number(number[1], number[2])
        return [
            v
            for v in read(text)
            if v.value == wanted
            and (v.unit == unit if unit else v.unit not in WHEN_UNITS or v.unit == "year")
        ]
    return [v for v in read(text) if v.unit in WHEN_UNITS and v.value == value]


def _clock(hour: int, minute: str, half: str | None) -> str:
    """A time as values write it: '4:30 p.m.'; '1:00' when the text gives no a.m. or p.m. and
    the hour does not tell (13:00 is 1:00 p.m.)."""
    if half is None and 13 <= hour <= 23:
        hour, half = hour - 12, "p"
    return f"{hour}:{minute} {half.lower()}.m." if half else f"{hour}:{minute}"


def _day(day: int) -> str:
    """A day of the month without its month, as values write it: 'the 18th'."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"the {day}{suffix}"


#: a value `_day` writes
DAY_VALUE = re.compile(r"^the (\d{1,2})(?:st|nd|rd|th)$")
#: a value `_clock` writes
CLOCK_VALUE = re.compile(r"(\d{1,2}):(\d{2})(?: ([ap])\.m\.)?")


def is_clock(value: str) -> bool:
    """Is `value` a clock time ('4:30 p.m.', '1:00'), not a date or a length?"""
    return CLOCK_VALUE.fullmatch(value) is not None


def is_relative(value: str) -> bool:
    """Is `value` a relative time ('next week'), not a date?"""
    return value.split(" ", 1)[0] in ("next", "this", "last")


def _merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` sorted and merged where they overlap, so that a position is looked up by bisection."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(merged: list[tuple[int, int]], pos: int) -> bool:
    """Is `pos` inside one of the disjoint, sorted `merged` spans?"""
    k = bisect_right(merged, (pos, float("inf"))) - 1
    return k >= 0 and merged[k][0] <= pos < merged[k][1]
