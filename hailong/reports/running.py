"""What a report job does when a worker runs it (never inside a request)."""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

from django.core.files import File
from django.utils import translation
from django.utils.translation import gettext as _

from hailong.jobs.base import JobFailed, Progress
from hailong.reports.exports import ExportTooLarge
from hailong.reports.formats import FORMATS
from hailong.reports.kinds import kind_get

if TYPE_CHECKING:
    from hailong.reports.models import ReportJob

DOCUMENT_LANGUAGE = "vi"  # administrative documents are Vietnamese whatever the UI language


def report_job_execute(job: ReportJob, progress: Progress) -> None:
    """Build the report and store it as the job's file.

    1. Look up the kind and the format (an unknown one fails the job with a message).
    2. Build the document or table, in Vietnamese.
    3. Render it into a temporary file (tables stream, so memory stays flat).
    4. Store the file under an unguessable name; keep the human file name apart.
    """
    kind, fmt = kind_get(job.kind), FORMATS.get(job.format)
    if kind is None or fmt is None or job.format not in kind.formats:
        raise JobFailed(_("Loại báo cáo hoặc định dạng không còn được hỗ trợ."))
    progress(0, 3)
    with translation.override(DOCUMENT_LANGUAGE), tempfile.TemporaryFile() as out:
        payload = kind.build(job)
        progress(1, 3)
        try:
            fmt.write(payload, out, progress)
        except ExportTooLarge as exc:
            raise JobFailed(str(exc)) from exc
        progress(2, 3)
        out.seek(0)
        job.filename = kind.filename(job)
        job.output.save(job.filename, File(out), save=False)
    progress(3, 3)
