"""Rich text of articles, cleaned with nh3 when it is saved (never trusted when it is shown).

Kept: paragraphs, headings h2–h4, emphasis, lists, quotes, tables, links and images. Removed:
``<script>``/``<style>`` with their content, every ``on…`` handler, ``style`` and ``class``
attributes, and any URL that is not http(s), mailto or tel (so no ``javascript:``). Links get
``rel="noopener noreferrer"``; an image survives only when it is one of our own pictures
(``/trang/<unit>/thu-vien-anh/anh/<token>-<width>.jpg``), so an article never pulls a tracker
or a hot-linked file from elsewhere; it is lazy-loaded.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3

from hailong.core.text import nfc

TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
        "table", "caption", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
OWN_IMAGE = re.compile(r"^/trang/\d+/thu-vien-anh/anh/[0-9a-f]{32}-\d{2,4}\.jpg$")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_NUMBER = re.compile(r"^\d{1,4}$")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if OWN_IMAGE.match(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if _NUMBER.match(value) else None
    return value


def clean_html(html: str) -> str:
    """Safe HTML for an article body (see the module docstring for what is kept)."""
    cleaned = nh3.clean(
        nfc(html),
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned).strip()


def text_from_html(html: str) -> str:
    """The words of some HTML (for a feed's description or a summary), no tags at all."""
    text = html_lib.unescape(nh3.clean(html, tags=set()))
    return re.sub(r"\s+", " ", text).strip()
