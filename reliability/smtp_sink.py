"""The reliability suite's mail server (aiosmtpd): records every message it accepts, one JSON line
each (Message-ID, recipients, subject) in LOG; answers 451 (try again later) to every message while
MODE_FILE holds ``451``.

    python reliability/smtp_sink.py PORT LOG MODE_FILE
"""

import email
import email.policy
import json
import signal
import sys
import threading
from pathlib import Path

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, log: Path, mode: Path) -> None:
        self.log = log.open("a", encoding="utf-8")
        self.mode = mode
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.mode.read_text().strip() == "451":
            return "451 4.3.0 Service temporairement indisponible, réessayez plus tard"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        line = json.dumps(
            {
                "message_id": str(message.get("Message-ID", "")).strip(),
                "to": list(envelope.rcpt_tos),
                "subject": str(message.get("Subject", "")),
            },
            ensure_ascii=False,
        )
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()
        return "250 OK"


def main() -> None:
    port, log, mode = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    controller = Controller(Recorder(log, mode), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
