#!/usr/bin/env bash
# Run the suite against PostgreSQL when one is reachable; otherwise say clearly that it is skipped.
set -uo pipefail
url="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/hailong}"
if [[ "${SKIP_POSTGRES:-}" == 1 ]]; then echo "PostgreSQL run SKIPPED: SKIP_POSTGRES=1"; exit 0; fi
if ! .venv/bin/python - "$url" <<'PY'
import sys, psycopg
from urllib.parse import urlparse
u = urlparse(sys.argv[1])
try:
    psycopg.connect(host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
                    password=u.password or None, dbname="postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"({exc.__class__.__name__}: {str(exc).strip()[:120]})")
    sys.exit(1)
PY
then
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start 2>/dev/null && sleep 2
  fi
fi
if .venv/bin/python -c "import psycopg,sys; from urllib.parse import urlparse; u=urlparse(sys.argv[1]); psycopg.connect(host=u.hostname, port=u.port or 5432, user=u.username or 'postgres', dbname='postgres', connect_timeout=3).close()" "$url" 2>/dev/null; then
  echo "== PostgreSQL run: DATABASE_URL=$url"
  DATABASE_URL="$url" SECRET_KEY="${SECRET_KEY:-test-only-secret-key-for-postgres-run}" \
    .venv/bin/pytest -n 2 -p no:cacheprovider "$@"
else
  echo "PostgreSQL run SKIPPED: no PostgreSQL server reachable at $url (SQLite run above is complete)"
fi
