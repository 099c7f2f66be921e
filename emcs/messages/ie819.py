"""IE819 — alert or rejection of an e-AD by the consignee, before the goods arrive."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, language_of, parse_message
from emcs.messages.groups import ConsigneeTrader, ExciseMovement, Office

CODE = "IE819"
BODY = "AlertOrRejectionOfEADESAD"


@dataclass(kw_only=True)
class Attributes:
    date_and_time_of_validation_of_alert_rejection: dt.datetime | None = element(
        "DateAndTimeOfValidationOfAlertRejection"
    )


@dataclass(kw_only=True)
class AlertOrRejection:
    date_of_alert_or_rejection: dt.date = element("DateOfAlertOrRejection", required=True)
    ead_esad_rejected_flag: bool = element("EadEsadRejectedFlag", required=True)  # 0: an alert only


@dataclass(kw_only=True)
class AlertOrRejectionOfEadEsadReason:
    alert_or_rejection_of_movement_reason_code: str = element(
        "AlertOrRejectionOfMovementReasonCode", required=True
    )  # code list BC22
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class AlertOrRejectionOfEadEsad:
    attributes: Attributes = group("Attributes", required=True)
    consignee_trader: ConsigneeTrader | None = group("ConsigneeTrader")
    excise_movement: ExciseMovement = group("ExciseMovement", required=True)
    destination_office: Office = group("DestinationOffice", required=True)
    alert_or_rejection: AlertOrRejection = group("AlertOrRejection", required=True)
    reasons: list[AlertOrRejectionOfEadEsadReason] = groups("AlertOrRejectionOfEadEsadReason")


@dataclass(kw_only=True)
class IE819:
    header: Header
    body: AlertOrRejectionOfEadEsad


def build(message: IE819) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE819:
    header, body = parse_message(root, CODE, BODY, AlertOrRejectionOfEadEsad)
    return IE819(header=header, body=body)
