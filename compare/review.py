"""Review: the analyst's corrections to a comparison, applied as a new Comparison, and saved.

The analyst can move a statement to another row (re-pair it, or leave it on its own as only-A /
only-B), split a group, merge two rows, set a row's label and add a note. The edits are kept as
a frozen `Review` (an ordered tuple of edit records), so the comparison itself is never changed:
`apply_review(comparison, review)` returns a new Comparison in which

- a row whose statements changed is labelled again by the label stage, with the similarities the
  pipeline computed (`label.label_group`), and keeps its position in the table;
- a row with an analyst's label or note is a `ReviewedAlignment`: `label` is the analyst's when set
  (so counts, filters, views and CSVs follow it), `auto_label` is the label stage's, and `reason`
  still explains the label stage's verdict.

Rows are named as the views show them: a group by its id (`g3`), an only-A / only-B row by its
statement id (`a4`). A `Session` (texts, names, file names, config, edits) saves to JSON and loads
back, so a review can be resumed.

    review = Review().add(Move("a4", to="g2")).add(SetLabel("g2", Label.DIVERGE))
    reviewed = apply_review(comparison, review)
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, ClassVar

from .errors import InputError
from .schema import Alignment, Basis, Comparison, Config, Label, LinkBasis

# ---------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class ReviewedAlignment(Alignment):
    """A row the analyst labelled or annotated: `label` is the analyst's, `auto_label` the
    label stage's; `reason` (compare.explain) and the marks (compare.diff) render the label
    stage's evidence under the label stage's label."""

    auto_label: Label = Label.AGREE
    note: str = ""

    @property
    def overridden(self) -> bool:
        return self.label is not self.auto_label


def auto_label(row: Alignment) -> Label:
    """The label stage's label of a row (the label itself when nobody changed it)."""
    return row.auto_label if isinstance(row, ReviewedAlignment) else row.label


def note_of(row: Alignment) -> str:
    return row.note if isinstance(row, ReviewedAlignment) else ""


@dataclass(frozen=True)
class Move:
    """Move a statement into the row of `to` (a group id, or any statement's id), or, with
    `to=""`, onto a row of its own (only-A / only-B)."""

    statement: str
    to: str = ""
    op: ClassVar[str] = "move"

    def describe(self) -> str:
        return f"move {self.statement} to {self.to or 'a row of its own'}"


@dataclass(frozen=True)
class Split:
    """Take `statements` out of a group: they form a group of their own when they hold both
    sides, else each becomes an only-A / only-B row."""

    group: str
    statements: tuple[str, ...]
    op: ClassVar[str] = "split"

    def __post_init__(self) -> None:
        object.__setattr__(self, "statements", tuple(self.statements))

    def describe(self) -> str:
        return f"split {', '.join(self.statements)} out of {self.group}"


@dataclass(frozen=True)
class Merge:
    """Join the row `other` into the row `row` (groups or only-A / only-B rows)."""

    row: str
    other: str
    op: ClassVar[str] = "merge"

    def describe(self) -> str:
        return f"merge {self.other} into {self.row}"


@dataclass(frozen=True)
class SetLabel:
    """The analyst's label for a group (agree / partial / diverge); None goes back to the
    label stage's."""

    row: str
    label: Label | None
    op: ClassVar[str] = "label"

    def __post_init__(self) -> None:
        if self.label is not None:
            object.__setattr__(self, "label", _parse_label(self.label))

    def describe(self) -> str:
        return f"label {self.row} {self.label.value if self.label else 'as the tool does'}"


@dataclass(frozen=True)
class SetNote:
    """The analyst's note on a row ("" removes it)."""

    row: str
    note: str
    op: ClassVar[str] = "note"

    def describe(self) -> str:
        return f"note on {self.row}" if self.note else f"remove the note on {self.row}"


Edit = Move | Split | Merge | SetLabel | SetNote
EDIT_TYPES: dict[str, type] = {t.op: t for t in (Move, Split, Merge, SetLabel, SetNote)}
GROUP_LABELS = (Label.AGREE, Label.PARTIAL, Label.DIVERGE)


