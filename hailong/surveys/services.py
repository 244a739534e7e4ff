"""Writes to methods and their versions. Each checks the rules and raises ``ServiceError``.

A version goes draft → published (frozen) → retired. Editing a method whose versions are all
published starts a new draft numbered one more; publishing it retires the previous one. Built-in
(national) methods change only through ``methods_load_builtin`` from the shipped files.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hailong.accounts.roles import Perm
from hailong.accounts.scope import user_can
from hailong.core.errors import PermissionDenied, ServiceError
from hailong.core.text import clean_line, normalize_data
from hailong.surveys import selectors
from hailong.surveys.builtin import builtin_definitions
from hailong.surveys.definition import Definition, DefinitionError, parse_definition
from hailong.surveys.models import (
    ImmutableVersionError,
    Method,
    MethodVersion,
    RespondentType,
    SurveyWave,
    VersionStatus,
    WaveChannel,
    WaveStatus,
)
from hailong.units.models import AdministrativeUnit, UnitLevel

if TYPE_CHECKING:
    from hailong.accounts.models import User


def _check_can_manage(actor: User | None, unit: AdministrativeUnit) -> None:
    if actor is not None and not user_can(actor, Perm.MANAGE_SURVEYS, unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý khảo sát của đơn vị này."))


def _check_can_edit(actor: User | None, method: Method) -> None:
    if method.owner is None:
        raise PermissionDenied(
            _("Phương pháp dựng sẵn chỉ được xem; hãy sao chép về đơn vị để điều chỉnh."),
            code="builtin_read_only",
        )
    _check_can_manage(actor, method.owner)


def definition_parse(data: Any) -> Definition:
    """Parse for a service: problems become one ``ServiceError`` on the ``definition`` field."""
    try:
        return parse_definition(normalize_data(data))
    except DefinitionError as exc:
        raise ServiceError(
            "\n".join(exc.errors), code="invalid_definition", field="definition"
        ) from exc


# -- built-in methods ------------------------------------------------------------------------


@transaction.atomic
def methods_load_builtin(*, directory: Path | None = None) -> list[MethodVersion]:
    """Load the shipped methods; return the versions created (none when nothing changed)."""
    created = []
    for definition in builtin_definitions(directory):
        version = _builtin_load_one(definition)
        if version is not None:
            created.append(version)
    return created


def _builtin_load_one(definition: Definition) -> MethodVersion | None:
    """1. Find or create the built-in method. 2. Same checksum as its latest version: nothing.
    3. Otherwise publish the file's content as the next version (retiring the previous one)."""
    method, _created = Method.objects.get_or_create(
        owner=None, code=definition.code, defaults={"name": definition.name.vi}
    )
    latest = selectors.method_latest(method)
    checksum = definition.checksum()
    if latest is not None and latest.checksum == checksum:
        return None
    version = MethodVersion.objects.create(
        method=method,
        number=(latest.number + 1) if latest else 1,
        status=VersionStatus.DRAFT,
        definition=definition.to_json(),
        checksum=checksum,
        note=_("Nạp từ tệp dựng sẵn %(code)s.json") % {"code": definition.code},
    )
    return _publish(version, definition, actor=None)


# -- copies and drafts -----------------------------------------------------------------------


@transaction.atomic
def method_copy(*, actor: User | None, method: Method, unit: AdministrativeUnit) -> Method:
    """Copy ``method`` to ``unit`` for adaptation: a new method of the unit with a draft v1.

    1. The actor manages surveys on ``unit`` and may see ``method``.
    2. The source is its latest published version (or its latest draft if never published).
    3. The copy keeps the code if free in the unit, else gets ``-2``, ``-3`` …
    """
    _check_can_manage(actor, unit)
    owner = method.owner
    if actor is not None and owner is not None and not user_can(actor, Perm.VIEW_UNITS, owner):
        raise PermissionDenied(_("Bạn không xem được phương pháp này."))
    source = selectors.method_latest(method, published_only=True) or selectors.method_latest(method)
    if source is None:
        raise ServiceError(_("Phương pháp chưa có phiên bản nào để sao chép."))
    code = _free_code(unit, method.code)
    data = copy.deepcopy(source.definition)
    data["code"] = code
    definition = definition_parse(data)
    copied = Method.objects.create(
        code=code, name=method.name, owner=unit, copied_from=method, created_by=actor
    )
    _version_create(copied, definition, actor=actor, note=_("Sao chép từ %(v)s") % {"v": source})
    return copied


def _free_code(unit: AdministrativeUnit, code: str) -> str:
    taken = set(Method.objects.filter(owner=unit).values_list("code", flat=True))
    if code not in taken:
        return code
    n = 2
    while f"{code}-{n}" in taken:
        n += 1
    return f"{code}-{n}"


