"""Turn matplotlib's SVG into a small, accessible fragment that can be inlined in a page.

matplotlib writes an XML declaration, a DOCTYPE, an id on every group, six-decimal coordinates
and ``style="…"`` attributes, which our Content-Security-Policy (``style-src 'self'``) blocks
in an HTML page. Inlined twice on one page, its ids would also collide. ``svg_tidy``:

1. drops the XML declaration, the DOCTYPE, any ``<metadata>`` (no dates: stable output) and the
   global ``<style>`` rule (its two properties move to the root as attributes);
2. drops every id nothing refers to and renames the rest ``<chart id>-<n>``;
3. rewrites ``style`` attributes as presentation attributes (``fill="#fff"``), which CSP allows;
   the font list moves to the root once, with the generic ``sans-serif`` appended;
4. rounds coordinates to 0.1 pt, writes rectangles with H/V, drops no-op rotations and unwraps
   single-element groups;
5. adds ``role="img"``, ``aria-labelledby`` and the ``<title>``/``<desc>`` it points at.
"""

from __future__ import annotations

import hashlib
import re
from html import escape

_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_GLOBAL_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>")
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r"(url\(#|href=\"#)([^\")]+)")
_STYLE = re.compile(r' style="([^"]*)"')
_FONT_FAMILY = re.compile(r' font-family="([^"]*)"')
_GEOMETRY = re.compile(r' (d|x|y|width|height|transform)="([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+")
_N = r"(-?[\d.]+)"
_RECTANGLE = re.compile(rf"M {_N} {_N} L {_N} \2 L \3 {_N} L \1 \4 z")
_NO_ROTATION = re.compile(r' transform="rotate\(-?0 [^)]*\)"')
_LONE_CHILD = re.compile(r"<g>\n(<(?:path|use)\b[^<]*/>|<text\b[^<]*>[^<]*</text>)\n</g>")
_BETWEEN_TAGS = re.compile(r">\s+<")
_ROOT = re.compile(r"<svg\b([^>]*)>")

# CSS properties matplotlib writes that SVG also accepts as presentation attributes.
PRESENTATION = frozenset(
    {
        "clip-path",
        "fill",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
    }
)
ROOT_DEFAULTS = 'stroke-linejoin="round" stroke-linecap="butt"'


def svg_tidy(raw: str, *, title: str, description: str) -> str:
    """The cleaned, labelled SVG fragment (see the module docstring for the steps)."""
    body = _METADATA.sub("", _PROLOGUE.sub("", raw, count=1))
    body = _GLOBAL_STYLE.sub("", body, count=1)
    chart_id = "chart-" + hashlib.sha256((title + description + body).encode()).hexdigest()[:8]
    body = _scope_ids(body, chart_id)
    body = _STYLE.sub(_as_attributes, body)
    body, family = _hoist_font_family(body)
    body = _NO_ROTATION.sub("", _GEOMETRY.sub(_compact_geometry, body))
    body = _unwrap_lone_children(_BETWEEN_TAGS.sub(">\n<", body))
    root = f'{ROOT_DEFAULTS} font-family="{family}"' if family else ROOT_DEFAULTS
    return _label_root(body, chart_id, root, title=title, description=description)


def _scope_ids(body: str, chart_id: str) -> str:
    referenced = dict.fromkeys(name for _, name in _REFERENCE.findall(body))
    short = {name: f"{chart_id}-{i}" for i, name in enumerate(referenced, start=1)}

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{short[name]}"' if name in short else ""

    body = _ID.sub(rename, body)
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{short[m.group(2)]}", body)


def _as_attributes(match: re.Match[str]) -> str:
    attributes, rest = [], []
    for declaration in match.group(1).split(";"):
        name, _, value = (part.strip() for part in declaration.partition(":"))
        if not name:
            continue
        if name in PRESENTATION:
            attributes.append(f' {name}="{value}"')
        else:
            rest.append(f"{name}: {value}")
    kept = f' style="{"; ".join(rest)}"' if rest else ""
    return "".join(attributes) + kept


def _hoist_font_family(body: str) -> tuple[str, str]:
    """Move the (single) font list to the root; it is inherited by every ``<text>``."""
    families = set(_FONT_FAMILY.findall(body))
    if len(families) != 1:
        return body, ""
    family = families.pop()
    if not family.endswith("sans-serif"):
        family = f"{family}, sans-serif"
    return _FONT_FAMILY.sub("", body), family


def _compact_geometry(match: re.Match[str]) -> str:
    value = _NUMBER.sub(_round_number, " ".join(match.group(2).split()))
    if match.group(1) == "d":
        value = _RECTANGLE.sub(r"M\1 \2H\3V\4H\1z", value)
    return f' {match.group(1)}="{value}"'


def _round_number(match: re.Match[str]) -> str:
    text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _unwrap_lone_children(body: str) -> str:
    previous = None
    while previous != body:
        previous, body = body, _LONE_CHILD.sub(r"\1", body)
    return body


def _label_root(body: str, chart_id: str, root: str, *, title: str, description: str) -> str:
    labels = (
        f'<title id="{chart_id}-title">{escape(title)}</title>\n'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )

    def label(match: re.Match[str]) -> str:
        attributes = (
            f'{match.group(1)} id="{chart_id}" class="chart" {root} role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc"'
        )
        return f"<svg{attributes}>\n{labels}"

    return _ROOT.sub(label, body, count=1).strip() + "\n"
