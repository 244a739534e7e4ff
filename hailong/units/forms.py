"""Forms for the unit tree: they check shape; ``services`` checks the rules."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from hailong.core.forms import DateInput
from hailong.units.models import (
    KIND_LEVEL,
    PARENT_LEVELS,
    AdministrativeUnit,
    Department,
    DepartmentKind,
    MassOrganisationKind,
    UnitKind,
    UnitLevel,
)


class UnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    name = forms.CharField(
        label=_("Tên đầy đủ"),
        max_length=200,
        help_text=_("Ví dụ: Phường Vĩnh Phúc, Tổ dân phố số 5."),
    )
    code = forms.CharField(label=_("Mã đơn vị (nếu có)"), max_length=20, required=False)
    valid_from = forms.DateField(label=_("Hiệu lực từ ngày"), required=False, widget=DateInput())
    valid_to = forms.DateField(
        label=_("Hiệu lực đến ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống nếu đơn vị còn hoạt động."),
    )
    population = forms.IntegerField(
        label=_("Dân số"), required=False, min_value=0, max_value=100_000_000
    )
    households = forms.IntegerField(
        label=_("Số hộ"), required=False, min_value=0, max_value=50_000_000
    )
    address = forms.CharField(label=_("Địa chỉ trụ sở"), max_length=300, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254, required=False)
    website = forms.URLField(
        label=_("Trang thông tin điện tử"), max_length=200, required=False, assume_scheme="https"
    )

    def __init__(
        self,
        *args: Any,
        parent: AdministrativeUnit | None = None,
        creating_root: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        allowed: set[int] | None = None
        if parent is not None:
            allowed = {lvl for lvl, parents in PARENT_LEVELS.items() if parent.level in parents}
        elif creating_root:
            allowed = {UnitLevel.PROVINCE}
        if allowed is not None:
            self.fields["kind"].choices = [  # type: ignore[attr-defined]
                (k, label) for k, label in UnitKind.choices if KIND_LEVEL[k] in allowed
            ]


class SuccessionForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Đơn vị kế thừa"), queryset=AdministrativeUnit.objects.none()
    )
    effective_date = forms.DateField(label=_("Ngày có hiệu lực"), widget=DateInput())
    share = forms.DecimalField(
        label=_("Tỷ trọng (0–1)"),
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=4,
        localize=True,
        help_text=_("Ví dụ 0,6 nếu 60% dân số của đơn vị cũ chuyển sang đơn vị mới."),
    )
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=300, required=False)

    def __init__(self, *args: Any, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["successor"].queryset = candidates  # type: ignore[attr-defined]


class DepartmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại bộ phận"), choices=DepartmentKind.choices)
    name = forms.CharField(label=_("Tên bộ phận"), max_length=200)
    code = forms.CharField(label=_("Mã"), max_length=30, required=False)
    active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)


class OfficerForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    title = forms.CharField(label=_("Chức danh"), max_length=150, required=False)
    department = forms.ModelChoiceField(
        label=_("Bộ phận"), queryset=Department.objects.none(), required=False
    )
    code = forms.CharField(label=_("Mã cán bộ"), max_length=30, required=False)
    active = forms.BooleanField(label=_("Đang công tác"), required=False, initial=True)

    def __init__(self, *args: Any, unit: AdministrativeUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            unit=unit
        )


class MassOrganisationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tổ chức"), choices=MassOrganisationKind.choices)
    name = forms.CharField(label=_("Tên tổ chức"), max_length=200)
    leader_name = forms.CharField(label=_("Người đứng đầu"), max_length=120, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    members = forms.IntegerField(
        label=_("Số hội viên"), required=False, min_value=0, max_value=10_000_000
    )


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách đơn vị (.csv hoặc .xlsx)"),
        help_text=_("Dòng tiêu đề cần có cột «ten» và «loai»; xem bảng các cột bên dưới."),
    )
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi vào hệ thống"), required=False)

    SUFFIXES = (".csv", ".xlsx", ".txt")

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in self.SUFFIXES:
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        limit = settings.HAILONG_MAX_IMPORT_BYTES
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("Tệp lớn hơn giới hạn %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        return upload
