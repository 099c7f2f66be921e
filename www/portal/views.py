from django.shortcuts import render


def home(request):
    return render(request, "portal/home.html", {})


def presentation(request):
    return render(request, "portal/presentation.html", {"title": "Présentation du portail"})


def services(request):
    return render(request, "portal/services.html", {"title": "Services disponibles"})


def edi(request):
    return render(request, "portal/edi.html", {"title": "Guichet EDI"})


def assistance(request):
    return render(request, "portal/assistance.html", {"title": "Assistance en ligne"})


def inscription(request):
    return render(request, "portal/inscription.html", {"title": "Inscription sur le portail"})


def accessibility(request):
    return render(request, "portal/accessibility.html", {"title": "Déclaration d'accessibilité"})


def legal(request):
    return render(request, "portal/legal.html", {"title": "Mentions légales"})
