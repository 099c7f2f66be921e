"""Request checks shared by every view."""

from django.core.exceptions import SuspiciousOperation


class NullCharacterInRequest(SuspiciousOperation):
    """A NUL character in the address or a parameter: no one types it, PostgreSQL refuses it in a
    text value (the same input passes on SQLite), so it never reaches a view. Django answers
    SuspiciousOperation with the 400 page (templates/400.html) and logs it to django.security."""


class RejectNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_null(request.GET) or (request.method == "POST" and _has_null(request.POST)):
            raise NullCharacterInRequest(f"NUL character in {request.method} {request.path!r}")
        return self.get_response(request)


def _has_null(params) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in params.lists())
