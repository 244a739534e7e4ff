"""The broadcast's audio: espeak-ng's Vietnamese voice offline in a background job (OGG through
sox), a clear Vietnamese refusal without espeak-ng, and human recordings checked by size and
by their first bytes."""

from __future__ import annotations

import io
import shutil

import pytest
from django.test import override_settings

from hailong.campaigns import services
from hailong.campaigns.materials import speech
from hailong.campaigns.models import AudioOrigin, CampaignPlan, MaterialAudioJob
from hailong.core.errors import ServiceError
from hailong.jobs.base import JobFailed, JobStatus
from tests.campaigns_fixtures import plan
from tests.campaigns_materials_fixtures import wave_plan
from tests.conftest import Cast

__all__ = ["plan", "wave_plan"]

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40


def test_dates_and_percentages_are_read_as_words() -> None:
    text = speech.speakable("Đến 14/10/2026 đạt 86,50%, tháng 11/2026; xem https://x.vn/k/a")
    assert text == (
        "Đến ngày 14 tháng 10 năm 2026 đạt 86 phẩy 50 phần trăm, tháng 11 năm 2026; xem"
    )


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_job_speaks_the_script_with_espeak_ng(
    cast: Cast,
    wave_plan: CampaignPlan,
    django_capture_on_commit_callbacks: object,
    tmp_path: object,
) -> None:
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        job = services.material_audio_start(actor=cast.cindy, material=script)
        assert job.run() is True
        job.refresh_from_db()
        script.refresh_from_db()
        assert job.status == JobStatus.COMPLETE, job.error
        audio = script.audio.read()
    expected = (b"OggS", "audio/ogg") if shutil.which("sox") else (b"RIFF", "audio/wav")
    assert audio[:4] == expected[0]
    assert script.audio_content_type == expected[1]
    assert script.audio_origin == AudioOrigin.SPEECH
    assert script.audio_size == len(audio) > 5_000


def test_without_espeak_ng_the_officer_gets_a_vietnamese_message(
    cast: Cast, wave_plan: CampaignPlan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hailong.campaigns.materials.speech.shutil.which", lambda name: None)
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    with pytest.raises(ServiceError, match="chưa cài bộ đọc tiếng Việt espeak-ng"):
        services.material_audio_start(actor=cast.cindy, material=script)
    with pytest.raises(JobFailed, match="espeak-ng"):
        speech.synthesise("Xin chào")
    job = MaterialAudioJob.objects.create(material=script)
    assert job.run() is True
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "espeak-ng" in job.error


def test_a_human_recording_replaces_the_voice(
    cast: Cast, wave_plan: CampaignPlan, tmp_path: object
) -> None:
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        services.material_recording_upload(
            actor=cast.cindy, material=script, upload=io.BytesIO(b"ID3\x04" + b"\x00" * 200)
        )
    script.refresh_from_db()
    assert (script.audio_origin, script.audio_extension) == (AudioOrigin.RECORDING, "mp3")
    assert script.audio.name is not None
    assert script.audio.name.endswith(".mp3")
    assert "thu-am" not in script.audio.name


@pytest.mark.parametrize(
    "content", [b"<html><script>alert(1)</script></html>", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n"]
)
def test_a_file_that_is_not_audio_is_refused_whatever_its_name(
    cast: Cast, wave_plan: CampaignPlan, content: bytes
) -> None:
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    upload = io.BytesIO(content)
    upload.name = "ban-thu.mp3"
    with pytest.raises(ServiceError, match="không phải là âm thanh"):
        services.material_recording_upload(actor=cast.cindy, material=script, upload=upload)


def test_an_oversized_recording_is_refused(
    cast: Cast, wave_plan: CampaignPlan, settings: object
) -> None:
    settings.HAILONG_EVIDENCE_AUDIO_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    script = services.material_create(actor=cast.cindy, plan=wave_plan, kind="broadcast")
    with pytest.raises(ServiceError, match="Tệp quá lớn"):
        services.material_recording_upload(
            actor=cast.cindy, material=script, upload=io.BytesIO(WAV + b"\x00" * 1024 * 1024)
        )


def test_a_leaflet_has_no_audio(cast: Cast, wave_plan: CampaignPlan) -> None:
    leaflet = services.material_create(actor=cast.cindy, plan=wave_plan, kind="leaflet")
    with pytest.raises(ServiceError):
        services.material_recording_upload(
            actor=cast.cindy, material=leaflet, upload=io.BytesIO(WAV)
        )
