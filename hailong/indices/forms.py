"""GET filter forms of the dashboards and the POST form that starts an export.

Forms check shape only; an invalid filter falls back to its default (a GET form never answers
500 or 400 to what a user can type in the address bar) and the page says which one was ignored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.indices import selectors as sel
from hailong.indices.dossier_stats import DIMENSIONS
from hailong.indices.ranking import Options, RankingQuery
from hailong.responses.models import ResponseChannel, Source
from hailong.surveys.models import RespondentType, SurveyWave

GRAIN_CHOICES = [("month", _("Tháng")), ("quarter", _("Quý")), ("year", _("Năm"))]
AGGREGATE_BREAKDOWNS = [
    ("channel", _("Kênh thu thập")),
    ("source", _("Nguồn (đường dẫn, mã QR)")),
    ("type", _("Đối tượng")),
]
ALL = [("", _("Tất cả"))]


def _choice(label: Any, choices: list[tuple[Any, Any]], **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, **kwargs)


class DashboardFilterForm(forms.Form):
    dot = forms.TypedChoiceField(label=_("Đợt khảo sát"), coerce=int, required=False)
    tu_ngay = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    den_ngay = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())
    kenh = _choice(_("Kênh"), ALL + list(ResponseChannel.choices))
    nguon = _choice(_("Nguồn"), ALL)
    doi_tuong = _choice(_("Đối tượng"), ALL + list(RespondentType.choices))
    ky = _choice(_("Xu hướng theo"), GRAIN_CHOICES)
    phan_tich = _choice(_("Phân tích theo"), AGGREGATE_BREAKDOWNS)
    ho_so_theo = _choice(
        _("Hồ sơ theo"), [(key, label) for key, (_k, _n, label) in DIMENSIONS.items()]
    )
    can_xem = forms.BooleanField(label=_("Tính cả phiếu cần xem xét"), required=False)

    def __init__(
        self,
        *args: Any,
        waves: list[SurveyWave],
        sources: list[Source],
        crosstabs: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("dot", [(w.pk, f"{w.name} ({w.opens_on:%Y})") for w in waves])
        generic = [("0", _("Đường dẫn chung (không qua nguồn)"))]
        self._set_choices("nguon", ALL + generic + [(str(s.pk), s.label) for s in sources])
        self._set_choices("phan_tich", AGGREGATE_BREAKDOWNS + crosstabs)

    def _set_choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def values(self) -> dict[str, Any]:
        """The cleaned values, with each invalid field replaced by its default."""
        data = dict(self.cleaned_data) if self.is_bound and hasattr(self, "cleaned_data") else {}
        for name in self.errors:
            data.pop(name, None)
        return data


def filters_from(values: dict[str, Any]) -> sel.Filters:
    """The selectors' ``Filters`` from the form's values."""
    source = values.get("nguon") or ""
    return sel.Filters(
        date_from=values.get("tu_ngay"),
        date_to=values.get("den_ngay"),
        channels=(values["kenh"],) if values.get("kenh") else (),
        sources=(int(source),) if source.isascii() and source.isdigit() else (),
        respondent_types=(values["doi_tuong"],) if values.get("doi_tuong") else (),
        statuses=("valid", "flagged") if values.get("can_xem") else ("valid",),
    )


def filter_labels(form: DashboardFilterForm, values: dict[str, Any]) -> dict[str, str]:
    """Human-readable filters (for exports and the page header): only those set."""
    labels: dict[str, str] = {}
    for name in ("dot", "kenh", "nguon", "doi_tuong"):
        value = values.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        choices: Any = field.choices
        shown = {str(k): v for k, v in choices}.get(str(value), value)
        labels[str(field.label)] = str(shown)
    for name in ("tu_ngay", "den_ngay"):
        if values.get(name):
            labels[str(form.fields[name].label)] = values[name].strftime("%d/%m/%Y")
    if values.get("can_xem"):
        labels[str(_("Trạng thái"))] = str(_("hợp lệ và cần xem xét"))
    return labels


class RankingFilterForm(forms.Form):
    nam = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False)
    phuong_phap = forms.TypedChoiceField(label=_("Phương pháp"), coerce=int, required=False)
    ban_do = _choice(
        _("Địa giới"),
        [
            ("moi", _("Đơn vị hiện nay (gộp số liệu đơn vị cũ theo tỷ trọng)")),
            ("cu", _("Đơn vị như tại thời điểm khảo sát")),
        ],
    )
    quan = forms.TypedChoiceField(
        label=_("Quận, huyện (trước 01/07/2025)"), coerce=int, required=False, empty_value=None
    )
    toi_thieu = forms.IntegerField(
        label=_("Số phiếu tối thiểu"), required=False, min_value=0, max_value=1_000_000
    )
    sap_xep = _choice(
        _("Sắp xếp"),
        [
            ("hang", _("Thứ hạng")),
            ("chi-so-tang", _("Chỉ số thấp trước")),
            ("ten", _("Tên đơn vị")),
            ("so-phieu", _("Số phiếu")),
        ],
    )

    def __init__(self, *args: Any, options: Options, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set("nam", [(y, str(y)) for y in options.years])
        self._set("phuong_phap", [(v.pk, f"{v.method.name} ({v})") for v in options.versions])
        self._set("quan", ALL + [(d.pk, d.name) for d in options.districts])

    def _set(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def query(self, default: RankingQuery) -> RankingQuery:
        """The ranking query: each valid value, else the default's."""
        data = dict(self.cleaned_data) if self.is_bound and hasattr(self, "cleaned_data") else {}
        for name in self.errors:
            data.pop(name, None)
        return RankingQuery(
            version_id=data.get("phuong_phap") or default.version_id,
            year=data.get("nam") or default.year,
            mapped=data.get("ban_do") != "cu",
            district_id=data.get("quan") if data.get("ban_do") == "cu" else None,
            min_n=data.get("toi_thieu") or 0,
            sort=data.get("sap_xep") or "hang",
        )


class ExportForm(forms.Form):
    loai = forms.ChoiceField(
        label=_("Dữ liệu"),
        choices=[
            ("survey_responses", _("Phiếu trả lời (ẩn danh)")),
            ("unit_indices", _("Chỉ số (tổng hợp, yếu tố, tiêu chí)")),
        ],
    )
    dinh_dang = forms.ChoiceField(
        label=_("Định dạng"), choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))]
    )
    cong_khai = forms.BooleanField(
        label=_("Dùng để công bố (ẩn số liệu dưới ngưỡng số phiếu)"), required=False
    )
    co_van_ban = forms.BooleanField(
        label=_("Kèm câu trả lời tự do (góp ý bằng chữ)"), required=False
    )


class RankingExportForm(forms.Form):
    dinh_dang = ExportForm.base_fields["dinh_dang"]
    cong_khai = ExportForm.base_fields["cong_khai"]