@transaction.atomic
def method_create(*, actor: User | None, unit: AdministrativeUnit, definition: Any) -> Method:
    """A unit defines its own method from scratch: a new method with a draft v1."""
    _check_can_manage(actor, unit)
    parsed = definition_parse(definition)
    if Method.objects.filter(owner=unit, code=parsed.code).exists():
        raise ServiceError(
            _("Đơn vị đã có phương pháp mã «%(code)s».") % {"code": parsed.code}, field="definition"
        )
    method = Method.objects.create(
        code=parsed.code, name=parsed.name.vi, owner=unit, created_by=actor
    )
    _version_create(method, parsed, actor=actor, note="")
    return method


def _version_create(
    method: Method, definition: Definition, *, actor: User | None, note: str
) -> MethodVersion:
    latest = selectors.method_latest(method)
    try:
        with transaction.atomic():
            return MethodVersion.objects.create(
                method=method,
                number=(latest.number + 1) if latest else 1,
                status=VersionStatus.DRAFT,
                definition=definition.to_json(),
                checksum=definition.checksum(),
                note=note[:300],
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ServiceError(_("Phương pháp đang có một bản nháp khác.")) from exc


@transaction.atomic
def method_draft_start(*, actor: User | None, method: Method) -> MethodVersion:
    """The method's draft, or a new one (latest version + 1) copied from its latest version."""
    _check_can_edit(actor, method)
    draft = selectors.method_draft(method)
    if draft is not None:
        return draft
    latest = selectors.method_latest(method)
    if latest is None:
        raise ServiceError(_("Phương pháp chưa có phiên bản nào."))
    return _version_create(
        method,
        latest.parsed(),
        actor=actor,
        note=_("Sửa từ phiên bản %(n)d") % {"n": latest.number},
    )


@transaction.atomic
def method_version_update_draft(
    *, actor: User | None, version: MethodVersion, definition: Any, note: str = ""
) -> MethodVersion:
    """Replace a draft's definition after validating it; a published version is refused."""
    _check_can_edit(actor, version.method)
    if not version.is_draft:
        raise ImmutableVersionError(
            _("Phiên bản %(n)d đã ban hành, không thể sửa; hãy tạo phiên bản mới.")
            % {"n": version.number}
        )
    parsed = definition_parse(definition)
    if parsed.code != version.method.code:
        raise ServiceError(
            "code: " + _("mã phương pháp phải là «%(code)s»") % {"code": version.method.code},
            field="definition",
        )
    version.definition = parsed.to_json()
    version.checksum = parsed.checksum()
    version.note = note[:300] or version.note
    version.save(update_fields=["definition", "checksum", "note"])
    version.__dict__.pop("_parsed", None)
    return version


@transaction.atomic
def method_draft_save(
    *, actor: User | None, method: Method, definition: Any, note: str = ""
) -> MethodVersion:
    """What the edit page does: start (or reuse) the draft and put ``definition`` in it."""
    draft = method_draft_start(actor=actor, method=method)
    return method_version_update_draft(actor=actor, version=draft, definition=definition, note=note)


# -- publishing ------------------------------------------------------------------------------


@transaction.atomic
def method_version_publish(*, actor: User | None, version: MethodVersion) -> MethodVersion:
    """Draft → published (frozen from now on); the previously published version is retired.

    1. The actor manages surveys on the method's unit; built-ins are refused.
    2. Only a draft can be published, and only if it still validates.
    3. A draft identical to the published version is refused (nothing to publish).
    """
    _check_can_edit(actor, version.method)
    if not version.is_draft:
        raise ServiceError(
            _("Phiên bản %(n)d không phải bản nháp.") % {"n": version.number}, code="not_draft"
        )
    definition = definition_parse(version.definition)
    current = selectors.method_latest(version.method, published_only=True)
    if current is not None and current.checksum == version.checksum:
        raise ServiceError(
            _("Bản nháp giống hệt phiên bản %(n)d đang dùng; không có gì để ban hành.")
            % {"n": current.number},
            code="unchanged",
        )
    return _publish(version, definition, actor=actor)


def _publish(
    version: MethodVersion, definition: Definition, *, actor: User | None
) -> MethodVersion:
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by"])
    version.method.versions.filter(status=VersionStatus.PUBLISHED).exclude(pk=version.pk).update(
        status=VersionStatus.RETIRED
    )
    method = version.method
    if method.name != definition.name.vi:
        method.name = definition.name.vi
        method.save(update_fields=["name"])
    return version


# -- survey waves ----------------------------------------------------------------------------


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _wave_validate(
    *,
    unit: AdministrativeUnit,
    method_version: MethodVersion,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    respondent_types: list[str],
    target_sample: int,
    channels: list[str],
    status: str,
    instance: SurveyWave | None,
) -> None:
    """The rules of a wave about to be written; raise ``ServiceError`` naming the field.

    1. A commune-, district- or province-level unit (not a residential group).
    2. A name, unique in the unit; dates in order; a positive target.
    3. Known respondent types, channels and status, at least one of each list.
    4. The method version is published and usable by the unit (built-in, or the unit's or an
       ancestor's); it can change only while the wave is being prepared.
    """
    if unit.level == UnitLevel.HAMLET:
        raise ServiceError(_("Tổ dân phố, thôn không tổ chức đợt khảo sát riêng."), field="unit")
    if not name:
        raise ServiceError(_("Tên đợt không được để trống."), field="name")
    same_name = SurveyWave.objects.filter(unit=unit, name=name)
    if instance is not None:
        same_name = same_name.exclude(pk=instance.pk)
    if same_name.exists():
        raise ServiceError(_("Đơn vị đã có đợt khảo sát tên này."), field="name")
    if closes_on < opens_on:
        raise ServiceError(
            _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
            % {"end": _fmt(closes_on), "start": _fmt(opens_on)},
            field="closes_on",
        )
    if target_sample < 1:
        raise ServiceError(_("Số phiếu cần thu phải lớn hơn 0."), field="target_sample")
    _check_words(respondent_types, RespondentType.values, "respondent_types")
    _check_words(channels, WaveChannel.values, "channels")
    if status not in WaveStatus.values:
        raise ServiceError(_("Trạng thái không hợp lệ."), field="status")
    _check_version(unit, method_version, instance)


def _check_words(values: list[str], allowed: list[str], field: str) -> None:
    if not values:
        raise ServiceError(_("Hãy chọn ít nhất một mục."), field=field)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ServiceError(
            _("Giá trị không hợp lệ: %(values)s.") % {"values": ", ".join(unknown)}, field=field
        )


def _check_version(
    unit: AdministrativeUnit, version: MethodVersion, instance: SurveyWave | None
) -> None:
    if instance is not None and instance.method_version_id == version.pk:
        return
    if instance is not None and instance.status != WaveStatus.PLANNED:
        raise ServiceError(
            _("Chỉ đổi được phương pháp khi đợt khảo sát còn đang chuẩn bị."),
            field="method_version",
        )
    if version.status != VersionStatus.PUBLISHED:
        raise ServiceError(
            _("Chỉ dùng được phiên bản phương pháp đã ban hành (và chưa ngừng sử dụng)."),
            field="method_version",
        )
    owner_id = version.method.owner_id
    if owner_id is not None and owner_id not in selectors.unit_lineage_pks(unit):
        raise ServiceError(
            _("Phương pháp này thuộc đơn vị khác, đơn vị không dùng được."),
            field="method_version",
        )


def _wave_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    fields["name"] = clean_line(str(fields.get("name", "")))
    fields["respondent_types"] = list(dict.fromkeys(fields.get("respondent_types") or []))
    fields["channels"] = list(dict.fromkeys(fields.get("channels") or []))
    return fields


@transaction.atomic
def wave_create(
    *,
    actor: User | None,
    unit: AdministrativeUnit,
    method_version: MethodVersion,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    respondent_types: list[str],
    target_sample: int,
    channels: list[str],
    status: str = WaveStatus.PLANNED,
) -> SurveyWave:
    """Create a survey wave of ``unit`` on a published method version."""
    _check_can_manage(actor, unit)
    fields = _wave_fields(
        {
            "method_version": method_version,
            "name": name,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "respondent_types": respondent_types,
            "target_sample": target_sample,
            "channels": channels,
            "status": status,
        }
    )
    _wave_validate(unit=unit, instance=None, **fields)
    return SurveyWave.objects.create(unit=unit, created_by=actor, **fields)


@transaction.atomic
def wave_update(*, actor: User | None, wave: SurveyWave, **changes: Any) -> SurveyWave:
    """Change a wave's fields (the same rules as ``wave_create``)."""
    _check_can_manage(actor, wave.unit)
    unknown = set(changes) - set(WAVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown wave fields: {sorted(unknown)}")
    current = {f: getattr(wave, f) for f in WAVE_FIELDS}
    fields = _wave_fields({**current, **changes})
    _wave_validate(unit=wave.unit, instance=wave, **fields)
    for key, value in fields.items():
        setattr(wave, key, value)
    wave.save()
    return wave


WAVE_FIELDS = (
    "method_version",
    "name",
    "opens_on",
    "closes_on",
    "respondent_types",
    "target_sample",
    "channels",
    "status",
)
