"""The interface of a collection channel: what the response core needs to know about it.

A channel is how a response reached us (the public web form, the desk kiosk, a paper form keyed
by staff, a phone interview, another system through the API). ``response_submit`` asks the
channel whether the wave accepts it, whether its answers are protected by a proof of work and a
rate limit, whether staff enter them, and which flags a response gets by default.

How to add a channel
--------------------

1. Add its value to ``ResponseChannel`` in ``hailong/responses/models.py`` (and a migration).
2. Create ``hailong/responses/channels/<value>.py`` with a ``Channel`` subclass: set ``code``
   (the ``ResponseChannel`` value), ``label``, ``wave_channels`` (the ``WaveChannel`` values of
   a wave that enable it), ``rate_limited``, ``proof_of_work``, ``staff_entered``; override
   ``default_flags`` or ``accepts_on`` only if the defaults do not fit (say why).
3. Register the class in ``REGISTRY`` in ``hailong/responses/channels/__init__.py``.
4. Build the channel's pages or endpoint on top of ``response_submit`` (never write ``Response``
   rows yourself): pass ``entered_by`` for staff channels and an ``idempotency_key`` wherever a
   client may retry (kiosk, API).
5. Add ``tests/test_responses_channel_<value>.py``: the wave switch, default flags, who may
   submit, and one submission through the channel's own page or endpoint.
6. Add its demo data to ``hailong/responses/demo.py`` (or the channel's own app's demo).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from django.utils.functional import Promise

if TYPE_CHECKING:
    from hailong.surveys.models import SurveyWave


class Channel:
    """One collection channel. Subclasses only set class attributes, as a rule."""

    code: ClassVar[str]
    label: ClassVar[str | Promise]
    wave_channels: ClassVar[frozenset[str]]
    rate_limited: ClassVar[bool] = False
    proof_of_work: ClassVar[bool] = False
    staff_entered: ClassVar[bool] = False

    def enabled_for(self, wave: SurveyWave) -> bool:
        """Whether the wave lists one of the wave channels that carry this channel."""
        return bool(self.wave_channels & set(wave.channels))

    def accepts_on(self, wave: SurveyWave, today: dt.date) -> bool:
        """Whether a response may arrive ``today`` (local date): the wave is open."""
        return wave.status == "open" and wave.opens_on <= today <= wave.closes_on

    def default_flags(self, *, verified: bool, invited: bool) -> list[str]:
        """Flags every response of this channel gets: unproven open-link answers are marked."""
        if self.proof_of_work and not verified and not invited:
            return ["unverified"]
        return []
