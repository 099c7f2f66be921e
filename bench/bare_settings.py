"""The portal's settings with one more page, for ``bench/edi_submit.py`` only (never deployed):
``POST /bench/insert`` (``bare_urls``)."""

from prodouane.settings import *  # noqa: F403

ROOT_URLCONF = "bare_urls"
