"""Demo public sites: Phường Vĩnh Phúc's 2023 site (articles, albums, visitor history) and its
successor Phường Ngọc Hà's current one. Pictures are drawn with Pillow (no downloads).
Idempotent: articles and albums are found by title, visit days by (unit, day)."""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from hailong.accounts.models import User
from hailong.campaigns.models import Evidence, EvidenceKind
from hailong.core.demo import DemoContext
from hailong.core.fonts import pil_font
from hailong.portal import services
from hailong.portal.models import Album, Article, ArticleCategory, ArticleStatus, VisitDay
from hailong.responses.models import Response, ResponseStatus
from hailong.surveys.models import SurveyWave
from hailong.units.models import AdministrativeUnit

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = 20231225
OFFICE = "Bộ phận Văn hóa – Thông tin phường"


def _at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL)


# --- pictures -------------------------------------------------------------------------------


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return pil_font(size, bold=True)


def _canvas(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (1600, 1067), top)
    draw = ImageDraw.Draw(image)
    for y in range(1067):
        t = y / 1066
        draw.line(
            [(0, y), (1600, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image


def _banner(draw: ImageDraw.ImageDraw, text: str) -> None:
    draw.rectangle([0, 0, 1600, 110], fill=(163, 20, 27))
    draw.text((40, 28), text, font=_font(48), fill=(255, 255, 255))


def _hall(rng: random.Random, title: str) -> bytes:
    """A meeting hall: a red banner, a stage, rows of people."""
    image = _canvas((236, 232, 222), (196, 186, 170))
    draw = ImageDraw.Draw(image)
    _banner(draw, title)
    draw.rectangle([200, 160, 1400, 520], fill=(180, 30, 36))
    draw.text((260, 300), "HỘI NGHỊ", font=_font(110), fill=(255, 221, 87))
    for row in range(4):
        for seat in range(14):
            x, y = 90 + seat * 105 + rng.randint(-6, 6), 640 + row * 105
            shade = rng.choice([(40, 44, 52), (70, 60, 50), (30, 60, 110), (230, 230, 230)])
            draw.ellipse([x, y - 40, x + 44, y + 4], fill=(224, 186, 150))
            draw.rounded_rectangle([x - 14, y, x + 58, y + 80], radius=18, fill=shade)
    return _jpeg(image)


def _street(rng: random.Random, title: str) -> bytes:
    """A street of tube houses with a loudspeaker on a pole."""
    image = _canvas((150, 200, 235), (236, 240, 244))
    draw = ImageDraw.Draw(image)
    _banner(draw, title)
    x = 0
    while x < 1600:
        width, height = rng.randint(150, 230), rng.randint(380, 620)
        color = rng.choice([(240, 214, 150), (200, 220, 200), (230, 190, 170), (250, 240, 220)])
        draw.rectangle([x, 1000 - height, x + width - 8, 1000], fill=color)
        for wy in range(1000 - height + 40, 960, 110):
            draw.rectangle([x + 25, wy, x + width - 40, wy + 60], fill=(90, 120, 150))
        x += width
    draw.rectangle([0, 1000, 1600, 1067], fill=(90, 90, 96))
    draw.rectangle([1180, 330, 1196, 1000], fill=(70, 70, 70))
    draw.polygon([(1196, 340), (1320, 290), (1320, 430), (1196, 380)], fill=(60, 60, 64))
    return _jpeg(image)


def _desk(rng: random.Random, title: str) -> bytes:
    """The one-stop desk: counters with numbers, a queue screen."""
    image = _canvas((245, 245, 240), (215, 215, 205))
    draw = ImageDraw.Draw(image)
    _banner(draw, title)
    for i in range(4):
        x = 80 + i * 380
        draw.rectangle([x, 520, x + 320, 900], fill=(40, 90, 160))
        draw.rectangle(
            [x + 20, 440, x + 300, 520], fill=(255, 255, 255), outline=(40, 90, 160), width=6
        )
        draw.text((x + 110, 450), f"{i + 1:02d}", font=_font(56), fill=(40, 90, 160))
    draw.rectangle([560, 170, 1040, 400], fill=(20, 24, 30))
    draw.text((610, 240), f"SỐ {rng.randint(100, 199)}", font=_font(90), fill=(120, 255, 140))
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=86)
    return buffer.getvalue()


# --- content --------------------------------------------------------------------------------

Draw = Callable[[random.Random], bytes]


def _articles_vinh_phuc(unit: AdministrativeUnit) -> list[dict[str, object]]:
    wave = SurveyWave.objects.filter(unit=unit, name="Khảo sát sự hài lòng năm 2023").first()
    # Valid responses only: the published results count these, and the article must agree.
    answered = (
        Response.objects.filter(wave=wave, status=ResponseStatus.VALID).count() if wave else 0
    )
    results = f"/trang/{unit.pk}/ket-qua/"
    return [
        {
            "title": "UBND phường Vĩnh Phúc ban hành Kế hoạch tuyên truyền khảo sát sự hài lòng "
            "năm 2023",
            "category": ArticleCategory.REFORM,
            "day": dt.date(2023, 10, 6),
            "summary": (
                "Thực hiện văn bản số 1732/UBND-NV ngày 20/9/2023 của UBND quận Ba Đình, UBND "
                "phường "
                "ban hành Kế hoạch tuyên truyền hoạt động khảo sát, xác định sự hài lòng của tổ "
                "chức, "
                "cá nhân đối với sự phục vụ hành chính năm 2023."
            ),
            "body": (
                "<p>Kế hoạch nhằm tăng cường công tác thông tin, tuyên truyền, nâng cao nhận thức, "
                "trách nhiệm của cán bộ, công chức trong giải quyết thủ tục hành chính và tăng "
                "cường "
                "sự tham gia của người dân, doanh nghiệp trong giám sát cải cách hành chính.</p>"
                "<h2>Nội dung tuyên truyền</h2><ul>"
                "<li>Nội dung khảo sát, đo lường sự hài lòng của người dân;</li>"
                "<li>Vai trò, trách nhiệm của cấp ủy, người đứng đầu cơ quan, tổ chức;</li>"
                "<li>Kết quả thực hiện cơ chế một cửa, một cửa liên thông;</li>"
                "<li>Quyền, nghĩa vụ của người dân khi tham gia, giám sát cải cách hành "
                "chính.</li></ul>"
                "<h2>Hình thức</h2><p>Phát thanh trên loa truyền thanh 2 lần/ngày, đăng tin bài "
                "trên "
                "trang thông tin điện tử phường, nhóm Zalo của các đoàn thể và tổ dân phố, phát "
                "tờ rơi, "
                "lồng ghép trong các hội nghị.</p>"
            ),
            "draw": lambda rng: _hall(rng, "Phường Vĩnh Phúc · Kế hoạch tuyên truyền 2023"),
        },
        {
            "title": "Lịch phát thanh tuyên truyền về phiếu khảo sát sự hài lòng trên loa truyền "
            "thanh",
            "category": ArticleCategory.NOTICE,
            "day": dt.date(2023, 10, 7),
            "summary": (
                "Từ ngày 09/10/2023, hệ thống loa truyền thanh phường phát nội dung tuyên truyền "
                "về "
                "phiếu khảo sát 2 lần mỗi ngày, lúc 6 giờ 30 và 17 giờ 30."
            ),
            "body": (
                "<p>Thực hiện Kế hoạch tuyên truyền, Bộ phận Văn hóa – Thông tin phường thông báo "
                "lịch "
                'phát thanh như sau:</p><table><thead><tr><th scope="col">Buổi</th>'
                '<th scope="col">Giờ phát</th><th scope="col">Nội dung</th></tr></thead><tbody>'
                "<tr><td>Sáng</td><td>6 giờ 30</td><td>Giới thiệu phiếu khảo sát, cách tham "
                "gia</td></tr>"
                "<tr><td>Chiều</td><td>17 giờ 30</td><td>Quyền, trách nhiệm của người dân khi "
                "đánh giá "
                "sự phục vụ hành chính</td></tr></tbody></table>"
                "<p>Thời gian phát mỗi buổi khoảng 10 phút, trừ ngày nghỉ lễ.</p>"
            ),
            "draw": lambda rng: _street(rng, "Loa truyền thanh · 6:30 và 17:30"),
        },
        {
            "title": "Mời người dân tham gia khảo sát sự hài lòng về sự phục vụ hành chính năm "
            "2023",
            "category": ArticleCategory.SURVEY,
            "day": dt.date(2023, 10, 9),
            "summary": (
                "Người dân, tổ chức đã làm thủ tục hành chính tại phường có thể trả lời phiếu "
                "khảo sát "
                "trực tuyến bằng mã QR, không cần ghi tên, chỉ mất khoảng 3 phút."
            ),
            "body": (
                "<p>Ý kiến của Ông/Bà giúp UBND phường cải thiện chất lượng phục vụ. Phiếu không "
                "ghi "
                "tên, mọi ý kiến được giữ bí mật.</p><p>Cách tham gia: quét mã QR trên tờ rơi, áp "
                "phích "
                "tại trụ sở UBND phường hoặc tại tổ dân phố; hoặc nhận phiếu giấy tại Bộ phận Một "
                "cửa.</p>"
            ),
            "draw": lambda rng: _desk(rng, "Bộ phận Tiếp nhận và Trả kết quả"),
        },
        {
            "title": "Tập huấn kỹ năng giao tiếp cho công chức Bộ phận Một cửa",
            "category": ArticleCategory.NEWS,
            "day": dt.date(2023, 10, 18),
            "summary": (
                "UBND phường tổ chức buổi tập huấn về kỹ năng giao tiếp, ứng xử với người dân cho "
                "công chức làm việc tại Bộ phận Tiếp nhận và Trả kết quả."
            ),
            "body": (
                "<p>Buổi tập huấn tập trung vào việc hướng dẫn hồ sơ đầy đủ ngay từ lần đầu, trả "
                "kết quả "
                "đúng hẹn và tiếp nhận góp ý của người dân.</p>"
            ),
            "draw": lambda rng: _hall(rng, "Tập huấn công chức Bộ phận Một cửa"),
        },
        {
            "title": "Báo cáo kết quả khảo sát mức độ hài lòng năm 2023",
            "category": ArticleCategory.SURVEY,
            "day": dt.date(2023, 12, 20),
            "summary": (
                f"Đợt khảo sát từ 01/9/2023 đến 30/11/2023 thu về {answered} phiếu hợp lệ. UBND "
                f"phường "
                "công bố kết quả và các việc sẽ làm để nâng cao sự hài lòng của người dân."
            ),
            "body": (
                f"<p>Đợt khảo sát năm 2023 thu về <strong>{answered}</strong> phiếu qua phiếu "
                f"giấy, "
                "phỏng vấn qua điện thoại và biểu mẫu trực tuyến.</p>"
                "<h2>Kết quả</h2><p>Chỉ số hài lòng theo từng yếu tố (tiếp cận dịch vụ, thủ tục "
                "hành "
                "chính, công chức, kết quả, tiếp nhận góp ý) được công bố đầy đủ kèm khoảng tin "
                "cậy tại "
                f'<a href="{results}">trang kết quả khảo sát</a>.</p>'
                "<h2>Việc sẽ làm</h2><ul><li>Niêm yết đầy đủ thủ tục, phí, lệ phí tại Bộ phận Một "
                "cửa;</li><li>Nhắn tin báo trước ngày trả kết quả;</li><li>Bố trí thêm ghế chờ và "
                "nước uống cho người cao tuổi.</li></ul>"
            ),
            "draw": lambda rng: _desk(rng, "Công bố kết quả khảo sát năm 2023"),
        },
    ]


def _articles_ngoc_ha(unit: AdministrativeUnit) -> list[dict[str, object]]:
    today = dt.datetime.now(tz=LOCAL).date()
    return [
        {
            "title": "Phường Ngọc Hà chính thức đi vào hoạt động từ ngày 01/7/2025",
            "category": ArticleCategory.NEWS,
            "day": dt.date(2025, 7, 1),
            "summary": (
                "Phường Ngọc Hà được thành lập trên cơ sở sắp xếp các phường Vĩnh Phúc, Liễu Giai, "
                "Đội Cấn, Ngọc Hà và một phần các phường lân cận; Bộ phận Một cửa tiếp tục tiếp "
                "nhận "
                "hồ sơ tại trụ sở mới."
            ),
            "body": "<p>Người dân tiếp tục làm thủ tục hành chính bình thường tại Bộ phận Một "
            "cửa.</p>",
            "draw": lambda rng: _street(rng, "Phường Ngọc Hà · từ 01/7/2025"),
        },
        {
            "title": "Phát động tuyên truyền khảo sát sự hài lòng năm 2026",
            "category": ArticleCategory.SURVEY,
            "day": today - dt.timedelta(days=3),
            "summary": (
                "UBND phường Ngọc Hà mời người dân, tổ chức đã làm thủ tục hành chính tại phường "
                "tham gia đánh giá sự phục vụ hành chính năm 2026."
            ),
            "body": (
                "<p>Phiếu khảo sát trực tuyến không ghi tên, chỉ mất khoảng 3 phút. Bà con quét mã "
                "QR trên trang chủ hoặc tại Bộ phận Một cửa.</p>"
            ),
            "draw": lambda rng: _desk(rng, "Phường Ngọc Hà · Khảo sát 2026"),
        },
        {
            "title": "Thông báo lịch tiếp công dân tháng tới",
            "category": ArticleCategory.NOTICE,
            "day": today + dt.timedelta(days=10),  # scheduled: hidden until then
            "summary": "Lịch tiếp công dân định kỳ của Chủ tịch UBND phường.",
            "body": "<p>Lịch sẽ được công bố vào đầu tháng.</p>",
            "draw": None,
        },
    ]


def _seed_articles(
    unit: AdministrativeUnit, rows: list[dict[str, object]], actor: User | None, rng: random.Random
) -> int:
    made = 0
    for row in rows:
        if Article.objects.filter(unit=unit, title=row["title"]).exists():
            continue
        draw = row["draw"]
        image = io.BytesIO(draw(rng)) if callable(draw) else None
        services.article_save(
            actor=actor,
            unit=unit,
            title=str(row["title"]),
            summary=str(row["summary"]),
            body_html=str(row["body"]),
            category=str(row["category"]),
            status=ArticleStatus.PUBLISHED,
            publish_at=_at(row["day"]),  # type: ignore[arg-type]
            author_unit=OFFICE,
            image=image,
        )
        made += 1
    return made


def _seed_album(
    unit: AdministrativeUnit,
    title: str,
    description: str,
    taken_on: dt.date,
    pictures: list[tuple[Draw, str]],
    rng: random.Random,
) -> Album:
    album = Album.objects.filter(unit=unit, title=title).first()
    if album is not None:
        return album
    album = services.album_save(
        actor=None, unit=unit, title=title, description=description, taken_on=taken_on
    )
    for draw, caption in pictures:
        services.photos_upload(
            actor=None, unit=unit, album=album, uploads=[io.BytesIO(draw(rng))], caption=caption
        )
    return album


def _seed_visits(
    unit: AdministrativeUnit, start: dt.date, end: dt.date, mean: int, rng: random.Random
) -> None:
    """A visit history: weekdays busier, a bump during the survey months."""
    rows, day = [], start
    while day <= end:
        weekday = 1.0 if day.weekday() < 5 else 0.55
        survey = 1.6 if day.month in (9, 10, 11) else 1.0
        wave = 1 + 0.15 * math.sin(day.toordinal() / 9)
        rows.append(
            VisitDay(
                unit=unit,
                day=day,
                visits=max(0, round(rng.gauss(mean, mean / 6) * weekday * survey * wave)),
            )
        )
        day += dt.timedelta(days=1)
    VisitDay.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


def _promote_evidence(ward: AdministrativeUnit, rng: random.Random) -> Album | None:
    ids = list(
        Evidence.objects.filter(kind=EvidenceKind.PHOTO, occurrence__plan__unit=ward)
        .order_by("uploaded_at", "pk")
        .values_list("pk", flat=True)[:6]
    )
    if not ids:
        return None
    album = Album.objects.filter(unit=ward, title="Hình ảnh tuyên truyền năm 2023").first()
    album = album or services.album_save(
        actor=None,
        unit=ward,
        title="Hình ảnh tuyên truyền năm 2023",
        description="Ảnh minh chứng do cán bộ chụp khi thực hiện kế hoạch tuyên truyền.",
        taken_on=dt.date(2023, 10, 15),
    )
    drafter = User.objects.filter(username="vinhphuc.vhtt").first()
    if drafter is not None:
        services.photos_promote_evidence(actor=drafter, album=album, evidence_ids=ids)
    return album


def seed(ctx: DemoContext) -> None:
    rng = random.Random(SEED)  # noqa: S311 (demo data)
    vinh_phuc: AdministrativeUnit = ctx.objects["vinh_phuc"]
    ngoc_ha: AdministrativeUnit = ctx.objects["ngoc_ha"]
    made = _seed_articles(vinh_phuc, _articles_vinh_phuc(vinh_phuc), None, rng)
    made += _seed_articles(ngoc_ha, _articles_ngoc_ha(ngoc_ha), None, rng)
    meeting = _seed_album(
        vinh_phuc,
        "Hội nghị triển khai khảo sát sự hài lòng năm 2023",
        "Hội nghị triển khai kế hoạch tuyên truyền với các đoàn thể và tổ trưởng tổ dân phố.",
        dt.date(2023, 10, 5),
        [
            (lambda r: _hall(r, "Hội nghị triển khai · 05/10/2023"), "Quang cảnh hội nghị"),
            (
                lambda r: _hall(r, "Đại biểu các đoàn thể"),
                "Đại biểu các đoàn thể chính trị - xã hội",
            ),
            (lambda r: _desk(r, "Bộ phận Một cửa"), "Bộ phận Tiếp nhận và Trả kết quả"),
        ],
        rng,
    )
    _seed_album(
        vinh_phuc,
        "Tuyên truyền tại các tổ dân phố",
        "Phát tờ rơi, treo áp phích mã QR và phát thanh tại các tổ dân phố.",
        dt.date(2023, 10, 10),
        [
            (lambda r: _street(r, "Tổ dân phố số 5"), "Loa truyền thanh tại tổ dân phố số 5"),
            (
                lambda r: _street(r, "Tổ dân phố số 12"),
                "Áp phích mã QR tại nhà văn hóa tổ dân phố số 12",
            ),
        ],
        rng,
    )
    _seed_album(
        ngoc_ha,
        "Bộ phận Một cửa phường Ngọc Hà",
        "Trụ sở mới của Bộ phận Tiếp nhận và Trả kết quả.",
        dt.date(2025, 7, 1),
        [(lambda r: _desk(r, "Phường Ngọc Hà · Một cửa"), "Quầy tiếp nhận hồ sơ")],
        rng,
    )
    promoted = _promote_evidence(vinh_phuc, rng)
    _seed_visits(vinh_phuc, dt.date(2023, 1, 1), dt.date(2025, 6, 30), 240, rng)
    yesterday = dt.datetime.now(tz=LOCAL).date() - dt.timedelta(days=1)
    _seed_visits(ngoc_ha, dt.date(2025, 7, 1), yesterday, 310, rng)
    ctx.objects["portal_album_2023"] = meeting
    report = Article.objects.filter(unit=vinh_phuc, title__startswith="Báo cáo kết quả").first()
    ctx.urls.extend(
        [
            (
                "Trang thông tin Vĩnh Phúc / ward public site",
                reverse("portal:home", args=[vinh_phuc.pk]),
            ),
            (
                "Trang thông tin Ngọc Hà / current ward site",
                reverse("portal:home", args=[ngoc_ha.pk]),
            ),
            ("Thư viện ảnh / photo gallery", reverse("portal:gallery", args=[vinh_phuc.pk])),
            ("Tin bài RSS / articles feed", reverse("portal:feed_rss", args=[vinh_phuc.pk])),
            (
                "Bộ đếm truy cập nhúng / counter embed",
                reverse("portal:counter_embed", args=[ngoc_ha.pk]),
            ),
            (
                "Quản lý trang thông tin / manage the site",
                reverse("portal:staff_site", args=[ngoc_ha.pk]),
            ),
        ]
    )
    if report is not None:
        ctx.urls.append(
            (
                "Bài báo cáo kết quả 2023 / results report article",
                reverse("portal:article_detail", args=[vinh_phuc.pk, report.pk]),
            )
        )
    ctx.log(
        f"trang thông tin: {made} tin bài mới, {Album.objects.count()} album"
        f"{', ảnh minh chứng đã đưa vào thư viện' if promoted else ''}"
    )
