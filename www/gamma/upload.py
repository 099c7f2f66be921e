"""« Déposer des messages XML » (the DTI+ upload): one or many EMCS messages, each judged by
``edi.service.submit`` exactly as the Guichet EDI endpoint judges it, on the channel « upload ».
Per file: the ARC and a link to the movement, or the errors in French at their XPath and, for a
refused IE815, a button that opens the draft the service kept, with each error at its field."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from edi import service
from gamma import actions
from gamma.models import Movement
from habilitations import catalogue, rights
from www.gamma.movements import acting_for
from www.guichet import answers, files

FILES_FIELD = "fichiers"


@dataclass(frozen=True)
class FileResult:
    name: str
    answer: answers.AnswerView
    detail: str  # a French sentence for an answer without XML (not allowed, identifier reused)
    arc: str
    movement_url: str  # the movement's page, when accepted
    draft_url: str  # the refused IE815's draft, opened with its errors at their fields


def _number_for(user, movement: Movement, page_number: str) -> str:
    """The number under which the user sees ``movement``: the page's when it plays a part in it,
    else another of the user's numbers that does; "" when none does."""
    numbers = [page_number, *rights.rights_by_excise_number(user, catalogue.GAMMA)]
    return next((number for number in numbers if actions.roles_of(movement, number)), "")


def _result(user, name: str, answer, page_number: str) -> FileResult:
    movement = answer.movement
    movement_url = draft_url = arc = ""
    if movement is not None:
        if movement.is_draft:
            if answer.message_type == "IE815" and movement.consignor_id is not None:
                base = reverse("gamma:draft", args=[movement.consignor.number, movement.pk])
                draft_url = f"{base}?verifier=1"
        else:
            arc = movement.arc or ""
            number = _number_for(user, movement, page_number)
            if number:
                movement_url = reverse("gamma:movement", args=[number, movement.pk])
    return FileResult(
        name=name,
        answer=answers.answer_view(answer),
        detail=answer.detail,
        arc=arc,
        movement_url=movement_url,
        draft_url=draft_url,
    )


@acting_for
@require_http_methods(["GET", "POST"])
def upload(request, excise_number, held):
    context = {
        "title": f"Déposer des messages XML — {excise_number.number}",
        "excise_number": excise_number,
        "max_files": files.MAX_FILES,
        "max_file_size": files.size_in_words(files.MAX_FILE_BYTES),
        "max_total_size": files.size_in_words(files.MAX_TOTAL_BYTES),
    }
    if request.method == "GET":
        return render(request, "gamma/upload.html", context)
    try:
        received = files.uploaded_files(request, FILES_FIELD)
    except files.Refused as refusal:
        return render(request, "gamma/upload.html", {**context, "error": refusal.message}, status=400)
    if not received:
        error = "Choisissez au moins un fichier XML, puis « Déposer »."
        return render(request, "gamma/upload.html", {**context, "error": error}, status=400)
    results = []
    for item in received:
        answer = service.submit(item.data, sender=request.user, channel=service.UPLOAD)
        results.append(_result(request.user, item.name, answer, excise_number.number))
    return render(
        request,
        "gamma/upload.html",
        {
            **context,
            "results": results,
            "accepted": sum(result.answer.accepted for result in results),
            "refused": sum(not result.answer.accepted for result in results),
        },
    )
