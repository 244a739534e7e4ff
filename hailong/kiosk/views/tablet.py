"""The tablet: ``/kiosk/<token>/`` (the app shell), its structure JSON, and its submit endpoint.

The page is a small vanilla-JS app (``static/kiosk/kiosk.js``) that renders the questions from
the structure embedded in the page (and refreshed from ``cau-truc.json``), keeps each finished
response in ``localStorage`` with its own idempotency key, and POSTs it to ``gui/`` until the
server answers. The token in the URL is the tablet's only credential: the endpoints are
CSRF-exempt (no cookies, no session), and unknown tokens count as guesses against the client.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from hailong.core import ratelimit
from hailong.core.errors import ServiceError
from hailong.kiosk import hours, selectors, services
from hailong.kiosk.models import Kiosk
from hailong.kiosk.payload import PayloadError, parse
from hailong.kiosk.structure import form_structure
from hailong.responses import printing
from hailong.responses.channels import channel_get
from hailong.responses.questionnaire import form_for
from hailong.responses.services import ResponseInvalid, local_today, wave_check_open

TOKEN_MISSES = ratelimit.Rule("kiosk-token-miss", limit=20, window=600)
SUBMITS_PER_10_MIN = 60
STATUS = {
    "kiosk_inactive": 403,  # the tablet keeps its queue and retries: a leader may switch it on
    "wrong_wave": 409,
    "not_open_yet": 409,
    "closed": 410,
    "channel_disabled": 410,
    "invalid_answers": 422,
}


def _submit_rule() -> ratelimit.Rule:
    limit = int(getattr(settings, "HAILONG_KIOSK_SUBMITS_PER_10_MIN", SUBMITS_PER_10_MIN))
    return ratelimit.Rule("kiosk-submit", limit=limit, window=600)


def _json(data: dict[str, Any], *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _error(code: str, message: str, *, status: int, **extra: Any) -> JsonResponse:
    return _json({"error": code, "message": message, **extra}, status=status)


def _kiosk(request: HttpRequest, token: str) -> Kiosk | JsonResponse | None:
    """The kiosk of ``token``; ``None`` for a miss, a 429 once a client has missed too often.

    A real tablet is never slowed by someone else's guesses behind the same address (the
    ward's Wi-Fi): only misses are counted and refused.
    """
    kiosk = selectors.kiosk_by_token(token)
    if kiosk is not None:
        return kiosk
    client = ratelimit.client_id(request)
    if ratelimit.is_limited(TOKEN_MISSES, client):
        message = translation.gettext("Thử quá nhiều lần. Xin đợi ít phút.")
        response = _error("rate_limited", message, status=429)
        response["Retry-After"] = str(ratelimit.retry_after(TOKEN_MISSES))
        return response
    ratelimit.hit(TOKEN_MISSES, client)
    return None


# -- what the tablet shows ---------------------------------------------------------------------


def _state(kiosk: Kiosk) -> dict[str, Any]:
    """Whether the tablet may start a new response now, and the message if not."""
    if not kiosk.active:
        message = translation.gettext("Máy này đang tạm ngừng nhận ý kiến.")
        return {"ok": False, "code": "kiosk_inactive", "message": message}
    try:
        wave_check_open(kiosk.wave, channel_get("kiosk"), today=local_today())
    except ServiceError as error:
        return {"ok": False, "code": error.code, "message": error.message}
    return {"ok": True, "code": "open", "message": ""}


def texts() -> dict[str, str]:
    """The words the script shows (``%n``, ``%t`` are filled in there)."""
    gettext = translation.gettext
    return {
        "step": gettext("Bước %n/%t"),
        "pending": gettext("Đang chờ gửi: %n phiếu"),
        "next": gettext("Tiếp tục"),
        "send": gettext("Gửi phiếu"),
        "idle": gettext("Không thấy Ông/Bà thao tác. Màn hình sẽ quay về đầu sau %n giây."),
        "required": gettext("Câu hỏi bắt buộc"),
        "pick_rating": gettext("Vui lòng chọn một mức đánh giá."),
        "pick_one": gettext("Vui lòng chọn một phương án."),
        "several": gettext("Có thể chọn nhiều phương án."),
        "pick_some": gettext("Vui lòng chọn ít nhất một phương án."),
        "fill_text": gettext("Vui lòng điền câu trả lời."),
        "too_long": gettext("Câu trả lời dài quá %n ký tự."),
        "reason": gettext("Lý do (bắt buộc khi chọn «%t»)"),
        "need_reason": gettext("Vui lòng cho biết lý do khi chọn «%t»."),
        "check": gettext("Còn %n câu cần trả lời trước khi tiếp tục:"),
        "na_mixed": gettext("Không thể vừa chọn «không áp dụng» vừa chọn phương án khác."),
    }


def config(kiosk: Kiosk) -> dict[str, Any]:
    """Everything the tablet's script needs, in one JSON object (embedded and refreshed)."""
    wave = kiosk.wave
    opening = hours.Hours.of(kiosk.opens_at, kiosk.closes_at, kiosk.weekdays)
    structure = form_structure(form_for(wave), language="vi", transaction="direct")
    return {
        "kiosk": {
            "name": kiosk.name,
            "idle_seconds": kiosk.idle_reset_seconds,
            "hours": opening.to_json(),
            "hours_text": hours.describe(opening),
        },
        "wave": {"token": wave.public_token, "name": wave.name},
        "state": _state(kiosk),
        "server_time": int(time.time() * 1000),
        "texts": texts(),
        "urls": {
            "structure": reverse("kiosk_public:structure", args=[kiosk.token]),
            "submit": reverse("kiosk_public:submit", args=[kiosk.token]),
        },
        **structure,
    }


