"""Gunicorn's configuration for deploy/Procfile and the systemd unit: the root gunicorn.conf.py is
the real one (bind, workers, threads, hooks); this file only includes it, so that every production
file sits under deploy/ while `gunicorn -c gunicorn.conf.py` keeps working as the README says."""

import runpy
from pathlib import Path

_root = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({name: value for name, value in _root.items() if not name.startswith("__")})
