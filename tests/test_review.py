"""Review mode's library: edits applied to a comparison, re-labelled groups, sessions saved."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from compare import compare_texts
from compare.errors import InputError
from compare.export import alignments_csv, provenance, statements_csv
from compare.review import (
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
from compare.schema import Config, Label

A = (
    "The below is attributable to the spokesperson:\n"
    "The ministers discussed trade and tariffs. They agreed to meet again in April. "
    "The minister raised the issue of fisheries quotas."
)
B = (
    "The ministers discussed trade and tariffs. They agreed to meet again in May. "
    "Climate change was also on the agenda."
)


@pytest.fixture
def base(fake_embedder):
    return compare_texts(A, B, names=("Side one", "Side two"), embedder=fake_embedder)


def rows_by_key(comparison):
    return {row_key(r): r for r in comparison.alignments}


def assert_every_statement_once(comparison):
    for side in "ab":
        ids = [i for r in comparison.alignments for i in (r.a if side == "a" else r.b)]
        assert sorted(ids) == [s.index for s in comparison.document(side).content]


def test_the_fixture_has_an_agree_group_a_conflict_and_omissions(base):
    # the other tests rely on this shape; if the pipeline changes it, they need new texts
    keys = rows_by_key(base)
    assert keys["g1"].label is Label.AGREE and keys["g1"].a == (1,) and keys["g1"].b == (0,)
    assert keys["g2"].label is Label.DIVERGE and keys["g2"].evidence.date_conflicts
    assert keys["a3"].label is Label.ONLY_A and keys["b2"].label is Label.ONLY_B


def test_no_edits_is_the_same_comparison(base):
    assert apply_review(base, Review()).alignments == base.alignments


def test_split_then_merge_gives_back_the_pipeline_row(base):
    split = apply_review(base, Review((Split("g2", ("b1",)),)))
    keys = rows_by_key(split)
    assert "g2" not in keys and keys["a2"].label is Label.ONLY_A
    assert keys["b1"].label is Label.ONLY_B and keys["b1"].nearest is not None
    assert_every_statement_once(split)
    # the group falls apart where it stood: its statements' rows take its place, in order
    order = [row_key(r) for r in split.alignments]
    assert order.index("a2") == order.index("g1") + 1 and order.index("b1") == order.index("a2") + 1

    merged = apply_review(base, Review((Split("g2", ("b1",)), Merge("a2", "b1"))))
    new = rows_by_key(merged)["g3"]  # a new group gets the next free id
    old = rows_by_key(base)["g2"]
    assert (new.label, new.a, new.b, new.links, new.evidence) == (
        old.label,
        old.a,
        old.b,
        old.links,
        old.evidence,
    )
    assert (new.similarity, new.lexical) == (old.similarity, old.lexical)


def test_moving_a_statement_relabels_both_rows(base):
    reviewed = apply_review(base, Review((Move("b1", to="g1"),)))
    keys = rows_by_key(reviewed)
    grown = keys["g1"]
    assert grown.b == (0, 1) and grown.a == (1,)
    # the label stage read the group again: B's extra statement is evidence on B's side only
    assert "meet" in grown.evidence.only_b_stems
    assert "meet" not in rows_by_key(base)["g1"].evidence.only_b_stems
    assert auto_label(grown) is grown.label and not isinstance(grown, ReviewedAlignment)
    assert (1, 1) in grown.links  # the moved statement is linked to its partner
    # a2 lost its partner: it is A's only now, and says which B statement came closest
    assert keys["a2"].label is Label.ONLY_A and keys["a2"].nearest in (0, 1, 2)
    assert "g2" not in keys
    assert_every_statement_once(reviewed)
    assert base.counts()["diverge"] == 1  # the input is not changed


def test_move_to_a_row_of_its_own_and_back(base):
    out = apply_review(base, Review((Move("a1"),)))
    keys = rows_by_key(out)
    assert keys["a1"].label is Label.ONLY_A and keys["b0"].label is Label.ONLY_B
    back = apply_review(base, Review((Move("a1"), Move("a1", to="b0"))))
    assert rows_by_key(back)["g3"].label is Label.AGREE


def test_analyst_label_wins_and_the_reason_stays_the_tools(base):
    review = Review((SetLabel("g2", Label.PARTIAL), SetNote("g2", "  April vs May: a typo?  ")))
    out = apply_review(base, review)
    row = rows_by_key(out)["g2"]
    assert isinstance(row, ReviewedAlignment)
    assert row.label is Label.PARTIAL and row.auto_label is Label.DIVERGE and row.overridden
    assert note_of(row) == "April vs May: a typo?"
    assert row.reason == rows_by_key(base)["g2"].reason
    assert out.counts()["partial"] == base.counts()["partial"] + 1
    assert out.counts()["diverge"] == base.counts()["diverge"] - 1
    # None goes back to the tool's label; the note stays
    again = apply_review(base, review.add(SetLabel("g2", None)))
    row = rows_by_key(again)["g2"]
    assert row.label is Label.DIVERGE and not row.overridden and row.note


def test_a_label_set_before_a_move_stays_and_the_auto_label_is_recomputed(base):
    review = Review((SetLabel("g1", "diverge"), Move("b1", to="g1")))
    row = rows_by_key(apply_review(base, review))["g1"]
    assert row.label is Label.DIVERGE and row.overridden
    assert "meet" in row.evidence.only_b_stems  # the tool's side was read again


def test_a_note_survives_its_group_falling_apart(base):
    out = apply_review(base, Review((SetNote("g2", "dates"), Move("a2"))))
    keys = rows_by_key(out)
    assert note_of(keys["b1"]) == "dates" and not note_of(keys["a2"])


def test_undo_drops_the_last_edit(base):
    review = Review().add(Move("a1")).add(SetNote("g2", "x"))
    assert review.undo() == Review((Move("a1"),)) and not Review().undo()


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (Move("a9", to="g1"), "no statement a9"),
        (Move("a0", to="g1"), "not compared"),
        (Move("x1"), "not a statement id"),
        (Move("a3"), "already on a row of its own"),
        (Move("a1", to="g1"), "already in g1"),
        (Move("a3", to="a3"), "already in a3"),
        (Move("b2", to="g7"), "no group g7"),
        (Merge("a3", "a3"), "the same row"),
        (SetLabel("a3", Label.AGREE), "pair it first"),
        (SetLabel("g1", Label.ONLY_A), "move it to a row of its own"),
        (Split("g1", ("a1", "b0")), "leaves nothing"),
        (Split("g1", ("b1",)), "not in g1"),
    ],
)
def test_an_edit_that_does_not_apply_is_a_one_line_error(base, edit, needle):
    with pytest.raises(InputError) as raised:
        apply_review(base, Review((SetNote("g1", "ok"), edit)))
    message = str(raised.value)
    assert message.startswith("edit 2 (") and needle in message and "\n" not in message


def test_an_only_row_merged_into_a_group_joins_it(base):
    out = apply_review(base, Review((Merge("g1", "a3"),)))
    assert rows_by_key(out)["g1"].a == (1, 3) and "a3" not in rows_by_key(out)


def test_pairing_two_statements_of_one_side_is_refused(base):
    moved = Review((Move("a2"),))
    with pytest.raises(InputError, match="both statements of side A"):
        apply_review(base, moved.add(Move("a2", to="a3")))
    with pytest.raises(InputError, match="both side A's only"):
        apply_review(base, moved.add(Merge("a2", "a3")))


def test_unknown_label_is_refused():
    with pytest.raises(InputError, match="unknown label 'same'"):
        SetLabel("g1", "same")


def test_csvs_carry_the_analysts_columns(base):
    review = Review((SetLabel("g2", Label.AGREE), SetNote("g2", "=typo, not a conflict")))
    out = apply_review(base, review)
    rows = list(csv.DictReader(io.StringIO(alignments_csv(out).decode("utf-8"))))
    g2 = next(r for r in rows if r["group_id"] == "g2")
    assert (g2["label"], g2["auto_label"]) == ("agree", "diverge")
    assert g2["note"] == "'=typo, not a conflict"  # neutralised like every cell
    g1 = next(r for r in rows if r["group_id"] == "g1")
    assert g1["label"] == g1["auto_label"] == "agree" and g1["note"] == ""
    statements = list(csv.DictReader(io.StringIO(statements_csv(out).decode("utf-8"))))
    b1 = next(r for r in statements if r["statement_id"] == "b1")
    assert (b1["label"], b1["auto_label"], b1["group_id"]) == ("agree", "diverge", "g2")
    header = next(r for r in statements if r["statement_id"] == "a0")
    assert header["label"] == header["auto_label"] == header["note"] == ""


def test_provenance_names_sources_files_model_settings_and_the_review(base):
    out = apply_review(base, Review((SetLabel("g2", Label.AGREE), SetNote("g1", "fine"))))
    data = provenance(out, files=("one.txt", "two.html"))
    json.dumps(data)  # JSON-ready
    assert data["sources"]["a"]["name"] == "Side one" and data["sources"]["b"]["file"] == "two.html"
    assert data["sources"]["a"]["statements"] == len(base.a.content)
    assert data["model"] == base.model == "fake-bow"
    assert data["settings"]["link_threshold"] == Config().link_threshold
    assert data["review"] == {"labels_set": 1, "notes": 1}
    assert data["tool"] == "readout-compare" and data["tool_version"]
    assert data["created"].endswith("+00:00")


def test_session_round_trips(base):
    review = Review(
        (
            Move("b1", to="g1"),
            Split("g1", ("b1",)),
            Merge("a2", "b1"),
            SetLabel("g1", Label.DIVERGE),
            SetLabel("g1", None),
            SetNote("a3", "Only A mentions fisheries.\n=SUM(1)"),
        )
    )
    session = Session(
        texts=(A, "줄 하나\r\n" + B),
        names=("Side one", "<b>two</b>"),
        config=Config(link_threshold=0.4, split="lines"),
        review=review,
        files=("a.txt", ""),
        model="fake-bow",
    )
    text = session_json(session)
    assert json.loads(text)["edits"][1] == {"op": "split", "group": "g1", "statements": ["b1"]}
    assert load_session(text) == session
    assert load_session(text.encode("utf-8")) == session


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ("not json", "is not JSON"),
        ("[]", "not a readout-compare session"),
        (json.dumps({"format": "readout-compare session", "version": 9}), "version 9"),
        ("SESSION:sources", "no valid 'sources'"),
        ("SESSION:config", "settings this tool does not know"),
        ("SESSION:edits", "edit 1 is not one of"),
        ("SESSION:threshold", "link_threshold must be between"),
        ("SESSION:edit-type", "edit 1 (note) is malformed"),
    ],
)
def test_bad_session_files_are_one_line_errors(data, needle):
    good = json.loads(session_json(Session(texts=(A, B), names=("x", "y"))))
    if data == "SESSION:sources":
        good["sources"] = "nope"
    elif data == "SESSION:config":
        good["config"]["colour"] = "red"
    elif data == "SESSION:edits":
        good["edits"] = [{"op": "delete", "row": "g1"}]
    elif data == "SESSION:threshold":
        good["config"]["link_threshold"] = 7
    elif data == "SESSION:edit-type":
        good["edits"] = [{"op": "note", "row": "g1", "note": 5}]
    if data.startswith("SESSION:"):
        data = json.dumps(good)
    with pytest.raises(InputError) as raised:
        load_session(data, "s.json")
    assert needle in str(raised.value) and "\n" not in str(raised.value)


def test_edits_that_no_longer_apply_are_named_and_the_rest_kept(base):
    review = Review((SetNote("g1", "kept"), Move("a7", to="g1"), Move("b1", to="g1")))
    kept, problems = applicable(base, review)
    assert kept == Review((SetNote("g1", "kept"), Move("b1", to="g1")))
    assert problems == ("edit 2 (move a7 to g1) does not apply: side A has no statement a7",)
    # a failed edit leaves nothing half done
    partial = Review((Move("a1", to="b2"), Split("g1", ("a1",))))
    kept, problems = applicable(base, partial)
    assert len(kept.edits) == 1 and len(problems) == 1
    assert apply_review(base, kept).alignments == apply_review(base, partial.undo()).alignments


def test_carried_over_edits_follow_their_statements_not_the_group_numbers(base):
    # the same readouts compared again with the groups numbered the other way round
    swap = {"g1": "g2", "g2": "g1"}
    renumbered = replace(
        base,
        alignments=tuple(
            replace(r, group_id=swap[r.group_id]) if r.group_id else r for r in base.alignments
        ),
    )
    review = Review((SetLabel("g2", Label.PARTIAL), Move("b2", to="g1"), SetNote("g1", "x")))
    kept, problems = carry_over(review, base, renumbered)
    assert problems == ()
    assert kept == Review((SetLabel("g1", Label.PARTIAL), Move("b2", to="g2"), SetNote("g2", "x")))
    before, after = apply_review(base, review), apply_review(renumbered, kept)
    statements = [(r.a, r.b, r.label, note_of(r)) for r in before.alignments]
    assert [(r.a, r.b, r.label, note_of(r)) for r in after.alignments] == statements


def test_carried_over_edits_on_a_group_that_is_gone_are_named_with_their_note(base, fake_embedder):
    stricter = compare_texts(
        A,
        B,
        names=("Side one", "Side two"),
        embedder=fake_embedder,
        config=Config(link_threshold=0.9),
    )
    assert "g2" not in rows_by_key(stricter) and "g1" in rows_by_key(stricter)
    review = Review(
        (
            SetLabel("g2", Label.PARTIAL),
            Move("a3", to="g1"),
            SetNote("g1", "checked"),
            SetNote("g2", "dates differ"),
        )
    )
    kept, problems = carry_over(review, base, stricter)
    assert kept == Review((Move("a3", to="g1"), SetNote("g1", "checked")))
    assert problems == (
        "edit 1 (label g2 partial) no longer applies: g2 (a2 b1) is not a row of the new "
        "comparison",
        "edit 4 (note on g2: 'dates differ') no longer applies: g2 (a2 b1) is not a row of the "
        "new comparison",
    )


def test_carried_over_edits_on_a_changed_statement_are_dropped(base, fake_embedder):
    edited = compare_texts(
        A, B.replace("May", "June"), names=("Side one", "Side two"), embedder=fake_embedder
    )
    kept, problems = carry_over(Review((SetNote("g2", "n"), SetNote("g1", "m"))), base, edited)
    assert kept == Review((SetNote("g1", "m"),))
    assert problems == (
        "edit 1 (note on g2: 'n') no longer applies: b1 is not the same statement in the new "
        "comparison",
    )


def test_find_row_by_key_or_by_statement(base):
    assert row_key(find_row(base, "g2")) == "g2"
    assert row_key(find_row(base, "b1")) == "g2" and row_key(find_row(base, "a3")) == "a3"
    assert find_row(base, "g9") is None and find_row(base, "b9") is None
