"""Forms of the article admin: the change form with its locking and correction fields,
and the small forms behind the workflow buttons."""

import json
from html.parser import HTMLParser

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import revisions
from ..fields import sanitise_body
from ..models import Article, Editor, Outlet, Region, Rubric, Tag

# What the body editor offers; the sanitiser (fields.BODY_TAGS) keeps the same tags.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
}


class BodyEditor(forms.Textarea):
    """The rich-text body editor (django-prose-editor's ProseMirror module).

    Its script and styles are static files loaded as a module, with no inline import
    map, so the page works under a CSP that forbids inline scripts.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs["data-body-editor"] = json.dumps(
            {"extensions": _editor_extensions()}, separators=(",", ":")
        )

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "desk/body-editor.css",
                ]
            },
            js=[forms.Script("desk/body-editor.js", type="module")],
        )

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor: a browser could not point at it.
        return False


def _editor_extensions() -> dict:
    from django_prose_editor.config import expand_extensions

    return expand_extensions(BODY_EDITOR_EXTENSIONS)


class _BodyShape(HTMLParser):
    """A body reduced to what a reader sees: tags that matter and normalised text.

    The editor writes `<strong>` for `<b>`, wraps list items in paragraphs and
    re-encodes entities; none of that is a change of the text.
    """

    SAME = {"b": "strong", "i": "em"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        tag = self.SAME.get(tag, tag)
        self.open.append(tag)
        if tag == "p" and len(self.open) > 1 and self.open[-2] == "li":
            return
        href = dict(attrs).get("href") if tag == "a" else None
        self.parts.append(f"<{tag}{' ' + href if href else ''}>")

    def handle_endtag(self, tag):
        tag = self.SAME.get(tag, tag)
        if self.open and self.open[-1] == tag:
            self.open.pop()
            if tag == "p" and self.open and self.open[-1] == "li":
                return
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.parts.append(text)


def body_shape(body: str) -> str:
    parser = _BodyShape()
    parser.feed(sanitise_body(body or ""))
    parser.close()
    return " ".join(parser.parts)


class BodyText(forms.CharField):
    """Body HTML from the editor; the same text in the editor's own markup is no change."""

    def has_changed(self, initial, data):
        return body_shape(initial) != body_shape(self.to_python(data))


class TextareaText(forms.CharField):
    """Textarea text with the browser's CRLF line ends made LF. Line ends and outer
    whitespace alone do not count as a change: a published article's untouched text
    must not need a correction."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value

    def has_changed(self, initial, data):
        before = (initial or "").replace("\r\n", "\n").strip()
        return before != (self.to_python(data) or "").strip()


class ArticleForm(forms.ModelForm):
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required when the title, lead or body of a published article changes; "
            "readers see it as a correction (Ralat)."
        ),
    )

    # Set by ArticleAdmin.get_form on the class it builds for one request.
    user = None

    class Meta:
        model = Article
        fields = [
            "outlet",
            "article_type",
            "title",
            "slug",
            "lead",
            "body",
            "rubric",
            "region",
            "tags",
            "editor",
            "dateline_place",
            "image",
            "image_caption",
            "image_credit",
            "flag",
        ]
        field_classes = {"lead": TextareaText, "body": BodyText}
        widgets = {"body": BodyEditor}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.current = None
        self.before_snapshot = None
        if self.instance.pk:
            self.fields["opened_version"].required = True
            self.fields["opened_version"].initial = self.instance.version
            # Old plain-text bodies open in the editor as the paragraphs they become.
            if "body" in self.fields:
                self.initial["body"] = sanitise_body(self.instance.body)
        outlets = Outlet.objects.staffed_by(self.user)
        if self.instance.pk:
            outlets = outlets.filter(pk=self.instance.outlet_id)
        limits = {
            "outlet": outlets,
            "rubric": Rubric.objects.filter(outlet__in=outlets).select_related(
                "outlet"
            ),
            "region": Region.objects.filter(outlet__in=outlets).select_related(
                "outlet"
            ),
            "tags": Tag.objects.filter(outlet__in=outlets).select_related("outlet"),
            "editor": Editor.objects.staffing(outlets),
        }
        for name, queryset in limits.items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def clean_body(self):
        return sanitise_body(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        outlet = cleaned.get("outlet") or getattr(self.instance, "outlet", None)
        for name in ("rubric", "region"):
            value = cleaned.get(name)
            if value and outlet and value.outlet_id != outlet.pk:
                self.add_error(name, _("Choose one of the article's outlet."))
        tags = cleaned.get("tags") or []
        if outlet and any(tag.outlet_id != outlet.pk for tag in tags):
            self.add_error("tags", _("Choose one of the article's outlet."))
        if self.instance.pk is None or "opened_version" not in cleaned:
            return cleaned
        for name in revisions.TEXT_FIELDS:
            if name in cleaned and name not in self.changed_data:
                cleaned[name] = getattr(self.instance, name)  # kept exactly as stored
        text = {
            name: cleaned[name]
            for name in revisions.TEXT_FIELDS
            if name in cleaned and name in self.changed_data
        }
        try:
            self.current = revisions.check(
                self.instance,
                opened_version=cleaned["opened_version"],
                text=text,
                correction_note=cleaned.get("correction_note", ""),
            )
        except revisions.EditConflict as exc:
            self.conflict = exc
            raise ValidationError(str(exc), code="conflict") from exc
        except revisions.CorrectionRequired as exc:
            self.add_error("correction_note", str(exc))
        else:
            self.before_snapshot = revisions.snapshot(self.current)
        return cleaned


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What should change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A note is required to send an article back.")},
    )


class ScheduleForm(forms.Form):
    """A publication time, entered in the outlet's zone (the view activates it)."""

    at = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label=_("Note"), required=False)

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise ValidationError(_("Pick a time in the future to schedule."))
        return at


class RetractForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A retraction needs a public reason.")},
    )


class EditorialNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RestoreForm(forms.Form):
    opened_version = forms.IntegerField(widget=forms.HiddenInput)
    correction_note = forms.CharField(
        label=_("Correction note"), required=False, widget=forms.Textarea
    )
