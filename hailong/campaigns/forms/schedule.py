"""Forms of the schedule: an activity (common fields + its channel's), places of channels."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from hailong.campaigns.describe import weekday_names
from hailong.campaigns.recurrence import KINDS, Recurrence, RecurrenceError, parse_time
from hailong.campaigns.services.schedule import Responsible
from hailong.core.forms import DateInput
from hailong.units.models import (
    AdministrativeUnit,
    Department,
    MassOrganisation,
    Officer,
    UnitLevel,
)

if TYPE_CHECKING:
    from hailong.campaigns.channels import Channel
    from hailong.campaigns.models import CampaignActivity, CampaignPlan

COMMON = (
    "title",
    "starts_on",
    "ends_on",
    "kind",
    "times",
    "weekdays",
    "on",
    "skip_holidays",
    "except_dates",
    "responsible_department",
    "responsible_officer",
    "responsible_organisation",
    "responsible_group",
    "script",
)


def _kind_choices() -> list[tuple[str, str]]:
    labels = {
        "daily": _gettext("Hằng ngày"),
        "weekly": _gettext("Hằng tuần"),
        "once": _gettext("Một lần"),
    }
    return [(k, labels[k]) for k in KINDS]


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Tên hoạt động"), max_length=200)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Lặp lại"), widget=forms.RadioSelect)
    times = forms.CharField(
        label=_("Giờ"), max_length=100, help_text=_("Giờ Việt Nam, ví dụ: 06:30, 17:30.")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Các ngày trong tuần (khi lặp hằng tuần)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on = forms.DateField(label=_("Ngày (khi làm một lần)"), widget=DateInput(), required=False)
    skip_holidays = forms.BooleanField(label=_("Nghỉ vào ngày lễ, Tết"), required=False)
    except_dates = forms.CharField(
        label=_("Các ngày nghỉ khác"),
        max_length=1000,
        required=False,
        help_text=_("dd/mm/yyyy, cách nhau bằng dấu phẩy."),
    )
    responsible_department = forms.ModelChoiceField(
        label=_("Bộ phận phụ trách"), queryset=Department.objects.none(), required=False
    )
    responsible_officer = forms.ModelChoiceField(
        label=_("Người phụ trách"), queryset=Officer.objects.none(), required=False
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Đoàn thể phụ trách"), queryset=MassOrganisation.objects.none(), required=False
    )
    responsible_group = forms.ModelChoiceField(
        label=_("Tổ dân phố phụ trách"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    script = forms.CharField(
        label=_("Nội dung, kịch bản"),
        widget=forms.Textarea({"rows": 5}),
        required=False,
        help_text=_(
            "Bài đọc trên loa, nội dung bài đăng… Mỗi buổi dùng nội dung này nếu không "
            "có nội dung riêng."
        ),
    )

    def __init__(
        self,
        *args: Any,
        plan: CampaignPlan,
        channel: Channel,
        activity: CampaignActivity | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", activity_initial(plan, channel, activity))
        super().__init__(*args, **kwargs)
        self.channel = channel
        unit = plan.unit
        self._choices("kind", _kind_choices())
        self._choices("weekdays", list(enumerate(weekday_names())))
        self._queryset("responsible_department", Department.objects.filter(unit=unit))
        self._queryset("responsible_officer", Officer.objects.filter(unit=unit, active=True))
        self._queryset("responsible_organisation", MassOrganisation.objects.filter(unit=unit))
        groups = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
        self._queryset("responsible_group", groups)
        self.extra_names = list(channel.form_fields(plan))
        self.fields.update(channel.form_fields(plan))

    def _choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def _queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def common_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in COMMON]

    def channel_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.extra_names]

    def clean_times(self) -> tuple[dt.time, ...]:
        parts = [p for p in self.cleaned_data["times"].replace(";", ",").split(",") if p.strip()]
        try:
            return tuple(sorted({parse_time(p) for p in parts}))
        except (RecurrenceError, ValueError) as exc:
            raise forms.ValidationError(_gettext("Giờ viết dạng HH:MM, ví dụ 06:30.")) from exc

    def clean_except_dates(self) -> frozenset[dt.date]:
        days = set()
        for part in self.cleaned_data["except_dates"].replace(";", ",").split(","):
            if part.strip():
                try:
                    days.add(dt.datetime.strptime(part.strip(), "%d/%m/%Y").date())  # noqa: DTZ007
                except ValueError as exc:
                    raise forms.ValidationError(
                        _gettext("Ngày «%(d)s» không đúng dạng dd/mm/yyyy.") % {"d": part.strip()}
                    ) from exc
        return frozenset(days)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if {"kind", "times", "except_dates"} <= data.keys():
            try:
                data["recurrence"] = Recurrence(
                    kind=data["kind"],
                    times=data["times"],
                    weekdays=frozenset(data.get("weekdays") or []),
                    on=data.get("on"),
                    skip_holidays=bool(data.get("skip_holidays")),
                    except_dates=data["except_dates"],
                )
            except RecurrenceError:
                raise forms.ValidationError(
                    _gettext(
                        "Lịch chưa đủ: lặp hằng tuần cần chọn ngày trong tuần, làm một lần cần "
                        "chọn ngày; cần ít nhất một giờ."
                    )
                ) from None
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "recurrence": data["recurrence"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "data": self.channel.data_from_form(data),
            "responsible": Responsible(
                department=data.get("responsible_department"),
                officer=data.get("responsible_officer"),
                organisation=data.get("responsible_organisation"),
                group=data.get("responsible_group"),
            ),
            "script": data.get("script") or "",
        }


def activity_initial(
    plan: CampaignPlan, channel: Channel, activity: CampaignActivity | None
) -> dict[str, Any]:
    if activity is None:
        rule = channel.default_recurrence(plan)
        return {
            "title": str(channel.default_title),
            "starts_on": plan.period_start,
            "ends_on": plan.period_end,
            "responsible_department": plan.coordinator_id,
            **_rule_initial(rule),
        }
    rule = Recurrence.from_json(activity.recurrence)
    return {
        "title": activity.title,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "responsible_department": activity.responsible_department_id,
        "responsible_officer": activity.responsible_officer_id,
        "responsible_organisation": activity.responsible_organisation_id,
        "responsible_group": activity.responsible_group_id,
        "script": activity.script,
        **_rule_initial(rule),
        **channel.initial(activity.data),
    }


def _rule_initial(rule: Recurrence) -> dict[str, Any]:
    return {
        "kind": rule.kind,
        "times": ", ".join(t.strftime("%H:%M") for t in rule.times),
        "weekdays": sorted(rule.weekdays),
        "on": rule.on,
        "skip_holidays": rule.skip_holidays,
        "except_dates": ", ".join(d.strftime("%d/%m/%Y") for d in sorted(rule.except_dates)),
    }


class LoudspeakerAreaForm(forms.Form):
    name = forms.CharField(label=_("Tên cụm loa"), max_length=120)
    location = forms.CharField(label=_("Vị trí"), max_length=300, required=False)
    groups = forms.ModelMultipleChoiceField(
        label=_("Tổ dân phố được phủ sóng"),
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, unit: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]


class ZaloGroupForm(forms.Form):
    name = forms.CharField(label=_("Tên nhóm"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Của đoàn thể"), queryset=MassOrganisation.objects.none(), required=False
    )
    group = forms.ModelChoiceField(
        label=_("Của tổ dân phố"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    members = forms.IntegerField(
        label=_("Số thành viên"), min_value=0, max_value=1_000_000, required=False
    )
    admin_name = forms.CharField(label=_("Người quản trị"), max_length=120, required=False)

    def __init__(self, *args: Any, unit: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = MassOrganisation.objects.filter(unit=unit)  # type: ignore[attr-defined]
        groups = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.HAMLET)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
