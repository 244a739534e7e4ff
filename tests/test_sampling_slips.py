"""Printable slips and message texts: the ward, a QR, the short link, the code, the promise,
and never a name, a phone number or a dossier code."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hailong.dossiers.models import DossierContact
from hailong.responses.services import response_submit
from hailong.sampling.invitations import ascii_fold, sms_parts
from tests.conftest import Cast
from tests.test_responses_factories import fresh_cache, valid_raw  # noqa: F401
from tests.test_sampling_factories import sampled

pytestmark = pytest.mark.usefixtures("fresh_cache")


def test_slips_come_ten_to_a_page_with_qr_link_code_and_promise(cast: Cast) -> None:
    wave, draw = sampled(cast)
    page = cast.client(cast.alice).get(reverse("sampling:slips", args=[wave.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert html.count('class="sheet"') == 8  # 80 slips
    assert html.count('class="slip"') == 80
    assert html.count("<svg") == 80
    assert "Ủy ban nhân dân Phường Ngọc Hà" in html
    assert "được giữ bí mật" in html
    code = draw.members.get(position=1).invitation.code
    assert f"/moi/{code}" in html
    assert f"{code[:4]} {code[4:]}" in html


def test_slips_and_messages_carry_no_personal_data(cast: Cast) -> None:
    wave, _draw = sampled(cast)
    client = cast.client(cast.oscar)  # no right to see contacts, nothing assigned
    slips = client.get(reverse("sampling:slips", args=[wave.pk])).content.decode()
    texts = client.get(reverse("sampling:messages", args=[wave.pk])).content.decode()
    for contact in DossierContact.objects.filter(dossier__unit=cast.ngoc_ha):
        for html in (slips, texts):
            assert contact.name not in html
            assert contact.phone not in html
            assert contact.dossier.code not in html
    assert not re.search(r"Nguyễn Thị Mẫu|0912\d{6}|S-2\.000815", slips + texts)


def test_used_invitations_are_left_out_unless_asked(cast: Cast) -> None:
    wave, draw = sampled(cast)
    used = draw.members.get(position=1).invitation
    response_submit(
        wave=wave,
        channel="web",
        answers_raw=valid_raw(wave),
        respondent_raw={},
        invitation_code=used.code,
    )
    url = reverse("sampling:slips", args=[wave.pk])
    client = cast.client(cast.alice)
    assert used.code not in client.get(url).content.decode()
    assert used.code in client.get(f"{url}?tat-ca=1").content.decode()
    assert (
        used.code not in client.get(reverse("sampling:messages", args=[wave.pk])).content.decode()
    )


def test_the_messages_give_a_zalo_text_and_a_one_part_sms_without_diacritics(
    cast: Cast,
) -> None:
    wave, draw = sampled(cast)
    code = draw.members.get(position=1).invitation.code
    html = (
        cast.client(cast.alice).get(reverse("sampling:messages", args=[wave.pk])).content.decode()
    )
    assert "UBND phường Ngọc Hà trân trọng mời Ông/Bà góp ý" in html
    assert f"mã mời: {code}" in html
    sms = re.search(r'id="sms-\d+" readonly rows="6">([^<]+)<', html)
    assert sms is not None
    text = sms.group(1)
    assert text.isascii()
    assert text.startswith("UBND phuong Ngoc Ha moi Ong/Ba gop y")
    assert f"/moi/{code}" in text
    assert sms_parts(text) == 1


def test_folding_keeps_every_letter_and_drops_the_marks() -> None:
    assert ascii_fold("Đặng Thị Mười, phường Đống Đa") == "Dang Thi Muoi, phuong Dong Da"
    assert sms_parts("a" * 160) == 1
    assert sms_parts("a" * 161) == 2
    assert sms_parts("ă" * 71) == 2
