"""Charts drawn on the server, so that one chart appears on screen, in PDF and in DOCX alike.

matplotlib (object API, no pyplot, Agg) → SVG with real text (``svg.fonttype="none"``), a fixed
``svg.hashsalt`` and no date metadata, so the same data always gives the same bytes. The SVG is
tidied by ``hailong.reports.svg`` (a few KB, unique ids, ``<title>``/``<desc>``, ``role="img"``).
DOCX takes ``chart.png(dpi)``. Every chart also carries a text alternative (``description``)
and its data as a table (``table``) for screen readers and a table view.

Colours: bars and lines use Okabe–Ito colours that keep at least 3:1 contrast on white, and
series differ by marker and line style too, never by colour alone; the five-level scale uses a
ColorBrewer PuOr ramp (safe for the common colour-vision deficiencies) with labels in words.
Percentages are written by ``format_pct``, the one rounding of the project.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, cast

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.ticker import FuncFormatter

from hailong.core.text import nfc
from hailong.indices.engine import format_pct
from hailong.reports.svg import svg_tidy

HASH_SALT = "hailong-charts-v1"
FONT_CANDIDATES = ("Liberation Sans", "Noto Sans", "DejaVu Sans")
_VIETNAMESE = (
    "ĂÂĐÊÔƠƯăâđêôơưẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
    "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
)

INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"
WHITE = "#ffffff"
# Okabe–Ito blue, vermillion, bluish green, reddish purple: each ≥ 3:1 against white.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#6A3D9A", "#5F6B73")
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P")
SERIES_LINES = ("-", "--", "-.", ":", "-", "--")
# ColorBrewer PuOr, 5 classes with a grey middle: level 1 (worst) … level 5 (best).
LEVEL_COLOURS = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")
EVENT_MARKERS = ("^", "s", "D", "o", "v", "P")
WIDTH_IN = 6.3
_LABEL_BOX = {"facecolor": WHITE, "edgecolor": "none", "pad": 0.6}

Cell = str


@dataclass(frozen=True)
class ChartTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    description: str
    table: ChartTable
    draw: Callable[[], Figure] = field(repr=False, compare=False)

    def png(self, dpi: int = 200) -> bytes:
        """The same chart as a PNG (for DOCX), ``dpi`` dots per inch."""
        return _render(self.draw, "png", dpi=dpi, metadata={"Software": None})


@dataclass(frozen=True)
class TimelineEvent:
    """Something the campaign did on a day (a broadcast, a post, a leaflet run…)."""

    day: dt.date
    kind: str
    label: str = ""


# --- Public chart functions -----------------------------------------------------------------


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    sort: Literal["ascending", "descending"] | None = None,
    reference: float | None = None,
    reference_label: str = "",
    label_header: str = "",
    value_header: str = "",
    description: str = "",
) -> Chart:
    """Horizontal bars of percentages (0–100) labelled ``86,50%``; ``None`` means no data."""
    rows = _sorted_items([(nfc(label), value) for label, value in items], sort)
    title, reference_label = nfc(title), nfc(reference_label) or _("Tham chiếu")
    headers = (label_header or _("Nội dung"), value_header or _("Tỷ lệ (%)"))
    table_rows = [(label, _pct_label(value)) for label, value in rows]
    if reference is not None:
        table_rows.append((reference_label, _pct_label(reference)))

    def draw() -> Figure:
        return _draw_bars(title, rows, reference, reference_label)

    text = description or _describe_bars(rows, reference, reference_label)
    return _chart(title, text, ChartTable(headers, tuple(table_rows)), draw)


def stacked_distribution(
    title: str,
    items: Sequence[tuple[str, Sequence[int]]],
    *,
    level_labels: Sequence[str] = (),
    label_header: str = "",
    description: str = "",
) -> Chart:
    """Per item, the share of each of the 5 levels as a 100 % stacked bar, legend in words."""
    levels = tuple(nfc(label) for label in level_labels) or default_level_labels()
    rows = [(nfc(label), tuple(counts)) for label, counts in items]
    if any(len(counts) != len(levels) for _, counts in rows):
        raise ValueError("every item needs one count per level")
    shares = [(label, _shares(counts)) for label, counts in rows]
    headers = (label_header or _("Nội dung"), *levels, _("Số ý kiến"))
    table_rows = tuple(
        (label, *(_pct_label(s) for s in share), _count(sum(counts)))
        for (label, counts), (_, share) in zip(rows, shares, strict=True)
    )
    title = nfc(title)

    def draw() -> Figure:
        return _draw_stacked(title, shares, levels)

    text = description or _describe_stacked(rows, shares, levels)
    return _chart(title, text, ChartTable(headers, table_rows), draw)


def line_chart(
    title: str,
    periods: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    period_header: str = "",
    description: str = "",
) -> Chart:
    """Percentages over periods, one line per series; ``None`` leaves a gap in the line."""
    labels = [nfc(p) for p in periods]
    lines = {nfc(name): list(values) for name, values in series.items()}
    if any(len(values) != len(labels) for values in lines.values()):
        raise ValueError("every series needs one value per period")
    headers = (period_header or _("Kỳ"), *lines)
    table_rows = tuple(
        (period, *(_pct_label(values[i]) for values in lines.values()))
        for i, period in enumerate(labels)
    )
    title = nfc(title)

    def draw() -> Figure:
        return _draw_lines(title, labels, lines)

    text = description or _describe_lines(labels, lines)
    return _chart(title, text, ChartTable(headers, table_rows), draw)


def timeline_chart(
    title: str,
    days: Sequence[dt.date],
    counts: Mapping[str, Sequence[int]],
    events: Sequence[TimelineEvent] = (),
    *,
    description: str = "",
) -> Chart:
    """Daily counts per source as stacked bars, with the campaign's events marked underneath."""
    sources = {nfc(name): list(values) for name, values in counts.items()}
    if any(len(values) != len(days) for values in sources.values()):
        raise ValueError("every source needs one count per day")
    marks = [TimelineEvent(e.day, nfc(e.kind), nfc(e.label)) for e in events if e.day in days]
    headers = (_("Ngày"), *sources, _("Tổng"), _("Hoạt động tuyên truyền"))
    table_rows = tuple(_timeline_row(day, i, sources, marks) for i, day in enumerate(days))
    title = nfc(title)

    def draw() -> Figure:
        return _draw_timeline(title, list(days), sources, marks)

    text = description or _describe_timeline(list(days), sources, marks)
    return _chart(title, text, ChartTable(headers, table_rows), draw)


