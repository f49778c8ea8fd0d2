"""The newsroom's own pages (Tentang Kami, Redaksi, ...): its editor-in-chief writes them."""

from django.contrib import admin

from ..models import EditorRole, OutletPage
from .people import OutletOwnedAdmin

CHIEF_ONLY = frozenset({EditorRole.CHIEF})


@admin.register(OutletPage)
class OutletPageAdmin(OutletOwnedAdmin):
    list_display = ["kind", "outlet", "updated_at"]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["body"]
    prepopulated_fields = {}
    fields = ["outlet", "kind", "body"]
    adding_roles = CHIEF_ONLY

    def has_change_permission(self, request, obj=None):
        allowed = admin.ModelAdmin.has_change_permission(self, request, obj)
        if obj is None:
            return allowed
        return allowed and self._role_at(request, obj) in CHIEF_ONLY
