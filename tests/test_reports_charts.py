"""Server-side charts: small, stable, accessible SVG with real Vietnamese text; PNG for DOCX."""

from __future__ import annotations

import datetime as dt
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from hailong.reports import charts
from hailong.reports.charts import Chart, TimelineEvent

SVG = "{http://www.w3.org/2000/svg}"
ITEMS = [
    ("Tiếp cận dịch vụ hành chính công", 86.505),
    ("Thủ tục hành chính", 90.1),
    ("Công chức trực tiếp giải quyết công việc", 75.25),
    ("Kết quả giải quyết công việc", None),
]
DAYS = [dt.date(2023, 10, 1) + dt.timedelta(days=i) for i in range(31)]


def bar() -> Chart:
    return charts.bar_chart(
        "Chỉ số hài lòng theo yếu tố",
        ITEMS,
        sort="ascending",
        reference=84.2,
        reference_label="Trung bình thành phố",
    )


def stacked() -> Chart:
    return charts.stacked_distribution(
        "Phân bố mức độ hài lòng",
        [("Nơi ngồi chờ", [3, 5, 10, 40, 42]), ("Trang thiết bị", [1, 2, 20, 50, 27])],
    )


def line() -> Chart:
    return charts.line_chart(
        "Xu hướng chỉ số SIPAS",
        ["2019", "2020", "2021", "2022"],
        {"Phường Vĩnh Phúc": [80.1, None, 84.0, 86.5], "Trung bình quận": [78.0, 79.5, 81.0, 82.0]},
    )


def timeline() -> Chart:
    counts = {
        "Mã QR tờ rơi": [(i * 7) % 13 for i in range(31)],
        "Zalo": [(i * 5) % 9 for i in range(31)],
        "Tại bộ phận một cửa": [(i * 3) % 5 for i in range(31)],
    }
    events = [TimelineEvent(DAYS[i], "Phát thanh", "loa") for i in range(0, 31, 2)]
    events += [TimelineEvent(DAYS[10], "Phát tờ rơi", "Tổ dân phố số 1–5")]
    events += [TimelineEvent(dt.date(2024, 1, 1), "Bài Zalo", "ngoài khoảng")]
    return charts.timeline_chart("Ý kiến theo ngày", DAYS, counts, events)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


BUILDERS: dict[str, Callable[[], Chart]] = {
    "bar": bar,
    "stacked": stacked,
    "line": line,
    "timeline": timeline,
}


@pytest.fixture(params=sorted(BUILDERS), scope="module")
def built(request: pytest.FixtureRequest) -> tuple[str, Chart]:
    return request.param, BUILDERS[request.param]()