def default_level_labels() -> tuple[str, ...]:
    return (
        _("Rất không hài lòng"),
        _("Không hài lòng"),
        _("Bình thường"),
        _("Hài lòng"),
        _("Rất hài lòng"),
    )


# --- Rendering --------------------------------------------------------------------------------


@cache
def font_families() -> tuple[str, ...]:
    """The candidate families whose font, as matplotlib resolves it, has Vietnamese letters.

    Debian's old ``fonts-liberation`` lacks most of them and matplotlib may pick it over
    ``fonts-liberation2``; drawing with it would mix fonts letter by letter in the PNG.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    usable = []
    for family in FONT_CANDIDATES:
        properties = font_manager.FontProperties(family=family)
        path = font_manager.findfont(properties, fallback_to_default=False)
        charmap = FT2Font(path).get_charmap()
        if all(ord(ch) in charmap for ch in _VIETNAMESE):
            usable.append(family)
    return tuple(usable) or ("DejaVu Sans",)


def _rc() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": HASH_SALT,
        "font.family": list(font_families()),
        "font.size": 8.5,
        "text.color": INK,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "legend.frameon": False,
        "legend.fontsize": 8,
        "path.simplify": True,
    }


def _render(draw: Callable[[], Figure], fmt: str, **options: Any) -> bytes:
    with matplotlib.rc_context(cast(Any, _rc())):
        figure = draw()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, **options)
    return buffer.getvalue()


def _chart(title: str, description: str, table: ChartTable, draw: Callable[[], Figure]) -> Chart:
    metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
    raw = _render(draw, "svg", metadata=metadata).decode()
    svg = svg_tidy(raw, title=title, description=description)
    return Chart(svg=svg, title=title, description=description, table=table, draw=draw)


def _figure(height: float) -> Figure:
    return Figure(figsize=(WIDTH_IN, height), layout="constrained")


def _wrap(label: str, width: int = 36) -> str:
    """Wrap a long label into lines of similar length (no one-word last line)."""
    lines = textwrap.wrap(label, width)
    if len(lines) < 2:
        return label
    for narrower in range(math.ceil(len(label) / len(lines)), width):
        balanced = textwrap.wrap(label, narrower)
        if len(balanced) == len(lines):
            return "\n".join(balanced)
    return "\n".join(lines)


def _percent_axis(axis: Any) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0f}%"))


# --- Bars -------------------------------------------------------------------------------------


def _draw_bars(
    title: str,
    rows: list[tuple[str, float | None]],
    reference: float | None,
    reference_label: str,
) -> Figure:
    figure = _figure(0.9 + 0.32 * max(len(rows), 1))
    ax = figure.add_subplot()
    positions = list(range(len(rows)))
    widths = [value or 0.0 for _, value in rows]
    ax.barh(positions, widths, height=0.62, color=SERIES_COLOURS[0])
    ax.set_yticks(positions, labels=[_wrap(label) for label, _ in rows])
    ax.tick_params(axis="y", length=0)
    ax.invert_yaxis()
    for position, (_label, value) in enumerate(rows):
        x = (value or 0.0) + 1.2
        ax.text(x, position, _pct_label(value), va="center", fontsize=7.5, bbox=_LABEL_BOX)
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 20))
    _percent_axis(ax.xaxis)
    ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    if reference is not None:
        label = f"{reference_label}: {_pct_label(reference)}"
        ax.axvline(reference, color=SERIES_COLOURS[1], linestyle="--", linewidth=1.2, label=label)
        figure.legend(loc="outside lower left")
    ax.set_title(title, loc="left")
    return figure


def _sorted_items(
    rows: list[tuple[str, float | None]], sort: Literal["ascending", "descending"] | None
) -> list[tuple[str, float | None]]:
    if sort is None:
        return rows
    reverse = sort == "descending"
    with_data = sorted((r for r in rows if r[1] is not None), key=_value, reverse=reverse)
    return with_data + [r for r in rows if r[1] is None]


def _value(row: tuple[str, float | None]) -> float:
    return row[1] if row[1] is not None else math.nan


def _describe_bars(
    rows: list[tuple[str, float | None]], reference: float | None, reference_label: str
) -> str:
    known = [(label, value) for label, value in rows if value is not None]
    text = _("Biểu đồ thanh, %(n)s mục.") % {"n": len(rows)}
    if known:
        high = max(known, key=_value)
        low = min(known, key=_value)
        text += " " + _("Cao nhất: %(hl)s (%(hv)s); thấp nhất: %(ll)s (%(lv)s).") % {
            "hl": high[0],
            "hv": _pct_label(high[1]),
            "ll": low[0],
            "lv": _pct_label(low[1]),
        }
    if len(known) < len(rows):
        text += " " + _("%(n)s mục chưa có số liệu.") % {"n": len(rows) - len(known)}
    if reference is not None:
        text += f" {reference_label}: {_pct_label(reference)}."
    return text


# --- Stacked distribution ---------------------------------------------------------------------


def _shares(counts: Sequence[int]) -> tuple[float | None, ...]:
    total = sum(counts)
    return tuple((100 * c / total if total else None) for c in counts)


def _draw_stacked(
    title: str, shares: list[tuple[str, tuple[float | None, ...]]], levels: tuple[str, ...]
) -> Figure:
    figure = _figure(1.35 + 0.34 * max(len(shares), 1))
    ax = figure.add_subplot()
    positions = list(range(len(shares)))
    lefts = [0.0] * len(shares)
    for level, colour in enumerate(LEVEL_COLOURS[: len(levels)]):
        widths = [share[level] or 0.0 for _, share in shares]
        ax.barh(positions, widths, left=lefts, height=0.62, color=colour, edgecolor=WHITE)
        ink = text_colour_on(colour)
        for position, (left, width) in enumerate(zip(lefts, widths, strict=True)):
            if width >= 9:
                label = format_pct(width)
                ax.text(left + width / 2, position, label, ha="center", va="center", color=ink)
        lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    ax.set_yticks(positions, labels=[_wrap(label) for label, _ in shares])
    ax.tick_params(axis="y", length=0)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    _percent_axis(ax.xaxis)
    pairs = zip(LEVEL_COLOURS, levels, strict=False)
    handles = [Patch(facecolor=colour, label=label) for colour, label in pairs]
    figure.legend(handles=handles, loc="outside lower center", ncols=3)
    ax.set_title(title, loc="left")
    return figure


def _describe_stacked(
    rows: list[tuple[str, tuple[int, ...]]],
    shares: list[tuple[str, tuple[float | None, ...]]],
    levels: tuple[str, ...],
) -> str:
    sizes = {"n": len(rows), "k": len(levels)}
    parts = [_("Biểu đồ thanh chồng 100%%, %(n)s mục, %(k)s mức.") % sizes]
    for (label, counts), (_label, share) in zip(rows, shares, strict=True):
        spread = ", ".join(f"{lv} {_pct_label(s)}" for lv, s in zip(levels, share, strict=True))
        parts.append(f"{label} ({_count(sum(counts))}): {spread}.")
    return " ".join(parts)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``."""
    return INK if contrast_ratio(fill, INK) >= contrast_ratio(fill, WHITE) else WHITE


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- Lines ------------------------------------------------------------------------------------


