"""The collection-channel registry: ``Response.channel`` → the class that describes it.

See ``hailong.responses.channels.base`` for the interface and the checklist to add a channel.
"""

from __future__ import annotations

from hailong.responses.channels.api import ApiChannel
from hailong.responses.channels.base import Channel
from hailong.responses.channels.kiosk import KioskChannel
from hailong.responses.channels.paper import PaperChannel
from hailong.responses.channels.phone import PhoneChannel
from hailong.responses.channels.web import WebChannel

REGISTRY: dict[str, type[Channel]] = {
    cls.code: cls for cls in (WebChannel, KioskChannel, PaperChannel, PhoneChannel, ApiChannel)
}


def channel_get(code: str) -> Channel:
    """The channel ``code``; ``KeyError`` for an unknown one."""
    return REGISTRY[code]()


__all__ = ["REGISTRY", "Channel", "channel_get"]
