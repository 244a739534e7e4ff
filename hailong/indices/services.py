"""Writes of the indices app: starting an export of the dashboards' data (a report job)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.reports.services import report_job_start
from hailong.surveys.models import SurveyWave

if TYPE_CHECKING:
    from hailong.accounts.models import User
    from hailong.reports.models import ReportJob
    from hailong.units.models import AdministrativeUnit

INDEX_KINDS = ("survey_responses", "unit_indices", "ward_ranking")


def index_export_start(
    *,
    actor: User,
    unit: AdministrativeUnit,
    kind: str,
    output_format: str,
    params: dict[str, Any],
    public: bool = False,
    free_text: bool = False,
) -> ReportJob:
    """Start an export of responses, indices or a ranking as a background report job.

    Rules: only the index kinds; the wave (if named) belongs to the unit; free text goes into a
    responses file only for someone who may publish results (``results.publish``), and a file
    of raw responses is never "public". ``report_job_start`` checks the rest (permission to read
    results, the kind suits the unit, the format, too many waiting jobs).
    """
    if kind not in INDEX_KINDS:
        raise ServiceError(_("Loại dữ liệu xuất không hợp lệ."), field="loai")
    wave_id = params.get("wave")
    if wave_id is not None and not SurveyWave.objects.filter(pk=wave_id, unit=unit).exists():
        raise ServiceError(_("Đợt khảo sát không thuộc đơn vị này."))
    if free_text and kind == "survey_responses":
        if not user_can(actor, Perm.PUBLISH_RESULTS, unit):
            raise PermissionDenied(
                _("Chỉ lãnh đạo có quyền công bố kết quả mới xuất được câu trả lời tự do.")
            )
    elif free_text:
        raise ServiceError(
            _("Câu trả lời tự do chỉ có trong tệp phiếu trả lời."), field="co_van_ban"
        )
    if public and kind == "survey_responses":
        raise ServiceError(
            _("Tệp phiếu trả lời không dùng để công bố; hãy xuất chỉ số."), field="cong_khai"
        )
    return report_job_start(
        actor=actor,
        unit=unit,
        kind=kind,
        output_format=output_format,
        params={**params, "public": public, "free_text": free_text},
    )
