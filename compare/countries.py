"""The countries a statement names, beyond the parties the lexicon knows: "Russia", "Ukrainian",
"Tehran" -> 'RUS', 'UKR', 'IRN'. The names come from the countryinfo package's data (each
country's name, its other spellings in Latin letters, its demonym and its capital), read once
when first needed; the label stage compares them when the rest of two statements' wording is
shared ("condemned Russia" vs "condemned China").

The five parties to the calls this tool reads (the U.S., the ROK, the DPRK, the PRC, Japan) are
left to the lexicon, which also knows how readouts name them ("the South", "Cheong Wa Dae").
"""

from __future__ import annotations

import re
from functools import cache

# the parties compare.lexicon names, by their ISO 3166 alpha-3 codes
_PARTY_CODES = frozenset({"USA", "KOR", "PRK", "CHN", "JPN"})
# a form of a name worth matching: letters (any Latin), spaces, hyphens, apostrophes, periods
_LATIN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’-]*[A-Za-zÀ-ɏ.]")


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One pattern matching every form, and each form's (code, name)."""
    from countryinfo import CountryInfo

    forms: dict[str, tuple[str, str]] = {}
    party_forms: set[str] = set()  # "Chinese" is also Hong Kong's demonym: the PRC's here
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        code, name = iso.get("alpha3"), info.get("name")
        if not code or not name:
            continue
        capitals = info.get("capital") or ()
        capitals = [capitals] if isinstance(capitals, str) else capitals
        written = (name, *(info.get("altSpellings") or ()), info.get("demonym"), *capitals)
        if code in _PARTY_CODES:
            party_forms.update(f for f in written if f)
            continue
        for form in written:
            # a code ("RU", "RUS") is no name in prose ("UK", "UAE" are); nor is another script
            if form and form not in iso.values() and _LATIN.fullmatch(form):
                forms.setdefault(form, (code, name))
    for form in party_forms:
        forms.pop(form, None)
    ordered = sorted(forms, key=len, reverse=True)  # "Republic of the Congo" before "Congo"
    pattern = re.compile(
        r"(?<![\w'’-])(?:" + "|".join(map(re.escape, ordered)) + r")(?=['’]s\b|(?![\w'’-]))"
    )
    return pattern, forms


def countries(text: str) -> dict[str, str]:
    """The countries other than the five parties that `text` names, written with a capital as
    names are: code -> name ('RUS' -> 'Russia')."""
    pattern, forms = _gazetteer()
    return dict(forms[m.group()] for m in pattern.finditer(text))
