"""The office's dashboard: its figures are counted in the database by Paris days (near midnight and
across the changes of time), for the agent's office only, and each chart is a well-formed SVG with
one bar per row of the table beside it."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import timezone
from lxml import etree
from lxml import html as lxml_html

from fallback.models import DocumentStatus, FallbackDocument
from gamma.models import MovementStatus
from habilitations.models import AdhesionStatus
from tests.factories.accounts import UserFactory
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import AdhesionFactory, company_user
from tests.factories.register import ExciseNumberFactory
from tests.fallback.factories import IncidentFactory
from www.office import charts, indicators

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
URL = "/bureau/tableau-de-bord/"


def paris(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def values(points) -> list[int]:
    return [point.value for point in points]


def day_counts(points, today) -> dict[dt.date, int]:
    first = today - dt.timedelta(days=indicators.DAYS_SHOWN - 1)
    return {first + dt.timedelta(days=i): point.value for i, point in enumerate(points) if point.value}


def validated(excise_number, at: dt.datetime, **kwargs):
    return MovementFactory(validated=True, consignor=excise_number, validated_at=at, complete=False, **kwargs)


_orders = iter(range(1, 10_000))


def fallback_document(excise_number, *, dispatch_at, status=DocumentStatus.ISSUED, **kwargs):
    order = next(_orders)
    return FallbackDocument.objects.create(
        number=f"{dispatch_at.year % 100:02d}{excise_number.number}{order:06d}",
        excise_number=excise_number,
        year=dispatch_at.year,
        order=order,
        nature="DAA",
        vehicle_registration="AB-123-CD",
        dispatch_at=dispatch_at,
        issued_by=company_user(excise_number.operator, f"gps{order}"),
        incident=IncidentFactory(),
        status=status,
        **kwargs,
    )


# --- Paris days ------------------------------------------------------------------------------------


@time_machine.travel(paris(2026, 12, 4, 10, 0), tick=False)
def test_a_movement_validated_at_half_past_eleven_in_paris_counts_on_that_paris_day(world):
    validated(world.excise_a, paris(2026, 12, 3, 23, 30))  # 22:30 UTC
    validated(world.excise_a, paris(2026, 12, 3, 0, 15))  # 23:15 UTC the day before
    validated(world.excise_a, paris(2026, 12, 2, 23, 59))
    validated(world.excise_a, paris(2026, 11, 5, 0, 5))  # the first day shown
    validated(world.excise_a, paris(2026, 11, 4, 23, 55))  # the day before: not shown
    today = dt.date(2026, 12, 4)

    points = indicators.movements_per_day(world.office_a, today=today)

    assert len(points) == indicators.DAYS_SHOWN
    assert points[0].label == "05/11" and points[-1].label == "04/12"
    assert points[-1].long_label == "vendredi 4 décembre 2026"
    assert day_counts(points, today) == {dt.date(2026, 12, 3): 2, dt.date(2026, 12, 2): 1, dt.date(2026, 11, 5): 1}


@time_machine.travel(paris(2026, 3, 30, 12, 0), tick=False)
def test_the_days_follow_paris_across_the_change_to_summer_time(world):
    validated(world.excise_a, paris(2026, 3, 28, 23, 30))  # UTC+1: 22:30 UTC
    validated(world.excise_a, paris(2026, 3, 29, 0, 30))  # still UTC+1: 23:30 UTC on the 28th
    validated(world.excise_a, paris(2026, 3, 29, 23, 30))  # UTC+2: 21:30 UTC
    validated(world.excise_a, paris(2026, 3, 1, 0, 10))  # the first day shown (UTC+1)
    validated(world.excise_a, paris(2026, 2, 28, 23, 50))  # not shown
    today = dt.date(2026, 3, 30)

    points = indicators.movements_per_day(world.office_a, today=today)

    assert day_counts(points, today) == {dt.date(2026, 3, 28): 1, dt.date(2026, 3, 29): 2, dt.date(2026, 3, 1): 1}


@time_machine.travel(paris(2026, 10, 27, 9, 0), tick=False)
def test_ages_are_counted_in_paris_days_across_the_change_to_winter_time(world):
    def waiting(number, submitted_at):
        excise_number = ExciseNumberFactory(number=number, operator=world.company_a, customs_office=world.office_a)
        return AdhesionFactory(
            excise_number=excise_number, submitted=True, submitted_at=submitted_at, prepared_by=world.marie
        )

    today = dt.date(2026, 10, 27)  # the clocks went back on the 25th: « 0 à 5 j » begins on the 22nd (UTC+2)
    waiting("FR008777E0011", paris(2026, 10, 22, 0, 10))  # 22:10 UTC on the 21st: 5 days old
    waiting("FR008777E0012", paris(2026, 10, 21, 23, 50))  # 6 days old
    waiting("FR008777E0013", paris(2026, 10, 26, 23, 30))  # yesterday (UTC+1)
    waiting("FR008777E0014", paris(2026, 9, 27, 0, 5))  # 30 days old
    waiting("FR008777E0015", paris(2026, 9, 26, 23, 55))  # 31 days old

    assert values(indicators.adhesions_waiting(world.agent_a, today=today)) == [2, 1, 1, 1]


# --- The panels ------------------------------------------------------------------------------------


@time_machine.travel(paris(2026, 12, 4, 10, 0), tick=False)
def test_undischarged_movements_by_age_from_dispatch_with_the_overdue_ones(world):
    today = dt.date(2026, 12, 4)

    def dispatched(days_ago, **kwargs):
        return validated(
            world.excise_a, paris(2026, 11, 1, 9, 0), dispatch_date=today - dt.timedelta(days=days_ago), **kwargs
        )

    dispatched(-1)  # to come: 0 to 5 days
    dispatched(5)  # D02: expected on the 1st, overdue
    dispatched(1)  # expected tomorrow
    dispatched(6, status=MovementStatus.REFUSED)  # not discharged, but no longer travelling: not overdue
    dispatched(10, journey_time="D15")  # expected in five days
    dispatched(11)
    dispatched(30)
    dispatched(31)
    dispatched(3, status=MovementStatus.DELIVERED)  # discharged
    dispatched(3, status=MovementStatus.CANCELLED)
    MovementFactory(consignor=world.excise_a, complete=False)  # a draft
    validated(world.excise_b, paris(2026, 11, 1, 9, 0), dispatch_date=today)  # another office's

    points = indicators.undischarged_by_age(world.office_a, today=today)

    assert [(p.label, p.value, p.detail) for p in points] == [
        ("0 à 5 j", 3, 1),
        ("6 à 10 j", 2, 0),
        ("11 à 30 j", 2, 2),
        ("plus de 30 j", 1, 1),
    ]


@time_machine.travel(paris(2026, 12, 4, 10, 0), tick=False)
def test_fallback_documents_not_regularised_by_age_with_the_late_ones(world):
    today = dt.date(2026, 12, 4)
    fallback_document(world.excise_a, dispatch_at=paris(2026, 11, 29, 0, 5))  # 5 days
    fallback_document(world.excise_a, dispatch_at=paris(2026, 11, 28, 23, 55))  # 6 days
    fallback_document(
        world.excise_a, dispatch_at=paris(2026, 10, 1, 8, 0), status=DocumentStatus.LATE, late_since=paris(2026, 10, 5)
    )
    movement = validated(world.excise_a, paris(2026, 12, 1, 9, 0))
    fallback_document(
        world.excise_a,
        dispatch_at=paris(2026, 12, 1, 8, 0),
        status=DocumentStatus.REGULARISED,
        movement=movement,
        regularised_at=paris(2026, 12, 1, 9, 0),
    )
    fallback_document(world.excise_b, dispatch_at=paris(2026, 12, 3, 8, 0))  # another office's

    points = indicators.fallback_not_regularised(world.office_a, today=today)

    assert [(p.value, p.detail) for p in points] == [(1, 0), (1, 0), (0, 0), (1, 1)]
    assert values(indicators.fallback_not_regularised(world.office_b, today=today)) == [1, 0, 0, 0]


def test_only_waiting_adhesions_of_the_agents_office_are_counted(world, waiting):
    today = timezone.localdate()
    number_b = ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_b)
    AdhesionFactory(excise_number=number_b, submitted=True, submitted_at=timezone.now(), prepared_by=world.bob)

    assert sum(values(indicators.adhesions_waiting(world.agent_a, today=today))) == 1  # approved ones aside
    assert sum(values(indicators.adhesions_waiting(world.agent_b, today=today))) == 1
    assert sum(values(indicators.adhesions_waiting(world.marie, today=today))) == 0  # not an agent
    waiting.status = AdhesionStatus.APPROVED
    waiting.save()
    assert sum(values(indicators.adhesions_waiting(world.agent_a, today=today))) == 0


def test_each_panel_is_one_query(world, django_assert_num_queries):
    today = dt.date(2026, 12, 4)
    for count in (
        lambda: indicators.movements_per_day(world.office_a, today=today),
        lambda: indicators.undischarged_by_age(world.office_a, today=today),
        lambda: indicators.fallback_not_regularised(world.office_a, today=today),
        lambda: indicators.adhesions_waiting(world.agent_a, today=today),
    ):
        with django_assert_num_queries(1):
            count()


# --- The charts ------------------------------------------------------------------------------------


def test_a_chart_is_a_well_formed_svg_with_one_bar_per_point_and_its_title():
    points = [indicators.Point(label=f"{i} <j>", long_label=f"jour {i}", value=i * 3) for i in range(7)]

    svg = etree.fromstring(
        charts.bar_chart(
            chart_id="essai", title="Titre & co", description="Desc", points=points, x_label="x", y_label="y"
        ).encode()
    )

    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.get("role") == "img" and svg.get("viewBox") == "0 0 640 300" and svg.get("width") == "100%"
    assert svg.get("aria-labelledby") == "essai-titre" and svg.get("aria-describedby") == "essai-desc"
    assert svg.find("s:title", ns).text == "Titre & co" and svg.find("s:title", ns).get("id") == "essai-titre"
    bars = svg.findall("s:rect[@class='bar']", ns)
    assert len(bars) == 7
    heights = [float(bar.get("height")) for bar in bars]
    assert heights == sorted(heights) and heights[0] == 0 and heights[-1] > 0
    texts = [text.text for text in svg.findall("s:text", ns)]
    assert "6 <j>" in texts and "18" in texts  # labels escaped, values written on the bars


def test_the_value_axis_is_round():
    assert charts.nice_maximum(0) == (1, 1)
    assert charts.nice_maximum(7) == (8, 2)
    assert charts.nice_maximum(23) == (25, 5)
    assert charts.nice_maximum(101) == (150, 50)


# --- The page --------------------------------------------------------------------------------------


@time_machine.travel(paris(2026, 12, 4, 10, 0), tick=False)
def test_the_agent_sees_four_charts_each_with_its_table(client, world, waiting):
    # The fixture ran at the suite's own clock, before this test's: transmitted yesterday, here.
    waiting.submitted_at = paris(2026, 12, 3, 9, 0)
    waiting.save(update_fields=["submitted_at"])
    validated(world.excise_a, paris(2026, 12, 3, 23, 30))
    validated(world.excise_b, paris(2026, 12, 3, 12, 0))
    client.force_login(world.agent_a)

    response = client.get(URL)

    assert response.status_code == 200
    document = lxml_html.fromstring(response.content)
    sections = document.xpath("//section[starts-with(@id, 'panneau-')]")
    assert len(sections) == 4
    for section in sections:
        svg = etree.fromstring(etree.tostring(section.xpath(".//svg")[0]))
        rows = section.xpath(".//table/tbody/tr")
        assert len(svg.xpath("//*[local-name()='rect'][@class='bar']")) == len(rows) > 0
        assert section.xpath(".//table/caption") and section.xpath(".//th[@scope='row']")
    issued = {
        row[0].text_content(): row[1].text_content() for row in document.xpath("//table[@id='tableau-emis']/tbody/tr")
    }
    assert issued["Jeudi 3 décembre 2026"] == "1"  # office B's movement is not counted
    waiting_rows = document.xpath("//table[@id='tableau-adhesions']/tbody/tr/td[1]/text()")
    assert [int(n) for n in waiting_rows] == [1, 0, 0, 0]
    assert "Tableau de bord" in client.get("/bureau/").content.decode()  # linked from the office home


def test_another_office_sees_its_own_figures(client, world, waiting):
    now = timezone.now()
    for consignor in (world.excise_a, world.excise_a, world.excise_b):
        validated(consignor, now, dispatch_date=timezone.localdate())
    fallback_document(world.excise_a, dispatch_at=now)
    client.force_login(world.agent_b)

    document = lxml_html.fromstring(client.get(URL).content)

    totals = {
        table.get("id"): table.xpath("caption")[0].text_content().rsplit("(total : ", 1)[1].rstrip(")")
        for table in document.xpath("//table")
    }
    assert totals == {"tableau-emis": "1", "tableau-non-apures": "1", "tableau-secours": "0", "tableau-adhesions": "0"}


@pytest.mark.parametrize("who", ["anonymous", "company", "staff_without_office"])
def test_anybody_but_an_agent_gets_a_404(client, world, who):
    if who == "company":
        client.force_login(world.marie)
    elif who == "staff_without_office":
        client.force_login(UserFactory(username="staff.sans.bureau", is_staff=True))

    assert client.get(URL).status_code == 404
