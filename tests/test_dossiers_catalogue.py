"""The national procedure catalogue: the shipped fixture, idempotent imports, the command."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hailong.core.errors import ServiceError
from hailong.dossiers.catalogue import (
    catalogue_can_manage,
    procedures_import_file,
    procedures_load_fixture,
)
from hailong.dossiers.models import Procedure, ProcedureField, ProcedureLevel
from tests.conftest import Cast
from tests.test_dossiers_factories import csv_bytes, xlsx_bytes

COLUMNS = ["ma_linh_vuc", "ten_linh_vuc", "ma_thu_tuc", "ten_thu_tuc"]


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_shipped_catalogue_has_about_forty_commune_procedures_in_eight_fields(db: None) -> None:
    report = procedures_load_fixture()
    assert report.errors == []
    assert 40 <= Procedure.objects.filter(level=ProcedureLevel.COMMUNE).count() <= 60
    assert ProcedureField.objects.count() == 8
    for code, name in [
        ("1.001193", "Đăng ký khai sinh"),
        ("1.000894", "Đăng ký kết hôn"),
        ("2.000635", "Cấp bản sao trích lục hộ tịch"),
    ]:
        assert Procedure.objects.get(code=code).name == name
    assert Procedure.objects.get(code="2.000815").name.startswith(
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
    )


def test_importing_twice_creates_nothing_new_and_updates_by_code(db: None) -> None:
    procedures_load_fixture()
    again = procedures_load_fixture()
    assert (again.created, again.updated, again.fields_created) == (0, 0, 0)
    renamed = xlsx_bytes([["HT", "Hộ tịch", "1.001193", "Đăng ký khai sinh (đổi tên)"]], COLUMNS)
    from io import BytesIO

    report = procedures_import_file(BytesIO(renamed))
    assert (report.created, report.updated) == (0, 1)
    assert Procedure.objects.get(code="1.001193").name == "Đăng ký khai sinh (đổi tên)"


def test_vietnamese_column_titles_and_level_words_are_understood(db: None) -> None:
    from io import BytesIO

    header = ["Mã lĩnh vực", "Tên lĩnh vực", "Mã thủ tục", "Tên thủ tục", "Cấp thực hiện"]
    content = csv_bytes([["DD", "Đất đai", "1.0001", "Giao đất", "Cấp tỉnh"]], header)
    report = procedures_import_file(BytesIO(content))
    assert report.created == 1
    assert Procedure.objects.get(code="1.0001").level == ProcedureLevel.PROVINCE


def test_a_file_without_the_catalogue_columns_is_refused(db: None) -> None:
    from io import BytesIO

    with pytest.raises(ServiceError) as refused:
        procedures_import_file(BytesIO(csv_bytes([["1"]], ["STT", "Tên"])))
    assert "ma_linh_vuc" in refused.value.message


def test_the_command_imports_a_file_and_reports_row_errors(db: None, tmp_path: Path) -> None:
    content = csv_bytes(
        [["HT", "Hộ tịch", "1.001193", "Đăng ký khai sinh"], ["HT", "", "", ""]], COLUMNS
    )
    out, err = StringIO(), StringIO()
    call_command("import_procedures", _file(tmp_path, "tthc.csv", content), stdout=out, stderr=err)
    assert "thủ tục mới: 1" in out.getvalue()
    assert "dòng 3" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("import_procedures", tmp_path / "khong-co.csv")


def test_only_superusers_and_provincial_administrators_may_change_the_catalogue(
    cast: Cast,
) -> None:
    assert catalogue_can_manage(cast.root)
    assert catalogue_can_manage(cast.carol)
    assert not catalogue_can_manage(cast.alice)
    assert not catalogue_can_manage(cast.oscar)
