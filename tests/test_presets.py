"""Matching presets over the thresholds of Config."""

from dataclasses import replace

import pytest

from compare.errors import InputError
from compare.presets import PRESET_FIELDS, PRESETS, apply_preset, preset_of
from compare.schema import Config


def test_stricter_raises_and_looser_lowers_every_matching_threshold():
    looser, default, stricter = (
        apply_preset(Config(), n) for n in ("looser", "default", "stricter")
    )
    assert default == Config()
    for name in PRESET_FIELDS:
        assert getattr(looser, name) < getattr(default, name) < getattr(stricter, name), name


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_preset_is_recognised_and_other_settings_are_custom(name):
    config = apply_preset(Config(model="m", split="lines"), name)
    assert preset_of(config) == name
    assert config.model == "m" and config.split == "lines"  # a preset leaves these alone
    assert preset_of(replace(config, semantic_weight=0.3)) is None


def test_unknown_preset_lists_the_valid_ones():
    with pytest.raises(InputError, match="looser, default, stricter"):
        apply_preset(Config(), "strict")


def test_every_preset_field_is_a_threshold_of_config():
    names = {s.name: s for s in Config.settings()}
    assert set(PRESET_FIELDS) <= set(names)
    assert all(names[f].kind is float and names[f].high == 1.0 for f in PRESET_FIELDS)
