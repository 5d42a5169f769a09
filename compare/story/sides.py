"""Which two governments are sides a and b, and which side each sentence's source falls on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .. import lexicon
from ..errors import InputError
from .context import BOTH, Context, Reading


def government_of(name: str, ctx: Context | None = None) -> str | None:
    """The lexicon key of the government a user-given side name stands for ('ROK MOFA' -> 'ROK')."""
    key = lexicon.alias_government(name)
    if key is not None:
        return key
    ctx = ctx or Context(name)
    found = ctx.find(name)
    if found:
        return found[0][1]
    return lexicon.alias_inside(name)


def named_sides(names: Sequence[str], ctx: Context) -> tuple[str, str]:
    """The government keys of the two sides the user named, checked."""
    if isinstance(names, str) or len(names) != 2:
        raise InputError("names must give exactly two governments, e.g. ('South Korea', 'US')")
    keys = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InputError("a side name is empty; give two government names")
        key = government_of(name, ctx)
        if key is None:
            known = ", ".join(g.name for g in lexicon.GOVERNMENTS)
            raise InputError(f"cannot tell which government {name!r} is; known: {known}")
        keys.append(key)
    if keys[0] == keys[1]:
        raise InputError(
            f"both names stand for the same government ({lexicon.BY_KEY[keys[0]].name})"
        )
    return keys[0], keys[1]


def found_sides(readings: Sequence[Reading], ctx: Context) -> tuple[str, str]:
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


def main_source(ctx: Context, keys: tuple[str, str]) -> str | None:
    """The government unattributed call content goes to: the outlet's home when it is a side,
    else the first government quoted."""
    if ctx.home in keys and ctx.home:
        return ctx.home
    if ctx.main and len(ctx.main) == 1 and ctx.main[0] in keys:
        return ctx.main[0]
    return None


def side_of(govs: tuple[str, ...], keys: tuple[str, str]) -> str:
    """a | b | both | narrator for a source's governments, given the two sides' keys."""
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
