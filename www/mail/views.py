"""Development-only mailbox: lists the messages of the outbox so a newcomer can open the
activation link without a mail server. Answers 404 in production."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from mail.models import OutboxMessage


def _require_dev_mailbox() -> None:
    if not settings.DEV_MAILBOX:
        raise Http404


def mailbox(request):
    _require_dev_mailbox()
    messages = OutboxMessage.objects.all()[:200]
    return render(request, "mail/mailbox.html", {"title": "Boîte mail de développement", "outbox": messages})


def message_detail(request, pk: int):
    _require_dev_mailbox()
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "mail/message.html", {"title": message.subject, "message": message})
