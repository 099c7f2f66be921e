"""The client's IP address: the one function every part of the portal uses (rate limits, the
connection history, allauth's sessions list).

Behind the load balancer every request comes from the balancer's address: the real client is in
``X-Forwarded-For``, which each proxy extends with the address it received the request from.
The header is believed only as far as trusted proxies wrote it (setting ``TRUSTED_PROXIES``):
read from the right, every address of a trusted proxy is skipped, the first other one is the
client. A client that sends its own ``X-Forwarded-For`` only adds entries to the left of what
the trusted proxies appended: they are never reached. A request whose peer is not a trusted
proxy is answered by its peer address, whatever the header says."""

import ipaddress

from django.conf import settings


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket: "::ffff:192.0.2.1" is 192.0.2.1.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request) -> str | None:
    """The address of the client that made ``request``, as a string; None when unknown."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not _trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # Not an address where a trusted proxy wrote one: keep the last one we can vouch for.
            break
        client = address
        if not _trusted(address):
            break
    return str(client)
