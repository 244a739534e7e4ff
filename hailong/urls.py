"""URL map. Every staff page lives under ``staff/`` (tests walk it for scope checks)."""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from hailong.accounts import urls as accounts_urls
from hailong.api import urls as api_urls
from hailong.dossiers import urls as dossier_urls
from hailong.kiosk import urls as kiosk_urls
from hailong.responses import urls as response_urls
from hailong.sampling import urls as sampling_urls
from hailong.web import views as web_views

urlpatterns = [
    path("", web_views.index, name="index"),
    path("healthz", web_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_urls.api_urlpatterns, "api"))),
    path("staff/", include((api_urls.staff_urlpatterns, "api_tokens"))),
    path("tai-khoan/", include("hailong.accounts.urls")),
    path("staff/", include("hailong.web.urls")),
    path("staff/don-vi/", include("hailong.units.urls")),
    path(
        "staff/tai-khoan/",
        include((accounts_urls.staff_urlpatterns, "staff_accounts")),
    ),
    path("staff/", include("hailong.surveys.urls")),
    path("staff/", include("hailong.reports.urls")),
    path("staff/", include("hailong.campaigns.urls")),
    path("staff/", include("hailong.performance.urls")),
    path("staff/", include("hailong.indices.urls")),
    path("staff/", include((dossier_urls.staff_urlpatterns, "dossiers"))),
    path("danh-gia/", include((dossier_urls.public_urlpatterns, "dossier_rating"))),
    path("staff/", include((response_urls.staff_urlpatterns, "responses"))),
    path("staff/", include("hailong.paper.urls")),
    path("k/", include((response_urls.public_urlpatterns, "survey_form"))),
    path("staff/", include((sampling_urls.staff_urlpatterns, "sampling"))),
    path("moi/", include((sampling_urls.public_urlpatterns, "invitation"))),
    path("staff/", include((kiosk_urls.staff_urlpatterns, "kiosk"))),
    path("kiosk/", include((kiosk_urls.public_urlpatterns, "kiosk_public"))),
    path("", include("hailong.portal.urls")),
    path("", include("hailong.publication.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
