"""Telling a news story from a readout, so the app can suggest story mode."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SAMPLES

from compare.detect import story_signals

STORIES = sorted((ROOT / "tests" / "data" / "stories").glob("*.gold.json"))
STORIES.append(ROOT / "tests" / "data" / "seed_story.gold.json")


@pytest.mark.parametrize("path", STORIES, ids=[p.name for p in STORIES])
def test_every_test_story_reads_as_a_story(path):
    signals = story_signals(json.loads(path.read_text("utf-8"))["text"])
    assert signals.is_story, signals
    assert signals.describe()
    assert signals.doubt() is None


def test_a_readout_in_story_mode_is_doubted_aloud():
    doubt = story_signals((SAMPLES[0] / "b.txt").read_text("utf-8")).doubt()
    assert doubt.startswith("this text may not be a news story: no dateline or byline opens it")
    assert "no sentences credit what they say to" in doubt


def test_a_story_that_reports_few_sentences_is_not_doubted_when_a_dateline_opens_it():
    text = (
        "SEOUL, Feb. 4 (Yonhap) -- The foreign ministers of South Korea and the United States "
        "spoke by phone on Thursday.\nThey discussed North Korea.\n"
    )
    assert story_signals(text).doubt() is None


READOUTS = [p / f"{side}.txt" for p in SAMPLES for side in "ab"]


@pytest.mark.parametrize("path", READOUTS, ids=[f"{p.parent.name}/{p.name}" for p in READOUTS])
def test_no_sample_readout_reads_as_a_story(path):
    assert not story_signals(path.read_text("utf-8")).is_story


def test_a_story_without_a_dateline_reports_both_governments():
    text = (
        "The foreign ministers of Japan and South Korea spoke by phone on Tuesday.\n"
        "Japan's Foreign Minister Hayashi Yoshimasa urged Seoul to resolve the labour issue, "
        "the Japanese Foreign Ministry said.\n"
        "South Korea's Foreign Minister Park Jin said the two countries should look to the future.\n"
        "Park also said Seoul would keep talking with Tokyo, according to his ministry.\n"
        "Hayashi told Park that Japan valued the relationship, the Japanese ministry said."
    )
    signals = story_signals(text)
    assert signals.byline == ""
    assert min(signals.reported) >= 1 and sum(signals.reported) >= 4
    assert signals.is_story and "both" in signals.describe()


def test_a_readout_that_quotes_its_own_minister_is_not_a_story():
    text = (
        "Foreign Minister Park Jin held a telephone call with Secretary of State Blinken.\n"
        "Minister Park said that the alliance is stronger than ever.\n"
        "The two sides agreed to cooperate closely on North Korea.\n"
        "Minister Park said he looked forward to meeting again soon."
    )
    assert not story_signals(text).is_story


def test_a_dateline_with_attributed_sentences_is_a_story():
    text = (
        "TOKYO, May 2 (Newswire) - Japan and China agreed to keep talking, officials said.\n"
        "The Chinese Foreign Ministry said Beijing wanted stable ties.\n"
        "Japan's Foreign Ministry said Tokyo raised the issue of detained citizens."
    )
    signals = story_signals(text)
    assert signals.byline.startswith("TOKYO, May 2 (Newswire)")
    assert signals.is_story and "opens like a news report" in signals.describe()
