"""``survey_responses``: the responses of one wave, anonymous, one row a response (XLSX, CSV).

Never in the file: contact requests, who entered a paper form, device or idempotency keys, and,
unless the job asked for it (a leader with ``results.publish``), free text (text items and text
fields of the respondent part). Rows stream from the database in chunks (constant memory).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hailong.indices.aggregates import LOCAL
from hailong.indices.crosstabs import responses_matching
from hailong.indices.dashboard import definition_for_version, method_label
from hailong.indices.exporting import filters_from_params
from hailong.jobs.base import JobFailed
from hailong.reports.exports import Cell, ExportMeta, TableStream
from hailong.reports.kinds.base import ReportKind
from hailong.responses.models import ResponseChannel, ResponseStatus, Source
from hailong.responses.models import TransactionChannel as Transaction
from hailong.surveys.definition import Definition
from hailong.surveys.models import RespondentType, SurveyWave
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob

CHUNK = 2000
FIXED = (
    "pk",
    "submitted_at",
    "channel",
    "source_id",
    "respondent_type",
    "transaction_channel",
    "status",
    "respondent",
    "answers",
)


def wave_for(job: ReportJob) -> SurveyWave:
    """The job's wave (``params["wave"]``, else the unit's latest with responses), checked to
    belong to the job's unit."""
    waves = SurveyWave.objects.filter(unit=job.unit).select_related("method_version__method")
    wave_id = job.params.get("wave")
    if wave_id is None:
        wave = waves.filter(responses__isnull=False).order_by("-opens_on").first()
    else:
        wave = waves.filter(pk=wave_id).first() if isinstance(wave_id, int) else None
    if wave is None:
        raise JobFailed(_("Không tìm thấy đợt khảo sát có phiếu của đơn vị này."))
    return wave


def meta_for(job: ReportJob, wave: SurveyWave, *notes: str) -> ExportMeta:
    filters = {_("Đơn vị"): job.unit.name, _("Đợt khảo sát"): wave.name}
    filters.update(job.params.get("labels") or {})
    return ExportMeta(method=method_label(wave.method_version), filters=filters, notes=notes)


class SurveyResponses(ReportKind):
    key = "survey_responses"
    label = gettext_lazy("Phiếu trả lời của đợt khảo sát (ẩn danh)")
    slug = "phieu-tra-loi"
    formats = ("xlsx", "csv")

    def available_for(self, unit: AdministrativeUnit) -> bool:
        return unit.level == UnitLevel.COMMUNE

    def table(self, job: ReportJob) -> TableStream:
        wave = wave_for(job)
        definition = definition_for_version(wave.method_version_id)
        free_text = bool(job.params.get("free_text"))
        columns = Columns(definition, free_text)
        rows = responses_matching(
            unit=job.unit, wave=wave, filters=filters_from_params(job.params)
        ).order_by("pk")
        notes = [_("Ẩn danh: không có thông tin liên hệ của người trả lời.")]
        if not free_text:
            notes.append(_("Không gồm câu trả lời tự do (góp ý bằng chữ)."))
        return TableStream(
            headers=columns.headers(),
            rows=columns.rows(rows, _sources(wave)),
            meta=meta_for(job, wave, *notes),
            sheet_title=_("Phiếu trả lời"),
            total=rows.count(),
        )


def _sources(wave: SurveyWave) -> dict[int, str]:
    return dict(Source.objects.filter(wave=wave).values_list("pk", "label"))


class Columns:
    """Which columns a wave's responses export has, and how one response becomes a row."""

    def __init__(self, definition: Definition, free_text: bool) -> None:
        self.fields = [
            f.code for f in definition.respondent_fields if free_text or f.type != "text"
        ]
        self.items = [item.code for item in definition.items if free_text or item.type != "text"]

    def headers(self) -> list[str]:
        fixed = [
            _("Mã phiếu"),
            _("Ngày gửi"),
            _("Kênh"),
            _("Nguồn"),
            _("Đối tượng"),
            _("Hình thức giao dịch"),
            _("Trạng thái"),
        ]
        return [*fixed, *(f"r.{code}" for code in self.fields), *self.items]

    def rows(self, responses: Any, sources: dict[int, str]) -> Iterator[list[Cell]]:
        # Labels translated once, not once per row (choices hold lazy strings).
        channels = {key: str(label) for key, label in ResponseChannel.choices}
        types = {key: str(label) for key, label in RespondentType.choices}
        transactions = {key: str(label) for key, label in Transaction.choices}
        statuses = {key: str(label) for key, label in ResponseStatus.choices}
        for values in responses.values_list(*FIXED).iterator(chunk_size=CHUNK):
            pk, submitted, channel, source, kind, transaction, status, person, answers = values
            yield [
                pk,
                submitted.astimezone(LOCAL).date(),
                channels.get(channel, channel),
                sources.get(source, "") if source else "",
                types.get(kind, kind),
                transactions.get(transaction, "") if transaction else "",
                statuses.get(status, status),
                *(_cell(person.get(code)) for code in self.fields),
                *(_cell(answers.get(code)) for code in self.items),
            ]


def _cell(value: Any) -> Cell:
    if value is None or type(value) is int:  # most answers: as they are (a bool is not int)
        return value
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str):
        return value
    return None
