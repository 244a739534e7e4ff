"""Benchmarks: ``hailong bench`` runs each one against SQLite and PostgreSQL, one JSON line each.

Layout: ``base.py`` (the ``Benchmark`` shape), ``registry.py`` (name → module), ``databases.py``
(a fresh, migrated database per run), ``env.py`` (what a benchmark may use: the database, the
``hailong`` command, a real gunicorn server from ``server.py``), ``load.py`` (a small HTTP load
generator, loopback only, bounded in time and requests), ``runner.py`` (the loop and the JSON).

Adding a benchmark:

1. Write ``hailong/core/bench/<name>.py`` with ``BENCHMARK = Benchmark(name=..., ...)`` whose
   ``run(env, params)`` seeds what it needs through ``env.manage(...)``, measures, and returns a
   dict of figures (numbers, or dicts of numbers; say the unit in the key: ``_ms``, ``_s``).
2. Keep the default ``params`` within about a minute per database on 2 cores (``make bench``
   must finish within 10 minutes), and put the real sizes in ``full_params`` (``--full``).
3. Add the name to ``registry.MODULES``.
4. Describe its figures in ``docs/performance.md``, run it and add the measured line there.
"""
