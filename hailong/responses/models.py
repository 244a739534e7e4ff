"""Responses to a survey wave, where they came from, and what stays apart from them.

- ``Source``: an attributable link of a wave (one-stop desk, leaflet, Zalo group …) with a short
  unguessable token; its QR code is printed on posters and desk cards.
- ``Response``: one answered questionnaire, tied to the exact method version it answered, never
  deleted (``status`` valid / flagged / excluded). ``answers`` maps item code → the value the
  question-type registry stored; an item that applied but was left blank is ``None``, an item
  that did not apply (a skipped group, another transaction channel) is absent.
- ``Invitation``: a one-use code of a sampled respondent; the database allows one response each.
- ``ResponseDraft``: the server-side answers-so-far of the multi-page public form (no cookies).
- ``ContactRequest``: opt-in contact details, kept apart from the answers, purged after the wave;
  every view of them is written to ``ContactAccessLog``.
- ``UsedChallenge``: proof-of-work challenges already spent (replay protection).
"""

from __future__ import annotations

import secrets
import string
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hailong.surveys.models import RespondentType

SOURCE_ALPHABET = string.ascii_letters + string.digits
INVITATION_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
SOURCE_TOKEN_LENGTH = 10
INVITATION_CODE_LENGTH = 8


def new_source_token() -> str:
    """10 letters or digits: about 59 bits, short enough for a QR code and a typed link."""
    return "".join(secrets.choice(SOURCE_ALPHABET) for _ in range(SOURCE_TOKEN_LENGTH))


def new_invitation_code() -> str:
    """8 characters that cannot be misread (no 0/O, 1/I): 40 bits, easy to type."""
    return "".join(secrets.choice(INVITATION_ALPHABET) for _ in range(INVITATION_CODE_LENGTH))


def new_draft_key() -> str:
    """128 bits, URL-safe: the draft's id in the form's URLs (it also acts as a CSRF token)."""
    return secrets.token_urlsafe(16)


class SourceKind(models.TextChoices):
    MOT_CUA = "mot_cua", _("Bộ phận Một cửa (quầy tiếp nhận)")
    TO_ROI = "to_roi", _("Tờ rơi")
    ZALO = "zalo", _("Nhóm Zalo")
    WEBSITE = "website", _("Trang thông tin điện tử")
    LOA = "loa", _("Loa truyền thanh")
    HOI_NGHI = "hoi_nghi", _("Hội nghị, cuộc họp")
    KIOSK = "kiosk", _("Máy tính bảng (kiosk)")
    KHAC = "khac", _("Khác")


