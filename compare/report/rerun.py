"""What comparing the same readouts again with other settings changed: which settings moved,
and which rows came, went or changed label. An analyst who tries a stricter preset should see
that it did something, or that on these readouts it changes nothing."""

from __future__ import annotations

from ..presets import PRESETS, preset_of
from ..schema import Comparison, Config, Label
from .labels import label_title
from .summary import plural

#: at most this many changed rows are named; the rest are counted
SHOWN_CHANGES = 4


def settings_changed(before: Config, after: Config) -> list[str]:
    """What `after` sets otherwise than `before`: 'default → stricter preset: match and agree
    thresholds 0.05 higher' when both are presets, else each setting ('match threshold 0.35 →
    0.4'); then the model, backend or cut, where they differ."""
    out = []
    was, now = preset_of(before), preset_of(after)
    if was and now and was != now:
        step = PRESETS[now] - PRESETS[was]
        out.append(
            f"{was} → {now} preset: match and agree thresholds {abs(step):g} "
            + ("higher" if step > 0 else "lower")
        )
    else:
        for setting in Config.settings():
            old, new = getattr(before, setting.name), getattr(after, setting.name)
            if old != new:
                out.append(f"{setting.label.lower()} {old:g} → {new:g}")
    for what, old, new in (
        ("model", before.model or "default", after.model or "default"),
        ("backend", before.backend.value, after.backend.value),
        ("cut into", before.split.value, after.split.value),
    ):
        if old != new:
            out.append(f"{what} {old} → {new}")
    return out


def rerun_note(before: Comparison, after: Comparison) -> str | None:
    """One sentence on what `after` changed against `before`, when both compare the same two
    texts under different settings; None otherwise (other readouts, or the same settings)."""
    if (before.a.text, before.b.text) != (after.a.text, after.b.text):
        return None
    moved = settings_changed(before.config, after.config)
    if not moved:
        return None
    rows_before = {before.ids(row): row.label for row in before.alignments}
    rows_after = {after.ids(row): row.label for row in after.alignments}
    changes = []
    for ids, label in rows_after.items():
        old = rows_before.get(ids)
        if old is None:
            changes.append(f"new {_row(ids)} ({_title(label)})")
        elif old != label:
            changes.append(f"{_row(ids)} {_title(old)} → {_title(label)}")
    changes += [
        f"gone {_row(ids)} ({_title(label)})"
        for ids, label in rows_before.items()
        if ids not in rows_after
    ]
    head = f"Compared again with other settings ({', '.join(moved)}): "
    if not changes:
        return (
            head + "the same rows and labels as before; on these readouts the change moves nothing."
        )
    shown = "; ".join(changes[:SHOWN_CHANGES])
    more = len(changes) - SHOWN_CHANGES
    return (
        head
        + f"{plural(len(changes), 'change')}: {shown}"
        + (f"; and {more} more" if more > 0 else "")
        + "."
    )


def _row(ids: tuple[str, str]) -> str:
    a, b = ids
    return " | ".join(part for part in (a, b) if part)


def _title(label: Label) -> str:
    """'agree', 'only in A': the label's title as it reads inside a sentence."""
    title = label_title(label)
    return title[0].lower() + title[1:]
