"""Other systems (a partner kiosk app, the one-stop system) through the token-protected API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel


class ApiChannel(Channel):
    code = "api"
    label = _("Hệ thống khác (API)")
    wave_channels = frozenset({"online", "kiosk"})
