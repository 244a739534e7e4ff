"""The interface every material kind implements (one module per kind).

A kind says what it is called, which campaign channel and which kind of tracked link
(``responses.SourceKind``) it belongs to, how its first text is written from the plan, the
wave's live figures and the topic (``generate``), how the officer's edits are cleaned
(``clean_text``) and which files it offers (``files``: PDF, PNG, SVG, audio), each built on
demand from the stored, edited material.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from django.utils.translation import gettext as _

from hailong.core.errors import ServiceError
from hailong.core.text import nfc

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from hailong.campaigns.materials.context import MaterialContext
    from hailong.campaigns.models import Material

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Generated:
    """What a kind writes before the officer edits it."""

    title: str
    text: str
    summary: str = ""


@dataclass(frozen=True)
class FileSpec:
    """A file a kind offers: its label, slug (``/tep/<slug>/``), MIME type and builder."""

    slug: str
    label: StrOrPromise
    content_type: str
    extension: str
    build: Callable[[Material], bytes]


class MaterialKind:
    key: ClassVar[str]
    label: ClassVar[StrOrPromise]
    channel: ClassVar[str]  # a key of hailong.campaigns.channels.CHANNELS
    source_kind: ClassVar[str]  # a value of hailong.responses.models.SourceKind
    source_label: ClassVar[StrOrPromise]  # "Tờ rơi", "Bài trên trang thông tin" …
    uses_topic: ClassVar[bool] = False
    has_audio: ClassVar[bool] = False
    html: ClassVar[bool] = False  # the text is HTML (sanitised), not plain text

    def generate(self, ctx: MaterialContext) -> Generated:
        raise NotImplementedError

    def clean_text(self, text: str) -> str:
        """Plain text: NFC, Windows line ends folded, trailing spaces off, a size limit."""
        text = nfc(text).replace("\r\n", "\n").strip()
        if len(text) > MAX_TEXT:
            raise ServiceError(
                _("Nội dung quá dài (tối đa %(n)s ký tự).") % {"n": MAX_TEXT}, field="text"
            )
        return "\n".join(line.rstrip() for line in text.split("\n"))

    def files(self) -> tuple[FileSpec, ...]:
        return ()

    def file_spec(self, slug: str) -> FileSpec | None:
        return next((f for f in self.files() if f.slug == slug), None)
