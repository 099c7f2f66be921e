"""C073: the number of packages is required when the kind of packages is countable, and does not
apply otherwise (bulk, unpacked).

Official text (``emcs/spec/C073.md``)::

    IF <Countable flag> (in the list of codes "PACKAGING CODE") associated to <Kind of Packages Code> is set
    THEN <Number of Packages> is 'R'
    ELSE <Number of Packages> does not apply.

The flag is BC17's ``countableFlag`` (``PackageKind.countable``); 7 kinds are not countable
(``NE`` unpacked, ``VG``, ``VL``, ``VO``, ``VQ``, ``VR``, ``VY`` bulk). A kind the list does not
know is left to the kind's own check (BC17). Zero is a number (R251 allows it for packages
sharing shipping marks)."""

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "C073"
REQUIRED = "Le nombre de colis est obligatoire pour ce type de colis ({kind})."
NOT_APPLICABLE = (
    "Le nombre de colis ne s'applique pas aux marchandises en vrac ou non emballées ({kind}) : laissez ce champ vide."
)


def check(
    *, kind_of_packages: str, number_of_packages: int | None, countable: bool | None, field: str
) -> list[RuleError]:
    """``countable``: BC17's flag of the kind, None when the kind is unknown."""
    if countable is None:
        return []
    if countable and number_of_packages is None:
        return [RuleError(CODE, field, REQUIRED.format(kind=kind_of_packages))]
    if not countable and number_of_packages is not None:
        return [RuleError(CODE, field, NOT_APPLICABLE.format(kind=kind_of_packages))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        for position, package in enumerate(line.packages):
            errors += check(
                kind_of_packages=package.kind_of_packages,
                number_of_packages=package.number_of_packages,
                countable=context.reference.countable_packages.get(package.kind_of_packages),
                field=f"lines.{index}.packages.{position}.number_of_packages",
            )
    return errors
