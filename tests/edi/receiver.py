"""A local HTTPS receiver for the EDI notifications: a real TLS server in a thread, with a
certificate made for the test session (``localhost`` and ``127.0.0.1``) that the sender is told to
trust (``settings.EDI_WEBHOOK_CA_FILE``). It records each request and answers the codes it is told
to, in order (then 200)."""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def make_certificate(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # Fixed dates: TLS checks them against the system's clock, not the one the tests may set.
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2045, 1, 1, tzinfo=dt.UTC))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "receiver.pem", directory / "receiver.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_file, key_file


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    port: int
    ca_file: Path
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)

    def url(self, host: str = "127.0.0.1", path: str = "/hook") -> str:
        return f"https://{host}:{self.port}{path}"


def start(directory: Path) -> tuple[Receiver, http.server.ThreadingHTTPServer]:
    cert_file, key_file = make_certificate(directory)
    receiver_ref: list[Receiver] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            receiver = receiver_ref[0]
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            receiver.requests.append(
                Received(path=self.path, headers={k.lower(): v for k, v in self.headers.items()}, body=body)
            )
            code = receiver.answers.pop(0) if receiver.answers else 200
            answer = b"ok" if code < 300 else b"boom " * 100  # a long body: only an excerpt is kept
            self.send_response(code)
            if 300 <= code < 400:
                self.send_header("Location", "https://127.0.0.1:1/elsewhere")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    receiver_ref.append(Receiver(port=server.server_address[1], ca_file=cert_file))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver_ref[0], server
