"""Matching presets: 'looser' and 'stricter' as one step over the thresholds of `Config`.

An analyst rarely wants to set a threshold; they want fewer, surer matches or more, looser ones.
A preset moves every threshold that decides a match or an 'agree' by the same step, from the
defaults, so the raw values stay available for experts and a preset is always a plain `Config`.

    from compare.presets import apply_preset, preset_of
    config = apply_preset(Config(), "stricter")
    preset_of(config)  # 'stricter'
"""

from __future__ import annotations

from dataclasses import replace

from .errors import InputError
from .schema import Config

#: preset name -> how much each threshold moves from its default
PRESETS: dict[str, float] = {"looser": -0.05, "default": 0.0, "stricter": 0.05}

#: the thresholds a preset moves: whether two statements match, and whether a match is 'agree'
PRESET_FIELDS = (
    "link_threshold",
    "extra_threshold",
    "attach_threshold",
    "agree_threshold",
    "crosslingual_agree_threshold",
)


def apply_preset(config: Config, name: str) -> Config:
    """`config` with the preset's thresholds: the defaults moved by the preset's step."""
    if name not in PRESETS:
        raise InputError(f"unknown matching preset {name!r}; choose one of: {', '.join(PRESETS)}")
    defaults = Config()
    step = PRESETS[name]
    return replace(config, **{f: round(getattr(defaults, f) + step, 4) for f in PRESET_FIELDS})


def preset_of(config: Config) -> str | None:
    """The preset whose thresholds `config` has, with every other setting at its default; None
    when the settings are the analyst's own."""
    defaults = Config()
    for name in PRESETS:
        want = apply_preset(defaults, name)
        if all(getattr(config, s.name) == getattr(want, s.name) for s in Config.settings()):
            return name
    return None
