"""Staff pages of paper forms: batches of a wave, a batch (reconcile, close), keying a form,
resolving double-entry disagreements, a form's record, editing a stored form, print views.

Each view fetches through ``hailong.accounts.scope`` (404 outside the user's units, 403 without
the permission), binds the posted values and calls one service."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.paper import keying, selectors, services
from hailong.paper.forms import BatchForm, CloseForm, EditNoteForm, QuotaForm
from hailong.paper.models import PaperBatch, PaperForm
from hailong.paper.rows import sheet_rows
from hailong.surveys.selectors import wave_get_for_user

NUMBER = "so"
STARTED = "bat_dau"


def _batch_url(batch: PaperBatch, name: str = "paper:batch") -> str:
    return reverse(name, args=[batch.pk])


def _language() -> str:
    return get_language() or "vi"


# -- wave: batches and quota -------------------------------------------------------------------


@login_required
def batch_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    batches = list(selectors.batches_of(wave))
    context = {
        "wave": wave,
        "unit": wave.unit,
        "batches": batches,
        "cap": selectors.quota_of(wave),
        "used": max((b.last_number for b in batches), default=0),
        "quota_form": QuotaForm(initial={"cap": selectors.quota_of(wave)}),
        "can_enter": user_can(request.user, Perm.ENTER_RESPONSES, wave.unit),
        "can_manage": user_can(request.user, Perm.MANAGE_SURVEYS, wave.unit),
    }
    return render(request, "paper/batches.html", context)


@login_required
@require_POST
def quota_set(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.MANAGE_SURVEYS, pk)
    form = QuotaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hạn mức phải là một số nguyên dương."))
    else:
        try:
            services.paper_quota_set(actor=request.user, wave=wave, cap=form.cleaned_data["cap"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã cập nhật hạn mức phiếu giấy."))
    return redirect(reverse("paper:batches", args=[wave.pk]))


@login_required
def batch_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    wave = wave_get_for_user(request.user, Perm.ENTER_RESPONSES, pk)
    form = BatchForm(request.POST or None, wave=wave)
    return form_page(
        request,
        form,
        lambda data: services.paper_batch_create(
            actor=request.user, wave=wave, data=services.BatchData(**data)
        ),
        template="paper/batch_form.html",
        success_url=lambda batch: _batch_url(batch, "paper:entry"),  # type: ignore[arg-type]
        success_message=_("Đã tạo lô phiếu. Mời nhập phiếu đầu tiên."),
        context={"wave": wave, "unit": wave.unit, "cap": selectors.quota_of(wave)},
    )


# -- a batch -----------------------------------------------------------------------------------


def _field_labels(batch: PaperBatch) -> dict[str, str]:
    sheet = keying.sheet_for(batch.wave, _language())
    return {f.name: f.shown_code or f.label for f in sheet.fields()}


def _batch_context(request: AuthedHttpRequest, batch: PaperBatch) -> dict[str, Any]:
    return {
        "batch": batch,
        "wave": batch.wave,
        "unit": batch.wave.unit,
        "counts": selectors.batch_counts(batch),
        "forms": selectors.forms_of(batch),
        "events": selectors.events_of(batch, routine=False),
        "field_labels": _field_labels(batch),
        "can_enter": user_can(request.user, Perm.ENTER_RESPONSES, batch.wave.unit),
        "close_form": CloseForm(),
    }


@login_required
def batch_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    return render(request, "paper/batch.html", _batch_context(request, batch))


@login_required
def batch_print(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    context = {**_batch_context(request, batch), "events": selectors.events_of(batch)}
    if request.GET.get("day-du"):
        sheet = keying.sheet_for(batch.wave, _language())
        context["records"] = [_record(sheet, f) for f in context["forms"]]
    return render(request, "paper/batch_print.html", context)


@login_required
@require_POST
def batch_close(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.ENTER_RESPONSES, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.paper_batch_close(
                actor=request.user, batch=batch, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã đóng lô phiếu."))
            return redirect(_batch_url(batch))
    context = {**_batch_context(request, batch), "close_form": form}
    return render(request, "paper/batch.html", context, status=400)


@login_required
@require_POST
def batch_reopen(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.ENTER_RESPONSES, pk)
    try:
        services.paper_batch_reopen(actor=request.user, batch=batch)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã mở lại lô phiếu."))
    return redirect(_batch_url(batch))


# -- the entry sheet ---------------------------------------------------------------------------


def _defaults(sheet: keying.Sheet, batch: PaperBatch) -> dict[str, str]:
    """Where the batch was collected in a residential group, the form's group is prefilled."""
    hamlet = sheet.by_name.get("q-r.hamlet")
    if hamlet is not None and batch.residential_group_id is not None:
        return {hamlet.name: str(batch.residential_group_id)}
    return {}


