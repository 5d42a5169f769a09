"""Streamlit app: compare two governments' readouts of the same call.

Run with `scripts/run-app` (or `streamlit run app.py`). This file is UI only: reading files,
segmenting, comparing, highlighting, CSV and HTML bytes all come from the `compare` library.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from compare import story
from compare.detect import StorySignals, story_signals
from compare.errors import CompareError, ModelLoadError
from compare.export import (
    alignments_csv,
    download_name,
    provenance_json,
    statements_csv,
    statements_frame,
)
from compare.io import MAX_BYTES, SUPPORTED_SUFFIXES, read_bytes
from compare.pipeline import choose_model, compare_documents, make_document
from compare.presets import PRESETS, apply_preset, preset_of
from compare.report import (
    LABEL_COLOURS,
    LABEL_ORDER,
    distinct_names,
    filter_rows,
    findings_html,
    heatmap_caption,
    heatmap_chart,
    html_report,
    label_title,
    markdown_escape,
    model_line,
    plural,
    rerun_note,
    review_html,
    row_statements,
    side_by_side_html,
    source_names,
    statements_line,
    summary_html,
)
from compare.review import (
    GROUP_LABELS,
    Merge,
    Move,
    Review,
    ReviewedAlignment,
    Session,
    SetLabel,
    SetNote,
    Split,
    applicable,
    apply_review,
    auto_label,
    carry_over,
    find_row,
    load_session,
    note_of,
    row_key,
    session_json,
)
from compare.schema import (
    Alignment,
    Backend,
    Comparison,
    Config,
    Document,
    Label,
    Setting,
    SplitMode,
)
from compare.segment import detect_language

ROOT = Path(__file__).resolve().parent
SAMPLES_DIR = ROOT / "samples"

MODE_SAMPLE = "Sample pair"
MODE_UPLOAD = "Upload files"
MODE_PASTE = "Paste text"
MODE_STORY = "One news story"
MODE_SESSION = "Saved review"

# Settings the app does not offer: the size limits protect the server, they are not a choice.
SERVER_LIMITS = frozenset({"max_chars", "max_statements", "max_statement_chars"})
MAX_CHARS = Config().max_chars
# .streamlit/config.toml sets server.maxUploadSize to the same limit, so the upload box says it
UPLOAD_HELP = (
    "Plain text, Markdown, HTML, PDF or Word (.docx), up to "
    f"{MAX_BYTES / 1_000_000:g} MB and {MAX_CHARS:,} characters of text."
)
PRESET_LABELS = {
    "looser": "Looser",
    "default": "Default",
    "stricter": "Stricter",
    "custom": "Custom",
}
BACKEND_LABELS = {
    Backend.TORCH.value: "torch",
    Backend.ONNX_FP32.value: "ONNX fp32 (same results as torch, faster start)",
    Backend.ONNX.value: "ONNX int8 (fastest, a little less accurate)",
}
PRESET_CAPTIONS = {
    "looser": "more pairs, more 'agree'",
    "default": "tuned on hand-checked pairs",
    "stricter": "fewer, surer pairs; more one-side-only",
    "custom": "your Expert settings",
}


# ---------------------------------------------------------------------------------------------
# cached library calls


@st.cache_resource
def model_lock() -> threading.Lock:
    """One lock per server process: two sessions asking for a model nobody has loaded yet load
    it once, not side by side."""
    return threading.Lock()


def get_embedder(model: str, backend: Backend):
    """The model on `backend`, shared by every session. `load_embedder` is the one cache: it
    keeps the last few models loaded and makes one model of a folder's spellings ('~/m', 'm/');
    the spinner shows only when a load takes a while (the first comparison)."""
    from compare.embed import load_embedder

    with st.spinner("Loading the embedding model (first comparison only)…"), model_lock():
        return load_embedder(model, backend=backend.value)


# documents are frozen, so one copy can serve every session (no pickling on each rerun)
@st.cache_resource(show_spinner="Cutting the readout into statements…", max_entries=64)
def segmented(text: str, side: str, split: str, _source: str) -> Document:
    """One side's readout segmented once, for the statement count and for Compare. The size
    limit is checked before segmenting: an oversized paste is refused at once."""
    return make_document(text, side, _source, Config(split=split))


def statement_count(text: str, side: str, split: str, source: str) -> str:
    """The statements compared (the CLI's count) and the lines set aside, as a phrase."""
    return statements_line(segmented(text, side, split, source))


@st.cache_data(show_spinner="Comparing the readouts…", max_entries=64)
def run_comparison(
    a_text: str, b_text: str, names: tuple[str, str], config_items: tuple, _embedder
) -> Comparison:
    """`compare_documents` on the segmented readouts, cached by texts + names + config (the
    model is part of the config)."""
    config = Config(**dict(config_items))
    docs = [
        dataclasses.replace(segmented(text, side, config.split.value, name), name=name)
        for text, side, name in zip((a_text, b_text), "ab", names, strict=True)
    ]
    return compare_documents(*docs, config=config, embedder=_embedder)


@st.cache_data(show_spinner=False, max_entries=32)
def reviewed(result_key: str, review: Review, _base: Comparison) -> Comparison:
    """The comparison with the analyst's edits, cached by the comparison and the edits."""
    return apply_review(_base, review)


@st.cache_data(show_spinner=False, max_entries=32)
def read_upload(data: bytes, filename: str) -> str:
    return read_bytes(data, filename)


def config_items(config: Config) -> tuple:
    """The config as a hashable tuple of (field, plain value) pairs."""
    out = []
    for f in dataclasses.fields(config):
        value = getattr(config, f.name)
        out.append((f.name, value.value if isinstance(value, StrEnum) else value))
    return tuple(out)


def digest(*parts: str) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def sample_folders() -> list[Path]:
    if not SAMPLES_DIR.is_dir():
        return []
    return sorted(
        p for p in SAMPLES_DIR.iterdir() if (p / "a.txt").is_file() and (p / "b.txt").is_file()
    )


def show_error(err: Exception | str) -> None:
    st.error(markdown_escape(str(err)), icon="⚠️")


def preview(text: str) -> None:
    """A readout shown as text (escaped), scrollable."""
    from html import escape

    st.html(
        '<div style="white-space:pre-wrap;max-height:18rem;overflow:auto;font-size:0.85rem;'
        'border:1px solid rgba(128,128,128,0.3);border-radius:6px;padding:8px;">'
        f"{escape(text)}</div>"
    )


# ---------------------------------------------------------------------------------------------
# sidebar: advanced settings


def slider_step(default: float) -> float:
    """0.01, or finer when the default needs it (0.425): a slider snaps to its steps."""
    decimals = len(f"{default:.6f}".rstrip("0").split(".")[1])
    return 10.0 ** -max(2, decimals)


def offered_settings() -> tuple[Setting, ...]:
    return tuple(s for s in Config.settings() if s.name not in SERVER_LIMITS)


def default_state() -> dict[str, Any]:
    """Every sidebar widget's default value (session-state key -> value)."""
    defaults = Config()
    return {
        "cfg_preset": "default",
        "cfg_model": "",
        "cfg_backend": defaults.backend.value,
        "cfg_split": defaults.split.value,
        **slider_state(defaults),
    }


def slider_state(config: Config) -> dict[str, Any]:
    """The expert sliders' values for `config` (session-state key -> value)."""
    return {f"cfg_{s.name}": getattr(config, s.name) for s in offered_settings()}


def reset_settings() -> None:
    """Every setting back to its default. Widget values are set, not deleted: a deleted key
    comes back from the browser with its old value on the next rerun."""
    st.session_state.update(default_state())


def preset_chosen() -> None:
    preset = st.session_state["cfg_preset"]
    if preset in PRESETS:  # "custom" keeps the expert values as they are
        st.session_state.update(slider_state(apply_preset(Config(), preset)))


def slider_moved() -> None:
    values = {s.name: st.session_state[f"cfg_{s.name}"] for s in offered_settings()}
    try:
        preset = preset_of(Config(**values))
    except CompareError:
        preset = None
    st.session_state["cfg_preset"] = preset or "custom"


def settings_sidebar() -> Config | None:
    for key, value in default_state().items():
        st.session_state.setdefault(key, value)
    with st.sidebar:
        st.header("Settings")
        st.radio(
            "Matching",
            list(PRESET_LABELS),
            format_func=PRESET_LABELS.get,
            captions=[PRESET_CAPTIONS[p] for p in PRESET_LABELS],
            key="cfg_preset",
            on_change=preset_chosen,
            help="How sure the tool must be before it pairs two statements and before it calls "
            "a pair 'agree'. Every threshold moves by the same step; the values are under "
            "Expert settings.",
        )
        split = st.radio(
            "Cut readouts into",
            [m.value for m in SplitMode],
            key="cfg_split",
            horizontal=True,
            help="sentences: sentence by sentence; lines: one statement per line, for text you "
            "have segmented yourself.",
        )
        values = {}
        with st.expander("Expert settings"):
            model = st.text_input(
                "Model name or local path",
                key="cfg_model",
                placeholder="automatic",
                help="Empty: all-MiniLM-L6-v2 for English, multilingual USE when a side is "
                "Korean. Or a sentence-transformers model folder on this machine. Nothing is "
                "downloaded.",
            )
            backend = st.radio(
                "Run the model with",
                [b.value for b in Backend],
                format_func=BACKEND_LABELS.get,
                key="cfg_backend",
                horizontal=True,
                help="torch: sentence-transformers as published (the default). ONNX fp32: the "
                "same model on ONNX Runtime, the same results, quicker to load and to encode. "
                "ONNX int8: its weights in int8, quicker again and a little less accurate (dev "
                "pairs: link F1 0.81 against 0.83, docs/performance.md). The first ONNX "
                "comparison on a server builds the ONNX model once (about 20 s). A Korean side "
                "uses the multilingual model, which has one backend of its own.",
            )
            for s in offered_settings():
                whole = s.kind is int
                values[s.name] = st.slider(
                    s.label,
                    min_value=s.low,
                    max_value=s.high,
                    step=1 if whole else slider_step(s.default),
                    key=f"cfg_{s.name}",
                    help=s.help,
                    on_change=slider_moved,
                )
        st.button("Reset to defaults", key="reset_settings", on_click=reset_settings)
        try:
            return Config(model=model.strip() or None, split=split, backend=backend, **values)
        except CompareError as err:
            show_error(err)
            return None


# ---------------------------------------------------------------------------------------------
# inputs


@dataclass
class Inputs:
    """The readout text of each side that was given; the story attribution in story mode; the
    file each text came from; the names and edits of a saved review; and the sides whose input
    was given but refused (the error is on the page), with what was given ("big.txt")."""

    texts: dict[str, str]
    story: Any = None  # compare.story.StoryAttribution
    files: dict[str, str] = dataclasses.field(default_factory=dict)
    names: tuple[str, str] | None = None
    review: Review = dataclasses.field(default_factory=Review)
    refused: dict[str, str] = dataclasses.field(default_factory=dict)
    story_mode: bool = False  # one news story was asked for (refused: {"story": what was given})


def sample_input(config: Config) -> Inputs:
    folders = sample_folders()
    if not folders:
        st.info("No sample pairs found in samples/.")
        return Inputs({})
    folder = st.selectbox(
        "Sample pair",
        folders,
        index=0,
        format_func=lambda p: p.name,
        key="sample",
    )
    readme = folder / "README.md"
    if readme.is_file():
        with st.expander("About this pair"):
            preview(readme.read_text(encoding="utf-8", errors="replace"))
    out = {}
    cols = st.columns(2)
    for side, col in zip("ab", cols, strict=True):
        with col:
            try:
                text = read_bytes((folder / f"{side}.txt").read_bytes(), f"{side}.txt")
                count = statement_count(text, side, config.split.value, f"{side}.txt")
            except CompareError as err:
                show_error(err)
                continue
            with st.expander(f"Side {side.upper()}: {side}.txt ({count})"):
                preview(text)
            out[side] = text
    return Inputs(out, files={side: f"{folder.name}/{side}.txt" for side in out})


# session-state key of the file last uploaded on a side, as (name, bytes): Streamlit empties an
# upload box that another input mode replaced on the page, and the file must not be lost there
KEPT_UPLOAD = "kept_upload_{}"


def upload_changed(side: str) -> None:
    """The user removed a side's file (or chose another): forget the kept one."""
    if st.session_state.get(f"upload_{side}") is None:
        forget_upload(side)


def forget_upload(side: str) -> None:
    st.session_state.pop(KEPT_UPLOAD.format(side), None)


def upload_input(config: Config) -> Inputs:
    out, files, refused = {}, {}, {}
    cols = st.columns(2)
    kinds = [s.lstrip(".") for s in SUPPORTED_SUFFIXES]
    for side, col in zip("ab", cols, strict=True):
        with col:
            upload = st.file_uploader(
                f"Readout {side.upper()}",
                type=kinds,
                key=f"upload_{side}",
                help=UPLOAD_HELP,
                on_change=upload_changed,
                args=(side,),
            )
            kept = KEPT_UPLOAD.format(side)
            if upload is not None:
                name, data = upload.name, upload.getvalue()
                st.session_state[kept] = (name, data)
            elif kept in st.session_state:  # uploaded before another input mode was shown
                name, data = st.session_state[kept]
            else:
                continue
            try:
                text = read_upload(data, name)
                count = statement_count(text, side, config.split.value, name)
            except CompareError as err:
                show_error(err)
                refused[side] = name
                continue
            loaded = "Loaded" if upload is not None else "Still loaded:"
            st.success(f"{loaded} {markdown_escape(name)}: {count}", icon=":material/description:")
            if upload is None:
                st.button("Remove it", key=f"forget_{side}", on_click=forget_upload, args=(side,))
            suggest_story(text, name, side)
            out[side], files[side] = text, name
    return Inputs(out, files=files, refused=refused)


@st.cache_data(show_spinner=False, max_entries=32)
def story_signals_cached(text: str) -> StorySignals:
    return story_signals(text)


def open_as_story(text: str, file: str) -> None:
    st.session_state["mode"] = MODE_STORY
    st.session_state["story_text"] = text
    st.session_state["story_file"] = (file, digest(text))
    clear_result()


def suggest_story(text: str, file: str, side: str) -> None:
    """A readout that reads like a news story is better split by story mode: say so, offer it."""
    try:
        signals = story_signals_cached(text)
    except CompareError:
        return  # the comparison will say what is wrong with the text
    if not signals.is_story:
        return
    st.info(
        f"Readout {side.upper()} looks like a news story: {markdown_escape(signals.describe())}. "
        "Compared as a readout, its quotes of the other government would count as this side's "
        "words. Story mode splits it into what each government said.",
        icon=":material/newspaper:",
    )
    st.button(
        "Open it in story mode",
        key=f"story_suggest_{side}",
        on_click=open_as_story,
        args=(text, file),
    )


def paste_input(config: Config) -> Inputs:
    out, refused = {}, {}
    cols = st.columns(2)
    for side, col in zip("ab", cols, strict=True):
        with col:
            text = st.text_area(
                f"Readout {side.upper()}",
                key=f"paste_{side}",
                height=220,
                placeholder="Paste the readout text here",
            )
            if not text.strip():
                continue
            try:
                count = statement_count(text, side, config.split.value, "pasted text")
            except CompareError as err:
                show_error(err)
                refused[side] = "the pasted text"
                continue
            st.caption(count)
            suggest_story(text, "", side)
            out[side] = text
    return Inputs(out, refused=refused)


@st.cache_data(show_spinner="Attributing the story's sentences…", max_entries=16)
def attribute_cached(text: str, names: tuple[str, str] | None):
    return story.attribute_story(text, names=names)


@st.cache_data(show_spinner="Comparing the two accounts…", max_entries=32)
def run_story_comparison(attribution, config_items: tuple, _embedder) -> Comparison:
    """`compare.story.compare_story`, cached by the (corrected) attribution + config."""
    config = Config(**dict(config_items))
    return story.compare_story(attribution, config=config, embedder=_embedder)


def story_input(attribute) -> Inputs:
    """One news story quoting both governments: attribute its sentences, let the user fix them."""
    upload = st.file_uploader(
        "News story file, or paste the story below",
        type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
        key="story_upload",
        help=UPLOAD_HELP,
    )
    source = ""
    if upload is not None:
        try:
            text = read_upload(upload.getvalue(), upload.name)
        except CompareError as err:
            show_error(err)
            return Inputs({}, story_mode=True, refused={"story": upload.name})
        source = upload.name
        st.success(
            f"Loaded {markdown_escape(upload.name)}: {plural(len(text), 'character')} "
            "(remove the file to paste a story instead)",
            icon=":material/description:",
        )
    else:
        text = st.text_area(
            "News story",
            key="story_text",
            height=240,
            placeholder="Paste a news story that reports what both governments said",
        )
        # a readout opened in story mode from the upload box keeps its file name
        file, of_text = st.session_state.get("story_file", ("", ""))
        source = file if of_text == digest(text) else ""
    c1, c2 = st.columns(2)
    wanted = (
        c1.text_input("Side A government (optional)", key="story_name_a", placeholder="automatic"),
        c2.text_input("Side B government (optional)", key="story_name_b", placeholder="automatic"),
    )
    if not text.strip():
        return Inputs({}, story_mode=True)
    names = (wanted[0].strip(), wanted[1].strip()) if all(w.strip() for w in wanted) else None
    try:
        attribution = attribute_cached(text, names)
    except CompareError as err:
        show_error(err)
        return Inputs({}, story_mode=True, refused={"story": source or "the pasted story"})
    if doubt := story_signals_cached(text).doubt():
        st.warning(
            f"{markdown_escape(doubt)}: choose *{MODE_UPLOAD}* or *{MODE_PASTE}* for two readouts.",
            icon=":material/help:",
        )
    st.caption(
        "Each sentence is attributed to side **a**, side **b**, **both** or the **narrator**. "
        "Correct the attribution column where the rule got it wrong, then click Compare."
    )
    frame = pd.DataFrame(
        attribute.attribution_rows(attribution), columns=list(attribute.ATTRIBUTION_COLUMNS)
    )
    edited = st.data_editor(
        frame,
        key=f"story_edit_{digest(text, *(names or ()))}",
        hide_index=True,
        # what is compared beside the text and its attribution, then the source and cue the
        # attribution rests on, narrow enough that all are in view; the offsets are in the CSV
        column_order=("index", "text", "attribution", "compared", "source", "cue"),
        disabled=[c for c in frame.columns if c != "attribution"],
        column_config={
            "attribution": st.column_config.SelectboxColumn(
                "attribution", options=list(attribute.ATTRIBUTIONS), required=True
            ),
            "text": st.column_config.TextColumn("text", width="large"),
            "compared": st.column_config.TextColumn("compared", width="medium"),
            "source": st.column_config.TextColumn("source", width="small"),
            "cue": st.column_config.TextColumn("cue", width="small"),
        },
    )
    for position, (old, new) in enumerate(
        zip(frame["attribution"], edited["attribution"], strict=True)
    ):
        if new != old:
            try:
                attribution = attribution.with_attribution(position, new)
            except CompareError as err:
                show_error(err)
    counts = attribution.counts()
    st.caption(
        f"Side A: {markdown_escape(attribution.names[0])} ({plural(counts['a'], 'sentence')}) · "
        f"Side B: {markdown_escape(attribution.names[1])} ({plural(counts['b'], 'sentence')}) · "
        f"both: {counts['both']} · narrator: {counts['narrator']}"
    )
    if attribution.empty_sides():  # the table is still there to correct: say what is missing
        st.warning(markdown_escape(attribution.one_sided_message()), icon=":material/info:")
    st.download_button(
        "attribution.csv",
        attribute.attribution_csv(attribution),
        file_name="attribution.csv",
        mime="text/csv",
        key="dl_attribution",
        icon=":material/download:",
    )
    texts = {side: attribution.side_text(side) for side in "ab"}
    return Inputs(
        {side: t for side, t in texts.items() if t.strip()},
        story=attribution,
        files={"a": source, "b": source} if source else {},
        story_mode=True,
    )


def session_loaded() -> None:
    """A saved review was chosen: its settings go to the sidebar before the sidebar is drawn."""
    upload = st.session_state.get("session_upload")
    st.session_state.pop("loaded_session", None)
    st.session_state.pop("session_error", None)
    if upload is None:
        return
    try:
        session = load_session(upload.getvalue(), upload.name)
    except CompareError as err:
        st.session_state["session_error"] = str(err)
        return
    st.session_state["loaded_session"] = session
    st.session_state["session_pending"] = True  # its edits apply at the next Compare
    config = session.config
    st.session_state.update(
        {
            **slider_state(config),
            "cfg_model": config.model or "",
            "cfg_backend": config.backend.value,
            "cfg_split": config.split.value,
            "cfg_preset": preset_of(config) or "custom",
        }
    )


def session_input() -> Inputs:
    """A review saved as session.json: its texts, names and edits, ready to compare again."""
    st.file_uploader(
        "Saved review (session.json, from the Downloads of a reviewed comparison)",
        type=["json"],
        key="session_upload",
        on_change=session_loaded,
    )
    if "session_error" in st.session_state:
        show_error(st.session_state["session_error"])
    session = st.session_state.get("loaded_session")
    if session is None:
        return Inputs({})
    upload = st.session_state.get("session_upload")
    st.success(
        f"Loaded {markdown_escape(upload.name) if upload is not None else 'a saved review'}: "
        f"a review of {markdown_escape(session.names[0])} vs "
        f"{markdown_escape(session.names[1])} with {plural(len(session.review.edits), 'edit')}; "
        "Compare shows it with its edits",
        icon=":material/history:",
    )
    texts = dict(zip("ab", session.texts, strict=True))
    files = {side: f for side, f in zip("ab", session.files, strict=True) if f}
    return Inputs(texts, files=files, names=session.names, review=session.review)


def name_inputs(texts: dict[str, str], given: tuple[str, str] | None = None) -> tuple[str, str]:
    """Editable source names, pre-filled with `given` or a guess from both sides' texts (never
    the same guess twice); two names typed the same are told apart as (A) / (B)."""
    guesses = given or source_names(texts.get("a", ""), texts.get("b", ""))
    names = []
    cols = st.columns(2)
    for n, (side, col) in enumerate(zip("ab", cols, strict=True)):
        text = texts.get(side, "")
        # a name typed for this text stays when the other side's text changes this side's guess
        typed = st.session_state.get(f"name_typed_{side}")
        value = typed[1] if typed and typed[0] == digest(text) and not given else guesses[n]
        key = f"name_{side}_{digest(text, guesses[n])}"  # a new readout gets a new guess
        with col:
            name = st.text_input(
                f"Source {side.upper()} name",
                value=value,
                key=key,
                on_change=name_typed,
                args=(side, digest(text), key),
            )
        names.append(name.strip() or f"Side {side.upper()}")
    return distinct_names(names[0], names[1])


def name_typed(side: str, text_digest: str, key: str) -> None:
    st.session_state[f"name_typed_{side}"] = (text_digest, st.session_state[key])


# ---------------------------------------------------------------------------------------------
# results


def heatmap(comparison: Comparison) -> None:
    chart = heatmap_chart(comparison)
    if chart is None:
        st.info("One side has no content statement: nothing to plot.")
        return
    st.altair_chart(chart, width="stretch")
    st.caption(markdown_escape(heatmap_caption(comparison)))


def results(comparison: Comparison, files: dict[str, str]) -> None:
    st.subheader("Summary")
    st.html(summary_html(comparison))
    # each finding links to its row of the side-by-side view below (#row-g3)
    st.html(findings_html(comparison))

    st.subheader("Side by side")
    if st.toggle(
        "Review mode: correct pairings and labels, add notes",
        key="review_mode",
        help="Your corrections change the view, the counts and every download; the tool's own "
        "label stays in the CSVs' auto_label column. Save the review as session.json to go on "
        "later.",
    ):
        review_panel(comparison)
    c1, c2 = st.columns([2, 1])
    with c1:
        st.html(label_chip_css())
        labels = st.multiselect(
            "Show labels",
            [label.value for label in LABEL_ORDER],
            default=[label.value for label in LABEL_ORDER],
            format_func=lambda v: label_title(v, ("A", "B")),  # label_chip_css keys on these
            key="filter_labels",
        )
    with c2:
        query = st.text_input("Search", key="search", placeholder="word in a statement or reason")
    rows = filter_rows(comparison, labels, query)
    st.caption(f"{len(rows):,} of {plural(len(comparison.alignments), 'row')} shown")
    st.html(side_by_side_html(comparison, rows, query=query))
    if reviewed_rows := review_html(comparison):  # your labels beside the tool's, your notes
        st.html(reviewed_rows)

    downloads(comparison, files)
    with st.expander("Similarity heatmap", expanded=True):
        heatmap(comparison)
    with st.expander("All statements"):
        st.dataframe(statements_frame(comparison), hide_index=True)
    st.caption(f"Model: {markdown_escape(model_line(comparison))}")


def label_chip_css() -> str:
    """Each chip of the label filter in its label's colours, as the legend and the table show
    them. Streamlit colours every chip alike; a chip carries its text as aria-label, so the
    rule keys on that (the filter's titles use the fixed 'A' / 'B', not the readouts' names)."""
    rules = [
        f'.st-key-filter_labels [data-tag][aria-label="{label_title(label, ("A", "B"))}"]'
        f"{{background-color:{background};color:{accent};}}"
        for label, (background, accent) in LABEL_COLOURS.items()
    ]
    return "<style>" + "".join(rules) + "</style>"


def downloads(comparison: Comparison, files: dict[str, str]) -> None:
    """The CSVs with provenance.json, the report, and the session to resume the review."""
    st.subheader("Downloads")
    items = download_items(comparison, files, st.session_state.get("review", Review()))
    excel = (
        "UTF-8 text. In Excel, open it with Data › From Text/CSV (a double-click shows Korean "
        "and curly quotes garbled)."
    )
    helps = {
        "alignments.csv": f"One row per group and per one-sided statement, with the reason. {excel}",
        "statements.csv": f"Every statement with its offsets in the text and its row. {excel}",
        "provenance.json": "Where the CSVs come from: sources, file names, model, settings, "
        "tool version, date.",
        "session.json": "The texts, names, settings and your review: open it again with "
        "'Saved review' to go on.",
    }
    for col, (name, mime, data) in zip(st.columns(len(items)), items, strict=True):
        with col:
            st.download_button(
                name,
                data,  # built when clicked, on its own thread: a large comparison does not wait
                file_name=download_name(name, comparison),
                mime=mime,
                key=f"dl_{name.split('.')[0]}",
                icon=":material/download:",
                help=helps.get(name),
                on_click="ignore",
            )


def download_items(
    comparison: Comparison, files: dict[str, str], review: Review
) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(file name, MIME type, bytes maker) of each download. A download button makes its file
    when clicked, on a thread of its own that cannot read the page's session state: everything
    a file needs, the review included, is bound here, while the page runs."""
    names = tuple(files.get(side, "") for side in "ab")
    return [
        ("alignments.csv", "text/csv", lambda: alignments_csv(comparison)),
        ("statements.csv", "text/csv", lambda: statements_csv(comparison)),
        ("provenance.json", "application/json", lambda: provenance_json(comparison, files=names)),
        ("report.html", "text/html", lambda: html_report(comparison).encode("utf-8")),
        ("session.json", "application/json", lambda: session_bytes(comparison, names, review)),
    ]


def session_bytes(comparison: Comparison, files: tuple[str, str], review: Review) -> bytes:
    """The comparison's session.json with `review`."""
    session = Session(
        texts=(comparison.a.text, comparison.b.text),
        names=(comparison.a.name, comparison.b.name),
        config=comparison.config,
        review=review,
        files=files,
        model=comparison.model,
    )
    return session_json(session).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# review mode


def row_title(comparison: Comparison, row: Alignment, width: int = 70) -> str:
    """A row as the review panel lists it: key, label, statement ids, the start of its text."""
    names = (comparison.a.name, comparison.b.name)
    a_st, b_st = row_statements(comparison, row)
    text = " / ".join(" ".join(s.text for s in part) for part in (a_st, b_st) if part)
    text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    ids = " ".join(s.id for s in a_st) or "–"
    ids += " | " + (" ".join(s.id for s in b_st) or "–")
    mark = " (yours)" if isinstance(row, ReviewedAlignment) and row.overridden else ""
    return f"{row_key(row)} · {label_title(row.label, names)}{mark} · {ids} · {text}"


def add_edit(build) -> None:
    """Button callback: make the edit, keep it if it applies, focus the row it changed."""
    base = st.session_state["result"]
    review = st.session_state.get("review", Review())
    try:
        edit = build()
        new = review.add(edit)
        shown = apply_review(base, new)
    except CompareError as err:
        st.session_state["review_error"] = str(err)
        return
    st.session_state.pop("review_error", None)
    st.session_state["review"] = new
    ref = {Move: "statement", Split: "group", Merge: "row"}.get(type(edit), "row")
    found = find_row(shown, getattr(edit, ref))
    if isinstance(edit, Split) and found is None:
        found = find_row(shown, edit.statements[0])
    if found is not None:
        st.session_state["review_row"] = row_key(found)


def set_review(review: Review) -> None:
    st.session_state["review"] = review
    st.session_state.pop("review_error", None)


def review_panel(comparison: Comparison) -> None:
    """Correct one row at a time: its label, its note, which statements it pairs."""
    review = st.session_state.get("review", Review())
    rows = {row_key(r): r for r in comparison.alignments}
    if not rows:
        st.info("Nothing to review: neither side has a content statement.")
        return
    if st.session_state.get("review_row") not in rows:
        st.session_state["review_row"] = next(iter(rows))
    key = st.selectbox(
        "Row to correct",
        list(rows),
        format_func=lambda k: row_title(comparison, rows[k]),
        key="review_row",
    )
    row = rows[key]
    version = f"{key}_{len(review.edits)}"  # widgets start from the row's current values
    statements = [f"a{i}" for i in row.a] + [f"b{j}" for j in row.b]
    left, middle, right = st.columns(3)
    with left:
        st.markdown("**Label**")
        if row.group_id:
            tool = auto_label(row)
            options = ["auto", *(lb.value for lb in GROUP_LABELS)]
            current = row.label.value if row.label is not tool else "auto"
            st.selectbox(
                "Label",
                options,
                index=options.index(current),
                format_func=lambda v: f"the tool's ({tool.value})" if v == "auto" else v,
                key=f"review_label_{version}",
                label_visibility="collapsed",
            )
            st.button(
                "Set label",
                key="review_set_label",
                on_click=add_edit,
                args=(lambda: SetLabel(key, label_choice(version)),),
            )
        else:
            st.caption("A statement on its own is one side's only: pair it to label it.")
        st.markdown("**Note**")
        st.text_area(
            "Note",
            value=note_of(row),
            key=f"review_note_{version}",
            height=80,
            label_visibility="collapsed",
            placeholder="Your note on this row (goes into the CSVs and the report)",
        )
        st.button(
            "Save note",
            key="review_save_note",
            on_click=add_edit,
            args=(lambda: SetNote(key, st.session_state[f"review_note_{version}"]),),
        )
    with middle:
        st.markdown("**Re-pair a statement**")
        moving = st.selectbox("Statement", statements, key=f"review_move_{version}")
        side = moving[0]
        targets = [""] + [
            k
            for k, r in rows.items()
            if k != key and (r.group_id or not (r.a if side == "a" else r.b))
        ]
        st.selectbox(
            "Move it to",
            targets,
            format_func=lambda k: (
                row_title(comparison, rows[k], 50)
                if k
                else f"a row of its own (only in {'A' if side == 'a' else 'B'})"
            ),
            key=f"review_target_{version}",
        )
        st.button(
            "Move",
            key="review_move",
            on_click=add_edit,
            args=(
                lambda: Move(
                    st.session_state[f"review_move_{version}"],
                    to=st.session_state[f"review_target_{version}"],
                ),
            ),
        )
    with right:
        st.markdown("**Split or merge**")
        if row.group_id:
            st.multiselect(
                "Statements to split off into their own row",
                statements,
                key=f"review_split_{version}",
            )
            st.button(
                "Split",
                key="review_split",
                on_click=add_edit,
                args=(lambda: Split(key, tuple(st.session_state[f"review_split_{version}"])),),
            )
        others = [k for k in rows if k != key]
        st.selectbox(
            "Merge this row with",
            others,
            format_func=lambda k: row_title(comparison, rows[k], 50),
            key=f"review_merge_{version}",
        )
        st.button(
            "Merge",
            key="review_merge",
            on_click=add_edit,
            args=(lambda: Merge(key, st.session_state[f"review_merge_{version}"]),),
        )
    if "review_error" in st.session_state:
        show_error(st.session_state["review_error"])
    if review:
        with st.expander(f"Your edits ({len(review.edits)})", expanded=True):
            st.markdown(
                "\n".join(
                    f"{n}. {markdown_escape(e.describe())}" for n, e in enumerate(review.edits, 1)
                )
            )
            u1, u2 = st.columns(2)
            u1.button(
                "Undo the last edit", key="review_undo", on_click=set_review, args=(review.undo(),)
            )
            u2.button("Undo all", key="review_clear", on_click=set_review, args=(Review(),))


def label_choice(version: str) -> Label | None:
    choice = st.session_state[f"review_label_{version}"]
    return None if choice == "auto" else Label(choice)


# ---------------------------------------------------------------------------------------------
# page


def clear_result() -> None:
    """Forget the comparison on the page: it no longer answers what the user is looking at."""
    for key in (
        "result",
        "result_key",
        "result_files",
        "review",
        "review_error",
        "review_row",
        "review_dropped",
        "result_rerun",
    ):
        st.session_state.pop(key, None)


def missing_input(inputs: Inputs) -> str:
    """What keeps Compare from running on two readouts: a side not given, or given and refused
    (its error is already on the page), or in story mode no story; "" when all is there."""
    if inputs.story_mode:
        if "story" in inputs.refused:
            return (
                f"The story ({inputs.refused['story']}) could not be read: see the message "
                "above, and give another file or text."
            )
        return "" if inputs.story is not None else "No news story yet: paste or upload one."
    refused = [
        f"{side.upper()} ({inputs.refused[side]})" for side in "ab" if side in inputs.refused
    ]
    missing = [side.upper() for side in "ab" if side not in inputs.texts | inputs.refused]
    problems = []
    if refused:
        which = (
            f"Readout {refused[0]}" if len(refused) == 1 else f"Readouts {' and '.join(refused)}"
        )
        problems.append(
            f"{which} could not be read: see the message above, and give another file or text."
        )
    if missing:
        which = f"Readout {missing[0]} is" if len(missing) == 1 else "Readouts A and B are"
        problems.append(f"{which} missing: give both readouts to compare.")
    return " ".join(problems)


def same_text_notice(inputs: Inputs) -> None:
    """Two sides with the same text compare every statement with itself: say so before."""
    a, b = (inputs.texts.get(side) for side in "ab")
    if inputs.story is None and a is not None and a == b:
        files = [inputs.files.get(side, "") for side in "ab"]
        given = (
            f" ({markdown_escape(files[0])} and {markdown_escape(files[1])})" if all(files) else ""
        )
        st.warning(
            f"A and B are the same text{given}: every statement will agree with itself. "
            "Give the other government's readout as the other side.",
            icon=":material/content_copy:",
        )


def compare_clicked(inputs: Inputs, names: tuple[str, str], config: Config | None) -> None:
    """Run the comparison for the Compare button; errors are shown, the page goes on. The
    analyst's edits of the previous comparison are carried over where they still apply."""
    previous = st.session_state.get("result")
    previous_review = st.session_state.get("review", Review())
    previous_files = st.session_state.get("result_files", {})
    clear_result()  # whatever happens next, the previous result is not this one
    if config is None:
        show_error("Fix the settings first.")
        return
    texts = inputs.texts
    if problem := missing_input(inputs):
        show_error(problem)
        return
    languages = tuple(detect_language(texts.get(side, "")) for side in "ab")
    try:
        embedder = get_embedder(choose_model(config, languages), config.backend)
    except ModelLoadError as err:  # one neutral line: it never says which server paths exist
        show_error(err)
        return
    try:
        if inputs.story is not None:
            comparison = run_story_comparison(inputs.story, config_items(config), embedder)
        else:
            comparison = run_comparison(
                texts["a"], texts["b"], names, config_items(config), embedder
            )
    except CompareError as err:
        show_error(err)
        return
    st.session_state["result"] = comparison
    st.session_state["result_key"] = inputs_key(inputs, names, config)
    st.session_state["result_files"] = inputs.files
    if previous is not None and (note := rerun_note(previous, comparison)):
        st.session_state["result_rerun"] = note
    saved = None
    # a saved review just loaded brings its own edits: they replace those on the page
    loaded = st.session_state.get("mode") == MODE_SESSION and st.session_state.pop(
        "session_pending", False
    )
    if previous is not None and previous_review and not loaded:
        review, problems = carry_over(previous_review, previous, comparison)
        if problems:  # what was dropped stays downloadable with the comparison it was made on
            files = tuple(previous_files.get(side, "") for side in "ab")
            saved = session_bytes(previous, files, previous_review)
    else:  # a saved review whose comparison may have come out differently
        review, problems = applicable(comparison, inputs.review)
    st.session_state["review"] = review
    if problems:
        st.session_state["review_dropped"] = (problems, saved)


def dropped_edits_notice() -> None:
    """The edits the last Compare could not keep, and the review they belonged to."""
    problems, saved = st.session_state.get("review_dropped", ((), None))
    if not problems:
        return
    kept = len(st.session_state.get("review", Review()).edits)
    st.warning(
        f"{plural(len(problems), 'edit')} of your review no longer "
        f"{'applies' if len(problems) == 1 else 'apply'} to this comparison and "
        f"{'was' if len(problems) == 1 else 'were'} dropped ({kept} kept):\n\n"
        + "\n".join(f"- {markdown_escape(p)}" for p in problems),
        icon=":material/warning:",
    )
    if saved is not None:
        st.download_button(
            "Previous review (session.json)",
            saved,
            file_name="session-before.json",
            mime="application/json",
            key="dl_session_before",
            icon=":material/download:",
            help="The review as it was, with the comparison it was made on: open it with "
            "'Saved review' to get every edit back.",
            on_click="ignore",
        )


def inputs_key(inputs: Inputs, names: tuple[str, str], config: Config) -> str:
    texts = [inputs.texts.get(side, "") for side in "ab"]
    return digest(*texts, *names, repr(config_items(config)))


# what the user typed in one input mode: Streamlit forgets a widget's value in a run that does
# not show it, so switching to another mode and back would lose it
TYPED_KEYS = ("paste_a", "paste_b", "story_text", "story_name_a", "story_name_b")


def keep_typed_text() -> None:
    """Keep the typed texts through runs of another input mode (setting a widget's key keeps
    Streamlit from dropping it)."""
    for key in TYPED_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def main() -> None:
    st.set_page_config(page_title="Readout compare", page_icon=":material/compare:", layout="wide")
    st.title("Readout compare")
    st.caption(
        "Two governments' readouts of the same call, statement by statement: what both report, "
        "where the details differ or conflict, and what only one side mentions."
    )
    config = settings_sidebar()
    keep_typed_text()

    modes = [MODE_SAMPLE, MODE_UPLOAD, MODE_PASTE, MODE_STORY, MODE_SESSION]
    mode = st.radio("Readouts", modes, horizontal=True, key="mode", on_change=clear_result)
    split_config = config or Config()
    if mode == MODE_SAMPLE:
        inputs = sample_input(split_config)
    elif mode == MODE_UPLOAD:
        inputs = upload_input(split_config)
    elif mode == MODE_PASTE:
        inputs = paste_input(split_config)
    elif mode == MODE_SESSION:
        inputs = session_input()
    else:
        inputs = story_input(story)

    if inputs.story is not None:
        names = inputs.story.names  # the story mode names its sides itself
    elif inputs.story_mode:  # no story yet: its own name fields are above, none for readouts
        names = ("A", "B")
    else:
        names = name_inputs(inputs.texts, inputs.names)

    same_text_notice(inputs)
    if st.button("Compare", type="primary", key="compare"):
        compare_clicked(inputs, names, config)

    base = st.session_state.get("result")
    if base is not None:
        if config is not None and inputs_key(inputs, names, config) != st.session_state.get(
            "result_key"
        ):
            review = st.session_state.get("review", Review())
            kept = (
                f" Your {plural(len(review.edits), 'edit')} will be kept where "
                f"{'it still applies' if len(review.edits) == 1 else 'they still apply'}."
                if review
                else ""
            )
            st.info(f"The inputs changed since this comparison: click Compare to update it.{kept}")
        if note := st.session_state.get("result_rerun"):
            st.info(note, icon=":material/tune:")
        dropped_edits_notice()
        review = st.session_state.get("review", Review())
        shown = reviewed(st.session_state["result_key"], review, base)
        results(shown, st.session_state.get("result_files", {}))


main()
