"""What the API answers, as plain JSON-ready dicts: a unit, a stored response, a wave's form."""

from __future__ import annotations

from typing import Any

from hailong.responses.channels import channel_get
from hailong.responses.models import Response
from hailong.responses.questionnaire import RESPONDENT_PREFIX, Form, Question
from hailong.responses.services import local_today
from hailong.surveys.definition import Condition, LocalText
from hailong.surveys.models import SurveyWave
from hailong.surveys.qtypes.text import DEFAULT_MAX_LENGTH
from hailong.units.models import AdministrativeUnit


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def unit_json(unit: AdministrativeUnit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "level": unit.level,
        "parent": unit.parent_id,
        "valid_from": _date(unit.valid_from),
        "valid_to": _date(unit.valid_to),
    }


def response_json(response: Response, *, duplicate: bool) -> dict[str, Any]:
    return {
        "id": response.pk,
        "wave": response.wave.public_token,
        "duplicate": duplicate,
        "status": response.status,
        "flags": list(response.flags),
        "submitted_at": response.submitted_at.isoformat(),
    }


def _text(text: LocalText | None) -> dict[str, str] | None:
    return text.to_json() if text is not None else None


def _condition(condition: Condition | None) -> dict[str, Any] | None:
    return condition.to_json() if condition is not None else None


def question_json(question: Question) -> dict[str, Any]:
    """One question: its code as the API body uses it, text, type, and options or length."""
    item, scale = question.item, question.scale
    data: dict[str, Any] = {
        "code": item.code.removeprefix(RESPONDENT_PREFIX),
        "text": item.text.to_json(),
        "type": item.type,
        "required": item.required,
        "note": _text(item.note),
    }
    if item.element is not None:
        data["element"] = item.element
        data["channels"] = list(item.channels)
    if scale is None:
        data["max_length"] = item.max_length or DEFAULT_MAX_LENGTH
        return data
    data["scale"] = scale.code
    data["options"] = [
        {
            "value": option.value,
            "label": option.label.to_json(),
            "reason_required": option.reason_required,
            "not_applicable": option.value in scale.not_applicable,
        }
        for option in scale.options
    ]
    return data


def wave_structure(wave: SurveyWave, form: Form) -> dict[str, Any]:
    """The wave, its method version, and its form's questions in order (from the definition)."""
    version = wave.method_version
    definition = form.definition
    api = channel_get("api")
    return {
        "wave": {
            "token": wave.public_token,
            "name": wave.name,
            "status": wave.status,
            "opens_on": _date(wave.opens_on),
            "closes_on": _date(wave.closes_on),
            "channels": list(wave.channels),
            "respondent_types": list(wave.respondent_types),
            "accepts_api": api.enabled_for(wave) and api.accepts_on(wave, local_today()),
        },
        "unit": unit_json(wave.unit),
        "method": {
            "code": definition.code,
            "name": definition.name.to_json(),
            "version": version.number,
            "checksum": version.checksum,
            "legal_basis": definition.legal_basis,
        },
        "asks": [
            "respondent_type" if q.code.endswith("respondent_type") else "transaction_channel"
            for page, q in form.questions()
            if page.kind == "about"
        ],
        "groups": [
            {
                "code": page.code,
                "title": page.title.to_json(),
                "note": _text(page.note),
                "condition": _condition(page.condition),
                "items": [question_json(q) for q in page.questions],
            }
            for page in form.pages
            if page.kind == "group"
        ],
        "respondent_fields": [
            question_json(q) for page, q in form.questions() if page.kind == "respondent"
        ],
        "fixed_respondent": dict(form.fixed_respondent),
    }