def test_every_chart_is_valid_svg_labelled_by_its_title_and_description(
    built: tuple[str, Chart],
) -> None:
    _, chart = built
    root = parse(chart.svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    labels = {element.get("id"): element.text for element in root.iter()}
    assert labels[title_id] == chart.title
    assert labels[desc_id] == chart.description
    assert chart.description


def test_the_same_data_gives_the_same_bytes(built: tuple[str, Chart]) -> None:
    name, chart = built

    assert BUILDERS[name]().svg == chart.svg


def test_the_svg_has_no_date_doctype_or_inline_styles_that_csp_would_block(
    built: tuple[str, Chart],
) -> None:
    _, chart = built

    assert "<?xml" not in chart.svg
    assert "<!DOCTYPE" not in chart.svg
    assert "<metadata" not in chart.svg
    assert "dc:date" not in chart.svg
    assert "style=" not in chart.svg
    assert "<style" not in chart.svg


def test_vietnamese_labels_are_real_text_in_a_font_list_that_has_the_letters(
    built: tuple[str, Chart],
) -> None:
    _, chart = built
    texts = [t.text or "" for t in parse(chart.svg).iter(f"{SVG}text")]

    assert chart.title in texts
    assert any(ch in "".join(texts) for ch in "ếứộđạờư")
    assert set(charts.font_families()) <= set(charts.FONT_CANDIDATES)
    assert "sans-serif" in parse(chart.svg).get("font-family", "")


def test_ids_are_unique_to_each_chart_so_two_can_share_a_page() -> None:
    first, second = bar(), stacked()
    ids = [re.findall(r' id="([^"]+)"', chart.svg) for chart in (first, second)]

    assert ids[0]
    assert ids[1]
    assert not set(ids[0]) & set(ids[1])
    assert len(set(ids[0])) == len(ids[0])


@pytest.mark.parametrize("name", ["bar", "stacked", "line", "timeline"])
def test_a_chart_stays_small(name: str) -> None:
    budget = {"bar": 10_000, "stacked": 10_000, "line": 10_000, "timeline": 14_000}

    assert len(BUILDERS[name]().svg.encode()) <= budget[name]


def test_the_png_renders_at_the_requested_resolution() -> None:
    chart = bar()
    small, large = chart.png(dpi=50), chart.png(dpi=100)

    assert small.startswith(b"\x89PNG\r\n\x1a\n")
    width_small = struct.unpack(">I", small[16:20])[0]
    width_large = struct.unpack(">I", large[16:20])[0]
    assert width_large == pytest.approx(2 * width_small, abs=2)


def test_the_bar_table_uses_the_one_rounding_and_shows_missing_data_as_a_dash() -> None:
    chart = bar()

    assert chart.table.headers == ("Nội dung", "Tỷ lệ (%)")
    assert chart.table.rows == (
        ("Công chức trực tiếp giải quyết công việc", "75,25%"),
        ("Tiếp cận dịch vụ hành chính công", "86,51%"),
        ("Thủ tục hành chính", "90,10%"),
        ("Kết quả giải quyết công việc", "–"),
        ("Trung bình thành phố", "84,20%"),
    )
    assert "86,51%" in chart.svg
    assert "–" in chart.svg
    assert "Thủ tục hành chính (90,10%)" in chart.description


def test_bars_sort_descending_with_missing_data_last() -> None:
    chart = charts.bar_chart("T", ITEMS, sort="descending")

    assert [row[0] for row in chart.table.rows] == [
        "Thủ tục hành chính",
        "Tiếp cận dịch vụ hành chính công",
        "Công chức trực tiếp giải quyết công việc",
        "Kết quả giải quyết công việc",
    ]


def test_the_distribution_gives_each_level_its_share_and_a_legend_in_words() -> None:
    chart = stacked()

    assert chart.table.headers[1:6] == charts.default_level_labels()
    assert chart.table.rows[0] == (
        "Nơi ngồi chờ",
        "3,00%",
        "5,00%",
        "10,00%",
        "40,00%",
        "42,00%",
        "100",
    )
    assert "Rất không hài lòng" in chart.svg
    assert "Rất hài lòng" in chart.svg


def test_a_distribution_needs_one_count_per_level() -> None:
    with pytest.raises(ValueError, match="one count per level"):
        charts.stacked_distribution("T", [("x", [1, 2, 3])])


def test_a_line_with_a_missing_period_leaves_a_gap_and_a_dash_in_the_table() -> None:
    chart = line()

    assert chart.table.rows[1] == ("2020", "–", "79,50%")
    assert "2020" not in chart.description.split("Phường Vĩnh Phúc:")[1].split(".")[0]


def test_the_timeline_lists_each_day_with_its_events_and_ignores_days_outside() -> None:
    chart = timeline()

    assert chart.table.headers[-2:] == ("Tổng", "Hoạt động tuyên truyền")
    assert len(chart.table.rows) == 31
    assert chart.table.rows[10][0] == "11/10/2023"
    assert "Phát tờ rơi: Tổ dân phố số 1–5" in chart.table.rows[10][-1]
    assert "Bài Zalo" not in chart.svg
    assert "17 hoạt động tuyên truyền" in chart.description


def test_series_colours_keep_3_to_1_contrast_on_white_and_labels_4_5_on_their_bars() -> None:
    for colour in charts.SERIES_COLOURS:
        assert charts.contrast_ratio(colour, charts.WHITE) >= 3
    for colour in charts.LEVEL_COLOURS:
        assert charts.contrast_ratio(colour, charts.text_colour_on(colour)) >= 4.5
