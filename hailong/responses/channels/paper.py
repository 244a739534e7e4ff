"""Paper forms keyed in by staff (``entered_by``); a batch reconciles the count."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel


class PaperChannel(Channel):
    code = "paper"
    label = _("Phiếu giấy (cán bộ nhập)")
    wave_channels = frozenset({"paper"})
    staff_entered = True
