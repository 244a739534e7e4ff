"""``{% chart_svg %}`` inlines a chart; ``reports/_chart_table.html`` gives its data table."""

from __future__ import annotations

from django.template import Context, Template
from django.template.loader import render_to_string

from tests.test_reports_charts import bar


def test_the_tag_inlines_the_svg_unescaped() -> None:
    chart = bar()

    html = Template("{% load charts %}<div>{% chart_svg chart %}</div>").render(
        Context({"chart": chart})
    )

    assert html == f"<div>{chart.svg}</div>"
    assert 'role="img"' in html


def test_the_table_include_has_a_caption_headers_and_one_row_per_item() -> None:
    chart = bar()

    html = render_to_string("reports/_chart_table.html", {"chart": chart})

    assert "<caption>Chỉ số hài lòng theo yếu tố</caption>" in html
    assert '<th scope="col">Tỷ lệ (%)</th>' in html
    assert '<th scope="row">Thủ tục hành chính</th><td>90,10%</td>' in html
    assert html.count("<tr>") == 1 + len(chart.table.rows)


def test_labels_with_markup_are_escaped_in_the_svg_and_the_table() -> None:
    from hailong.reports.charts import bar_chart

    chart = bar_chart("<b>Tiêu đề</b> & co", [("<script>x</script>", 50.0)])

    assert "<script>" not in chart.svg
    assert "<b>" not in chart.svg
    html = render_to_string("reports/_chart_table.html", {"chart": chart})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
