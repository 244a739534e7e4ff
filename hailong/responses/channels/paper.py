"""Paper forms keyed in by staff (``entered_by``); ``hailong.paper`` reconciles the batches."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from hailong.responses.channels.base import Channel

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave


class PaperChannel(Channel):
    code = "paper"
    label = _("Phiếu giấy (cán bộ nhập)")
    wave_channels = frozenset({"paper"})
    staff_entered = True

    def accepts_on(self, wave: SurveyWave, today: dt.date) -> bool:
        """``today`` is the day the form was filled in (``hailong.paper`` submits with that
        date), not the day it is keyed: keying follows the field work and often ends after the
        wave has closed. A form filled in while the wave ran counts; a planned wave takes none."""
        return wave.status != "planned" and wave.opens_on <= today <= wave.closes_on
