"""Forms of the plan: create from the template, edit its sections, approve or return it."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.campaigns.channels import CHANNELS
from hailong.campaigns.document import reference_text
from hailong.core.forms import DateInput
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit, Department, MassOrganisation, UnitLevel

if TYPE_CHECKING:
    from hailong.campaigns.models import CampaignPlan

REFERENCE = re.compile(
    r"^(?P<kind>.+?)\s+số\s+(?P<number>\S+)\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s+của\s+(?P<issuer>.+?))?(?:\s+về\s+(?P<subject>.+))?$"
)
LINES_HELP = _("Mỗi dòng một mục.")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class LinesField(forms.CharField):
    """A textarea whose value is a list: one item per non-empty line."""

    def __init__(self, *args: Any, rows: int = 5, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(*args, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return _lines(str(super().to_python(value) or ""))


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DateInput(),
        required=False,
        help_text=_("Để trống: hôm nay (nếu trong năm của kế hoạch)."),
    )
    wave = forms.ModelChoiceField(
        label=_("Đợt khảo sát"), queryset=SurveyWave.objects.none(), required=False
    )

    def __init__(self, *args: Any, unit: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wave"].queryset = SurveyWave.objects.filter(unit=unit)  # type: ignore[attr-defined]


class PlanEditForm(forms.Form):
    """Every section of the plan. The form checks shape; ``plan_update`` the rules."""

    title = forms.CharField(
        label=_("Trích yếu"), max_length=500, widget=forms.Textarea({"rows": 2})
    )
    number = forms.CharField(label=_("Số"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput())
    period_start = forms.DateField(label=_("Thực hiện từ ngày"), widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    legal_references = LinesField(
        label=_("Căn cứ"),
        rows=4,
        help_text=_(
            "Mỗi dòng một văn bản, viết như trong kế hoạch: «Kế hoạch số 60/KH-UBND ngày "
            "30/01/2023 của UBND phường Vĩnh Phúc về …»."
        ),
    )
    preamble = forms.CharField(
        label=_("Câu mở đầu (sau phần căn cứ)"), widget=forms.Textarea({"rows": 2})
    )
    purposes = LinesField(label=_("1. Mục đích"), help_text=_("Mỗi dòng một đoạn."))
    requirements = LinesField(label=_("2. Yêu cầu"))
    content_topics = LinesField(label=_("II.1. Nội dung tuyên truyền"), rows=6)
    channel_coordinator = forms.CharField(label=_("Bộ phận chủ trì"), max_length=200)
    channel_partners = forms.CharField(label=_("Phối hợp với"), max_length=300, required=False)
    channels_closing = forms.CharField(
        label=_("Câu kết phần hình thức"), widget=forms.Textarea({"rows": 3}), required=False
    )
    organisation = LinesField(label=_("III. Tổ chức thực hiện"), help_text=_("Mỗi dòng một đoạn."))
    emulation_link = forms.CharField(
        label=_("Gắn với thi đua, khen thưởng"), widget=forms.Textarea({"rows": 3}), required=False
    )
    routine = forms.CharField(
        label=_("Nhiệm vụ thường xuyên"), widget=forms.Textarea({"rows": 3}), required=False
    )
    closing = forms.CharField(
        label=_("Câu kết"), widget=forms.Textarea({"rows": 2}), required=False
    )
    recipients = LinesField(label=_("Nơi nhận"))
    signer_authority = LinesField(label=_("Thẩm quyền ký"), rows=3)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    coordinator = forms.ModelChoiceField(
        label=_("Bộ phận chủ trì (để giao việc)"),
        queryset=Department.objects.none(),
        required=False,
    )
    partner_departments = forms.ModelMultipleChoiceField(
        label=_("Bộ phận phối hợp"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Đoàn thể phối hợp"),
        queryset=MassOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_groups = forms.ModelMultipleChoiceField(
        label=_("Tổ dân phố phối hợp"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, plan: CampaignPlan, **kwargs: Any) -> None:
        kwargs.setdefault("initial", plan_initial(plan))
        super().__init__(*args, **kwargs)
        unit = plan.unit
        self._set_queryset("coordinator", Department.objects.filter(unit=unit))
        self._set_queryset("partner_departments", Department.objects.filter(unit=unit))
        self._set_queryset("partner_organisations", MassOrganisation.objects.filter(unit=unit))
        groups = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
        self._set_queryset("partner_groups", groups)
        for key, channel in CHANNELS.items():
            self.fields[f"channel_{key}"] = forms.CharField(
                label=_("Hình thức: %(c)s") % {"c": channel.label},
                max_length=300,
                required=False,
                help_text=_("Cách viết trong kế hoạch; để trống nếu không dùng."),
            )

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def channel_text_fields(self) -> list[forms.BoundField]:
        return [self[f"channel_{key}"] for key in CHANNELS]

    def clean_legal_references(self) -> list[dict[str, str]]:
        refs = []
        for line in self.cleaned_data["legal_references"]:
            match = REFERENCE.match(" ".join(line.split()))
            if match is None:
                raise forms.ValidationError(
                    _gettext("Không đọc được căn cứ «%(l)s»: cần «… số … ngày dd/mm/yyyy …».")
                    % {"l": line[:80]}
                )
            refs.append(_reference(match))
        return refs

    def content(self) -> dict[str, Any]:
        """The cleaned sections as ``plan_update`` takes them."""
        data = self.cleaned_data
        names = [n for n in data if not n.startswith(("channel_", "partner_", "coordinator"))]
        content = {name: data[name] for name in names}
        content["channel_coordinator"] = data["channel_coordinator"]
        content["channel_partners"] = data["channel_partners"]
        content["channels"] = [
            {"kind": key, "text": data[f"channel_{key}"]}
            for key in CHANNELS
            if data.get(f"channel_{key}")
        ]
        return content

    def relations(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "coordinator": data["coordinator"],
            "partner_departments": list(data["partner_departments"]),
            "partner_organisations": list(data["partner_organisations"]),
            "partner_groups": list(data["partner_groups"]),
        }


def _reference(match: re.Match[str]) -> dict[str, str]:
    try:
        day = dt.datetime.strptime(match["date"], "%d/%m/%Y").date()  # noqa: DTZ007
    except ValueError as exc:
        raise forms.ValidationError(_gettext("Ngày của căn cứ không hợp lệ.")) from exc
    return {
        "kind": match["kind"].strip(),
        "number": match["number"],
        "date": day.isoformat(),
        "issuer": (match["issuer"] or "").strip(),
        "subject": (match["subject"] or "").strip(),
    }


def plan_initial(plan: CampaignPlan) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(plan, name)
        for name in (
            "title",
            "number",
            "symbol",
            "issued_on",
            "period_start",
            "period_end",
            "preamble",
            "purposes",
            "requirements",
            "content_topics",
            "channel_coordinator",
            "channel_partners",
            "channels_closing",
            "organisation",
            "emulation_link",
            "routine",
            "closing",
            "recipients",
            "signer_authority",
            "signer_name",
        )
    }
    initial["legal_references"] = [reference_text(r) for r in plan.legal_references]
    for channel in plan.channels:
        initial[f"channel_{channel.get('kind')}"] = channel.get("text", "")
    initial["coordinator"] = plan.coordinator_id
    if plan.pk:
        initial["partner_departments"] = [d.pk for d in plan.partner_departments.all()]
        initial["partner_organisations"] = [o.pk for o in plan.partner_organisations.all()]
        initial["partner_groups"] = [g.pk for g in plan.partner_groups.all()]
    return initial


class PlanDecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(APPROVE, _("Phê duyệt")), (REJECT, _("Trả lại để sửa"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Bắt buộc khi trả lại."),
    )
