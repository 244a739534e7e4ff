"""Every staff URL, with how to point it at an object inside Phường Ngọc Hà (alice's ward).

``test_staff_url_scope`` walks the URL conf and fails for a ``staff/`` URL missing here, so a new
staff page cannot ship without its outsider check. Add an entry when you add a staff URL:
``None`` for a page without a unit in its URL (it must then show an outsider nothing of Ngọc Hà).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import Cast

Example = Callable[[Cast], dict[str, Any]] | None

STAFF_URL_EXAMPLES: dict[str, Example] = {
    "web:home": None,
    "units:tree": None,
    "units:create_root": None,
    "units:detail": lambda c: {"pk": c.ngoc_ha.pk},
    "units:edit": lambda c: {"pk": c.ngoc_ha.pk},
    "units:create_child": lambda c: {"pk": c.ngoc_ha.pk},
    "units:succession_create": lambda c: {"pk": c.vinh_phuc.pk},
    "units:department_create": lambda c: {"pk": c.ngoc_ha.pk},
    "units:department_edit": lambda c: {"pk": c.department.pk},
    "units:officer_create": lambda c: {"pk": c.ngoc_ha.pk},
    "units:officer_edit": lambda c: {"pk": c.officer.pk},
    "units:organisation_create": lambda c: {"pk": c.ngoc_ha.pk},
    "units:organisation_edit": lambda c: {"pk": _organisation(c)},
    "units:import_start": lambda c: {"pk": c.ngoc_ha.pk},
    "units:import_status": lambda c: {"pk": _unit_import(c)},
    "staff_accounts:staff_list": None,
    "staff_accounts:staff_create": lambda c: {"pk": c.ngoc_ha.pk},
    "staff_accounts:role_add": lambda c: {"pk": c.ngoc_ha.pk},
    "staff_accounts:role_revoke": lambda c: {"pk": c.alice.role_assignments.get().pk},
    "api_tokens:token_list": lambda c: {"pk": c.ngoc_ha.pk},
    "api_tokens:token_create": lambda c: {"pk": c.ngoc_ha.pk},
    "api_tokens:token_revoke": lambda c: {"pk": _api_token(c)},
    "dossiers:list": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "dossiers:detail": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _dossier(c)},
    "dossiers:receipt": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _dossier(c)},
    "dossiers:import_upload": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "dossiers:import_map": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "dossiers:import_status": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _dossier_import(c)},
    "dossiers:procedures": None,
    "surveys:method_list": None,
    "surveys:method_detail": lambda c: {"pk": _ward_method(c)},
    "surveys:method_preview": lambda c: {"pk": _ward_method(c)},
    "surveys:method_copy": lambda c: {"pk": _ward_method(c)},
    "surveys:method_edit": lambda c: {"pk": _ward_method(c)},
    "surveys:method_publish": lambda c: {"pk": _ward_method(c)},
    "surveys:wave_list": lambda c: {"pk": c.ngoc_ha.pk},
    "surveys:wave_create": lambda c: {"pk": c.ngoc_ha.pk},
    "surveys:wave_detail": lambda c: {"pk": _ward_wave(c)},
    "surveys:wave_edit": lambda c: {"pk": _ward_wave(c)},
    "reports:list": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "reports:status": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _report_job(c)},
    "reports:download": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _report_job(c)},
    "performance:points": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "performance:rule_list": lambda c: {"unit_pk": c.hanoi.pk},
    "performance:rule_create": lambda c: {"unit_pk": c.hanoi.pk},
    "performance:rule_detail": lambda c: {"pk": _points_rule(c)},
    "performance:rule_edit": lambda c: {"pk": _points_rule(c)},
    "performance:rule_publish": lambda c: {"pk": _points_rule(c)},
    "performance:rule_new_version": lambda c: {"pk": _points_rule(c)},
    "performance:emulation": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "performance:emulation_export": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "performance:actions": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "performance:action_create": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "performance:action_detail": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _action(c)},
    "performance:action_edit": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _action(c)},
    "performance:action_status": lambda c: {"unit_pk": c.ngoc_ha.pk, "pk": _action(c)},
    "performance:sipas_report": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "publication:overview": lambda c: {"pk": c.ngoc_ha.pk},
    "publication:preview": lambda c: {"pk": c.ngoc_ha.pk},
    "publication:publish": lambda c: {"pk": c.ngoc_ha.pk},
    "publication:comments": lambda c: {"pk": c.ngoc_ha.pk},
    "publication:comment_edit": lambda c: {"pk": _selected_comment(c)},
    "publication:embed_codes": lambda c: {"pk": c.ngoc_ha.pk},
    "indices:dashboard": lambda c: {"pk": c.ngoc_ha.pk},
    "indices:drilldown": lambda c: {"pk": c.ngoc_ha.pk},
    "indices:export": lambda c: {"pk": c.ngoc_ha.pk},
    "indices:ranking": lambda c: {"pk": c.hanoi.pk},
    "indices:ranking_export": lambda c: {"pk": c.hanoi.pk},
    "responses:sources": lambda c: {"pk": _ward_wave(c)},
    "responses:source_create": lambda c: {"pk": _ward_wave(c)},
    "responses:source_qr": lambda c: _wave_source(c),
    "responses:source_poster": lambda c: _wave_source(c),
    "responses:source_card": lambda c: _wave_source(c),
    "responses:source_toggle": lambda c: _wave_source(c),
    "responses:responses": lambda c: {"pk": _ward_wave(c)},
    "responses:response_status": lambda c: _wave_response(c),
    "responses:contacts": lambda c: {"pk": _ward_wave(c)},
    "responses:contact_handle": lambda c: _wave_contact(c),
    "sampling:sample": lambda c: {"pk": _ward_wave(c)},
    "sampling:draw": lambda c: {"pk": _ward_wave(c)},
    "sampling:slips": lambda c: _sample_member(c, "pk"),
    "sampling:messages": lambda c: _sample_member(c, "pk"),
    "sampling:calls": lambda c: {"pk": _ward_wave(c)},
    "sampling:assign": lambda c: {"pk": _ward_wave(c)},
    "sampling:call": lambda c: _sample_member(c, "pk", "member_pk"),
    "sampling:interview": lambda c: _sample_member(c, "pk", "member_pk"),
    "paper:batches": lambda c: {"pk": _ward_wave(c)},
    "paper:batch_create": lambda c: {"pk": _ward_wave(c)},
    "paper:quota": lambda c: {"pk": _ward_wave(c)},
    "paper:batch": lambda c: {"pk": _paper_batch(c)},
    "paper:entry": lambda c: {"pk": _paper_batch(c)},
    "paper:conflicts": lambda c: {"pk": _paper_batch(c)},
    "paper:resolve": lambda c: {"pk": _paper_batch(c), "number": _paper_form(c)},
    "paper:close": lambda c: {"pk": _paper_batch(c)},
    "paper:reopen": lambda c: {"pk": _paper_batch(c)},
    "paper:batch_print": lambda c: {"pk": _paper_batch(c)},
    "paper:form": lambda c: {"pk": _paper_batch(c), "number": _paper_form(c)},
    "paper:form_edit": lambda c: {"pk": _paper_batch(c), "number": _paper_form(c)},
    "kiosk:list": lambda c: {"pk": _kiosk_wave(c)},
    "kiosk:create": lambda c: {"pk": _kiosk_wave(c)},
    "kiosk:edit": lambda c: _kiosk(c),
    "kiosk:flags": lambda c: {"pk": _kiosk_wave(c)},
    "kiosk:review": lambda c: _kiosk_response(c),
    "campaigns:plan_list": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:plan_create": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:today": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:overdue": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:loudspeaker_areas": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:zalo_groups": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "campaigns:plan_detail": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:plan_edit": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:plan_submit": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:plan_decide": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:plan_revise": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:plan_version": lambda c: {"pk": _campaign_plan(c), "number": 1},
    "campaigns:plan_print": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:calendar": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:compliance": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:activity_create": lambda c: {"pk": _campaign_plan(c), "channel": "loudspeaker"},
    "campaigns:activity_edit": lambda c: {"pk": _campaign_activity(c).pk},
    "campaigns:activity_delete": lambda c: {"pk": _campaign_activity(c).pk},
    "campaigns:occurrence": lambda c: {"pk": _campaign_occurrence(c)},
    "campaigns:evidence_add": lambda c: {"pk": _campaign_occurrence(c)},
    "campaigns:evidence_file": lambda c: {"pk": _campaign_evidence(c)},
    "campaigns:attribution": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:materials": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:material_create": lambda c: {"pk": _campaign_plan(c)},
    "campaigns:material": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_regenerate": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_speak": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_upload": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_attach": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_audio": lambda c: {"pk": _campaign_material(c)},
    "campaigns:material_file": lambda c: {"pk": _campaign_material(c), "slug": "kich-ban"},
    "portal:staff_site": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "portal:staff_articles": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "portal:staff_article_create": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "portal:staff_article_from_material": lambda c: {"pk": _portal_material(c)},
    "portal:staff_article": lambda c: {"pk": _portal_article(c)},
    "portal:staff_article_edit": lambda c: {"pk": _portal_article(c)},
    "portal:staff_article_image": lambda c: {"pk": _portal_article(c)},
    "portal:staff_article_delete": lambda c: {"pk": _portal_article(c)},
    "portal:staff_albums": lambda c: {"unit_pk": c.ngoc_ha.pk},
    "portal:staff_album": lambda c: {"pk": _portal_album(c)},
    "portal:staff_album_upload": lambda c: {"pk": _portal_album(c)},
    "portal:staff_album_promote": lambda c: {"pk": _portal_album(c)},
    "portal:staff_album_delete": lambda c: {"pk": _portal_album(c)},
    "portal:staff_photo_edit": lambda c: {"pk": _portal_photo(c)},
    "portal:staff_photo_delete": lambda c: {"pk": _portal_photo(c)},
}


def _organisation(c: Cast) -> int:
    from hailong.units.services import mass_organisation_save

    return mass_organisation_save(unit=c.ngoc_ha, kind="phu_nu", name="Hội Phụ nữ").pk


def _ward_method(c: Cast) -> int:
    from hailong.surveys.testing import ward_method

    return ward_method(c.ngoc_ha).pk


def _ward_wave(c: Cast) -> int:
    from hailong.surveys.testing import ward_wave

    return ward_wave(c.ngoc_ha).pk


def _report_job(c: Cast) -> int:
    from hailong.reports.models import ReportJob

    return ReportJob.objects.create(unit=c.ngoc_ha, kind="unit_roster", format="pdf").pk


def _api_token(c: Cast) -> int:
    from hailong.api.services import token_create

    token, _secret = token_create(
        actor=c.root, unit=c.ngoc_ha, name="Một cửa", permissions=["dossiers.manage"]
    )
    return token.pk


def _unit_import(c: Cast) -> int:
    from hailong.units.models import UnitImport

    job = UnitImport.objects.create(root=c.ngoc_ha, created_by=c.carol, file="imports/x.csv")
    return job.pk


def _dossier(c: Cast) -> int:
    from hailong.dossiers.services import dossier_upsert
    from tests.test_dossiers_factories import VALID_DATA, load_catalogue

    load_catalogue()
    outcome = dossier_upsert(unit=c.ngoc_ha, data=VALID_DATA)
    assert outcome.dossier is not None
    return outcome.dossier.pk


def _dossier_import(c: Cast) -> int:
    from hailong.dossiers.models import DossierImport

    return DossierImport.objects.create(unit=c.ngoc_ha, file="x.csv", original_name="x.csv").pk


def _wave_source(c: Cast) -> dict[str, int]:
    from hailong.responses.models import Source

    wave_pk = _ward_wave(c)
    source, _created = Source.objects.get_or_create(
        wave_id=wave_pk, label="Quầy một cửa", defaults={"kind": "mot_cua"}
    )
    return {"pk": wave_pk, "source_pk": source.pk}


def _wave_response(c: Cast) -> dict[str, int]:
    from django.utils import timezone

    from hailong.responses.models import Response
    from hailong.surveys.testing import ward_wave

    wave = ward_wave(c.ngoc_ha)
    response = Response.objects.create(
        wave=wave,
        method_version=wave.method_version,
        unit=wave.unit,
        channel="paper",
        submitted_at=timezone.now(),
    )
    return {"pk": wave.pk, "response_pk": response.pk}


def _wave_contact(c: Cast) -> dict[str, int]:
    import datetime as dt

    from django.utils import timezone

    from hailong.responses.models import ContactRequest

    wave_pk = _ward_wave(c)
    request = ContactRequest.objects.create(
        wave_id=wave_pk,
        phone="0912345678",
        consent_text="Tôi đồng ý",
        consent_at=timezone.now(),
        purge_after=dt.date(2030, 1, 1),
    )
    return {"pk": wave_pk, "request_pk": request.pk}


def _kiosk_wave(c: Cast) -> int:
    from hailong.surveys.testing import ward_wave

    wave = ward_wave(c.ngoc_ha)
    if "kiosk" not in wave.channels:
        wave.channels = [*wave.channels, "kiosk"]
        wave.save(update_fields=["channels"])
    return wave.pk


def _kiosk(c: Cast) -> dict[str, int]:
    from hailong.kiosk.models import Kiosk
    from hailong.kiosk.services import kiosk_create

    wave_pk = _kiosk_wave(c)
    kiosk = Kiosk.objects.filter(wave_id=wave_pk).first()
    if kiosk is None:
        from hailong.surveys.models import SurveyWave

        wave = SurveyWave.objects.get(pk=wave_pk)
        kiosk = kiosk_create(actor=None, wave=wave, name="Máy tính bảng quầy số 1")
    return {"pk": wave_pk, "kiosk_pk": kiosk.pk}


def _kiosk_response(c: Cast) -> dict[str, int]:
    from django.utils import timezone

    from hailong.kiosk.models import Kiosk
    from hailong.responses.models import Response

    ids = _kiosk(c)
    kiosk = Kiosk.objects.select_related("wave").get(pk=ids["kiosk_pk"])
    response = Response.objects.create(
        wave=kiosk.wave,
        method_version_id=kiosk.wave.method_version_id,
        unit_id=kiosk.wave.unit_id,
        channel="kiosk",
        source_id=kiosk.source_id,
        submitted_at=timezone.now(),
        status="flagged",
        flags=["burst"],
    )
    return {"pk": ids["pk"], "response_pk": response.pk}


def _points_rule(c: Cast) -> int:
    from hailong.performance.testing import points_rule

    return points_rule(c.hanoi).pk


def _action(c: Cast) -> int:
    from hailong.performance.testing import improvement_action

    return improvement_action(c.ngoc_ha).pk


def _sample_member(c: Cast, *keys: str) -> dict[str, int]:
    from tests.test_sampling_factories import scope_member

    found = scope_member(c)
    return {key: found[key] for key in keys}


def _paper_batch(c: Cast) -> int:
    import datetime as dt

    from hailong.paper.models import PaperBatch
    from hailong.surveys.testing import ward_wave

    wave = ward_wave(c.ngoc_ha)
    batch, _created = PaperBatch.objects.get_or_create(
        wave=wave,
        number=1,
        defaults={
            "collector_name": "Tổ trưởng",
            "place": "Nhà văn hóa",
            "collected_on": dt.date(2026, 9, 2),
            "declared_count": 5,
            "first_number": 1,
            "last_number": 5,
        },
    )
    return batch.pk


def _paper_form(c: Cast) -> int:
    from hailong.paper.models import FormStatus, PaperForm

    batch_pk = _paper_batch(c)
    form, _created = PaperForm.objects.get_or_create(
        batch_id=batch_pk,
        number=1,
        defaults={"wave_id": _ward_wave(c), "status": FormStatus.AWAITING_SECOND},
    )
    return form.number


def _campaign_plan(c: Cast) -> int:
    from hailong.campaigns.testing import ward_plan

    return ward_plan(c.ngoc_ha, drafter=c.cindy, approver=c.alice).pk


def _campaign_activity(c: Cast) -> Any:
    from hailong.campaigns.models import CampaignActivity
    from hailong.campaigns.testing import ward_activity, ward_plan

    plan = ward_plan(c.ngoc_ha, drafter=c.cindy, approver=c.alice)
    existing = CampaignActivity.objects.filter(plan=plan).first()
    return existing or ward_activity(plan, actor=c.cindy)


def _campaign_occurrence(c: Cast) -> int:
    from hailong.campaigns.testing import first_occurrence

    return first_occurrence(_campaign_activity(c)).pk


def _campaign_evidence(c: Cast) -> int:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from hailong.campaigns.models import Evidence

    evidence = Evidence(
        occurrence_id=_campaign_occurrence(c),
        kind="photo",
        extension="jpg",
        uploaded_at=timezone.now(),
    )
    evidence.file.save("x.jpg", ContentFile(b"jpeg"), save=True)
    return evidence.pk


def _selected_comment(c: Cast) -> int:
    from hailong.publication.models import SelectedComment
    from hailong.publication.services import comment_select
    from tests.publication_data import ward_wave

    existing = SelectedComment.objects.filter(unit=c.ngoc_ha).first()
    if existing is not None:
        return existing.pk
    wave = ward_wave(c.ngoc_ha, (5,))
    response = wave.responses.get()
    return comment_select(actor=c.alice, unit=c.ngoc_ha, response_id=response.pk, item_code="LV").pk


def _campaign_material(c: Cast) -> int:
    from hailong.campaigns.models import Material
    from hailong.campaigns.services import material_create
    from hailong.campaigns.testing import ward_plan

    plan = ward_plan(c.ngoc_ha, drafter=c.cindy, approver=c.alice)
    existing = Material.objects.filter(plan=plan).first()
    return (existing or material_create(actor=c.cindy, plan=plan, kind="broadcast")).pk


def _portal_article(c: Cast) -> int:
    from hailong.portal.models import Article

    return Article.objects.create(unit=c.ngoc_ha, title="Tin", summary="Tóm tắt").pk


def _portal_album(c: Cast) -> int:
    from hailong.portal.models import Album

    return Album.objects.create(unit=c.ngoc_ha, title="Album").pk


def _portal_photo(c: Cast) -> int:
    from hailong.portal.models import Photo

    return Photo.objects.create(unit=c.ngoc_ha, width=640, height=480, variants=[[640, 480]]).pk


def _selected_comment(c: Cast) -> int:
    from hailong.publication.models import SelectedComment
    from hailong.publication.services import comment_select
    from tests.publication_data import ward_wave

    existing = SelectedComment.objects.filter(unit=c.ngoc_ha).first()
    if existing is not None:
        return existing.pk
    wave = ward_wave(c.ngoc_ha, (5,))
    response = wave.responses.get()
    return comment_select(actor=c.alice, unit=c.ngoc_ha, response_id=response.pk, item_code="LV").pk


def _campaign_material(c: Cast) -> int:
    from hailong.campaigns.models import Material
    from hailong.campaigns.services import material_create
    from hailong.campaigns.testing import ward_plan

    plan = ward_plan(c.ngoc_ha, drafter=c.cindy, approver=c.alice)
    existing = Material.objects.filter(plan=plan).first()
    return (existing or material_create(actor=c.cindy, plan=plan, kind="broadcast")).pk


def _portal_material(c: Cast) -> int:
    from hailong.campaigns.models import Material
    from hailong.campaigns.services import material_create
    from hailong.campaigns.testing import ward_plan

    plan = ward_plan(c.ngoc_ha, drafter=c.cindy, approver=c.alice)
    existing = Material.objects.filter(plan=plan, kind="article").first()
    return (existing or material_create(actor=c.cindy, plan=plan, kind="article")).pk
