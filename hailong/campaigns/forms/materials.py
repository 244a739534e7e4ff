"""Forms of materials: create (kind, topic, tracked link), edit, upload a recording, attach."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hailong.campaigns.materials import material_choices
from hailong.campaigns.materials.article import RESULTS, SUMMARY
from hailong.campaigns.models import CampaignPlan, Material


class MaterialCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), widget=forms.RadioSelect)
    topic = forms.TypedChoiceField(
        label=_("Nội dung tuyên truyền (kịch bản phát thanh)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    link_label = forms.CharField(
        label=_("Tên đường dẫn theo dõi"),
        max_length=200,
        required=False,
        help_text=_(
            "Ví dụ «Zalo nhóm Hội Phụ nữ», «Bài trên trang thông tin». Mỗi tên là một nguồn của "
            "đợt khảo sát, có mã QR riêng; tên đã có thì dùng lại nguồn đó."
        ),
    )
    variant = forms.ChoiceField(
        label=_("Loại bài viết"),
        choices=[(SUMMARY, _("Bài tổng hợp, mời tham gia")), (RESULTS, _("Bài báo cáo kết quả"))],
        initial=RESULTS,
        required=False,
    )
    figures = forms.BooleanField(
        label=_("Đưa số liệu mới nhất (số phiếu, chỉ số hài lòng) vào nội dung"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, plan: CampaignPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = material_choices()
        topic_field = self.fields["topic"]
        assert isinstance(topic_field, forms.ChoiceField)
        topic_field.choices = [
            (i, f"{i}. {str(t)[:90]}") for i, t in enumerate(plan.content_topics or [], 1)
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "topic": data.get("topic"),
            "link_label": data.get("link_label") or "",
            "options": {"figures": bool(data.get("figures")), "variant": data.get("variant")},
        }


class MaterialEditForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(
        label=_("Tóm tắt"), max_length=1000, required=False, widget=forms.Textarea({"rows": 2})
    )
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea({"rows": 14}))

    @classmethod
    def for_material(cls, material: Material, data: Any = None) -> MaterialEditForm:
        initial = {"title": material.title, "summary": material.summary, "text": material.text}
        return cls(data, initial=initial)


class RecordingForm(forms.Form):
    audio = forms.FileField(
        label=_("Bản thu âm (MP3, WAV, OGG, M4A, AMR)"),
        widget=forms.ClearableFileInput({"accept": "audio/*"}),
    )


class AttachForm(forms.Form):
    activity = forms.TypedChoiceField(label=_("Hoạt động phát thanh"), coerce=int)

    def __init__(self, *args: Any, material: Material, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        assert isinstance(field, forms.ChoiceField)
        rows = material.plan.activities.filter(channel="loudspeaker").order_by("starts_on", "pk")
        field.choices = [(a.pk, a.title) for a in rows]
