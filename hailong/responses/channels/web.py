"""The public web form: open links and QR codes, anyone may answer (proof of work, rate limit)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel


class WebChannel(Channel):
    code = "web"
    label = _("Biểu mẫu trực tuyến")
    wave_channels = frozenset({"online"})
    rate_limited = True
    proof_of_work = True
