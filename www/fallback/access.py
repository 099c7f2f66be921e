"""Who reaches the fallback pages: each decorator asks ``habilitations.rights``; anybody else is
told the page does not exist (404), so nothing reveals an agent's page or another person's object."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from habilitations import rights


def _role_required(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


cid_required = _role_required(rights.is_cid_agent)
sau_required = _role_required(rights.is_sau_agent)


def office_agent_required(view):
    """Office agents only; the view receives their ``office``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        office = rights.office_of(request.user)
        if office is None:
            raise Http404
        return view(request, *args, office=office, **kwargs)

    return wrapper


def base_url(request) -> str:
    return request.build_absolute_uri("/")


__all__ = ["base_url", "cid_required", "login_required", "office_agent_required", "sau_required"]
