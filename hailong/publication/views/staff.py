"""Staff pages of publication: overview, draft preview, publish, comment picking, embed codes.

Reading (overview, preview, embed codes) needs ``results.view`` on the unit; publishing and
anything touching free text needs ``results.publish`` (ward leaders, administrators).
"""

from __future__ import annotations

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
from hailong.accounts.scope import get_for_user, get_unit_for_user, user_can
from hailong.core.errors import ServiceError
from hailong.core.forms import add_service_error
from hailong.core.http import AuthedHttpRequest
from hailong.indices.dashboard import definition_for_version
from hailong.performance.report_data import ReportScope, report_scopes
from hailong.publication import selectors, services
from hailong.publication.figures import draft_figures
from hailong.publication.forms import CommentForm, PublishForm, SelectForm
from hailong.publication.models import SelectedComment
from hailong.publication.presenters import results_view
from hailong.units.models import AdministrativeUnit


def _scope(request: AuthedHttpRequest, unit: AdministrativeUnit) -> ReportScope:
    scopes = report_scopes(unit)
    key = request.GET.get("pham_vi", "")
    found = next((s for s in scopes if s.key == key), None) if key else None
    if found is None and not key and scopes:
        return scopes[0]
    if found is None:
        raise Http404
    return found


@login_required
def overview(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Each wave (and pooled year) of the unit with its publication state, and the history."""
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    history = list(selectors.history(unit))
    current = {s.scope_key: s for s in history if not hasattr(s, "correction")}
    context = {
        "unit": unit,
        "scopes": [(s, current.get(s.key)) for s in report_scopes(unit)],
        "history": history,
        "can_publish": user_can(request.user, Perm.PUBLISH_RESULTS, unit),
        "latest": selectors.latest_snapshot(unit),
    }
    return render(request, "publication/staff_overview.html", context)


@login_required
def preview(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The draft of one scope, computed live, clearly marked: never cached, never public."""
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    scope = _scope(request, unit)
    lang = get_language() or "vi"
    view = results_view(draft_figures(unit, scope), lang)
    current = selectors.current_for_scope(unit, scope.key)
    context = {
        "unit": unit,
        "view": view,
        "scope": scope,
        "draft": True,
        "current": current,
        "can_publish": user_can(request.user, Perm.PUBLISH_RESULTS, unit),
        "form": PublishForm(initial={"pham_vi": scope.key}),
    }
    response = render(request, "publication/preview.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def publish(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, Perm.PUBLISH_RESULTS, pk)
    form = PublishForm(request.POST)
    back = reverse("publication:overview", args=[unit.pk])
    if not form.is_valid():
        messages.error(request, _("Thiếu thông tin để công bố."))
        return redirect(back)
    back = (
        reverse("publication:preview", args=[unit.pk]) + f"?pham_vi={form.cleaned_data['pham_vi']}"
    )
    try:
        snapshot = services.snapshot_publish(
            actor=request.user,
            unit=unit,
            scope_key=form.cleaned_data["pham_vi"],
            note=form.cleaned_data["ly_do"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(back)
    if snapshot.corrects_id:
        messages.success(
            request, _("Đã công bố bản đính chính; bản trước vẫn xem được trong lịch sử.")
        )
    else:
        messages.success(request, _("Đã công bố kết quả."))
    return redirect("publication:overview", pk=unit.pk)


@login_required
def comments(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Free-text answers of a scope, to pick from (a page at a time), and the ones picked."""
    unit = get_unit_for_user(request.user, Perm.PUBLISH_RESULTS, pk)
    scope = _scope(request, unit)
    if request.method == "POST":
        form = SelectForm(request.POST)
        if form.is_valid():
            try:
                comment = services.comment_select(
                    actor=request.user,
                    unit=unit,
                    response_id=form.cleaned_data["response"],
                    item_code=form.cleaned_data["item"],
                )
            except ServiceError as error:
                messages.error(request, error.message)
            else:
                return redirect("publication:comment_edit", pk=comment.pk)
        return redirect(reverse("publication:comments", args=[unit.pk]) + f"?pham_vi={scope.key}")
    definition = definition_for_version(scope.waves[0].method_version_id)
    codes = [i.code for i in definition.items if i.type == "text"]
    asked = request.GET.get("trang", "0")
    page = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 6 else 0
    texts, more = selectors.free_texts(unit, scope.waves, codes, page)
    context: dict[str, Any] = {
        "unit": unit,
        "scope": scope,
        "scopes": report_scopes(unit),
        "texts": texts,
        "page": page,
        "more": more,
        "selected": selectors.selected_comments(unit, scope.waves),
    }
    return render(request, "publication/staff_comments.html", context)


@login_required
def comment_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    comment = get_for_user(
        SelectedComment.objects.select_related("unit", "wave"),
        request.user,
        Perm.PUBLISH_RESULTS,
        pk=pk,
    )
    scope_key = f"dot-{comment.wave_id}"
    back = reverse("publication:comments", args=[comment.unit_id]) + f"?pham_vi={scope_key}"
    if request.method == "POST" and "xoa" in request.POST:
        services.comment_drop(actor=request.user, comment=comment)
        messages.success(request, _("Đã bỏ ý kiến khỏi danh sách chọn."))
        return redirect(back)
    form = CommentForm(
        request.POST if request.method == "POST" else None,
        initial={"text": comment.text, "included": comment.included},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                actor=request.user,
                comment=comment,
                text=form.cleaned_data["text"],
                included=form.cleaned_data["included"],
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Đã lưu ý kiến đã biên tập."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {"unit": comment.unit, "comment": comment, "form": form, "back": back}
    return render(request, "publication/staff_comment_edit.html", context, status=status)


@login_required
def embed_codes(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """What a ward's webmaster copies: the iframe, a plain-HTML card, the image and JSON URLs."""
    unit = get_unit_for_user(request.user, Perm.VIEW_RESULTS, pk)
    latest = selectors.latest_snapshot(unit)

    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(name, args=[unit.pk]))

    context = {
        "unit": unit,
        "latest": latest,
        "embed_url": absolute("publication:embed"),
        "results_url": absolute("publication:results"),
        "png_url": absolute("publication:results_png"),
        "json_url": absolute("publication:results_json"),
        "ranking_url": request.build_absolute_uri(
            reverse("publication:ranking", args=[int(unit.path.strip("/").split("/")[0])])
        ),
    }
    return render(request, "publication/staff_embed.html", context)
