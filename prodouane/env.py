"""Tiny helpers reading settings from the environment; a bad value fails loudly at start-up."""

import ipaddress
import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str = "") -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """A comma-separated list of IP addresses or networks ("10.0.0.0/8,192.0.2.7")."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network (e.g. 10.0.0.0/8).") from exc
    return networks


_RATE = re.compile(r"^\d+/(\d+(\.\d+)?)?[smhd](/(ip|user|key))?$")


def env_rate(name: str, default: str) -> str:
    """A rate limit in allauth's notation: comma-separated "amount/period[/per]", e.g.
    "20/m/ip,5/15m/key" (periods in s, m, h or d; per ip, user or key)."""
    value = env_str(name, default)
    for part in value.split(","):
        if not _RATE.match(part.strip()):
            raise ImproperlyConfigured(
                f"{name}={value!r}: {part.strip()!r} is not a rate limit (use e.g. 20/m/ip,5/15m/key)."
            )
    return value
