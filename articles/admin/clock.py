"""One clock for the desk: every moment shown in its article's outlet zone, labelled.

A person working for outlets in two zones sees each article in its own zone; the
zone of the admin request (date filters, the date drill-down) is the person's outlets'
zone when they share one.
"""

import zoneinfo

from django.conf import settings
from django.utils import formats, timezone

from ..models import Outlet


def outlet_time(moment, outlet) -> str:
    """A moment as the outlet's desk reads it, e.g. `20 Agu 2026, 7.00 WITA`."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment, outlet.zone)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {outlet.zone_label}"


def desk_zone(user) -> zoneinfo.ZoneInfo:
    """The zone of a person's outlets when they share one; the site's zone otherwise."""
    zones = set(Outlet.objects.staffed_by(user).values_list("time_zone", flat=True))
    return zoneinfo.ZoneInfo(zones.pop() if len(zones) == 1 else settings.TIME_ZONE)