class Source(models.Model):
    """An attributable link of a wave: ``/k/<wave token>/<source token>/``."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="sources",
    )
    token = models.CharField(max_length=16, unique=True, default=new_source_token, editable=False)
    kind = models.CharField(_("loại nguồn"), max_length=12, choices=SourceKind.choices)
    label = models.CharField(_("tên nguồn"), max_length=200)
    residential_group = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("tổ dân phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mass_organisation = models.ForeignKey(
        "units.MassOrganisation",
        verbose_name=_("đoàn thể"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("nguồn")
        verbose_name_plural = _("nguồn")
        ordering: ClassVar[list[str]] = ["wave", "kind", "label"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["wave", "label"], name="source_label_unique_per_wave")
        ]

    def __str__(self) -> str:
        return self.label


class ResponseChannel(models.TextChoices):
    WEB = "web", _("Biểu mẫu trực tuyến")
    KIOSK = "kiosk", _("Máy tính bảng tại một cửa")
    PAPER = "paper", _("Phiếu giấy (cán bộ nhập)")
    PHONE = "phone", _("Phỏng vấn qua điện thoại")
    API = "api", _("Hệ thống khác (API)")


class ResponseStatus(models.TextChoices):
    VALID = "valid", _("Hợp lệ")
    FLAGGED = "flagged", _("Cần xem xét")
    EXCLUDED = "excluded", _("Không tính")


class TransactionChannel(models.TextChoices):
    DIRECT = "direct", _("Trực tiếp tại bộ phận một cửa")
    POST = "post", _("Qua dịch vụ bưu chính")
    ONLINE = "online", _("Trực tuyến (dịch vụ công trực tuyến)")


class Flag(models.TextChoices):
    UNVERIFIED = "unverified", _("Không xác minh được thiết bị (không chạy JavaScript)")
    TOO_FAST = "too_fast", _("Trả lời quá nhanh")
    BURST = "burst", _("Nhiều phiếu liên tiếp từ một thiết bị")


class Invitation(models.Model):
    """A one-use invitation to answer (from the sample); one response at most, by the database."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    code = models.CharField(
        _("mã mời"), max_length=16, unique=True, default=new_invitation_code, editable=False
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stratum = models.JSONField(_("tầng mẫu"), default=dict, blank=True)
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thư mời khảo sát")
        verbose_name_plural = _("thư mời khảo sát")
        ordering: ClassVar[list[str]] = ["wave", "created_at"]

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    """One answered questionnaire of a wave, on the method version it answered."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    method_version = models.ForeignKey(
        "surveys.MethodVersion",
        verbose_name=_("phiên bản phương pháp"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    channel = models.CharField(_("kênh"), max_length=8, choices=ResponseChannel.choices)
    source = models.ForeignKey(
        Source,
        verbose_name=_("nguồn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    respondent_type = models.CharField(
        _("đối tượng"),
        max_length=12,
        choices=RespondentType.choices,
        default=RespondentType.INDIVIDUAL,
    )
    transaction_channel = models.CharField(
        _("hình thức giao dịch"),
        max_length=8,
        choices=TransactionChannel.choices,
        null=True,
        blank=True,
    )
    answers = models.JSONField(_("câu trả lời"), default=dict)
    reasons = models.JSONField(_("lý do"), default=dict, blank=True)
    respondent = models.JSONField(_("thông tin người trả lời"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"))
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ResponseStatus.choices,
        default=ResponseStatus.VALID,
    )
    verified = models.BooleanField(_("đã xác minh thiết bị"), default=False)
    flags = models.JSONField(_("dấu hiệu"), default=list, blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("thư mời"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ nhập"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        ordering: ClassVar[list[str]] = ["-submitted_at"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["wave", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="response_idempotency_unique_per_wave",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ResponseStatus.values), name="response_status_known"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["unit", "submitted_at"], name="response_unit_time"),
            models.Index(fields=["wave", "submitted_at"], name="response_wave_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.wave_id} {self.channel}"


class ResponseDraft(models.Model):
    """The public form's answers so far, keyed by an unguessable id carried in the URL."""

    key = models.CharField(max_length=32, unique=True, default=new_draft_key, editable=False)
    wave = models.ForeignKey(
        "surveys.SurveyWave", on_delete=models.CASCADE, related_name="response_drafts"
    )
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invitation_code = models.CharField(max_length=16, blank=True, default="")
    language = models.CharField(max_length=8, default="vi")
    answers = models.JSONField(default=dict)  # form field name → list of raw strings
    page = models.PositiveSmallIntegerField(default=1)
    verified = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("phiếu đang trả lời")
        verbose_name_plural = _("phiếu đang trả lời")

    def __str__(self) -> str:
        return f"draft {self.pk}"


class ContactRequest(models.Model):
    """A respondent's opt-in request to be contacted: identity, kept apart from the answers."""

    wave = models.ForeignKey(
        "surveys.SurveyWave",
        verbose_name=_("đợt khảo sát"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    response = models.ForeignKey(
        Response, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("họ và tên"), max_length=120, blank=True, default="")
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True, default="")
    email = models.EmailField(_("thư điện tử"), max_length=200, blank=True, default="")
    message = models.TextField(_("nội dung cần trao đổi"), max_length=1000, blank=True, default="")
    consent_text = models.TextField(_("nội dung đồng ý"))
    consent_at = models.DateTimeField(_("đồng ý lúc"))
    purge_after = models.DateField(_("xóa sau ngày"))
    handled_at = models.DateTimeField(_("đã liên hệ lúc"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu liên hệ")
        verbose_name_plural = _("yêu cầu liên hệ")
        ordering: ClassVar[list[str]] = ["handled_at", "-created_at"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["purge_after"], name="contact_purge_after")
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"


class ContactAccess(models.TextChoices):
    VIEW = "view", _("Xem")
    HANDLE = "handle", _("Đánh dấu đã liên hệ")


class ContactAccessLog(models.Model):
    """Who saw (or handled) which contact request, and when. Kept after the request is purged."""

    request = models.ForeignKey(
        ContactRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="accesses"
    )
    request_ref = models.PositiveBigIntegerField(_("mã yêu cầu"))
    wave = models.ForeignKey(
        "surveys.SurveyWave", on_delete=models.CASCADE, related_name="+", null=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("tài khoản"), max_length=150)
    action = models.CharField(_("thao tác"), max_length=8, choices=ContactAccess.choices)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần truy cập thông tin liên hệ")
        verbose_name_plural = _("nhật ký truy cập thông tin liên hệ")
        ordering: ClassVar[list[str]] = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {self.action} #{self.request_ref}"


class UsedChallenge(models.Model):
    """A proof-of-work challenge already accepted once: a second use is a replay."""

    challenge = models.CharField(max_length=128, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.challenge[:12]
