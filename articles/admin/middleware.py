"""The desk's request settings: its clock and its language, for admin pages only."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from . import clock


class DeskMiddleware:
    """Admin pages speak Indonesian whatever the browser asks for; English only as a
    person's own choice (Editor.language). Dates follow the person's outlets' zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("admin:index")):
            return self.get_response(request)
        user = request.user
        editor = getattr(user, "editor", None) if user.is_authenticated else None
        language = (editor and editor.language) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if not user.is_staff:
            return self.get_response(request)
        with timezone.override(clock.desk_zone(user)):
            return self.get_response(request)
