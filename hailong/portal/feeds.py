"""RSS 2.0 and Atom feeds of a unit's published articles (``django.contrib.syndication``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from hailong.portal.models import Article
from hailong.portal.selectors import public_articles
from hailong.units.models import AdministrativeUnit

FEED_SIZE = 20


class ArticlesRss(Feed[Article, AdministrativeUnit]):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, pk: int) -> AdministrativeUnit:
        return get_object_or_404(AdministrativeUnit, pk=pk)

    def title(self, obj: AdministrativeUnit) -> str:
        return _("Tin bài – %(unit)s") % {"unit": obj.name}

    def link(self, obj: AdministrativeUnit) -> str:
        return reverse("portal:article_list", args=[obj.pk])

    def description(self, obj: AdministrativeUnit) -> str:
        return _("Tin tức, thông báo và kết quả khảo sát sự hài lòng của %(unit)s.") % {
            "unit": obj.name
        }

    def items(self, obj: AdministrativeUnit) -> list[Article]:
        return list(public_articles(obj)[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_link(self, item: Article) -> str:
        return reverse("portal:article_detail", args=[item.unit_id, item.pk])

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [str(item.get_category_display())]

    def item_author_name(self, item: Article) -> str:
        return item.author_unit


class ArticlesAtom(ArticlesRss):
    feed_type = Atom1Feed

    def subtitle(self, obj: AdministrativeUnit) -> str:
        return self.description(obj)
