"""XML messages received by the web pages (the sandbox validator, « Déposer des messages XML »):
read from the form with their size capped before anything is parsed, every refusal in French.
The messages themselves are judged by ``edi.service.submit``, as the endpoint's are."""

from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent

from emcs import xml as emcs_xml

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = emcs_xml.MAX_MESSAGE_BYTES  # as the endpoint: one message of 5 Mo at most
MAX_FILES = 20
MAX_TOTAL_BYTES = 20 * MEGABYTE
# Room for the multipart framing and the form's other fields around the files.
_FRAMING_BYTES = 64 * 1024


@dataclass(frozen=True)
class Received:
    name: str  # as the person's computer called it, shown back to them
    data: bytes


class Refused(Exception):
    """The files cannot be read at all: ``message`` says why, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def size_in_words(size: int) -> str:
    if size < 1024:
        return f"{size} octets"
    if size < MEGABYTE:
        return f"{size / 1024:.0f} Ko".replace(".", ",")
    return f"{size / MEGABYTE:.1f}".removesuffix(".0").replace(".", ",") + " Mo"


def check_request_size(request, *, limit: int = MAX_TOTAL_BYTES) -> None:
    """Refuse a body announced bigger than the files allowed, before Django reads it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit + _FRAMING_BYTES:
        raise Refused(
            f"L'envoi dépasse la taille maximale ({size_in_words(limit)} en tout) : "
            f"déposez moins de fichiers à la fois, de {size_in_words(MAX_FILE_BYTES)} au plus chacun."
        )


def post_data(request):
    """``request.POST``, or :class:`Refused` when the form posted more than Django reads."""
    try:
        return request.POST
    except RequestDataTooBig as error:
        raise Refused(
            "Le texte collé est trop long pour être envoyé par le formulaire : déposez le message comme fichier."
        ) from error


def uploaded_files(request, field: str, *, max_files: int = MAX_FILES) -> list[Received]:
    """The files of ``field``, each read whole once its size is known to be within the cap."""
    check_request_size(request)
    try:
        files = request.FILES.getlist(field)
    except (RequestDataTooBig, TooManyFilesSent) as error:
        raise Refused(f"Déposez {max_files} fichiers au plus à la fois.") from error
    if len(files) > max_files:
        raise Refused(f"Déposez {max_files} fichiers au plus à la fois ({len(files)} reçus).")
    too_big = [upload.name for upload in files if upload.size > MAX_FILE_BYTES]
    if too_big:
        raise Refused(
            f"Chaque fichier doit faire {size_in_words(MAX_FILE_BYTES)} au plus : "
            + ", ".join(f"« {name} »" for name in too_big)
            + (" est trop volumineux." if len(too_big) == 1 else " sont trop volumineux.")
        )
    if sum(upload.size for upload in files) > MAX_TOTAL_BYTES:
        raise Refused(
            f"Les fichiers font plus de {size_in_words(MAX_TOTAL_BYTES)} en tout : déposez-les en plusieurs fois."
        )
    received = []
    for upload in files:
        data = upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # a client that lied about the size
            raise Refused(f"Le fichier « {upload.name} » fait plus de {size_in_words(MAX_FILE_BYTES)}.")
        received.append(Received(name=upload.name or "sans nom", data=data))
    return received
