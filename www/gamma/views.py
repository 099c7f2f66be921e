"""GAMMA's entry point: the excise numbers a user acts for, and per number what they may do.
Rights come from habilitations.rights, checked on every request."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from habilitations import catalogue, rights
from register.models import ExciseNumber


@login_required
def home(request):
    numbers = rights.rights_by_excise_number(request.user, catalogue.GAMMA)
    excise_numbers = ExciseNumber.objects.filter(number__in=numbers).select_related("operator")
    return render(
        request,
        "gamma/home.html",
        {
            "title": "EMCS GAMMA",
            "entries": [
                (number, [catalogue.label_of(catalogue.GAMMA, code) for code in _ordered(numbers[number.number])])
                for number in excise_numbers
            ],
        },
    )


@login_required
def excise_home(request, number: str):
    excise_number = ExciseNumber.objects.select_related("operator", "customs_office").filter(number=number).first()
    # Another company's number, or one that does not exist: nothing to see (404, nothing leaks).
    company = rights.company_of(request.user)
    if excise_number is None or company is None or excise_number.operator_id != company.pk:
        raise Http404
    held = rights.rights_for(request.user, catalogue.GAMMA, excise_number)
    context = {
        "title": f"GAMMA — {excise_number.number}",
        "excise_number": excise_number,
        "rights": [(right, right.code in held) for right in catalogue.rights_of(catalogue.GAMMA)],
    }
    if not held:
        return render(request, "gamma/refused.html", context, status=403)
    return render(request, "gamma/excise_home.html", context)


def _ordered(codes):
    return [right.code for right in catalogue.rights_of(catalogue.GAMMA) if right.code in codes]
