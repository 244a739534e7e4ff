"""The handlers of ``/api/v1/``: fetch through the scope with the token's grant, call a service.

Each handler is bound to its spec by name in ``HANDLERS``; ``hailong.api.urls`` builds the routes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import IntegrityError
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import get_for_user, get_unit_for_user, units_for_user
from hailong.api import answers, docs_page, presenters
from hailong.api.framework import ApiCall, ApiError, Handler, json_response
from hailong.api.openapi import PREFIX, openapi_document
from hailong.dossiers.services import UpsertOutcome, dossier_upsert_many
from hailong.responses.models import Response, Source
from hailong.responses.questionnaire import form_for
from hailong.responses.services import ResponseInvalid, response_submit
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

_NUMBER = re.compile(r"^[0-9]{1,18}$")
CLOCK_SKEW = dt.timedelta(minutes=5)


def unit_resolve(call: ApiCall, perm: Perm) -> AdministrativeUnit:
    """The unit named by ``{unit}``: a unit code inside the token's scope, else an id.

    Codes repeat across successions (same code, later ``valid_from``): the current unit wins.
    """
    ref = call.path["unit"]
    by_code = (
        units_for_user(call.grant, Perm.VIEW_UNITS)
        .filter(code=ref)
        .order_by(F("valid_to").desc(nulls_first=True), F("valid_from").desc(nulls_last=True))
        .values_list("pk", flat=True)
    )
    pk = next(iter(by_code[:1]), None)
    if pk is None and _NUMBER.match(ref):
        pk = int(ref)
    if pk is None:
        raise Http404
    return get_unit_for_user(call.grant, perm, pk)


def unit_detail(call: ApiCall) -> HttpResponse:
    return json_response(presenters.unit_json(unit_resolve(call, Perm.VIEW_UNITS)))


def dossiers_push(call: ApiCall) -> HttpResponse:
    unit = unit_resolve(call, Perm.MANAGE_DOSSIERS)
    rows = [{k: v for k, v in row.items() if not _blank(v)} for row in call.body()["dossiers"]]
    try:
        outcomes = dossier_upsert_many(unit=unit, rows=rows)
    except IntegrityError:
        # Another push created one of these codes a moment ago: now those rows are updates.
        outcomes = dossier_upsert_many(unit=unit, rows=rows)
    results = [_dossier_result(i, o) for i, o in enumerate(outcomes)]
    counts = dict.fromkeys(("created", "updated", "unchanged", "invalid"), 0)
    for result in results:
        counts[result["status"]] += 1
    return json_response({"counts": counts, "results": results})


def _blank(value: object) -> bool:
    """``null``, ``""`` or spaces: "not given", so the stored value stays."""
    return value is None or (isinstance(value, str) and not value.strip())


def _dossier_result(index: int, outcome: UpsertOutcome) -> dict[str, Any]:
    if not outcome.ok:
        status = "invalid"
    elif outcome.created:
        status = "created"
    else:
        status = "updated" if outcome.changed else "unchanged"
    result: dict[str, Any] = {"index": index, "code": outcome.code, "status": status}
    if outcome.errors:
        result["errors"] = {f"dossiers[{index}].{k}": v for k, v in outcome.errors.items()}
    return result


def _wave(call: ApiCall, perm: Perm) -> SurveyWave:
    waves = SurveyWave.objects.select_related("unit", "method_version__method")
    return get_for_user(waves, call.grant, perm, public_token=call.path["wave"])


def wave_structure(call: ApiCall) -> HttpResponse:
    wave = _wave(call, Perm.VIEW_UNITS)
    return json_response(presenters.wave_structure(wave, form_for(wave)))


def responses_submit(call: ApiCall) -> HttpResponse:
    """1. Wave in scope (404/403). 2. Key and body valid (400/422). 3. ``response_submit``:
    201 for a new response, 200 for the one stored under the key, 409 if the key was used for
    different answers."""
    wave = _wave(call, Perm.ENTER_RESPONSES)
    key = call.header("Idempotency-Key")
    body = call.body()
    form = form_for(wave)
    raw, unknown = answers.raw_from_body(form, list(wave.respondent_types), body)
    source = _source(wave, body.get("source"), unknown)
    started_at = _started_at(body.get("started_at"), unknown)
    if unknown:
        raise _invalid(unknown)
    stored: list[Response] = []
    try:
        response = response_submit(
            wave=wave,
            channel="api",
            answers_raw=raw,
            respondent_raw={},
            source=source,
            idempotency_key=key,
            invitation_code=body.get("invitation_code"),
            started_at=started_at,
            on_stored=stored.append,
        )
    except ResponseInvalid as invalid:
        raise _invalid({answers.api_path(c): m for c, m in invalid.errors.items()}) from invalid
    if not stored and not answers.same_submission(form, response, raw):
        raise ApiError(
            409,
            "idempotency_key_reused",
            _("Khóa Idempotency-Key này đã được dùng cho một phiếu có nội dung khác."),
        )
    status = 201 if stored else 200
    return json_response(presenters.response_json(response, duplicate=not stored), status=status)


def _invalid(fields: dict[str, str]) -> ApiError:
    message = _("Có %(n)d câu trả lời cần kiểm tra lại.") % {"n": len(fields)}
    return ApiError(422, "invalid_answers", message, fields=fields)


def _source(wave: SurveyWave, token: str | None, errors: dict[str, str]) -> Source | None:
    if token is None:
        return None
    source = Source.objects.filter(wave=wave, token=token, active=True).first()
    if source is None:
        errors["source"] = _("Đợt khảo sát không có nguồn đang dùng với mã này.")
    return source


def _started_at(value: str | None, errors: dict[str, str]) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        errors["started_at"] = _(
            "Cần thời điểm ISO 8601 có múi giờ, ví dụ 2026-03-02T08:30:00+07:00."
        )
        return None
    if moment > timezone.now() + CLOCK_SKEW:
        errors["started_at"] = _("Thời điểm bắt đầu ở tương lai.")
        return None
    return moment


def openapi(call: ApiCall) -> HttpResponse:
    response = json_response(openapi_document())
    response["Cache-Control"] = "public, max-age=300"
    return response


def docs(call: ApiCall) -> HttpResponse:
    """A static listing of the endpoints, from the OpenAPI document (no script, no CDN)."""
    document = openapi_document()
    operations = docs_page.operations(document)
    context = {"document": document, "operations": operations, "prefix": PREFIX}
    return render(call.request, "api/docs.html", context)


HANDLERS: dict[str, Handler] = {
    "unit_detail": unit_detail,
    "dossiers_push": dossiers_push,
    "wave_structure": wave_structure,
    "responses_submit": responses_submit,
    "openapi": openapi,
    "docs": docs,
}
