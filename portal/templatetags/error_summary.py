"""The errors of a refused Django form for the DSFR error summary (``includes/error_summary.html``):
the form's own errors first, then each field's in the order of the form, each a link to its field
(its input's id, or the fieldset of a group of radios).

    {% load error_summary %}{% form_error_summary form as errors %}
    {% include "includes/error_summary.html" with errors=errors heading="…" %}
"""

from django import template

register = template.Library()


def form_error_summary(form, anchors: dict[str, str] | None = None) -> list[dict]:
    """``[{"text", "href"}]`` for ``form``'s errors; ``anchors`` names a field's own target where its
    input has no id of its own (a section, a hidden input)."""
    if form is None or not form.errors:
        return []
    anchors = anchors or {}
    summary = [{"text": message} for message in form.non_field_errors()]
    for name in form.fields:
        bound_field = form[name]
        anchor = anchors.get(name) or bound_field.id_for_label or f"{bound_field.auto_id}-fieldset"
        summary += [{"text": message, "href": f"#{anchor}"} for message in form.errors.get(name, [])]
    return summary


register.simple_tag(form_error_summary, name="form_error_summary")
