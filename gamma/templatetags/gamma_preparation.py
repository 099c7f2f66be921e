"""``{% preparation_links excise_number %}``: on a number's GAMMA home, the links to prepare
documents, to the drafts and to the templates — only those the user's rights allow."""

from django import template

from gamma import services

register = template.Library()


@register.inclusion_tag("gamma/prepare/_links.html", takes_context=True)
def preparation_links(context, excise_number):
    return {
        "excise_number": excise_number,
        "abilities": services.abilities(context["request"].user, excise_number),
        "csrf_token": context.get("csrf_token"),
    }
