"""What traders do with a validated movement, one keyword-only function per use case:

=================================  =======  ======================================================
function                           message  who (role, right)
=================================  =======  ======================================================
``movement_cancel``                IE810    consignor, « Emettre un DAA / DSA »
``movement_change_destination``    IE813    consignor, « Emettre un DAA / DSA »
``movement_report_receipt``        IE818    consignee, « Apurer un DAA »
``movement_alert_or_reject``       IE819    consignee, « Apurer un DAA »
``movement_explain_delay``         IE837    either, « Emettre … » or « Apurer un DAA »
``movement_explain_shortage``      IE871    either, « Emettre … » or « Apurer un DAA »
``movement_interrupt``             IE807    the customs office in charge (``office``)
``movement_close_manually``        —        the customs office in charge (``office``)
=================================  =======  ======================================================

A user acts for one excise number (``excise_number``): the role is « consignor » when the movement
is issued under that number, « consignee » when it is addressed to it. Each function checks the
right (``habilitations.rights``), then the lifecycle (``gamma.lifecycle``: status, role, date),
then the data against the message's official rules (``gamma.rules``, one module per code), builds
the EMCS message (``emcs.messages``), goes through ``lifecycle.transition`` with the message's body
as the event's payload and stores the message, validated against its schema, with the movement
(``gamma.messages``, linked to the event) — all in one transaction, or nothing. A refusal raises
:class:`ActionRefused` with a French message and, for bad data, the errors by field; nothing is
written. Requests that the page never offered (another company's movement, a right not held, an
action this status does not allow) are also logged to ``prodouane.security``.

The web pages (``www.gamma.movements``), the EDI channel and the commands call these functions;
none of them repeats a rule. The package's modules: ``access`` (rights, who sees and may act),
``common`` (what the actions share), then one module per message: ``cancel`` (IE810),
``destination`` (IE813, with ``transport_change`` for its transport), ``receipt`` (IE818),
``alert`` (IE819), ``explanations`` (IE837, IE871), and ``office`` (what the customs office sees
and does: IE807, manual closure, overdue receipts)."""

from gamma.actions.access import (
    DISCHARGE,
    MovementAccess,
    action_rights,
    issue_right,
    movement_access,
    prepare_right,
    roles_of,
    search_right,
    searchable_kinds,
    view_rights,
    visible_kinds,
)
from gamma.actions.alert import movement_alert_or_reject
from gamma.actions.cancel import movement_cancel
from gamma.actions.common import INVALID_DATA, ActionRefused, ActionResult, Reason
from gamma.actions.destination import (
    DESTINATION_TYPES,
    TraderInput,
    destination_type_choices,
    movement_change_destination,
)
from gamma.actions.explanations import (
    DELAY_OF_DESTINATION,
    DELAY_OF_RECEIPT,
    MESSAGE_ROLES,
    SUBMITTER_TYPES,
    LineExplanation,
    last_receipt,
    lines_with_difference,
    movement_explain_delay,
    movement_explain_shortage,
)
from gamma.actions.office import (
    movement_close_manually,
    movement_interrupt,
    movements_in_charge,
    office_movement,
    overdue_receipts,
)
from gamma.actions.receipt import (
    ACCEPTED_SATISFACTORY,
    ACCEPTED_UNSATISFACTORY,
    EXCESS,
    INDICATORS,
    PARTIALLY_REFUSED,
    REFUSED,
    SHORTAGE,
    ReceiptLine,
    movement_report_receipt,
    movement_report_receipt_from_member_state,
)
from gamma.actions.transport_change import PartyInput, TransportChange, TransportUnitInput
from gamma.lifecycle import CONSIGNEE, CONSIGNOR

__all__ = [
    "ACCEPTED_SATISFACTORY",
    "ACCEPTED_UNSATISFACTORY",
    "CONSIGNEE",
    "CONSIGNOR",
    "DELAY_OF_DESTINATION",
    "DELAY_OF_RECEIPT",
    "DESTINATION_TYPES",
    "DISCHARGE",
    "EXCESS",
    "INDICATORS",
    "INVALID_DATA",
    "MESSAGE_ROLES",
    "PARTIALLY_REFUSED",
    "REFUSED",
    "SHORTAGE",
    "SUBMITTER_TYPES",
    "ActionRefused",
    "ActionResult",
    "LineExplanation",
    "MovementAccess",
    "PartyInput",
    "Reason",
    "ReceiptLine",
    "TraderInput",
    "TransportChange",
    "TransportUnitInput",
    "action_rights",
    "destination_type_choices",
    "issue_right",
    "last_receipt",
    "lines_with_difference",
    "movement_access",
    "movement_alert_or_reject",
    "movement_cancel",
    "movement_change_destination",
    "movement_close_manually",
    "movement_explain_delay",
    "movement_explain_shortage",
    "movement_interrupt",
    "movement_report_receipt",
    "movement_report_receipt_from_member_state",
    "movements_in_charge",
    "office_movement",
    "overdue_receipts",
    "prepare_right",
    "roles_of",
    "search_right",
    "searchable_kinds",
    "view_rights",
    "visible_kinds",
]
