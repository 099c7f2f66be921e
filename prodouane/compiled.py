"""Querysets compiled once per database connection, then run again with new values.

Building and compiling a queryset costs the ORM about half a millisecond of Python, often more
than PostgreSQL takes to answer it. For the few reads on a hot path (the rights of a request, the
movement read by every validation), ``CompiledQuery`` keeps the SQL Django wrote, learns where each
value goes, and runs it again with other values, converting the row's values as the ORM does.

    _RIGHTS = CompiledQuery(
        lambda user_id, number: Habilitation.objects.filter(user_id=user_id, excise_number__number=number)
        .values_list("right"),
        user_id=int,
        number=str,
    )
    rows = _RIGHTS.rows(user_id=user.pk, number="FR008777E0001")   # list of tuples
    # or .instances(...) for a queryset of model instances (deferred columns, annotations)

``build`` is called once per connection with sentinel values (an int or a text no row holds) of the
declared types; every parameter of the compiled SQL must be a sentinel or a constant of the
queryset. A value that would change the SQL's shape (``None``: ``IS NULL``) is refused: call the
ORM for it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

_serial = itertools.count(1)


@dataclass(frozen=True)
class Compiled:
    """One queryset's SQL on one connection, where each value goes, its compiler (its converters,
    ``klass_info`` for a ``select_related``)."""

    sql: str
    slots: tuple[str | None, ...]  # per parameter: the name of the value, or None for a constant
    constants: tuple[Any, ...]
    compiler: Any
    converters: Mapping

    def params(self, values: Mapping[str, Any]) -> list[Any]:
        return [
            values[slot] if slot is not None else constant
            for slot, constant in zip(self.slots, self.constants, strict=True)
        ]


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], **types: type) -> None:
        if not types or any(kind not in (int, str) for kind in types.values()):
            raise TypeError("Declare each value of the query as int or str.")
        self.build = build
        self.types = types
        self.key = f"_compiled_query_{next(_serial)}"

    def _sentinels(self) -> dict[str, Any]:
        values = {}
        for position, (name, kind) in enumerate(self.types.items(), start=1):
            values[name] = -(7_000_000_000_000 + position) if kind is int else f"\x1fsentinel-{position}-{name}\x1f"
        return values

    def compiled(self, alias: str = "default") -> Compiled:
        connection = connections[alias]
        found = connection.__dict__.get(self.key)
        if found is None:
            sentinels = self._sentinels()
            queryset = self.build(**sentinels)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            names = {value: name for name, value in sentinels.items()}
            slots = tuple(names.get(param) if isinstance(param, (int, str)) else None for param in params)
            missing = set(sentinels) - {slot for slot in slots if slot}
            if missing:
                raise ValueError(f"The compiled query does not use {', '.join(sorted(missing))}.")
            converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
            found = Compiled(sql, slots, tuple(params), compiler, converters)
            connection.__dict__[self.key] = found
        return found

    def _check(self, values: Mapping[str, Any]) -> None:
        if set(values) != set(self.types):
            raise TypeError(f"Expected the values {', '.join(self.types)}.")
        for name, value in values.items():
            if not isinstance(value, self.types[name]) or isinstance(value, bool):
                raise TypeError(f"{name} must be {self.types[name].__name__}, not {value!r}.")

    def rows(self, *, cursor=None, alias: str = "default", **values: Any) -> list[tuple]:
        """The rows for these values, converted as the ORM converts them."""
        self._check(values)
        compiled = self.compiled(alias)
        if cursor is None:
            with connections[alias].cursor() as own:
                return self._fetch(own, compiled, values)
        return self._fetch(cursor, compiled, values)

    def instances(self, *, alias: str = "default", **values: Any) -> list:
        """The model instances for these values, as ``Model.objects.raw`` builds them: converted,
        the columns the queryset left out deferred, its annotations set as attributes."""
        self._check(values)
        compiled = self.compiled(alias)
        model = compiled.compiler.query.model
        return list(model.objects.raw(compiled.sql, compiled.params(values)).using(alias))

    @staticmethod
    def _fetch(cursor, compiled: Compiled, values: Mapping[str, Any]) -> list[tuple]:
        cursor.execute(compiled.sql, compiled.params(values))
        rows = cursor.fetchall()
        if compiled.converters:
            rows = [tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)]
        return rows
