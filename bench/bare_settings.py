"""The portal's settings with one more page, for ``bench/edi_submit.py`` only (never deployed):
``POST /bench/insert`` (``bare_urls``). With ``BENCH_PREPARED=1``, PostgreSQL statements are
bound on the server and prepared after ``prepare_threshold`` runs (psycopg), so that PostgreSQL
plans each of them once per connection instead of at every run: the variant the benchmark
compares."""

import os

from prodouane.settings import *  # noqa: F403
from prodouane.settings import DATABASES

ROOT_URLCONF = "bare_urls"

if os.environ.get("BENCH_PREPARED") == "1" and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
