"""The portal's pages plus the bare view of ``bench/edi_submit.py``: the body posted written as
one row (an evidence row of ``edi.models.InboundMessage``, as a submission writes), in
autocommit, nothing read, nothing checked — the floor of any submission over HTTP."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from edi.models import Channel, InboundMessage


@csrf_exempt
@require_POST
def insert(request: HttpRequest) -> HttpResponse:
    data = request.body
    InboundMessage.objects.create(
        channel=Channel.EDI, sender_key="bench", data=data, size=len(data), status=201, answer=b""
    )
    return HttpResponse(b"", status=201)


urlpatterns = [
    path("bench/insert", insert),
    path("", include("prodouane.urls")),
]
