"""A response as the API takes it (``{"answers": {"CC1": 5}, …}``) → the raw answers that
``response_submit`` cleans (``{"q-CC1": ["5"]}``, what the public form posts), and back for errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from hailong.responses.models import Response
from hailong.responses.questionnaire import (
    ABOUT_TRANSACTION,
    ABOUT_TYPE,
    RESPONDENT_PREFIX,
    Form,
    SubmissionInvalid,
    clean_submission,
)
from hailong.surveys.qtypes import qtype

RESPONDENT_TYPE_VALUES = {"individual": 1, "organisation": 2}
TRANSACTION_VALUES = {"direct": 1, "post": 2, "online": 3}
RawAnswers = dict[str, list[str]]


def api_path(question_code: str) -> str:
    """Where a question's answer sits in the API body (for the ``fields`` of an error)."""
    if question_code == ABOUT_TYPE:
        return "respondent_type"
    if question_code == ABOUT_TRANSACTION:
        return "transaction_channel"
    if question_code.startswith(RESPONDENT_PREFIX):
        return f"respondent.{question_code.removeprefix(RESPONDENT_PREFIX)}"
    return f"answers.{question_code}"


def _values(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def raw_from_body(
    form: Form, respondent_types: list[str], body: Mapping[str, Any]
) -> tuple[RawAnswers, dict[str, str]]:
    """The raw answers, and the codes that name no question (``{api path: message}``).

    1. ``answers`` and ``reasons`` by item code; 2. ``respondent`` by respondent-field code;
    3. ``respondent_type`` and ``transaction_channel`` where the form asks them.
    """
    raw: RawAnswers = {}
    errors: dict[str, str] = {}
    items = {i.code: i for i in form.definition.items}
    unknown = _("Phiếu không có câu hỏi mã «%(code)s».")
    for code, value in body["answers"].items():
        if code not in items:
            errors[f"answers.{code}"] = unknown % {"code": code}
        elif value is not None:
            raw[qtype(items[code].type).field_name(items[code])] = _values(value)
    for code, text in body.get("reasons", {}).items():
        if code not in items:
            errors[f"reasons.{code}"] = unknown % {"code": code}
        else:
            raw[f"{qtype(items[code].type).field_name(items[code])}-reason"] = [text]
    fields = {f.code for f in form.definition.respondent_fields}
    for code, value in body.get("respondent", {}).items():
        if code not in fields:
            errors[f"respondent.{code}"] = _("Phiếu không có trường «%(code)s».") % {"code": code}
        elif value is not None:
            raw[f"q-{RESPONDENT_PREFIX}{code}"] = _values(value)
    _about(form, respondent_types, body, raw, errors)
    return raw, errors


def _about(
    form: Form,
    respondent_types: list[str],
    body: Mapping[str, Any],
    raw: RawAnswers,
    errors: dict[str, str],
) -> None:
    asked = {q.code for page, q in form.questions() if page.kind == "about"}
    kind = body.get("respondent_type")
    if kind is not None and ABOUT_TYPE in asked:
        raw[f"q-{ABOUT_TYPE}"] = [str(RESPONDENT_TYPE_VALUES[kind])]
    elif kind is not None and respondent_types and kind not in respondent_types:
        errors["respondent_type"] = _("Đợt khảo sát không khảo sát đối tượng này.")
    channel = body.get("transaction_channel")
    if channel is not None and ABOUT_TRANSACTION in asked:
        raw[f"q-{ABOUT_TRANSACTION}"] = [str(TRANSACTION_VALUES[channel])]


def same_submission(form: Form, stored: Response, raw: RawAnswers) -> bool:
    """Whether ``raw`` cleans to what ``stored`` holds (a retry, not a reused key)."""
    try:
        cleaned = clean_submission(form, raw)
    except SubmissionInvalid:
        return False
    return (
        cleaned.answers == stored.answers
        and cleaned.reasons == stored.reasons
        and cleaned.respondent == stored.respondent
        and cleaned.respondent_type == stored.respondent_type
        and cleaned.transaction_channel == stored.transaction_channel
    )
