"""Offline speech for broadcast scripts: espeak-ng's Vietnamese voice, then sox to OGG Vorbis.

Nothing is downloaded at run time: ``espeak-ng -v vi`` (Debian ``espeak-ng``) writes a WAV,
and ``sox`` (Debian ``sox``, which has a Vorbis handler but no MP3 one) compresses it to OGG,
about 8× smaller. Without sox the WAV is kept. Without espeak-ng the job fails with a
Vietnamese message (``SpeechUnavailable``); nothing crashes. Scripts are normalised first so
the voice reads dates and percentages as words ("ngày 16 tháng 10 năm 2023").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from hailong.core.text import nfc
from hailong.jobs.base import JobFailed

if TYPE_CHECKING:
    from hailong.campaigns.models import MaterialAudioJob
    from hailong.jobs.base import Progress

VOICE = "vi"
WORDS_PER_MINUTE = 140
TIMEOUT_S = 120
MAX_CHARS = 6000

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_YEAR = re.compile(r"(?:\btháng\s+)?\b(\d{1,2})/(\d{4})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(\d+)(?:,(\d+))?\s*%")
_URL = re.compile(r"\bhttps?://\S+|\b[\w.-]+\.(?:vn|com|net|org)(?:/\S*)?")


class SpeechUnavailable(JobFailed):
    """espeak-ng is not installed (or failed): the message says what to do, in Vietnamese."""


@dataclass(frozen=True)
class Audio:
    content: bytes
    extension: str
    content_type: str


def speakable(text: str) -> str:
    """The script as the voice should read it: dates, months and percentages in words, links
    left out (a listener cannot click them), one line."""
    text = nfc(text)
    text = _URL.sub("", text)
    text = _DATE.sub(lambda m: f"ngày {int(m[1])} tháng {int(m[2])} năm {m[3]}", text)
    text = _MONTH_YEAR.sub(lambda m: f"tháng {int(m[1])} năm {m[2]}", text)
    text = _PERCENT.sub(
        lambda m: f"{m[1]} phẩy {m[2]} phần trăm" if m[2] else f"{m[1]} phần trăm", text
    )
    return " ".join(text.split())


def espeak_path() -> str | None:
    return shutil.which("espeak-ng")


def synthesise(text: str) -> Audio:
    """Speak ``text``; OGG Vorbis if sox is there, else WAV. ``SpeechUnavailable`` if not."""
    espeak = espeak_path()
    if espeak is None:
        raise SpeechUnavailable(
            _(
                "Máy chủ chưa cài bộ đọc tiếng Việt espeak-ng nên không tạo được tệp âm thanh. "
                "Hãy nhờ quản trị hệ thống cài gói espeak-ng (scripts/system-deps.sh), hoặc tải "
                "lên bản thu âm của cán bộ."
            )
        )
    words = speakable(text)[:MAX_CHARS]
    if not words:
        raise JobFailed(_("Kịch bản trống, không có gì để đọc."))
    with tempfile.TemporaryDirectory(prefix="hailong-speech-") as tmp:
        wav = Path(tmp) / "script.wav"
        _run([espeak, "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(wav), "--", words])
        sox = shutil.which("sox")
        if sox is not None:
            ogg = Path(tmp) / "script.ogg"
            try:
                _run([sox, str(wav), "-C", "3", str(ogg)])
                return Audio(ogg.read_bytes(), "ogg", "audio/ogg")
            except SpeechUnavailable:
                pass  # no Vorbis handler in this sox: keep the WAV
        return Audio(wav.read_bytes(), "wav", "audio/wav")


def _run(command: list[str]) -> None:
    try:
        subprocess.run(  # noqa: S603 (fixed programs, the text is one argument after "--")
            command, check=True, capture_output=True, timeout=TIMEOUT_S
        )
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(
            _("Không tạo được tệp âm thanh (%(program)s báo lỗi).") % {"program": command[0]}
        ) from exc


def audio_job_execute(job: MaterialAudioJob, progress: Progress) -> None:
    """1. Speak the material's current text. 2. Replace its audio with the result."""
    from hailong.campaigns.models import AudioOrigin

    material = job.material
    progress(0, 2)
    audio = synthesise(material.text)
    progress(1, 2)
    old = material.audio.name if material.audio else ""
    material.audio_extension = audio.extension
    material.audio.save(f"loa.{audio.extension}", ContentFile(audio.content), save=False)
    material.audio_origin = AudioOrigin.SPEECH
    material.audio_content_type = audio.content_type
    material.audio_size = len(audio.content)
    material.save(
        update_fields=[
            "audio",
            "audio_origin",
            "audio_extension",
            "audio_content_type",
            "audio_size",
            "updated_at",
        ]
    )
    if old and old != material.audio.name:
        material.audio.storage.delete(old)
    progress(2, 2)
