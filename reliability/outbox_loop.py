"""Stand-in for the mail worker while prodouane/celery.py does not exist: the outbox's due messages
sent every second (``mail.services.deliver_due``), as ``send_outbox --loop`` does every 30 s."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")

import django

django.setup()

from django.db import close_old_connections  # noqa: E402

from mail.services import deliver_due  # noqa: E402

while True:
    try:
        deliver_due()
    except Exception as error:  # the database down: try again in a second
        print(f"outbox loop: {type(error).__name__}: {error}", flush=True)
        close_old_connections()
    time.sleep(1)
