"""The desk's request settings: its clock and its language, for admin pages only."""

from django.urls import reverse
from django.utils import timezone

from . import clock


class DeskMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        desk = request.path.startswith(reverse("admin:index"))
        if not (desk and user and user.is_staff):
            return self.get_response(request)
        with timezone.override(clock.desk_zone(user)):
            return self.get_response(request)
