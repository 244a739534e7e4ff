"""Settings for benchmarks that need a bench-only URL (never used in production).

``public_form_submit`` compares the real public-form POST with a bare view that inserts one row;
that bare view lives only in ``bench_urls`` (this module points ``ROOT_URLCONF`` at it).
"""

from __future__ import annotations

from hailong.settings import *  # noqa: F403

ROOT_URLCONF = "hailong.core.bench.bench_urls"
