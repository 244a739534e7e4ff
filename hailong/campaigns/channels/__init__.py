"""The registry of campaign channels: one module per kind, the same shape (``base.Channel``).

To add a channel kind:

1. a module here with a ``Channel`` subclass (``key``, ``label``, ``count_word``,
   ``default_title``, and what it overrides: ``default_recurrence``, ``form_fields`` /
   ``data_from_form`` / ``initial``, ``clean_data``, ``targets``, ``outcome_fields``,
   ``coverage``);
2. its instance in ``CHANNELS`` below (the order is the order of forms and tables);
3. ``tests/test_campaigns_channel_<key>.py``: its data is checked and its targets generated.

The Materials work (scripts, audio, leaflets, article drafts) hangs off the same keys.
"""

from __future__ import annotations

from hailong.campaigns.channels.base import Channel, OutcomeField, Target
from hailong.campaigns.channels.leaflet import Leaflet
from hailong.campaigns.channels.loudspeaker import Loudspeaker
from hailong.campaigns.channels.meeting import Meeting
from hailong.campaigns.channels.other import Other
from hailong.campaigns.channels.website import Website
from hailong.campaigns.channels.zalo import Zalo

CHANNELS: dict[str, Channel] = {
    channel.key: channel
    for channel in (Loudspeaker(), Website(), Zalo(), Leaflet(), Meeting(), Other())
}

__all__ = ["CHANNELS", "Channel", "OutcomeField", "Target", "channel_get", "channel_label"]


def channel_get(key: str) -> Channel | None:
    return CHANNELS.get(key)


def channel_label(key: str) -> str:
    channel = CHANNELS.get(key)
    return str(channel.label) if channel else key


def channel_choices() -> list[tuple[str, str]]:
    return [(key, str(channel.label)) for key, channel in CHANNELS.items()]
