"""Forms of the points, emulation and improvement-action pages: shape only; services check rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.performance import points
from hailong.performance.emulation import DEFAULT_MIN_N, Period, min_n_floor
from hailong.performance.models import ActionStatus, RuleKind
from hailong.reports.models import ReportFormat
from hailong.surveys.models import SurveyWave
from hailong.units.models import Department

MAX_PERIOD_DAYS = 3 * 366


class PointsRuleForm(forms.Form):
    year = forms.IntegerField(label=_("Áp dụng từ năm"), min_value=2012, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Cách quy đổi"), choices=RuleKind.choices, widget=forms.RadioSelect
    )
    max_points = forms.DecimalField(
        label=_("Điểm tối đa của chỉ số SIPAS"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
        help_text=_("Ví dụ 2 hoặc 10 (dấu phẩy thập phân: 1,5)."),
    )
    bands = forms.CharField(
        label=_("Các khung (chỉ khi quy đổi theo khung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Mỗi dòng «chỉ số tối thiểu: số điểm», ví dụ «90: 2», «80: 1,5», «0: 0». Chỉ số đạt "
            "tới khung nào (tính trên chỉ số đã làm tròn hai chữ số) thì được số điểm của khung đó."
        ),
    )
    legal_basis = forms.CharField(
        label=_("Căn cứ"),
        max_length=300,
        help_text=_("Ví dụ: QĐ 5666/QĐ-UBND ngày 17/11/2025 của UBND thành phố Hà Nội."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)

    def __init__(self, *args: Any, with_year: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_year:
            del self.fields["year"]

    def clean_bands(self) -> list[dict[str, str]]:
        try:
            return points.bands_from_text(self.cleaned_data.get("bands") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    @staticmethod
    def initial_for(rule: Any) -> dict[str, Any]:
        return {
            "year": rule.year,
            "kind": rule.kind,
            "max_points": rule.max_points,
            "bands": points.bands_to_text(rule.bands),
            "legal_basis": rule.legal_basis,
            "note": rule.note,
        }


def _deadline_field() -> forms.DateField:
    return forms.DateField(label=_("Hạn hoàn thành"), widget=DateInput())


class ActionForm(forms.Form):
    """What, who and when of an action (create adds the wave and the item)."""

    what = forms.CharField(
        label=_("Việc cần làm"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Cụ thể, kiểm chứng được: ví dụ «Bố trí thêm 20 ghế chờ tại bộ phận một cửa»."),
    )
    department = forms.ModelChoiceField(
        label=_("Bộ phận chủ trì"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("— Chưa giao bộ phận —"),
    )
    deadline = _deadline_field()
    public = forms.BooleanField(label=_("Công khai trên trang kết quả của phường"), required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = departments


class ActionCreateForm(ActionForm):
    item_code = forms.ChoiceField(
        label=_("Tiêu chí cần cải thiện (yếu nhất trước)"),
        help_text=_("Tỷ lệ hài lòng hiện tại của tiêu chí được lưu lại để so sánh sau này."),
    )
    field_order = ("item_code", "what", "department", "deadline", "public")

    def __init__(self, *args: Any, items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["item_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = items


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("Kết quả đạt được / lý do dừng"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi hoàn thành hoặc dừng. Nếu công khai, người dân sẽ đọc được."),
    )


class WaveChoiceForm(forms.Form):
    """``?dot=<pk>``: which wave an action or a report is about."""

    dot = forms.ModelChoiceField(label=_("Đợt khảo sát"), queryset=SurveyWave.objects.none())

    def __init__(self, *args: Any, waves: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["dot"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = waves


class PeriodForm(forms.Form):
    """The ranking's period and minimum (query string, so the page can be bookmarked)."""

    tu_ngay = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    den_ngay = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    toi_thieu = forms.IntegerField(
        label=_("Số đánh giá tối thiểu để xếp hạng"),
        initial=DEFAULT_MIN_N,
        max_value=100_000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["toi_thieu"]
        assert isinstance(field, forms.IntegerField)
        field.min_value = min_n_floor()
        field.validators.append(_MinValue(min_n_floor()))
        field.widget.attrs["min"] = min_n_floor()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            if end < start:
                raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
            if (end - start).days > MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Kỳ xếp hạng dài tối đa 3 năm."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["tu_ngay"], self.cleaned_data["den_ngay"])


class _MinValue:
    def __init__(self, floor: int) -> None:
        self.floor = floor

    def __call__(self, value: int) -> None:
        if value is not None and value < self.floor:
            raise forms.ValidationError(
                _("Tối thiểu %(n)s đánh giá, để không ai bị xếp hạng theo vài ý kiến.")
                % {"n": self.floor}
            )


class ExportForm(PeriodForm):
    output_format = forms.ChoiceField(label=_("Định dạng"), choices=ReportFormat.choices)


class SipasReportForm(forms.Form):
    """The report's editable narrative (prefilled from the figures), date, number, formats."""

    date = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=_("Ví dụ: 125/BC-UBND. Để trống nếu văn thư sẽ ghi số sau."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Định dạng"),
        choices=[
            (ReportFormat.PDF, ReportFormat.PDF.label),
            (ReportFormat.DOCX, ReportFormat.DOCX.label),
        ],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from hailong.performance.narrative import MAX_LENGTH, SECTIONS

        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[f"text_{section.key}"] = forms.CharField(
                label=str(section.heading),
                max_length=MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": section.rows}),
            )

    def narrative(self) -> dict[str, str]:
        from hailong.performance.narrative import KEYS

        return {key: self.cleaned_data.get(f"text_{key}") or "" for key in KEYS}