def _not_found(request: HttpRequest) -> HttpResponse:
    message = translation.gettext("Đường dẫn này không đúng hoặc đã hết hiệu lực.")
    context = {"unit": None, "wave": None, "message": message}
    return render(request, "responses/public/message.html", context, status=404)


@require_GET
def kiosk_page(request: HttpRequest, token: str) -> HttpResponse:
    """The app shell: every screen in the HTML, the start screen (or why not) visible."""
    with translation.override("vi"):
        found = _kiosk(request, token)
        if not isinstance(found, Kiosk):
            return found or _not_found(request)
        data = config(found)
        phone_url = printing.absolute(printing.source_path(found.source))
        context = {
            "kiosk": found,
            "wave": found.wave,
            "unit": found.wave.unit,
            "config": data,
            "in_hours": hours.Hours.of(found.opens_at, found.closes_at, found.weekdays).is_open(
                timezone.now()
            ),
            "phone_qr": printing.qr_svg(
                phone_url, label=translation.gettext("Mã QR mở phiếu trên điện thoại"), scale=5
            ),
        }
        response = render(request, "kiosk/tablet.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def kiosk_structure(request: HttpRequest, token: str) -> HttpResponse:
    with translation.override("vi"):
        found = _kiosk(request, token)
        if not isinstance(found, Kiosk):
            return found or _error(
                "not_found", translation.gettext("Không có máy này."), status=404
            )
        return _json(config(found))


# -- submissions -------------------------------------------------------------------------------


@csrf_exempt
@require_POST
def kiosk_submit(request: HttpRequest, token: str) -> HttpResponse:
    """1. Token. 2. Rate limit per kiosk. 3. Shape of the body. 4. ``kiosk_submit``.

    201 ``{"id", "duplicate": false}`` for a new response, 200 ``{"id", "duplicate": true}`` for
    a key already stored; 4xx with ``{"error", "message"}`` otherwise (never 500 for a body).
    """
    with translation.override("vi"):
        found = _kiosk(request, token)
        if not isinstance(found, Kiosk):
            return found or _error(
                "not_found", translation.gettext("Không có máy này."), status=404
            )
        rule = _submit_rule()
        if ratelimit.hit(rule, str(found.pk)) > rule.limit:
            message = translation.gettext("Máy gửi quá nhiều phiếu trong ít phút. Sẽ gửi lại sau.")
            response = _error("rate_limited", message, status=429)
            response["Retry-After"] = str(ratelimit.retry_after(rule))
            return response
        return _submit(request, found)


def _submit(request: HttpRequest, kiosk: Kiosk) -> HttpResponse:
    try:
        submission = parse(request.body, idempotency_key=request.headers.get("Idempotency-Key", ""))
    except PayloadError as error:
        return _error(error.code, error.message, status=413 if error.code == "too_large" else 400)
    try:
        outcome = services.kiosk_submit(kiosk=kiosk, submission=submission)
    except ResponseInvalid as invalid:
        return _error(invalid.code, invalid.message, status=422, errors=invalid.errors)
    except ServiceError as error:
        return _error(error.code, error.message, status=STATUS.get(error.code, 409))
    status = 200 if outcome.duplicate else 201
    return _json({"id": outcome.response.pk, "duplicate": outcome.duplicate}, status=status)
