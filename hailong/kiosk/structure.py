"""A wave's form as plain JSON for the desk kiosk's script, which renders the questions itself.

(The partner API describes a wave in its own body's terms: item codes, both languages. The
kiosk posts what the public form posts, so it gets the form's pages with their field names.)

The JSON mirrors ``questionnaire.Form``: pages in order, each with its questions, the raw field
``name`` a client posts back (``{"q-CC1": ["5"], "q-CC1-reason": ["…"]}``, exactly what the public
form posts), the options with their labels, which values are "not applicable", and the condition
that shows a page. The server cleans whatever comes back through the same registry, so the
structure only helps a client ask the right questions; it is never trusted.

A client that knows the transaction channel (the kiosk stands at the one-stop desk: "direct")
passes ``transaction``: the question about it is dropped, answered in ``fixed``, and items of
other transaction channels are left out.
"""

from __future__ import annotations

from typing import Any

from hailong.responses.questionnaire import (
    ABOUT_TRANSACTION,
    TRANSACTIONS,
    Form,
    Page,
    Question,
)
from hailong.surveys.definition import Condition
from hailong.surveys.qtypes import qtype
from hailong.surveys.qtypes.text import DEFAULT_MAX_LENGTH

SCHEMA = 1


def _question(question: Question, language: str) -> dict[str, Any]:
    item, scale = question.item, question.scale
    data: dict[str, Any] = {
        "code": item.code,
        "name": question.name,
        "type": item.type,
        "required": item.required,
        "text": item.text.get(language),
        "note": item.note.get(language) if item.note else "",
    }
    if scale is None:
        data["max_length"] = item.max_length or DEFAULT_MAX_LENGTH
        return data
    data["options"] = [
        {
            "value": option.value,
            "label": option.label.get(language),
            "reason_required": option.reason_required,
            "na": option.value in scale.not_applicable,
        }
        for option in scale.options
    ]
    if any(option.reason_required for option in scale.options):
        data["reason_name"] = f"{question.name}-reason"
    return data


def _condition(form: Form, condition: Condition | None) -> dict[str, Any] | None:
    if condition is None:
        return None
    try:
        item = form.definition.item(condition.item)
    except KeyError:
        return {"name": "", "values": []}  # never met, as on the server
    return {"name": qtype(item.type).field_name(item), "values": list(condition.values)}


def _keep(page: Page, question: Question, transaction: str | None) -> bool:
    if transaction is None:
        return True
    if question.code == ABOUT_TRANSACTION:
        return False
    return page.kind != "group" or transaction in question.item.channels


def form_structure(
    form: Form, *, language: str = "vi", transaction: str | None = None
) -> dict[str, Any]:
    """The pages of ``form`` as JSON (see the module docstring); empty pages are left out."""
    pages = []
    for page in form.pages:
        questions = [q for q in page.questions if _keep(page, q, transaction)]
        if not questions and page.kind != "contact":
            continue
        pages.append(
            {
                "kind": page.kind,
                "code": page.code,
                "title": page.title.get(language),
                "note": page.note.get(language) if page.note else "",
                "condition": _condition(form, page.condition),
                "questions": [_question(q, language) for q in questions],
            }
        )
    fixed: dict[str, list[str]] = {}
    if transaction is not None and form.asks_transaction:
        value = next(k for k, v in TRANSACTIONS.items() if v == transaction)
        fixed[f"q-{ABOUT_TRANSACTION}"] = [str(value)]
    return {"schema": SCHEMA, "pages": pages, "fixed": fixed}
