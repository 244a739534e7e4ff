"""The production URLs plus one bench-only view: a bare Django view that inserts one response.

It does what a minimal Django endpoint must (routing, middleware, one INSERT, a redirect) and
nothing a real submission does (loading the wave and the draft, cleaning every answer, rate
limits, the transaction with the draft's deletion): the ceiling ``public_form_submit`` is
measured against.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from hailong.responses.models import Response
from hailong.urls import urlpatterns as production

ANSWERS = {"LV": "Chứng thực bản sao", "CC1": 5, "CC2": 4, "CC3": 5, "KQ1": 4, "KQ2": 5}


@csrf_exempt
def bare_insert(request: HttpRequest, wave: int, version: int, unit: int) -> HttpResponse:
    Response.objects.create(
        wave_id=wave,
        method_version_id=version,
        unit_id=unit,
        channel="web",
        answers=ANSWERS,
        submitted_at=timezone.now(),
    )
    return HttpResponseRedirect("/k/bench/cam-on/")


urlpatterns = [
    path("__bench__/insert/<int:wave>/<int:version>/<int:unit>/", bare_insert),
    *production,
]