def _draw_lines(title: str, periods: list[str], lines: dict[str, list[float | None]]) -> Figure:
    figure = _figure(3.0)
    ax = figure.add_subplot()
    positions = list(range(len(periods)))
    for i, (name, values) in enumerate(lines.items()):
        ys = [math.nan if v is None else v for v in values]
        style = i % len(SERIES_COLOURS)
        ax.plot(
            positions,
            ys,
            label=name,
            color=SERIES_COLOURS[style],
            marker=SERIES_MARKERS[style],
            linestyle=SERIES_LINES[style],
            linewidth=1.6,
            markersize=4.5,
        )
    ax.set_xticks(positions, labels=periods)
    ax.set_ylim(0, 100)
    _percent_axis(ax.yaxis)
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    if len(lines) > 1:
        figure.legend(loc="outside lower center", ncols=min(len(lines), 4))
    ax.set_title(title, loc="left")
    return figure


def _describe_lines(periods: list[str], lines: dict[str, list[float | None]]) -> str:
    text = _("Biểu đồ đường, %(k)s kỳ từ %(first)s đến %(last)s.") % {
        "k": len(periods),
        "first": periods[0] if periods else "",
        "last": periods[-1] if periods else "",
    }
    for name, values in lines.items():
        points = ", ".join(
            f"{p} {_pct_label(v)}" for p, v in zip(periods, values, strict=True) if v is not None
        )
        text += f" {name}: {points or _('chưa có số liệu')}."
    return text


