"""URLs of the public site (``/trang/<pk>/…``) and of its staff pages (under ``staff/``)."""

from __future__ import annotations

from django.urls import path

from hailong.portal import feeds
from hailong.portal.views import public, staff

app_name = "portal"

SITE = "trang/<int:pk>/"
UNIT = "staff/don-vi/<int:unit_pk>/trang-thong-tin/"
ITEM = "staff/trang-thong-tin/"

urlpatterns = [
    path(SITE, public.home, name="home"),
    path(f"{SITE}tin-bai/", public.article_list, name="article_list"),
    path(f"{SITE}tin-bai/rss/", feeds.ArticlesRss(), name="feed_rss"),
    path(f"{SITE}tin-bai/atom/", feeds.ArticlesAtom(), name="feed_atom"),
    path(f"{SITE}tin-bai/<int:article_pk>/", public.article_detail, name="article_detail"),
    path(f"{SITE}thu-vien-anh/", public.gallery, name="gallery"),
    path(f"{SITE}thu-vien-anh/<int:album_pk>/", public.album_detail, name="album"),
    path(f"{SITE}thu-vien-anh/anh/<str:name>", public.photo_file, name="photo_file"),
    path(f"{SITE}nhung/luot-truy-cap/", public.counter_embed, name="counter_embed"),
    path(f"{SITE}nhung/luot-truy-cap/anh.svg", public.counter_image, name="counter_image"),
    path(f"{SITE}ngon-ngu/", public.language, name="language"),
    path(UNIT, staff.site, name="staff_site"),
    path(f"{UNIT}tin-bai/", staff.articles, name="staff_articles"),
    path(f"{UNIT}tin-bai/them/", staff.article_create, name="staff_article_create"),
    path(
        f"{ITEM}tai-lieu/<int:pk>/tao-tin-bai/",
        staff.article_from_material,
        name="staff_article_from_material",
    ),
    path(f"{ITEM}tin-bai/<int:pk>/", staff.article_view, name="staff_article"),
    path(f"{ITEM}tin-bai/<int:pk>/sua/", staff.article_edit, name="staff_article_edit"),
    path(f"{ITEM}tin-bai/<int:pk>/anh/", staff.article_image, name="staff_article_image"),
    path(f"{ITEM}tin-bai/<int:pk>/xoa/", staff.article_delete, name="staff_article_delete"),
    path(f"{UNIT}album/", staff.albums, name="staff_albums"),
    path(f"{ITEM}album/<int:pk>/", staff.album_view, name="staff_album"),
    path(f"{ITEM}album/<int:pk>/tai-anh/", staff.album_upload, name="staff_album_upload"),
    path(f"{ITEM}album/<int:pk>/minh-chung/", staff.album_promote, name="staff_album_promote"),
    path(f"{ITEM}album/<int:pk>/xoa/", staff.album_delete, name="staff_album_delete"),
    path(f"{ITEM}anh/<int:pk>/", staff.photo_edit, name="staff_photo_edit"),
    path(f"{ITEM}anh/<int:pk>/xoa/", staff.photo_delete, name="staff_photo_delete"),
]
