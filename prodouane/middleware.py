"""Request checks shared by every view."""

import re

from django.http import Http404, JsonResponse

# NUL and the other control characters (C0, DEL, C1): no address of the portal has one, no one
# types one, and PostgreSQL refuses NUL in a text value (a view looking up ``/gamma/<number>/``
# would answer 500 there). Parameters are left to the forms, which refuse them at their field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class RejectControlCharactersInPathMiddleware:
    """An address with a control character is a page that does not exist: the French 404 page, or
    for the JSON look-ups (``….json``) their own refusal, ``{"error", "code": "invalid"}`` with 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            if request.path_info.endswith(".json"):
                return JsonResponse(
                    {"error": "L\u2019adresse contient un caractère non autorisé.", "code": "invalid"},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            raise Http404("Adresse contenant un caractère de contrôle.")
        return self.get_response(request)