@dataclass(frozen=True)
class Review:
    """The analyst's edits, in the order they were made."""

    edits: tuple[Edit, ...] = ()

    def add(self, edit: Edit) -> Review:
        return Review((*self.edits, edit))

    def undo(self) -> Review:
        return Review(self.edits[:-1])

    def __bool__(self) -> bool:
        return bool(self.edits)


# ---------------------------------------------------------------------------------------------
# applying a review

_STATEMENT_ID = re.compile(r"^([ab])(\d+)$")
_GROUP_ID = re.compile(r"^g(\d+)$")


@dataclass
class _Row:
    """A row while edits are applied: its statements, and the pipeline's row while unchanged."""

    key: str
    a: list[int]
    b: list[int]
    base: Alignment | None
    label: Label | None = None
    note: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.a and self.b)

    def ids(self) -> list[str]:
        return [f"a{i}" for i in self.a] + [f"b{j}" for j in self.b]


class _Table:
    """The rows of a comparison as edits move statements between them."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        # a comparison reviewed before keeps its analyst's labels and notes
        self.rows = [
            _Row(
                _key(r),
                list(r.a),
                list(r.b),
                r,
                r.label if isinstance(r, ReviewedAlignment) and r.overridden else None,
                note_of(r),
            )
            for r in comparison.alignments
        ]
        numbers = [int(m.group(1)) for r in self.rows if (m := _GROUP_ID.match(r.key))]
        self.next_group = max(numbers, default=0) + 1
        self.content = {side: {s.index for s in comparison.document(side).content} for side in "ab"}

    def snapshot(self) -> tuple[list[_Row], int]:
        rows = [_Row(r.key, list(r.a), list(r.b), r.base, r.label, r.note) for r in self.rows]
        return rows, self.next_group

    def restore(self, saved: tuple[list[_Row], int]) -> None:
        self.rows, self.next_group = saved

    # lookups

    def statement(self, ref: str) -> tuple[str, int]:
        m = _STATEMENT_ID.match(ref)
        if not m:
            raise InputError(f"{ref!r} is not a statement id (a0, b3, ...)")
        side, index = m.group(1), int(m.group(2))
        if index not in self.content[side]:
            doc = self.comparison.document(side)
            if 0 <= index < len(doc.statements):
                raise InputError(f"{ref} is not compared (an attribution line or a header)")
            raise InputError(f"side {side.upper()} has no statement {ref}")
        return side, index

    def row(self, ref: str) -> _Row:
        """The row called `ref` (a group id or an only row's statement id), or the row that
        holds the statement `ref`."""
        for row in self.rows:
            if row.key == ref:
                return row
        if _GROUP_ID.match(ref):
            raise InputError(f"there is no group {ref}")
        side, index = self.statement(ref)
        return next(r for r in self.rows if index in (r.a if side == "a" else r.b))

    # changes

    def new_group_id(self) -> str:
        key = f"g{self.next_group}"
        self.next_group += 1
        return key

    def take(self, row: _Row, refs: list[str]) -> list[_Row]:
        """Remove statements from `row`; a row left with one side only falls apart into
        only-A / only-B rows (its note goes to the first). Returns the rows that replace it."""
        for ref in refs:
            side, index = self.statement(ref)
            (row.a if side == "a" else row.b).remove(index)
        row.base = None
        if row.is_group or not (row.a or row.b):
            return [row] if row.a or row.b else []
        alone = [self._alone(ref) for ref in row.ids()]
        alone[0].note = row.note
        return alone

    def _alone(self, ref: str) -> _Row:
        side, index = self.statement(ref)
        return _Row(ref, [index] if side == "a" else [], [index] if side == "b" else [], None)

    def replace_row(self, old: _Row, new: list[_Row], extra: list[_Row] | None = None) -> None:
        at = self.rows.index(old)
        self.rows[at : at + 1] = [*new, *(extra or [])]

    def apply(self, edit: Edit) -> None:
        if isinstance(edit, Move):
            self._move(edit)
        elif isinstance(edit, Split):
            self._split(edit)
        elif isinstance(edit, Merge):
            self._merge(edit)
        elif isinstance(edit, SetLabel):
            row = self.row(edit.row)
            if not row.is_group:
                raise InputError(
                    f"{row.key} has no counterpart to agree or differ with: pair it first"
                )
            if edit.label is not None and edit.label not in GROUP_LABELS:
                raise InputError(
                    f"a group is labelled agree, partial or diverge, not {edit.label.value}; "
                    "to make a statement one side's only, move it to a row of its own"
                )
            row.label = edit.label
        elif isinstance(edit, SetNote):
            self.row(edit.row).note = edit.note.strip()
        else:
            raise InputError(f"unknown edit {edit!r}")

    def _move(self, edit: Move) -> None:
        side, index = self.statement(edit.statement)
        source = self.row(edit.statement)
        if not edit.to:
            if not source.is_group:
                raise InputError(f"{edit.statement} is already on a row of its own")
            # the statement's own row goes just after what is left of its group
            self.replace_row(
                source, self.take(source, [edit.statement]), [self._alone(edit.statement)]
            )
            return
        target = self.row(edit.to)
        if target is source:
            raise InputError(f"{edit.statement} is already in {target.key}")
        if not target.is_group and bool(target.a) == (side == "a"):
            raise InputError(
                f"{edit.statement} and {target.key} are both statements of side "
                f"{side.upper()}: pair a statement with one of the other side"
            )
        self.replace_row(source, self.take(source, [edit.statement]))
        members = target.a if side == "a" else target.b
        members.append(index)
        members.sort()
        target.base = None
        if not _GROUP_ID.match(target.key):
            target.key = self.new_group_id()

    def _split(self, edit: Split) -> None:
        row = self.row(edit.group)
        if not row.is_group or row.key != edit.group:
            raise InputError(f"{edit.group} is not a group")
        if not edit.statements:
            raise InputError(f"name the statements to split out of {edit.group}")
        members = set(row.ids())
        for ref in edit.statements:
            self.statement(ref)
            if ref not in members:
                raise InputError(f"{ref} is not in {edit.group}")
        if set(edit.statements) == members:
            raise InputError(f"splitting every statement out of {edit.group} leaves nothing")
        taken = _Row("", [], [], None)
        for ref in edit.statements:
            side, index = self.statement(ref)
            (taken.a if side == "a" else taken.b).append(index)
        taken.a.sort()
        taken.b.sort()
        if taken.is_group:
            taken.key = self.new_group_id()
            extra = [taken]
        else:
            extra = [self._alone(ref) for ref in taken.ids()]
        self.replace_row(row, self.take(row, list(edit.statements)), extra)

    def _merge(self, edit: Merge) -> None:
        first, second = self.row(edit.row), self.row(edit.other)
        if first is second:
            raise InputError(f"{edit.row} and {edit.other} are the same row")
        a, b = sorted(first.a + second.a), sorted(first.b + second.b)
        if not (a and b):
            raise InputError(
                f"{first.key} and {second.key} are both side {'A' if a else 'B'}'s only: a group "
                "needs a statement of each side"
            )
        if _GROUP_ID.match(first.key):
            key = first.key
        elif _GROUP_ID.match(second.key):
            key = second.key
        else:
            key = self.new_group_id()
        note = "\n".join(n for n in (first.note, second.note) if n)
        merged = _Row(key, a, b, None, first.label or second.label, note)
        self.rows.remove(second)
        self.replace_row(first, [merged])


def _key(row: Alignment) -> str:
    if row.group_id:
        return row.group_id
    return f"a{row.a[0]}" if row.a else f"b{row.b[0]}"


def row_key(row: Alignment) -> str:
    """How the edits name a row: its group id, or an only row's statement id."""
    return _key(row)


def applicable(comparison: Comparison, review: Review) -> tuple[Review, tuple[str, ...]]:
    """The edits of `review` that apply to `comparison`, and a one-line message for each one
    that does not (a saved review opened on a comparison that came out differently)."""
    table = _Table(comparison)
    kept: list[Edit] = []
    problems: list[str] = []
    for n, edit in enumerate(review.edits, start=1):
        saved = table.snapshot()
        try:
            table.apply(edit)
        except InputError as err:
            table.restore(saved)
            problems.append(f"edit {n} ({edit.describe()}) does not apply: {err}")
            continue
        kept.append(edit)
    return Review(tuple(kept)), tuple(problems)


def carry_over(review: Review, old: Comparison, new: Comparison) -> tuple[Review, tuple[str, ...]]:
    """The edits of `review`, made on `old`, restated for `new` (the readouts compared again,
    with other settings or a corrected text), and a one-line message for each edit dropped.

    Group ids are the aligner's numbering, so "g2" of one comparison may be another group in
    the next: an edit is kept only when every row it names holds the same statements (same ids,
    same text) in `new` as it held in `old` at that point of the review, and it applies there.
    Rows are then renamed to their ids in `new`."""
    before, after = _Table(old), _Table(new)
    kept: list[Edit] = []
    problems: list[str] = []
    for n, edit in enumerate(review.edits, start=1):
        saved = after.snapshot()
        try:
            moved = _restated(edit, before, after)
            after.apply(moved)
        except InputError as err:
            after.restore(saved)
            problems.append(f"edit {n} ({_described(edit)}) no longer applies: {err}")
        else:
            kept.append(moved)
        try:  # the analyst made every edit on `old` with the earlier ones applied
            before.apply(edit)
        except InputError:
            pass  # an edit that never applied (it was shown as an error when made)
    return Review(tuple(kept)), tuple(problems)


def _described(edit: Edit) -> str:
    """An edit as the analyst would recognise it, a note with its text (so none is lost)."""
    if isinstance(edit, SetNote) and edit.note:
        return f"{edit.describe()}: {edit.note!r}"
    return edit.describe()


def _restated(edit: Edit, before: _Table, after: _Table) -> Edit:
    """`edit` with the rows it names renamed from `before`'s ids to `after`'s."""

    def statement(ref: str) -> str:
        side, index = before.statement(ref)
        old_text = before.comparison.document(side).statements[index].text
        new_doc = after.comparison.document(side)
        if index >= len(new_doc.statements) or new_doc.statements[index].text != old_text:
            raise InputError(f"{ref} is not the same statement in the new comparison")
        after.statement(ref)  # still compared (not a header now)
        return ref

    def row(ref: str) -> str:
        old = before.row(ref)
        ids = old.ids()
        for ref_ in ids:
            statement(ref_)
        for candidate in after.rows:
            if sorted(candidate.ids()) == sorted(ids):
                return candidate.key
        listed = " ".join(ids)
        raise InputError(f"{ref} ({listed}) is not a row of the new comparison")

    if isinstance(edit, Move):
        return Move(statement(edit.statement), to=row(edit.to) if edit.to else "")
    if isinstance(edit, Split):
        return Split(row(edit.group), tuple(statement(s) for s in edit.statements))
    if isinstance(edit, Merge):
        return Merge(row(edit.row), row(edit.other))
    return replace(edit, row=row(edit.row))


def find_row(comparison: Comparison, ref: str) -> Alignment | None:
    """The row called `ref` (a group id, an only row's statement id), or the row holding the
    statement `ref`; None when there is none."""
    for row in comparison.alignments:
        if row_key(row) == ref:
            return row
    m = _STATEMENT_ID.match(ref)
    if m:
        side, index = m.group(1), int(m.group(2))
        for row in comparison.alignments:
            if index in (row.a if side == "a" else row.b):
                return row
    return None


def apply_review(comparison: Comparison, review: Review) -> Comparison:
    """The comparison with the analyst's edits applied (the input is not changed).

    An edit that does not apply (a statement or group that does not exist, a move that leaves a
    group with one side) raises InputError naming the edit.
    """
    table = _Table(comparison)
    for n, edit in enumerate(review.edits, start=1):
        try:
            table.apply(edit)
        except InputError as err:
            raise InputError(f"edit {n} ({edit.describe()}) does not apply: {err}") from None
    matrices = _Matrices(comparison)
    rows = tuple(_alignment(row, comparison, matrices) for row in table.rows)
    return replace(comparison, alignments=rows, similarity=comparison.similarity)


class _Matrices:
    """The similarity matrices a re-formed row is labelled with; the lexical one is built on
    first use (a review that only relabels never needs it)."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.semantic = comparison.similarity
        self.position = {
            side: {s.index: k for k, s in enumerate(comparison.document(side).content)}
            for side in "ab"
        }
        self.crosslingual = comparison.a.language != comparison.b.language
        self._lexical = None

    @property
    def lexical(self):
        if self._lexical is None:
            from .similarity import word_evidence

            a = [s.text for s in self.comparison.a.content]
            b = [s.text for s in self.comparison.b.content]
            self._lexical, _ = word_evidence(a, b, self.semantic, crosslingual=self.crosslingual)
        return self._lexical


def _alignment(row: _Row, comparison: Comparison, m: _Matrices) -> Alignment:
    base = row.base or _relabelled(row, comparison, m)
    if row.label is None and not row.note and not isinstance(base, ReviewedAlignment):
        return base
    plain = tool_row(base)
    auto = plain.label
    return ReviewedAlignment(
        **{f.name: getattr(plain, f.name) for f in fields(Alignment)}
        | {"label": row.label or auto},
        auto_label=auto,
        note=row.note,
    )


def tool_row(row: Alignment) -> Alignment:
    """The row as the label stage left it: a reviewed row without the analyst's label and note."""
    if isinstance(row, ReviewedAlignment):
        values = {f.name: getattr(row, f.name) for f in fields(Alignment)}
        return Alignment(**values | {"label": row.auto_label})
    return row


def _relabelled(row: _Row, comparison: Comparison, m: _Matrices) -> Alignment:
    """A row whose statements changed, as the pipeline would have built it."""
    from .label import label_group
    from .pipeline import omission_row
    from .similarity import combined_score

    pa, pb = m.position["a"], m.position["b"]
    if not row.is_group:
        side = "a" if row.a else "b"
        index = (row.a or row.b)[0]
        others = comparison.document("b" if side == "a" else "a").content
        st = comparison.document(side).statements[index]
        local = (pa if side == "a" else pb)[index]
        axis = 1 if side == "a" else 0
        alone = omission_row(st, local, m.semantic, m.lexical, others, axis, comparison.config)
        held = comparison.row_of(st.id)
        # the tool had grouped it: the analyst left it alone, and the basis says so
        return (
            replace(alone, bases=(LinkBasis(Basis.ANALYST, side),))
            if held and held.links
            else alone
        )
    known = {link for r in comparison.alignments for link in r.links}
    why = {  # the links' rules, from the rows that have them (a row built without has none)
        link: basis
        for r in comparison.alignments
        if r.bases
        for link, basis in zip(r.links, r.bases, strict=True)
    }
    links = {(i, j) for i, j in known if i in row.a and j in row.b}
    score = combined_score(m.semantic, m.lexical, comparison.config)
    for i in row.a:  # a statement moved in links to its best partner in the row
        if not any(x == i for x, _ in links):
            links.add((i, max(row.b, key=lambda j: score[pa[i], pb[j]])))
    for j in row.b:
        if not any(y == j for _, y in links):
            links.add((max(row.a, key=lambda i: score[pa[i], pb[j]]), j))
    similarity = max(float(m.semantic[pa[i], pb[j]]) for i, j in links)
    lexical = max(float(m.lexical[pa[i], pb[j]]) for i, j in links)
    a_st = [comparison.a.statements[i] for i in row.a]
    b_st = [comparison.b.statements[j] for j in row.b]
    label, evidence = label_group(
        [s.text for s in a_st],
        [s.text for s in b_st],
        similarity,
        lexical,
        comparison.config,
        crosslingual=m.crosslingual,
    )
    return Alignment(
        row.key,
        label,
        tuple(row.a),
        tuple(row.b),
        round(similarity, 4),
        round(lexical, 4),
        evidence,
        tuple(sorted(links)),
        # the aligner's rule for the links it made; a link the analyst's move made is theirs
        bases=()
        if any(link in known and link not in why for link in links)
        else tuple(why.get(link, LinkBasis(Basis.ANALYST)) for link in sorted(links)),
    )


# ---------------------------------------------------------------------------------------------
# sessions

SESSION_FORMAT = "readout-compare session"
SESSION_VERSION = 1


@dataclass(frozen=True)
class Session:
    """Everything needed to redo a comparison and its review: the two texts, the source and
    file names, the settings, the model it was made with, and the analyst's edits."""

    texts: tuple[str, str]
    names: tuple[str, str]
    config: Config = field(default_factory=Config)
    review: Review = field(default_factory=Review)
    files: tuple[str, str] = ("", "")
    model: str = ""


def session_json(session: Session, *, saved: datetime | None = None) -> str:
    """The session as JSON (UTF-8 text, readout texts unchanged)."""
    from . import __version__

    saved = saved or datetime.now(UTC)
    data = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "tool_version": __version__,
        "saved": saved.isoformat(timespec="seconds"),
        "model": session.model,
        "sources": {
            side: {"name": name, "file": file, "text": text}
            for side, name, file, text in zip(
                "ab", session.names, session.files, session.texts, strict=True
            )
        },
        "config": asdict(session.config),
        "edits": [edit_to_dict(e) for e in session.review.edits],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def load_session(data: str | bytes, name: str = "the session file") -> Session:
    """A session saved by `session_json`; InputError (one line) for anything else."""
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{name} is not JSON ({err})") from None
    if not isinstance(raw, dict) or raw.get("format") != SESSION_FORMAT:
        raise InputError(f"{name} is not a readout-compare session")
    if raw.get("version") != SESSION_VERSION:
        raise InputError(
            f"{name} is a session of version {raw.get('version')!r}; this tool reads version "
            f"{SESSION_VERSION}"
        )
    sources = _expect(raw, "sources", dict, name)
    sides = []
    for side in "ab":
        src = _expect(sources, side, dict, name)
        sides.append(tuple(_expect(src, k, str, name) for k in ("name", "text", "file")))
    settings = _expect(raw, "config", dict, name)
    try:
        config = Config(**settings)
    except TypeError as err:
        raise InputError(f"{name} has settings this tool does not know ({err})") from None
    edits = _expect(raw, "edits", list, name)
    review = Review(tuple(edit_from_dict(e, n) for n, e in enumerate(edits, start=1)))
    return Session(
        texts=(sides[0][1], sides[1][1]),
        names=(sides[0][0], sides[1][0]),
        config=config,
        review=review,
        files=(sides[0][2], sides[1][2]),
        model=raw.get("model") if isinstance(raw.get("model"), str) else "",
    )


def _expect(data: dict, key: str, kind: type, name: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise InputError(f"{name} has no valid {key!r} ({kind.__name__} expected)")
    return value


def edit_to_dict(edit: Edit) -> dict[str, Any]:
    out: dict[str, Any] = {"op": edit.op}
    for f in fields(edit):
        value = getattr(edit, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def edit_from_dict(data: Any, n: int = 0) -> Edit:
    """One edit from its JSON form; InputError naming the edit's number when it is not one."""
    where = f"edit {n}" if n else "the edit"
    if not isinstance(data, dict) or data.get("op") not in EDIT_TYPES:
        raise InputError(f"{where} is not one of: {', '.join(EDIT_TYPES)}")
    kind = EDIT_TYPES[data["op"]]
    values = {}
    for f in fields(kind):
        if f.name not in data:
            if f.default is not MISSING:  # a field with a default may be left out
                continue
            raise InputError(f"{where} ({data['op']}) has no {f.name!r}")
        values[f.name] = data[f.name]
    try:
        edit = kind(**values)
        _check_types(edit)
    except (TypeError, ValueError) as err:
        raise InputError(f"{where} ({data['op']}) is malformed ({err})") from None
    return edit


def _check_types(edit: Edit) -> None:
    for f in fields(edit):
        value = getattr(edit, f.name)
        if f.name == "statements":
            ok = all(isinstance(v, str) for v in value)
        elif f.name == "label":
            ok = value is None or isinstance(value, Label)
        else:
            ok = isinstance(value, str)
        if not ok:
            raise TypeError(f"{f.name} has the wrong type")


def _parse_label(value: Label | str) -> Label:
    try:
        return Label(value)
    except ValueError:
        valid = ", ".join(label.value for label in GROUP_LABELS)
        raise InputError(f"unknown label {value!r}; choose one of: {valid}") from None
