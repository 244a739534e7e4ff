"""The public survey form: ``/k/<wave token>/`` and ``/k/<wave token>/<source token>/``.

For an elderly person on a cheap phone inside Zalo's browser: server-rendered, no cookies, no
JavaScript needed. The start page shows the personal-data notice; "Bắt đầu" creates a server-side
draft whose unguessable key is carried in the URL (``/k/<w>/d/<key>/<step>/``), so the key also
plays the part of a CSRF token and a browser without cookies still works. Every page POSTs, saves
the draft, then redirects to the next page (post/redirect/get): the phone's Back button shows the
previous page again with its saved answers. The last page sends the response.

With JavaScript, ``static/responses/pow.js`` solves a proof-of-work challenge in the background
and posts it with the next page; without it the answers are still accepted, marked unverified.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hailong.core import ratelimit
from hailong.core.errors import ServiceError
from hailong.responses import integrity, selectors, services
from hailong.responses.channels import channel_get
from hailong.responses.forms import ContactForm
from hailong.responses.models import Invitation, ResponseDraft, Source
from hailong.responses.questionnaire import RawData, form_for, visible_steps
from hailong.responses.views import public_pages as pages
from hailong.surveys.models import SurveyWave

WEB = channel_get("web")
LANGS = {code for code, _name in settings.LANGUAGES}


def _lang(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    if asked in LANGS:
        return asked
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return current if current in LANGS else settings.LANGUAGE_CODE


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], *, lang: str, status: int = 200
) -> HttpResponse:
    with translation.override(lang):
        response = render(request, f"responses/public/{template}", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _message(
    request: HttpRequest, wave: SurveyWave | None, message: str, *, lang: str, status: int
) -> HttpResponse:
    context = {"unit": wave.unit if wave else None, "message": message, "wave": wave}
    return _page(request, "message.html", context, lang=lang, status=status)


def _not_found(request: HttpRequest, wave: SurveyWave | None, lang: str) -> HttpResponse:
    with translation.override(lang):
        message = translation.gettext("Đường dẫn này không đúng hoặc đã hết hiệu lực.")
    return _message(request, wave, message, lang=lang, status=404)


def _closed(request: HttpRequest, wave: SurveyWave, error: ServiceError, lang: str) -> HttpResponse:
    status = 200 if error.code == "not_open_yet" else 410
    return _message(request, wave, error.message, lang=lang, status=status)


def _limited(
    request: HttpRequest, wave: SurveyWave, rule: ratelimit.Rule, lang: str
) -> HttpResponse:
    seconds = ratelimit.retry_after(rule)
    context = {"unit": wave.unit, "minutes": -(-seconds // 60)}
    response = _page(request, "limited.html", context, lang=lang, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _open_error(wave: SurveyWave, lang: str) -> ServiceError | None:
    try:
        with translation.override(lang):
            services.wave_check_open(wave, WEB, today=services.local_today())
    except ServiceError as error:
        return error
    return None


def _pow_url(wave: SurveyWave, verified: bool) -> str:
    if verified or not WEB.proof_of_work:
        return ""
    return reverse("survey_form:pow", args=[wave.public_token])


def _step_url(wave: SurveyWave, draft: ResponseDraft, step: int) -> str:
    return reverse("survey_form:page", args=[wave.public_token, draft.key, step])


# -- start -------------------------------------------------------------------------------------


def _invitation_error(request: HttpRequest, wave: SurveyWave, code: str) -> str:
    """'' when ``code`` is empty or usable; otherwise the message (a miss counts as a guess)."""
    if not code:
        return ""
    invitation = Invitation.objects.filter(wave=wave, code=code).first()
    if invitation is None:
        ratelimit.hit(integrity.INVITATION_MISSES, ratelimit.client_fingerprint(request))
        return translation.gettext("Mã mời không đúng. Xin kiểm tra lại hoặc trả lời không cần mã.")
    if invitation.used_at is not None:
        return translation.gettext("Mã mời này đã được dùng để trả lời. Cảm ơn Ông/Bà.")
    return ""


@csrf_exempt
@require_http_methods(["GET", "POST"])
def form_start(request: HttpRequest, wave_token: str, source_token: str = "") -> HttpResponse:
    """The start page (purpose, notice); POST starts a draft and goes to the first page."""
    lang = _lang(request) if request.method == "GET" else request.POST.get("lang", "vi")
    lang = lang if lang in LANGS else settings.LANGUAGE_CODE
    wave = selectors.public_wave(wave_token)
    if wave is None:
        return _not_found(request, None, lang)
    source = selectors.source_by_token(wave, source_token) if source_token else None
    if source_token and source is None:
        return _not_found(request, wave, lang)
    if source is not None and not source.active:
        return _inactive_source(request, wave, lang)
    error = _open_error(wave, lang)
    if error is not None:
        return _closed(request, wave, error, lang)
    if request.method == "POST":
        return _start_post(request, wave, source, lang)
    code = services.invitation_code_clean(request.GET.get("moi", ""))
    return pages.start_page(request, wave, source, lang=lang, invitation=code, render=_page)


def _inactive_source(request: HttpRequest, wave: SurveyWave, lang: str) -> HttpResponse:
    with translation.override(lang):
        message = translation.gettext(
            "Mã QR hoặc đường dẫn này đã ngừng sử dụng. Xin dùng đường dẫn chung của đợt khảo sát."
        )
    context = {"unit": wave.unit, "message": message, "wave": wave, "generic": True}
    return _page(request, "message.html", context, lang=lang, status=410)


def _start_post(
    request: HttpRequest, wave: SurveyWave, source: Source | None, lang: str
) -> HttpResponse:
    fingerprint = ratelimit.client_fingerprint(request)
    for rule in (integrity.START, integrity.INVITATION_MISSES):
        if ratelimit.is_limited(rule, fingerprint):
            return _limited(request, wave, rule, lang)
    ratelimit.hit(integrity.START, fingerprint)
    code = services.invitation_code_clean(request.POST.get("moi", ""))
    with translation.override(lang):
        problem = _invitation_error(request, wave, code)
    if problem:
        return pages.start_page(
            request, wave, source, lang=lang, invitation=code, problem=problem, render=_page
        )
    verified = bool(code) or integrity.pow_verify(request.POST.get("altcha", ""))
    draft = services.draft_start(
        wave=wave, source=source, language=lang, verified=verified, invitation_code=code
    )
    steps = visible_steps(form_for(wave), RawData({}))
    return redirect(_step_url(wave, draft, steps[0]))


# -- the pages ---------------------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "POST"])
def form_page(request: HttpRequest, wave_token: str, key: str, step: int) -> HttpResponse:
    """One page of the form (GET shows it with the saved answers; POST saves and moves on)."""
    wave = selectors.public_wave(wave_token)
    if wave is None:
        return _not_found(request, None, _lang(request))
    draft = selectors.draft_get(wave, key)
    if draft is None:
        return _draft_gone(request, wave, key)
    lang = draft.language
    error = _open_error(wave, lang)
    if error is not None:
        return _closed(request, wave, error, lang)
    form = form_for(wave)
    if not 1 <= step <= len(form.pages):
        return _not_found(request, wave, lang)
    pow_payload = request.POST.get("altcha", "") if request.method == "POST" else ""
    if pow_payload and not draft.verified and integrity.pow_verify(pow_payload):
        services.draft_mark_verified(draft)
    context = pages.PageContext(
        request, wave, draft, form, step, lang, _pow_url(wave, draft.verified)
    )
    if form.pages[step - 1].kind == "contact":
        return _contact(context)
    return pages.question_page(context, render=_page, step_url=_step_url)


def _draft_gone(request: HttpRequest, wave: SurveyWave, key: str) -> HttpResponse:
    """A sent form (double tap, Back after sending) goes to "thank you"; anything else is 404."""
    lang = _lang(request)
    if selectors.response_by_key(wave, key) is not None:
        return redirect(_thanks_url(wave, lang))
    with translation.override(lang):
        message = translation.gettext(
            "Phiếu này đã hết hạn hoặc không còn. Mời Ông/Bà bắt đầu lại từ đầu."
        )
    context = {"unit": wave.unit, "message": message, "wave": wave, "restart": True}
    return _page(request, "message.html", context, lang=lang, status=404)


def _thanks_url(wave: SurveyWave, lang: str) -> str:
    url = reverse("survey_form:thanks", args=[wave.public_token])
    return f"{url}?lang={lang}" if lang != settings.LANGUAGE_CODE else url


def _contact(ctx: pages.PageContext) -> HttpResponse:
    """The last page: optional contact request, then send the whole response."""
    request, wave, draft = ctx.request, ctx.wave, ctx.draft
    if request.method != "POST":
        return pages.contact_page(ctx, ContactForm(), render=_page)
    if request.POST.get("action") == "back":
        return redirect(_step_url(wave, draft, pages.previous_step(ctx)))
    with translation.override(ctx.lang):
        contact = ContactForm(request.POST)
        valid = contact.is_valid()
    if not valid:
        return pages.contact_page(ctx, contact, render=_page, status=400)
    return _send(ctx, contact)


def _send(ctx: pages.PageContext, contact: ContactForm) -> HttpResponse:
    """1. Rate limit per device. 2. ``response_submit``. 3. Thank you (or what went wrong)."""
    request, wave, draft = ctx.request, ctx.wave, ctx.draft
    verified = draft.verified or bool(draft.invitation_code)
    fingerprint = ratelimit.client_fingerprint(request)
    rule = integrity.submit_limited(fingerprint, verified=verified)
    if rule is not None:
        return _limited(request, wave, rule, ctx.lang)
    count = integrity.submit_count(fingerprint, verified=verified)
    raw = draft.answers
    try:
        with translation.override(ctx.lang):
            services.response_submit(
                wave=wave,
                channel=WEB.code,
                answers_raw={k: v for k, v in raw.items() if not k.startswith("q-r.")},
                respondent_raw={k: v for k, v in raw.items() if k.startswith("q-r.")},
                source=draft.source,
                idempotency_key=draft.key,
                invitation_code=draft.invitation_code or None,
                verified=draft.verified,
                started_at=draft.started_at,
                flags=integrity.burst_flags(count),
                contact=pages.contact_details(ctx, contact),
                on_stored=lambda _response: _forget(draft),
            )
    except services.ResponseInvalid as invalid:
        step = pages.first_step_with(ctx, invalid.errors)
        return redirect(f"{_step_url(wave, draft, step)}?kiem-tra=1")
    except ServiceError as error:
        return _message(request, wave, error.message, lang=ctx.lang, status=409)
    return redirect(_thanks_url(wave, ctx.lang))


def _forget(draft: ResponseDraft) -> None:
    """The answers now live in the response; the draft goes in the same transaction."""
    ResponseDraft.objects.filter(pk=draft.pk).delete()


@require_GET
def form_thanks(request: HttpRequest, wave_token: str) -> HttpResponse:
    lang = _lang(request)
    wave = selectors.wave_by_public_token(wave_token)
    if wave is None:
        return _not_found(request, None, lang)
    return _page(request, "thanks.html", {"unit": wave.unit, "wave": wave}, lang=lang)


@require_GET
def form_pow(request: HttpRequest, wave_token: str) -> HttpResponse:
    """A fresh proof-of-work challenge for the form's script (JSON, never cached)."""
    wave = selectors.wave_by_public_token(wave_token)
    if wave is None:
        return JsonResponse({"error": "not_found"}, status=404)
    response = JsonResponse(integrity.pow_challenge())
    response["Cache-Control"] = "no-store"
    return response
