"""Admin registrations. (Minimal until the workflow work lands.)"""

from django.contrib import admin

from .models import (
    Article,
    ArticleCredit,
    Author,
    Correction,
    Editor,
    EditorialNote,
    Outlet,
    Region,
    Rubric,
    Tag,
    Transition,
)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "style", "brand_label", "time_zone"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]


@admin.register(Editor)
class EditorAdmin(admin.ModelAdmin):
    list_display = ["credit_name", "user", "role"]


class ArticleCreditInline(admin.TabularInline):
    model = ArticleCredit
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "status", "published_at"]
    list_filter = ["status", "outlet"]
    search_fields = ["title"]
    inlines = [ArticleCreditInline]


admin.site.register([Rubric, Region, Tag, Transition, Correction, EditorialNote])
