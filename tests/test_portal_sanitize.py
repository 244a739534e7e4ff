"""Article bodies are cleaned with nh3 when they are saved."""

from __future__ import annotations

from hailong.portal.sanitize import clean_html
from hailong.portal.testing import article
from tests.conftest import Cast

OWN = "/trang/7/thu-vien-anh/anh/" + "ab" * 16 + "-640.jpg"


def test_it_removes_scripts_with_their_content() -> None:
    assert clean_html("<p>Chào</p><script>alert('x')</script>") == "<p>Chào</p>"


def test_it_removes_event_handlers_and_style() -> None:
    cleaned = clean_html('<p onclick="steal()" style="position:fixed" class="x">Tin</p>')
    assert cleaned == "<p>Tin</p>"


def test_it_removes_javascript_urls_and_marks_links_noopener() -> None:
    cleaned = clean_html(
        '<a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt:alert(1)">b</a>'
        ' <a href="https://dichvucong.gov.vn/">c</a>'
    )
    assert "javascript" not in cleaned.lower()
    assert '<a href="https://dichvucong.gov.vn/" rel="noopener noreferrer">c</a>' in cleaned


def test_it_keeps_only_our_own_images_and_lazy_loads_them() -> None:
    cleaned = clean_html(
        f'<img src="https://tracker.example/p.gif" alt="t"><img src="data:image/png;base64,AA">'
        f'<img src="{OWN}" alt="Hội nghị" width="640" height="480" onerror="x()">'
    )
    assert cleaned.count("<img") == 1
    assert cleaned.startswith(f'<img src="{OWN}" alt="Hội nghị" width="640" height="480" ')
    assert 'loading="lazy"' in cleaned
    assert 'decoding="async"' in cleaned
    assert "onerror" not in cleaned


def test_it_keeps_basic_formatting_and_tables() -> None:
    html = (
        "<h2>Kết quả</h2><p><strong>90%</strong> <em>hài lòng</em></p><ul><li>a</li></ul>"
        '<table><tr><th scope="col">Yếu tố</th></tr><tr><td>1</td></tr></table>'
    )
    cleaned = clean_html(html)
    for tag in ("<h2>", "<strong>", "<em>", "<ul>", "<li>", '<th scope="col">', "<td>"):
        assert tag in cleaned


def test_it_drops_iframes_forms_and_svg() -> None:
    cleaned = clean_html(
        '<iframe src="https://x"></iframe><form action="/x"><input name="a"></form>'
        "<svg onload=alert(1)><circle/></svg><p>ok</p>"
    )
    assert cleaned == "<p>ok</p>"


def test_the_article_service_stores_the_cleaned_body(cast: Cast) -> None:
    made = article(cast.ngoc_ha, body_html='<p onmouseover="x()">Tin<script>bad()</script></p>')
    assert made.body_html == "<p>Tin</p>"