def _posted(request: AuthedHttpRequest) -> dict[str, str]:
    return {key: request.POST.get(key, "") for key in request.POST}


def _seconds(value: str) -> int | None:
    try:
        started = float(value)
    except ValueError:
        return None
    return round(time.time() - started) if started > 0 else None


def _number(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 9 else None


@dataclass(frozen=True)
class EntryState:
    """What the keying page shows: the keys, their errors, the form number, when it began."""

    values: dict[str, str]
    errors: dict[str, str]
    number: int | None
    started: str


def _entry_post(request: AuthedHttpRequest, batch: PaperBatch) -> EntryState | services.Entered:
    values, started = _posted(request), request.POST.get(STARTED, "")
    number = _number(request.POST.get(NUMBER, ""))
    try:
        if number is None:
            raise ServiceError(_("Gõ số in trên phiếu."), field=NUMBER)
        return services.paper_form_enter(
            actor=request.user,
            batch=batch,
            number=number,
            posted=values,
            seconds=_seconds(started),
        )
    except keying.EntryInvalid as invalid:
        errors = invalid.errors
    except ServiceError as error:
        errors = {error.field or NUMBER: error.message}
    return EntryState(values, errors, number, started)


def _entry_context(batch: PaperBatch, sheet: keying.Sheet, state: EntryState) -> dict[str, Any]:
    return {
        "batch": batch,
        "wave": batch.wave,
        "unit": batch.wave.unit,
        "groups": sheet_rows(sheet, state.values, state.errors),
        "legends": sheet.legends,
        "has_na": sheet.has_not_applicable,
        "errors": state.errors,
        "number": state.number,
        "number_error": state.errors.get(NUMBER, ""),
        "round": selectors.round_for(batch, state.number),
        "started": state.started,
        "counts": selectors.batch_counts(batch),
    }


@login_required
def entry(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Key one form; a valid one is saved and the page comes back for the next number."""
    batch = selectors.batch_get_for_user(request.user, Perm.ENTER_RESPONSES, pk)
    if batch.is_closed:
        messages.error(request, _("Lô phiếu đã đóng; hãy mở lại lô nếu cần nhập thêm."))
        return redirect(_batch_url(batch))
    sheet = keying.sheet_for(batch.wave, _language())
    if request.method == "POST":
        outcome = _entry_post(request, batch)
        if isinstance(outcome, services.Entered):
            messages.success(request, _entered_message(outcome))
            return redirect(_batch_url(batch, "paper:entry"))
        state = outcome
    else:
        number = selectors.next_number(batch, request.user)
        state = EntryState(_defaults(sheet, batch), {}, number, str(time.time()))
    context = _entry_context(batch, sheet, state)
    return render(request, "paper/entry.html", context, status=400 if state.errors else 200)


def _entered_message(entered: services.Entered) -> str:
    n = entered.form.number
    if entered.stored:
        return _("Đã lưu phiếu số %(n)d.") % {"n": n}
    if entered.conflicts:
        return _("Phiếu số %(n)d: lần 2 lệch lần 1 ở %(c)d ô, cần đối chiếu.") % {
            "n": n,
            "c": entered.conflicts,
        }
    return _("Đã nhập lần 1 phiếu số %(n)d; chờ cán bộ khác nhập lần 2.") % {"n": n}


# -- double entry: disagreements ---------------------------------------------------------------


@login_required
def conflicts(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    return _conflicts_page(request, batch)


def _conflicts_page(
    request: AuthedHttpRequest,
    batch: PaperBatch,
    *,
    failed: int | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    sheet = keying.sheet_for(batch.wave, _language())
    context = {
        "batch": batch,
        "wave": batch.wave,
        "unit": batch.wave.unit,
        "disagreements": selectors.disagreements(batch, sheet),
        "failed": failed,
        "errors": errors or {},
        "posted": _posted(request) if failed is not None else {},
        "can_enter": user_can(request.user, Perm.ENTER_RESPONSES, batch.wave.unit),
    }
    return render(request, "paper/conflicts.html", context, status=status)


@login_required
@require_POST
def resolve(request: AuthedHttpRequest, pk: int, number: int) -> HttpResponse:
    batch = selectors.batch_get_for_user(request.user, Perm.ENTER_RESPONSES, pk)
    form = selectors.form_of(batch, number)
    if form is None:
        raise Http404
    posted = _posted(request)
    picks = {k.removeprefix("chon-"): v for k, v in posted.items() if k.startswith("chon-")}
    typed = {k.removeprefix("go-"): v for k, v in posted.items() if k.startswith("go-")}
    try:
        services.paper_form_resolve(actor=request.user, form=form, picks=picks, typed=typed)
    except keying.EntryInvalid as invalid:
        return _conflicts_page(request, batch, failed=number, errors=invalid.errors, status=400)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã đối chiếu và lưu phiếu số %(n)d.") % {"n": number})
    return redirect(_batch_url(batch, "paper:conflicts"))


# -- one form: record, print, edit -------------------------------------------------------------


@dataclass(frozen=True)
class RecordRow:
    field: keying.KeyField
    final: str
    entries: list[str]
    differs: bool


def _record(sheet: keying.Sheet, form: PaperForm) -> dict[str, Any]:
    entries = sorted(form.entries.all(), key=lambda e: e.round)
    final = form.final if form.response_id else (entries[-1].keyed if entries else {})
    rows = []
    for field in sheet.fields():
        keyed = [e.keyed.get(field.name, "") for e in entries]
        rows.append(RecordRow(field, final.get(field.name, ""), keyed, differs=len(set(keyed)) > 1))
    return {"form": form, "entries": entries, "rows": rows}


def _form(request: AuthedHttpRequest, perm: Perm, pk: int, number: int) -> PaperForm:
    batch = selectors.batch_get_for_user(request.user, perm, pk)
    form = selectors.form_of(batch, number)
    if form is None:
        raise Http404
    form.batch = batch
    return form


@login_required
def form_record(request: AuthedHttpRequest, pk: int, number: int) -> HttpResponse:
    form = _form(request, Perm.VIEW_RESULTS, pk, number)
    sheet = keying.sheet_for(form.batch.wave, _language())
    context = {
        **_record(sheet, form),
        "batch": form.batch,
        "wave": form.batch.wave,
        "unit": form.batch.wave.unit,
        "events": selectors.events_of(form.batch, form),
        "field_labels": _field_labels(form.batch),
        "can_enter": user_can(request.user, Perm.ENTER_RESPONSES, form.batch.wave.unit),
    }
    return render(request, "paper/form_record.html", context)


@login_required
def form_edit(request: AuthedHttpRequest, pk: int, number: int) -> HttpResponse:
    """Correct a stored form: the same sheet, filled with what was stored; every change is
    written to the audit trail."""
    form = _form(request, Perm.ENTER_RESPONSES, pk, number)
    batch = form.batch
    if form.response_id is None:
        messages.error(request, _("Chỉ sửa được phiếu đã lưu."))
        return redirect(reverse("paper:form", args=[batch.pk, number]))
    sheet = keying.sheet_for(batch.wave, _language())
    values, errors, general = dict(form.final), {}, ""
    note = EditNoteForm(request.POST or None)
    if request.method == "POST" and note.is_valid():
        values = _posted(request)
        try:
            diff = services.paper_form_edit(
                actor=request.user, form=form, posted=values, note=note.cleaned_data["note"]
            )
        except keying.EntryInvalid as invalid:
            errors = invalid.errors
        except ServiceError as error:
            general = error.message
        else:
            text = _("Đã sửa %(n)d ô của phiếu số %(num)d.") if diff else _("Không có gì thay đổi.")
            messages.success(request, text % {"n": len(diff), "num": number})
            return redirect(reverse("paper:form", args=[batch.pk, number]))
    context = {
        "batch": batch,
        "wave": batch.wave,
        "unit": batch.wave.unit,
        "form": form,
        "groups": sheet_rows(sheet, values, errors),
        "errors": errors,
        "general_error": general,
        "note_form": note,
    }
    status = 400 if errors or general else 200
    return render(request, "paper/form_edit.html", context, status=status)
