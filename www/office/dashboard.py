"""The office's dashboard (« Tableau de bord », issue 12 item 15): four panels, each a bar chart
drawn on the server (``www.office.charts``) beside the table of its figures (``www.office.
indicators``). Office agents only, their office's figures only; anybody else gets a 404, as on
every page of the office's back-office (``www.office.views.agent_required``)."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from www.office import charts, indicators
from www.office.views import agent_required


@dataclass(frozen=True)
class Panel:
    slug: str
    title: str
    intro: str
    points: list
    chart: str
    row_header: str
    value_header: str
    detail_header: str = ""
    folded: bool = False  # a long table (one row a day): the chart takes the width, the table folds under it

    @property
    def total(self) -> int:
        return sum(point.value for point in self.points)


def _panel(
    slug, title, intro, points, *, row_header, value_header, detail_header="", x_label, every=1, folded=False
) -> Panel:
    total = sum(point.value for point in points)
    description = f"{intro} Total : {total}. Les valeurs figurent dans le tableau qui suit."
    chart = charts.bar_chart(
        chart_id=f"graphique-{slug}",
        title=title,
        description=description,
        points=points,
        x_label=x_label,
        y_label=value_header,
        every=every,
    )
    return Panel(slug, title, intro, points, chart, row_header, value_header, detail_header, folded)


@require_GET
@agent_required
def dashboard(request, office):
    today = timezone.localdate(timezone=indicators.PARIS)
    panels = [
        _panel(
            "emis",
            "Mouvements émis par jour",
            f"Mouvements validés (DAE, DAES, DSA) par jour, heure de Paris, sur les {indicators.DAYS_SHOWN} "
            "derniers jours.",
            indicators.movements_per_day(office, today=today),
            row_header="Jour",
            value_header="Mouvements émis",
            x_label="Jour de validation",
            every=5,
            folded=True,
        ),
        _panel(
            "non-apures",
            "Mouvements non apurés par ancienneté",
            "Mouvements validés et pas encore apurés, par ancienneté comptée depuis la date d'expédition "
            "(une expédition à venir compte dans « 0 à 5 jours »).",
            indicators.undischarged_by_age(office, today=today),
            row_header="Ancienneté depuis l'expédition",
            value_header="Mouvements non apurés",
            detail_header="dont accusé de réception en retard",
            x_label="Ancienneté depuis la date d'expédition",
        ),
        _panel(
            "secours",
            "Documents de secours non régularisés",
            "Documents de secours (GPS) émis et pas encore régularisés dans GAMMA, par ancienneté comptée "
            "depuis la date d'expédition.",
            indicators.fallback_not_regularised(office, today=today),
            row_header="Ancienneté depuis l'expédition",
            value_header="Documents non régularisés",
            detail_header="dont en retard",
            x_label="Ancienneté depuis la date d'expédition",
        ),
        _panel(
            "adhesions",
            "Adhésions en attente d'instruction",
            "Demandes d'adhésion transmises au bureau et pas encore instruites, par ancienneté comptée "
            "depuis leur transmission.",
            indicators.adhesions_waiting(request.user, today=today),
            row_header="Ancienneté depuis la transmission",
            value_header="Adhésions en attente",
            x_label="Ancienneté depuis la transmission",
        ),
    ]
    return render(
        request,
        "office/dashboard.html",
        {"title": "Tableau de bord du bureau", "office": office, "panels": panels, "today": today},
    )
