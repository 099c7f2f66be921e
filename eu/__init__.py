"""Exchanges with the other member states (issue 14): the IE801 of a DAE leaving France, the IE818
coming back; the IE801 of a DAE arriving from another member state, the French consignee's IE818
going back. One interface, ``eu.gateway`` (``send``, ``receive``), two implementations chosen by
``settings.EU_GATEWAY``: ``eu.simulator`` (development, tests, training) and ``eu.real`` (the
documented place of the CCN/CSI connection, not built)."""
