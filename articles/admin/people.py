"""Outlets, people and taxonomy. Superusers manage outlets; an outlet's editor-in-chief
manages its people; everyone else sees only their own outlets' records."""

from django.contrib import admin
from django.contrib.auth.models import Group

from .. import pagecache, workflow
from ..models import Author, Editor, EditorRole, Outlet, Region, Rubric, Tag


def _led_outlets(request):
    """Outlets whose people this user manages: all for a superuser, else those they lead."""
    if request.user.is_superuser:
        return Outlet.objects.all()
    editor = getattr(request.user, "editor", None)
    if editor is None or editor.role != EditorRole.CHIEF:
        return Outlet.objects.none()
    return editor.outlets.all()


class _ShownToReaders:
    """Records every reader's page may show: a save or delete makes cached pages stale."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.everything_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.everything_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.everything_changed()


@admin.register(Outlet)
class OutletAdmin(_ShownToReaders, admin.ModelAdmin):
    list_display = ["name", "slug", "style", "brand_label", "time_zone"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(pk__in=workflow.outlets_of(request.user))
        )

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class _OutletPeopleAdmin(_ShownToReaders, admin.ModelAdmin):
    """People records limited to the outlets the user works for; changes to the chief."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(outlets__in=workflow.outlets_of(request.user)).distinct()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "outlets":
            kwargs["queryset"] = _led_outlets(request)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The outlet choices hold only outlets the user leads; keep the person's others.
        others = (
            list(form.instance.outlets.exclude(pk__in=_led_outlets(request)))
            if change
            else []
        )
        super().save_related(request, form, formsets, change)
        form.instance.outlets.add(*others)

    def _leads(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return obj.outlets.filter(pk__in=_led_outlets(request)).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._leads(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._leads(request, obj)


@admin.register(Author)
class AuthorAdmin(_OutletPeopleAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    raw_id_fields = ["user"]


# The permission group (migration 0002) that goes with each role.
ROLE_GROUPS = {
    EditorRole.REPORTER: "Wartawan",
    EditorRole.EDITOR: "Redaktur",
    EditorRole.CHIEF: "Pemimpin Redaksi",
}


@admin.register(Editor)
class EditorAdmin(_OutletPeopleAdmin):
    list_display = ["credit_name", "user", "role"]
    list_filter = ["role"]
    search_fields = ["credit_name", "user__username"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A role is only as good as its permissions: keep the account's group in step.
        user = obj.user
        user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()))
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[obj.role]))
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


@admin.register(Rubric)
class RubricAdmin(_ShownToReaders, admin.ModelAdmin):
    list_display = ["name", "outlet", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(outlet__in=workflow.outlets_of(request.user))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "outlet":
            kwargs["queryset"] = workflow.outlets_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region, Tag)
class TaxonomyAdmin(_ShownToReaders, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