# --- Timeline ---------------------------------------------------------------------------------


def _draw_timeline(
    title: str,
    days: list[dt.date],
    sources: dict[str, list[int]],
    marks: list[TimelineEvent],
) -> Figure:
    kinds = list(dict.fromkeys(mark.kind for mark in marks))
    figure = _figure(2.9 + 0.22 * len(kinds))
    ratios = [4.0, 0.5 + 0.35 * len(kinds)] if kinds else [1.0]
    axes = figure.subplots(len(ratios), 1, sharex=True, height_ratios=ratios, squeeze=False)
    bars_ax = axes[0][0]
    _stacked_day_bars(bars_ax, sources)
    bars_ax.set_title(title, loc="left")
    bars_ax.set_ylabel(_("Số ý kiến"))
    bars_ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    bars_ax.tick_params(axis="x", length=0)
    bars_ax.set_axisbelow(True)
    # Source names run long ("Đường dẫn chung, không rõ nguồn"): fewer columns so none is cut.
    longest = max((len(name) for name in sources), default=0)
    figure.legend(loc="outside lower center", ncols=min(len(sources), 4 if longest <= 16 else 2))
    bottom_ax = bars_ax
    if kinds:
        bottom_ax = axes[1][0]
        _event_rows(bottom_ax, days, kinds, marks)
    step = max(1, math.ceil(len(days) / 12))
    ticks = list(range(0, len(days), step))
    bottom_ax.set_xticks(ticks, labels=[days[i].strftime("%d/%m") for i in ticks])
    bottom_ax.set_xlim(-0.6, len(days) - 0.4)
    return figure


