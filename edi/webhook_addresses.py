"""Where an EDI notification may go: an HTTPS address on the public Internet, checked when it is
configured and again before every attempt (an address may move to another network in between).

Server-side request forgery is the risk: the portal posts from inside the administration's
network, so an address that resolves to a private, loopback, link-local (cloud metadata at
169.254.169.254), shared or reserved range is refused — every address the name resolves to must be
global. ``settings.EDI_WEBHOOK_ALLOW_PRIVATE`` lifts that check for a laptop and the tests only.
The sender connects to the address checked here (``Target.addresses``), not to a second answer
of the DNS, with the name kept for TLS (SNI and the certificate's check)."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

MAX_LENGTH = 500

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Exception):
    """A French message that may be shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Target:
    url: str
    host: str  # as written (a name or an address), without brackets
    port: int
    addresses: tuple[IPAddress, ...]  # what the host resolved to, all allowed

    def pinned_url(self, address: IPAddress | None = None) -> str:
        """The URL with the host replaced by one of its checked addresses (the first by default)."""
        parts = urlsplit(self.url)
        address = self.addresses[0] if address is None else address
        host = f"[{address}]" if address.version == 6 else str(address)
        return parts._replace(netloc=f"{host}:{self.port}").geturl()

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == 443 else f"{host}:{self.port}"

    @property
    def is_name(self) -> bool:
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return True
        return False


def _allowed(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise AddressRefused(f"Le nom « {host} » est introuvable (DNS) : vérifiez l'adresse.") from None
    addresses = []
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise AddressRefused(f"Le nom « {host} » est introuvable (DNS) : vérifiez l'adresse.")
    return tuple(addresses)


def check(url: str, *, allow_private: bool | None = None) -> Target:
    """The ``Target`` of ``url``, or ``AddressRefused`` in French."""
    url = (url or "").strip()
    if not url:
        raise AddressRefused("Indiquez l'adresse HTTPS à laquelle votre logiciel reçoit les notifications.")
    if len(url) > MAX_LENGTH:
        raise AddressRefused(f"L'adresse ne doit pas dépasser {MAX_LENGTH} caractères.")
    if any(character.isspace() or ord(character) < 32 for character in url):
        raise AddressRefused("L'adresse ne doit pas contenir d'espace ni de caractère de contrôle.")
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise AddressRefused("L'adresse doit commencer par « https:// » : les notifications ne partent qu'en HTTPS.")
    if parts.username or parts.password:
        raise AddressRefused("L'adresse ne doit pas contenir d'identifiant ni de mot de passe.")
    if parts.fragment:
        raise AddressRefused("L'adresse ne doit pas contenir de fragment (« # »).")
    try:
        port = parts.port or 443
    except ValueError:
        raise AddressRefused("Le port de l'adresse n'est pas valide.") from None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise AddressRefused(
            "L'adresse doit indiquer un nom de serveur, par exemple https://edi.exemple.fr/notifications."
        )
    addresses = _resolve(host, port)
    if allow_private is None:
        allow_private = settings.EDI_WEBHOOK_ALLOW_PRIVATE
    if not allow_private and not all(_allowed(address) for address in addresses):
        raise AddressRefused(
            f"L'adresse « {host} » mène à un réseau privé, local ou réservé : indiquez une adresse "
            "joignable sur Internet."
        )
    return Target(url=parts._replace(scheme="https").geturl(), host=host, port=port, addresses=addresses)
