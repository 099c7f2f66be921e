"""Request checks shared by every view."""

import re

from django.http import Http404

# NUL and the other control characters (C0, DEL, C1): no address of the portal has one, no one
# types one, and PostgreSQL refuses NUL in a text value (a view looking up ``/gamma/<number>/``
# would answer 500 there). Parameters are left to the forms, which refuse them at their field.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class RejectControlCharactersInPathMiddleware:
    """An address with a control character is a page that does not exist: the French 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            raise Http404("Adresse contenant un caractère de contrôle.")
        return self.get_response(request)
