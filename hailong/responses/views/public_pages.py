"""Building the public form's pages: the start page, a question page, the last page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from hailong.responses import services
from hailong.responses.forms import ContactForm
from hailong.responses.models import ResponseDraft, Source
from hailong.responses.printing import unit_in_sentence
from hailong.responses.questionnaire import (
    Form,
    Page,
    Question,
    RawData,
    clean_questions,
    error_summary,
    form_for,
    page_questions,
    visible_steps,
)
from hailong.surveys.models import SurveyWave
from hailong.surveys.qtypes import qtype

Render = Callable[..., HttpResponse]
StepUrl = Callable[[SurveyWave, ResponseDraft, int], str]
ITEMS_PER_MINUTE = 5


@dataclass(frozen=True)
class PageContext:
    request: HttpRequest
    wave: SurveyWave
    draft: ResponseDraft
    form: Form
    step: int
    lang: str
    pow_url: str


def purge_date(wave: SurveyWave) -> dt.date:
    days = int(getattr(settings, "HAILONG_CONTACT_RETENTION_DAYS", services.CONTACT_RETENTION_DAYS))
    return wave.closes_on + dt.timedelta(days=days)


def start_url(wave: SurveyWave, source: Source | None, lang: str) -> str:
    args = [wave.public_token, source.token] if source else [wave.public_token]
    url = reverse("survey_form:start_source" if source else "survey_form:start", args=args)
    return f"{url}?lang={lang}" if lang != settings.LANGUAGE_CODE else url


def _with_invitation(url: str, code: str) -> str:
    if not code:
        return url
    return f"{url}{'&' if '?' in url else '?'}moi={code}"


def _minutes(form: Form) -> int:
    raw = RawData({})
    count = sum(len(page_questions(form, form.pages[n - 1], raw)) for n in visible_steps(form, raw))
    return max(2, -(-count // ITEMS_PER_MINUTE))


def start_page(
    request: HttpRequest,
    wave: SurveyWave,
    source: Source | None,
    *,
    lang: str,
    invitation: str,
    render: Render,
    problem: str = "",
) -> HttpResponse:
    form = form_for(wave)
    other = "en" if lang == "vi" else "vi"
    context = {
        "unit": wave.unit,
        "wave": wave,
        "source": source,
        "lang": lang,
        "other_lang": other,
        "other_lang_url": _with_invitation(start_url(wave, source, other), invitation),
        "steps": len(visible_steps(form, RawData({}))),
        "minutes": _minutes(form),
        "invitation": invitation,
        "problem": problem,
        "purge_date": purge_date(wave),
        "pow_url": "" if invitation else reverse("survey_form:pow", args=[wave.public_token]),
    }
    return render(request, "start.html", context, lang=lang, status=400 if problem else 200)


def _progress(ctx: PageContext, steps: list[int]) -> dict[str, int]:
    position = steps.index(ctx.step) + 1 if ctx.step in steps else 1
    return {"position": position, "total": len(steps)}


def _widgets(
    questions: list[Question], raw: RawData, errors: dict[str, str], lang: str
) -> list[SafeString]:
    return [
        qtype(q.item.type).render(
            q.item, q.scale, answer=q.lenient(raw), error=errors.get(q.code, ""), language=lang
        )
        for q in questions
    ]


def _field_names(page: Page) -> list[str]:
    names = []
    for question in page.questions:
        names += [question.name, f"{question.name}-reason"]
    return names


def _next(steps: list[int], step: int) -> int | None:
    return next((s for s in steps if s > step), None)


def _previous(steps: list[int], step: int) -> int | None:
    return next((s for s in reversed(steps) if s < step), None)


def previous_step(ctx: PageContext) -> int:
    steps = visible_steps(ctx.form, RawData(ctx.draft.answers))
    return _previous(steps, ctx.step) or steps[0]


def first_step_with(ctx: PageContext, errors: dict[str, str]) -> int:
    for n, page in enumerate(ctx.form.pages, 1):
        if any(q.code in errors for q in page.questions):
            return n
    return visible_steps(ctx.form, RawData(ctx.draft.answers))[0]


def question_page(ctx: PageContext, *, render: Render, step_url: StepUrl) -> HttpResponse:
    """GET: the page with its saved answers. POST: save, then back, next, or the errors."""
    steps = visible_steps(ctx.form, RawData(ctx.draft.answers))
    if ctx.step not in steps:
        target = _next(steps, ctx.step) or steps[-1]
        return redirect(step_url(ctx.wave, ctx.draft, target))
    page = ctx.form.pages[ctx.step - 1]
    if ctx.request.method == "POST":
        return _question_post(ctx, page, render=render, step_url=step_url)
    raw = RawData(ctx.draft.answers)
    errors: dict[str, str] = {}
    if ctx.request.GET.get("kiem-tra"):
        errors = clean_questions(page_questions(ctx.form, page, raw), raw)[1]
    return _render_questions(ctx, page, raw, errors, render=render)


def _question_post(
    ctx: PageContext, page: Page, *, render: Render, step_url: StepUrl
) -> HttpResponse:
    posted = {name: ctx.request.POST.getlist(name) for name in _field_names(page)}
    services.draft_save(draft=ctx.draft, posted=posted, names=_field_names(page), page=ctx.step)
    raw = RawData(ctx.draft.answers)
    steps = visible_steps(ctx.form, raw)
    if ctx.request.POST.get("action") == "back":
        previous = _previous(steps, ctx.step)
        if previous is None:
            return redirect(start_url(ctx.wave, ctx.draft.source, ctx.lang))
        return redirect(step_url(ctx.wave, ctx.draft, previous))
    with translation.override(ctx.lang):
        errors = clean_questions(page_questions(ctx.form, page, raw), raw)[1]
    if errors:
        return _render_questions(ctx, page, raw, errors, render=render, status=400)
    following = _next(steps, ctx.step) or steps[-1]
    return redirect(step_url(ctx.wave, ctx.draft, following))


def _render_questions(
    ctx: PageContext,
    page: Page,
    raw: RawData,
    errors: dict[str, str],
    *,
    render: Render,
    status: int = 200,
) -> HttpResponse:
    steps = visible_steps(ctx.form, raw)
    questions = page_questions(ctx.form, page, raw)
    with translation.override(ctx.lang):
        widgets = _widgets(questions, raw, errors, ctx.lang)
        summary = error_summary(ctx.form, errors, ctx.lang)
    context: dict[str, Any] = {
        "unit": ctx.wave.unit,
        "wave": ctx.wave,
        "title": page.title.get(ctx.lang),
        "note": page.note.get(ctx.lang) if page.note else "",
        "widgets": widgets,
        "summary": summary,
        "pow_url": ctx.pow_url,
        **_progress(ctx, steps),
    }
    return render(ctx.request, "page.html", context, lang=ctx.lang, status=status)


def consent_text(wave: SurveyWave, lang: str) -> str:
    with translation.override(lang):
        return translation.gettext(
            "Tôi đồng ý để Ủy ban nhân dân %(unit)s dùng họ tên, số điện thoại, thư điện tử tôi "
            "ghi ở đây chỉ để liên hệ lại với tôi về ý kiến này. Thông tin được lưu riêng, cán bộ "
            "xem kết quả khảo sát không thấy; thông tin được xóa chậm nhất ngày %(date)s."
        ) % {
            "unit": unit_in_sentence(wave.unit.name),
            "date": purge_date(wave).strftime("%d/%m/%Y"),
        }


def contact_page(
    ctx: PageContext, contact: ContactForm, *, render: Render, status: int = 200
) -> HttpResponse:
    steps = visible_steps(ctx.form, RawData(ctx.draft.answers))
    context: dict[str, Any] = {
        "unit": ctx.wave.unit,
        "wave": ctx.wave,
        "contact": contact,
        "consent_text": consent_text(ctx.wave, ctx.lang),
        "pow_url": ctx.pow_url,
        **_progress(ctx, steps),
    }
    return render(ctx.request, "contact.html", context, lang=ctx.lang, status=status)


def contact_details(ctx: PageContext, contact: ContactForm) -> services.ContactDetails | None:
    if not contact.wants_contact:
        return None
    data = contact.cleaned_data
    return services.ContactDetails(
        name=data.get("name", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        message=data.get("message", ""),
        consent_text=consent_text(ctx.wave, ctx.lang),
    )
