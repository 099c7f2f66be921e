"""Content of the public portal, edited by customs staff in the admin: the catalogue of
teleservices, the news of the e-services, the agenda and the FOCUS blocks of the home page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse


def internal_url(target: str) -> str | None:
    """The URL of an internal target (a URL name such as ``portal:services`` or a path such as
    ``/presentation/``), or None when it leads nowhere on this site: no dead link is ever rendered."""
    target = target.strip()
    if not target:
        return None
    if target.startswith("/"):
        if target.startswith("//"):
            return None  # protocol-relative: another site
        try:
            resolve(target.split("?", 1)[0].split("#", 1)[0])
        except Resolver404:
            return None
        return target
    try:
        return reverse(target)
    except NoReverseMatch:
        return None


NO_RELEASE = "\N{EN DASH}"  # shown when the seed gives no release date


class Domain(models.TextChoices):
    INTERNATIONAL_TRADE = "commerce-international", "Commerce international"
    INDIRECT_TAXATION = "fiscalites-indirectes", "Fiscalités indirectes"
    STATISTICS = "statistiques", "Statistiques"


class AccessMode(models.TextChoices):
    FREE = "libre", "Libre accès"  # anyone, without an account
    HABILITATION = "habilitation", "Sur habilitation"  # users named by the operator, habilitated by the office
    CONVENTION = "convention", "Démarche conventionnelle obligatoire"  # the operator signs a convention first


class Teleservice(models.Model):
    """One row of the catalogue « Services disponibles »."""

    name = models.CharField("téléservice", max_length=100)
    slug = models.SlugField("identifiant court", max_length=60, unique=True)
    domain = models.CharField("domaine", max_length=30, choices=Domain.choices)
    release = models.CharField(
        "date de sortie",
        max_length=20,
        default=NO_RELEASE,
        help_text="Par exemple « Q1-2005 », « S1-2005 », « 2009-04-01 ».",
    )
    description = models.TextField("commentaire")
    access_mode = models.CharField("accès", max_length=20, choices=AccessMode.choices)
    dti = models.BooleanField("DTI", default=True, help_text="Accessible par l'interface web (saisie en ligne).")
    edi = models.BooleanField("EDI", default=False, help_text="Accessible par échange de données informatisé.")
    url_name = models.CharField(
        "nom de la page interne",
        max_length=100,
        blank=True,
        help_text=(
            "Nom de l'adresse du service sur ce portail (par exemple « lookups:infoaccises »). "
            "Laisser vide si le service n'est pas en ligne ici : il est alors présenté sans lien. "
            "Un nom inconnu du portail n'affiche aucun lien."
        ),
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    class Meta:
        verbose_name = "téléservice"
        verbose_name_plural = "téléservices"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_url(self) -> str | None:
        """The service's page on this portal, or None when it is not online here."""
        return internal_url(self.url_name) if self.url_name else None

    @property
    def is_free(self) -> bool:
        return self.access_mode == AccessMode.FREE


class Rubric(models.TextChoices):
    INTERNATIONAL_TRADE = "commerce-international", "COMMERCE INTERNATIONAL"
    INDIRECT_TAXATION = "fiscalites-indirectes", "FISCALITÉS INDIRECTES"
    STATISTICS = "statistiques", "STATISTIQUES"
    PORTAL = "portail", "PORTAIL"


class NewsItem(models.Model):
    """« Actualités des e-services »: shown once published and dated today or earlier."""

    rubric = models.CharField("rubrique", max_length=30, choices=Rubric.choices)
    title = models.CharField("titre", max_length=200)
    summary = models.TextField("chapeau", help_text="Une ou deux phrases affichées sur la page d'accueil.")
    body = models.TextField("texte", blank=True)
    source = models.CharField(
        "source",
        max_length=200,
        default="Ministère du Budget, des Comptes Publics et de la Fonction Publique - DGDDI",
    )
    published_on = models.DateField("date de publication", help_text="L'actualité n'apparaît qu'à partir de ce jour.")
    is_published = models.BooleanField("publiée", default=False)

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class AgendaEntry(models.Model):
    """« Agenda » of the teleservices, in the right column of the home page."""

    period_label = models.CharField("période", max_length=60, help_text="Par exemple « 1ER SEMESTRE 2009 ».")
    title = models.CharField("titre", max_length=200)
    text = models.TextField("texte")
    starts_on = models.DateField("date de début", help_text="Sert à ordonner l'agenda (la plus récente en premier).")
    is_published = models.BooleanField("publiée", default=False)

    class Meta:
        verbose_name = "entrée d'agenda"
        verbose_name_plural = "agenda"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.period_label} — {self.title}"


class FocusBlock(models.Model):
    """A « FOCUS » block of the home page, pointing to a page of the portal."""

    title = models.CharField("titre", max_length=200)
    text = models.TextField("texte")
    link = models.CharField(
        "lien",
        max_length=200,
        blank=True,
        help_text=(
            "Page du portail : un nom d'adresse (par exemple « portal:services ») "
            "ou un chemin commençant par « / » (par exemple « /inscription/ »)."
        ),
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    is_published = models.BooleanField("publié", default=False)

    class Meta:
        verbose_name = "bloc FOCUS"
        verbose_name_plural = "blocs FOCUS"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.link and internal_url(self.link) is None:
            raise ValidationError(
                {"link": "Ce lien ne mène à aucune page du portail : indiquez un nom d'adresse ou un chemin existant."}
            )

    def get_url(self) -> str | None:
        return internal_url(self.link) if self.link else None
