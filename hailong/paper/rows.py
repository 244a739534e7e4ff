"""The keying sheet as rows to render: each field with its value, error, focus and hint, and the
HTML of one row (built in Python: a 75-item form renders about ten times faster than through
nested template includes, and keying pages are opened once per form keyed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from hailong.paper import keying


@dataclass(frozen=True)
class Row:
    field: keying.KeyField
    value: str = ""
    error: str = ""
    autofocus: bool = False
    hint: str = ""  # short: beside the box
    hint_below: str = ""  # long: under the label


def _row(group: keying.KeyGroup, field: keying.KeyField, **state: object) -> Row:
    hint = "" if field.hint == group.legend else field.hint
    if len(hint) > keying.SHORT_HINT:
        return Row(field, hint_below=hint, **state)  # type: ignore[arg-type]
    return Row(field, hint=hint, **state)  # type: ignore[arg-type]


def sheet_rows(
    sheet: keying.Sheet, values: Mapping[str, str], errors: Mapping[str, str]
) -> list[tuple[keying.KeyGroup, list[Row]]]:
    """The sheet's groups with each field's value and error; focus on the first error, or on
    the first field when there is no error at all."""
    names = [f.name for f in sheet.fields()]
    focus = next((n for n in names if n in errors), None)
    if focus is None and not errors:
        focus = names[0] if names else None
    return [
        (
            group,
            [
                _row(
                    group,
                    f,
                    value=values.get(f.name, ""),
                    error=errors.get(f.name, ""),
                    autofocus=f.name == focus,
                )
                for f in group.fields
            ],
        )
        for group in sheet.groups
    ]


def _attrs(row: Row) -> SafeString:
    name = row.field.name
    parts = [" autofocus"] if row.autofocus else []
    if row.error:
        parts.append(format_html(' aria-invalid="true" aria-describedby="e-{}"', name))
    return mark_safe("".join(parts))  # noqa: S308 (built from format_html and constants)


def _control(row: Row) -> SafeString:
    f = row.field
    if f.kind == keying.SELECT:
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, mark_safe(" selected") if v == row.value else "", label)
                for v, label in f.choices
            ),
        )
        return format_html(
            '<select id="k-{}" name="{}"{}><option value="">—</option>{}</select>',
            f.name,
            f.name,
            _attrs(row),
            options,
        )
    css = {keying.DIGIT: "k1", keying.DIGITS: "kk"}.get(f.kind, "kt")
    numeric = mark_safe(' inputmode="numeric"') if f.kind != keying.TEXT else ""
    return format_html(
        '<input type="text" id="k-{}" name="{}" value="{}" class="k {}" maxlength="{}"'
        ' autocomplete="off"{}{}>',
        f.name,
        f.name,
        row.value,
        css,
        f.maxlength,
        numeric,
        _attrs(row),
    )


def row_html(row: Row) -> SafeString:
    """One ``<tr>`` of the sheet (and a second one with the error, when there is one)."""
    f = row.field
    code = format_html('<span class="code">{}</span>', f.shown_code) if f.shown_code else ""
    required = mark_safe('<span class="req" aria-hidden="true">*</span>') if f.required else ""
    note = format_html(" <em>({})</em>", f.note) if f.note else ""
    below = (
        format_html('<span class="hint-below">{}</span>', row.hint_below) if row.hint_below else ""
    )
    html = format_html(
        '<tr{}><th scope="row"><label for="k-{}" title="{}">{}{} {}{}</label>{}</th>'
        '<td class="in">{}</td><td class="hint">{}</td></tr>',
        mark_safe(' class="has-error"') if row.error else "",
        f.name,
        f.label,
        code,
        required,
        f.label,
        note,
        below,
        _control(row),
        row.hint,
    )
    if not row.error:
        return html
    error = format_html(
        '<tr class="err-row"><td colspan="3"><p class="error" id="e-{}">{}: {}</p></td></tr>',
        f.name,
        f.shown_code or f.label,
        row.error,
    )
    return format_html("{}{}", html, error)