def _stacked_day_bars(ax: Axes, sources: dict[str, list[int]]) -> None:
    """One compound path per source (a few KB for months of days, unlike one path per bar)."""
    days = len(next(iter(sources.values()), []))
    bottoms = [0.0] * days
    for i, (name, values) in enumerate(sources.items()):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        path = _bars_path(bottoms, values, width=0.8)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=colour, edgecolor="none", label=name))
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    ax.set_ylim(0, max([*bottoms, 1]) * 1.15)


_RECTANGLE_CODES = [int(c) for c in (Path.MOVETO, *[Path.LINETO] * 3, Path.CLOSEPOLY)]


def _bars_path(bottoms: Sequence[float], heights: Sequence[int], *, width: float) -> Path | None:
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for x, (bottom, height) in enumerate(zip(bottoms, heights, strict=True)):
        if height <= 0:
            continue
        left, right, top = x - width / 2, x + width / 2, bottom + height
        vertices += [(left, bottom), (right, bottom), (right, top), (left, top), (left, bottom)]
        codes += _RECTANGLE_CODES
    return Path(vertices, codes) if vertices else None


def _event_rows(
    ax: Axes, days: list[dt.date], kinds: list[str], marks: list[TimelineEvent]
) -> None:
    index = {day: i for i, day in enumerate(days)}
    for row, kind in enumerate(kinds):
        xs = [index[mark.day] for mark in marks if mark.kind == kind]
        style = row % len(EVENT_MARKERS)
        colour = SERIES_COLOURS[row % len(SERIES_COLOURS)]
        ax.scatter(xs, [row] * len(xs), marker=EVENT_MARKERS[style], color=colour, s=22)
    ax.set_yticks(range(len(kinds)), labels=kinds)
    ax.set_ylim(len(kinds) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.grid(True, color=GRID, linewidth=0.4)


def _timeline_row(
    day: dt.date, i: int, sources: dict[str, list[int]], marks: list[TimelineEvent]
) -> tuple[Cell, ...]:
    values = [values[i] for values in sources.values()]
    happened = "; ".join(
        f"{m.kind}: {m.label}" if m.label else m.kind for m in marks if m.day == day
    )
    return (day.strftime("%d/%m/%Y"), *map(_count, values), _count(sum(values)), happened)


def _describe_timeline(
    days: list[dt.date], sources: dict[str, list[int]], marks: list[TimelineEvent]
) -> str:
    if not days:
        return _("Chưa có số liệu.")
    totals = [sum(values[i] for values in sources.values()) for i in range(len(days))]
    peak = max(range(len(days)), key=lambda i: totals[i])
    text = _(
        "Số ý kiến theo ngày từ %(first)s đến %(last)s: tổng %(total)s, "
        "cao nhất %(peak)s ngày %(peak_day)s."
    ) % {
        "first": days[0].strftime("%d/%m/%Y"),
        "last": days[-1].strftime("%d/%m/%Y"),
        "total": _count(sum(totals)),
        "peak": _count(totals[peak]),
        "peak_day": days[peak].strftime("%d/%m/%Y"),
    }
    if marks:
        by_kind: dict[str, int] = {}
        for mark in marks:
            by_kind[mark.kind] = by_kind.get(mark.kind, 0) + 1
        listed = ", ".join(f"{n} {kind.lower()}" for kind, n in by_kind.items())
        text += " " + _("%(n)s hoạt động tuyên truyền: %(listed)s.") % {
            "n": len(marks),
            "listed": listed,
        }
    return text


# --- Number formats ---------------------------------------------------------------------------


def _pct_label(value: float | None) -> str:
    text = format_pct(value)
    return text if value is None else f"{text}%"


def _count(value: int) -> str:
    """``12345`` → ``"12.345"`` (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")
