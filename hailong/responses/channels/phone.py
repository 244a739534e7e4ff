"""Phone interviews: an interviewer records the answers (``entered_by``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel


class PhoneChannel(Channel):
    code = "phone"
    label = _("Phỏng vấn qua điện thoại")
    wave_channels = frozenset({"phone"})
    staff_entered = True
