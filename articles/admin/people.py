"""Outlets, people and taxonomy.

Superusers manage outlets. An outlet's editor-in-chief manages its people: lists them,
adds a login (and hands over a one-time set-password link) and changes their roles at
that outlet only, never anyone's role elsewhere and never their own. Rubrics, regions and
tags belong to an outlet: its staff see them, its editors change them.
"""

from axes.utils import reset as reset_login_failures
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import pagecache
from ..models import (
    EDITING_ROLES,
    Author,
    Editor,
    EditorRole,
    Membership,
    Outlet,
    Region,
    Rubric,
    Tag,
    name_key,
)


def _person(request):
    return getattr(request.user, "editor", None)


class _ShownToReaders:
    """Records every reader's page may show: a save or delete makes cached pages stale."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
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
        return Outlet.objects.staffed_by(request.user)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Author)
class AuthorAdmin(_ShownToReaders, admin.ModelAdmin):
    """Bylines: seen by the staff of their outlets, changed by those outlets' editors."""

    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    raw_id_fields = ["user"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        staffed = Outlet.objects.staffed_by(request.user)
        return queryset.filter(outlets__in=staffed).distinct()

    def get_readonly_fields(self, request, obj=None):
        # Which login a byline belongs to is settled when the person is added.
        return [] if request.user.is_superuser else ["user"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "outlets":
            kwargs["queryset"] = Outlet.objects.edited_by(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # The outlet choices hold only outlets the user edits; keep the author's others.
        others = (
            list(
                form.instance.outlets.exclude(
                    pk__in=Outlet.objects.edited_by(request.user)
                )
            )
            if change
            else []
        )
        super().save_related(request, form, formsets, change)
        form.instance.outlets.add(*others)

    def _edits(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return obj.outlets.filter(
            pk__in=Outlet.objects.edited_by(request.user)
        ).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._edits(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._edits(request, obj)


class MembershipInline(admin.TabularInline):
    """A person's roles at the outlets the user leads; other outlets' stay out of sight."""

    model = Membership
    extra = 0
    fields = ["outlet", "role", "on_masthead", "masthead_title"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(outlet__in=Outlet.objects.led_by(request.user))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "outlet":
            kwargs["queryset"] = Outlet.objects.led_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _manages(self, request, obj) -> bool:
        # Nobody raises (or otherwise changes) their own role, except a superuser.
        return request.user.is_superuser or (
            (obj is None or obj.user_id != request.user.pk)
            and Outlet.objects.led_by(request.user).exists()
        )

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._manages(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._manages(request, obj)


class NewPersonForm(forms.ModelForm):
    """A new colleague: their login, the name printed in credits, and their role here."""

    username = forms.CharField(
        label=_("Username"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    email = forms.EmailField(label=_("Email"), required=False)
    outlet = forms.ModelChoiceField(label=_("Outlet"), queryset=Outlet.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=EditorRole.choices)

    # Set by EditorAdmin.get_form on the class it builds for one request.
    led_outlets = Outlet.objects.none()

    class Meta:
        model = Editor
        fields = ["credit_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outlets = self.fields["outlet"].queryset = self.led_outlets
        if len(outlets) == 1:  # a chief of one outlet need not pick it
            self.fields["outlet"].initial = outlets[0].pk

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean_credit_name(self):
        credit_name = self.cleaned_data["credit_name"]
        if Editor.objects.filter(name_key=name_key(credit_name)).exists():
            raise forms.ValidationError(
                _("An editor with this credit name already exists.")
            )
        return credit_name

    def _post_clean(self):
        pass  # The instance is made by Editor.objects.create_person, not by this form.

    def save(self, commit=True):
        if self.instance.pk:  # the admin calls save() twice
            return self.instance
        data = self.cleaned_data
        self.instance = Editor.objects.create_person(
            username=data["username"],
            credit_name=data["credit_name"],
            email=data["email"],
            outlet=data["outlet"],
            role=data["role"],
        )
        return self.instance

    def save_m2m(self):
        pass


@admin.register(Editor)
class EditorAdmin(_ShownToReaders, admin.ModelAdmin):
    """The people of the outlets the user leads."""

    list_display = ["credit_name", "user", "roles_here", "byline"]
    search_fields = ["credit_name", "user__username"]
    inlines = [MembershipInline]
    actions = ["unlock_login"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user__author")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            memberships__outlet__in=Outlet.objects.led_by(request.user)
        ).distinct()

    @admin.action(description=_("Unlock login"), permissions=["change"])
    def unlock_login(self, request, queryset):
        """Clear the failed logins (django-axes) of the selected people the user leads."""
        unlocked = 0
        for editor in queryset.select_related("user"):
            if self._leads(request, editor):
                reset_login_failures(username=editor.user.get_username())
                unlocked += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d login unlocked.", "%(count)d logins unlocked.", unlocked
            )
            % {"count": unlocked},
        )

    @admin.display(description=_("roles"))
    def roles_here(self, editor):
        return ", ".join(
            f"{m.get_role_display()} ({m.outlet})"
            for m in editor.memberships.select_related("outlet")
        )

    @admin.display(description=_("byline"))
    def byline(self, editor):
        return editor.byline or "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewPersonForm
        form = super().get_form(request, obj, change, **kwargs)
        form.led_outlets = Outlet.objects.led_by(request.user)
        return form

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["username", "credit_name", "email", "outlet", "role"]
        return ["credit_name", "user"]

    def get_readonly_fields(self, request, obj=None):
        return ["user"] if obj is not None else []

    def get_inline_instances(self, request, obj=None):
        # A new person's first role is part of the add form itself.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            obj.full_clean(exclude=["user"])
            obj.save()
        else:
            form.save()

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)
            form.instance.__dict__.pop("_roles", None)
            form.instance.sync_groups()

    def response_add(self, request, obj, post_url_continue=None):
        # No mail server: the chief hands this link to the new colleague in person.
        token = default_token_generator.make_token(obj.user)
        uid = urlsafe_base64_encode(force_bytes(obj.user.pk))
        link = request.build_absolute_uri(
            reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(name)s was added") % {"name": obj},
            "person": obj,
            "link": link,
        }
        return TemplateResponse(request, "admin/articles/editor/added.html", context)

    def _leads(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return obj.memberships.filter(
            outlet__in=Outlet.objects.led_by(request.user)
        ).exists()

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and Outlet.objects.led_by(request.user).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._leads(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class OutletOwnedAdmin(_ShownToReaders, admin.ModelAdmin):
    """A record belonging to one outlet: seen by its staff, changed by its editors."""

    list_display = ["name", "outlet", "slug"]
    list_filter = [("outlet", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    # Roles that may add one (changing always needs an editing role).
    adding_roles = EDITING_ROLES

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(outlet__in=Outlet.objects.staffed_by(request.user))
            .select_related("outlet")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "outlet":
            kwargs["queryset"] = Outlet.objects.staffed_by(
                request.user, self.adding_roles
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _role_at(self, request, obj):
        person = _person(request)
        if request.user.is_superuser:
            return EditorRole.CHIEF
        return person.role_at(obj.outlet) if person else None

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and Outlet.objects.staffed_by(request.user, self.adding_roles).exists()
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None:
            return allowed
        return allowed and self._role_at(request, obj) in EDITING_ROLES

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(
            request, obj
        ) and super().has_delete_permission(request, obj)


@admin.register(Rubric, Region)
class TaxonomyAdmin(OutletOwnedAdmin):
    pass


@admin.register(Tag)
class TagAdmin(OutletOwnedAdmin):
    # A reporter tags their story, so a reporter may add a tag at their outlet.
    adding_roles = frozenset(EditorRole)
