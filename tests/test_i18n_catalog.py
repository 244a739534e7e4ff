"""The English catalog covers every Vietnamese source string, and Vietnamese stays the default."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

CATALOG = Path(settings.BASE_DIR) / "hailong" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalog_has_no_empty_or_fuzzy_translation() -> None:
    catalog = polib.pofile(str(CATALOG))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert untranslated == [], f"translate these in {CATALOG}: {untranslated[:20]}"
    assert fuzzy == [], f"check these fuzzy entries: {fuzzy[:20]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext (xgettext) not installed")
def test_every_source_string_is_in_the_english_catalog(tmp_path: Path) -> None:
    source = Path(settings.BASE_DIR) / "hailong"
    copy = tmp_path / "src" / "hailong"
    shutil.copytree(
        source, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "*.mo")
    )
    out = tmp_path / "locale"
    out.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(copy.parent)
        with override_settings(LOCALE_PATHS=[str(out)]):
            call_command("makemessages", locale=["en"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(cwd)
    fresh = {e.msgid for e in polib.pofile(str(out / "en" / "LC_MESSAGES" / "django.po"))}
    known = {e.msgid for e in polib.pofile(str(CATALOG)) if e.msgstr or e.msgstr_plural}
    missing = sorted(fresh - known)
    assert missing == [], f"run `make messages` and translate: {missing[:20]}"
