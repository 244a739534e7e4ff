"""A tablet at the one-stop desk, locked to one wave; it retries with an idempotency key."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel


class KioskChannel(Channel):
    code = "kiosk"
    label = _("Máy tính bảng tại một cửa")
    wave_channels = frozenset({"kiosk"})
