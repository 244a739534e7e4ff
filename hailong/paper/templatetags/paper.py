"""``{% changes_list event %}``: an audit-trail line's changes, e.g. ``CC1: 4 → 5``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hailong.paper.keying import KeyField
from hailong.paper.models import PaperEvent
from hailong.paper.rows import Row, row_html

register = template.Library()


def _label(key: str, labels: dict[str, str] | None = None) -> str:
    names = {
        "declared": _("thu về"),
        "entered": _("đã nhập"),
        "stored": _("đã lưu"),
        "awaiting_second": _("chờ lần 2"),
        "conflicts": _("lệch"),
        "cap": _("hạn mức"),
    }
    return names.get(key) or (labels or {}).get(key) or key.removeprefix("q-")


def _value(value: Any) -> str:
    if value is None or value == "":
        return _("(trống)")
    return str(value)


def _line(value: Any) -> str:
    if isinstance(value, list) and len(value) == 3:
        first, second, chosen = (_value(v) for v in value)
        return _("lần 1 %(a)s · lần 2 %(b)s → %(c)s") % {"a": first, "b": second, "c": chosen}
    if isinstance(value, list):
        return " → ".join(_value(v) for v in value)
    return _value(value)


@register.simple_tag
def changes_list(event: PaperEvent, labels: dict[str, str] | None = None) -> SafeString:
    """``labels`` maps a field name to what people read (its code, or its label)."""
    if event.kind in {"batch_closed", "quota_set"}:
        parts = (f"{_label(str(k))}: {_line(v)}" for k, v in event.changes.items())
        return format_html('<span class="counts-line">{}</span>', " · ".join(parts))
    rows = ((_label(str(k), labels), _line(v)) for k, v in event.changes.items())
    items = format_html_join("", "<li><code>{}</code>: {}</li>", rows)
    return format_html('<ul class="changes">{}</ul>', items)


@register.filter
def keyed_show(value: str, field: KeyField) -> str:
    """A keyed value with its meaning: ``4 · Hài lòng``; ``—`` for a blank."""
    return field.show(value or "")


@register.simple_tag
def field_state(
    name: str,
    number: int,
    failed: int | None,
    errors: dict[str, str],
    posted: dict[str, str],
) -> dict[str, str]:
    """What a disagreement row shows again after a refused resolution (only on that form)."""
    if failed != number:
        return {"error": "", "pick": "", "typed": ""}
    return {
        "error": errors.get(name, ""),
        "pick": posted.get(f"chon-{name}", ""),
        "typed": posted.get(f"go-{name}", ""),
    }


@register.filter
def code_of(name: str) -> str:
    """``q-CC1`` → ``CC1`` (the code people read on the paper form)."""
    return name.removeprefix("q-")


@register.simple_tag
def sheet_row(row: Row) -> SafeString:
    """One row of the keying sheet (see ``hailong.paper.rows``)."""
    return row_html(row)
