"""Template filters of the desk's own pages: `{% load desk_tags %}`."""

from django import template

from .. import revisions
from . import clock

register = template.Library()


@register.filter
def outlet_time(moment, outlet):
    """`{{ transition.at|outlet_time:article.outlet }}`: in the outlet's zone, labelled."""
    return clock.outlet_time(moment, outlet)


@register.filter
def field_labels(names):
    """`{{ revision.changed_fields|field_labels }}`: the fields' own labels."""
    return revisions.labels(names or [])
