"""Staff pages of materials (generate, edit, audio, files) and of what the campaign achieved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.campaigns import attribution as attribution_data
from hailong.campaigns import selectors, services
from hailong.campaigns.forms import AttachForm, MaterialCreateForm, MaterialEditForm, RecordingForm
from hailong.campaigns.materials import MATERIALS, material_kind
from hailong.campaigns.models import Material
from hailong.core.errors import ServiceError
from hailong.core.http import AuthedHttpRequest
from hailong.core.views import form_page
from hailong.responses.printing import absolute, source_path


def material_url(material: object) -> str:
    assert isinstance(material, Material)
    return reverse("campaigns:material", args=[material.pk])


@login_required
def material_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    rows = [(m, MATERIALS.get(m.kind)) for m in selectors.materials_of(plan)]
    context = {
        "plan": plan,
        "unit": plan.unit,
        "rows": rows,
        "can_manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, plan.unit),
    }
    return render(request, "campaigns/materials/list.html", context)


@login_required
def material_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)
    form = MaterialCreateForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        lambda data: services.material_create(
            actor=request.user, plan=plan, **form.service_kwargs()
        ),
        template="campaigns/materials/create.html",
        success_url=material_url,
        success_message=_("Đã tạo tài liệu. Hãy đọc lại và sửa trước khi dùng."),
        context={"plan": plan, "unit": plan.unit},
    )


@login_required
def material_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Read a material; those who manage the campaign edit it here."""
    perm = Perm.MANAGE_CAMPAIGNS if request.method == "POST" else Perm.VIEW_UNITS
    material = selectors.material_get_for_user(request.user, perm, pk)
    kind = material_kind(material.kind)
    if kind is None:
        raise Http404
    form = MaterialEditForm.for_material(material, request.POST or None)
    context = {
        "material": material,
        "kind": kind,
        "plan": material.plan,
        "unit": material.plan.unit,
        "can_manage": user_can(request.user, Perm.MANAGE_CAMPAIGNS, material.plan.unit),
        "link": absolute(source_path(material.source)) if material.source else "",
        "jobs": list(material.audio_jobs.all()[:3]),
        "recording_form": RecordingForm(),
        "attach_form": AttachForm(material=material) if kind.channel == "loudspeaker" else None,
    }
    return form_page(
        request,
        form,
        lambda data: services.material_update(actor=request.user, material=material, **data),
        template="campaigns/materials/detail.html",
        success_url=material_url,
        success_message=_("Đã lưu tài liệu."),
        context=context,
    )


def _managed(request: AuthedHttpRequest, pk: int) -> Material:
    return selectors.material_get_for_user(request.user, Perm.MANAGE_CAMPAIGNS, pk)


@login_required
@require_POST
def material_regenerate(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    material = _managed(request, pk)
    services.material_regenerate(actor=request.user, material=material)
    messages.success(request, _("Đã viết lại từ mẫu với số liệu mới nhất."))
    return redirect(material_url(material))


@login_required
@require_POST
def material_speak(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    material = _managed(request, pk)
    try:
        services.material_audio_start(actor=request.user, material=material)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đang tạo tệp âm thanh; tải lại trang sau ít giây."))
    return redirect(material_url(material))


@login_required
@require_POST
def material_upload(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    material = _managed(request, pk)
    form = RecordingForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp âm thanh."))
        return redirect(material_url(material))
    try:
        services.material_recording_upload(
            actor=request.user, material=material, upload=form.cleaned_data["audio"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã lưu bản thu âm."))
    return redirect(material_url(material))


@login_required
@require_POST
def material_attach(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    material = _managed(request, pk)
    form = AttachForm(request.POST, material=material)
    if form.is_valid():
        activity = material.plan.activities.get(pk=form.cleaned_data["activity"])
        try:
            services.material_attach(actor=request.user, material=material, activity=activity)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã gắn kịch bản vào «%(a)s».") % {"a": activity.title})
    else:
        messages.error(request, _("Hãy chọn một hoạt động phát thanh."))
    return redirect(material_url(material))


@login_required
def material_file(request: AuthedHttpRequest, pk: int, slug: str) -> HttpResponse:
    """A file the material's kind builds on demand (PDF, PNG, SVG, text)."""
    material = selectors.material_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    kind = material_kind(material.kind)
    spec = kind.file_spec(slug) if kind else None
    if spec is None:
        raise Http404
    try:
        content = spec.build(material)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(material_url(material))
    response = HttpResponse(content, content_type=spec.content_type)
    disposition = "inline" if spec.extension in {"pdf", "png", "svg"} else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{slug}-{material.pk}.{spec.extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    if spec.extension == "svg":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
def material_audio(request: AuthedHttpRequest, pk: int) -> FileResponse:
    material = selectors.material_get_for_user(request.user, Perm.VIEW_UNITS, pk)
    if not material.audio:
        raise Http404
    response = FileResponse(material.audio.open("rb"), content_type=material.audio_content_type)
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attribution(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """What it achieved: responses per source per day against the campaign's timeline."""
    plan = selectors.plan_get_for_user(request.user, Perm.VIEW_RESULTS, pk)
    data = attribution_data.attribution(plan, today=timezone.localdate())
    context = {"plan": plan, "unit": plan.unit, "data": data, "chart": data.chart()}
    return render(request, "campaigns/attribution.html", context)
