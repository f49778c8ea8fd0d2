"""The public sites' templates (templates/site/, Jinja2): their environment, and the
helpers they call: Indonesian dates, palettes, body layout, structured data, addresses.

`environment()` is the one place that says what a public template can use, the sitemaps'
included; the admin keeps Django's own template language.
"""

import base64
import functools
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import jinja2
import nh3
from django.conf import DEFAULT_STORAGE_ALIAS, settings
from django.core.files.storage import storages
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, translation
from django.utils.text import Truncator, add_truncation_text
from markupsafe import Markup

from ..models import CreditRole, OutletPageKind, OutletStyle
from .hosts import canonical_url

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
# Styles whose "Baca juga" links sit inside the story, one after every few paragraphs.
INLINE_RELATED_EVERY = {OutletStyle.POS_KUPANG: 3}
BYLINE_ROLES = (CreditRole.WRITER, CreditRole.CONTRIBUTOR)
# Styles that print the reporter in a line above the story (`Laporan Reporter ...`).
REPORT_LINE_ROLES = {OutletStyle.POS_KUPANG: (CreditRole.REPORTER,)}


def _local(value, outlet):
    return value.astimezone(outlet.zone)


def _hari_tanggal(local) -> str:
    """`Selasa, 22 Agustus 2023`, without relying on the server's locale."""
    return (
        f"{DAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year}"
    )


def tanggal(value, outlet):
    """`Selasa, 22 Agustus 2023 14:05 WITA`, in the outlet's zone."""
    if not value:
        return ""
    local = _local(value, outlet)
    return f"{_hari_tanggal(local)} {local:%H:%M} {outlet.zone_label}"


def terbit(article, outlet=None):
    """The article's publication stamp for readers; the date alone when no time is known."""
    outlet = outlet or article.outlet
    if article.published_date_only:
        return _hari_tanggal(_local(article.published_at, outlet))
    return tanggal(article.published_at, outlet)


def terbit_en(article, outlet=None):
    """Blitar Update's stamp (`Jun 9, 2023 - 10:14`); `Jun 9, 2023` when no time is known."""
    outlet = outlet or article.outlet
    stamp = stamp_en(article.published_at, outlet)
    return stamp.rsplit(" - ", 1)[0] if article.published_date_only else stamp


def stamp_en(value, outlet):
    """`Jun 9, 2023 - 10:14`: Blitar Update's stamp, local time."""
    if not value:
        return ""
    local = _local(value, outlet)
    return f"{MONTHS_EN[local.month - 1]} {local.day}, {local.year} - {local:%H:%M}"


def iso_local(value, outlet):
    """ISO 8601 with the outlet's offset, for `<time datetime>` and JSON-LD."""
    return _local(value, outlet).isoformat(timespec="seconds") if value else ""


def sitemap_lastmod(article) -> str:
    """An article's last change in its outlet's zone: a WITA story keeps its own day."""
    return iso_local(article.modified_at, article.outlet)


# A snippet is cut from the body's HTML, where a bare `<` or `>` is always part of a tag:
# any tag but `<mark>` (whole, or cut at either end of the window) separates words, as a
# paragraph break does on the page.
_SNIPPET_TAG = re.compile(r"<(?!/?mark>)[^<>]*>|^[^<>]*>|<[^<>]*$")


# Built once: `nh3.clean` builds its cleaner again on every call (a third of its time).
_MARKS_ONLY = nh3.Cleaner(tags={"mark"}, attributes={})
_TEXT_ONLY = nh3.Cleaner(tags=set())


def highlighted(snippet):
    """A search snippet with only its `<mark>` highlights kept as markup."""
    text = " ".join(_SNIPPET_TAG.sub(" ", snippet or "").split())
    return Markup(_MARKS_ONLY.clean(text))


# Colours: WCAG relative luminance and contrast.


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _darken(hex_colour: str, factor: float = 0.9) -> str:
    channels = [int(int(hex_colour[i : i + 2], 16) * factor) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def readable_on_white(colour: str, minimum: float = 4.5) -> str:
    """`colour`, darkened until text in it on white reaches the contrast `minimum`."""
    while contrast(colour, "#ffffff") < minimum:
        colour = _darken(colour)
    return colour


def outlet_palette(outlet) -> str:
    """CSS custom properties from the outlet's colours, with text contrast of 4.5:1 or more."""
    brand = readable_on_white(outlet.primary_colour)
    accent = readable_on_white(outlet.accent_colour)
    return f"--brand:{brand};--on-brand:#ffffff;--accent:{accent};"


def style_partial(outlet, name: str) -> list[str]:
    """The outlet style's version of a partial, falling back to the neutral one."""
    style = outlet.style if outlet else "default"
    return [f"articles/styles/{style}/{name}", f"articles/styles/default/{name}"]


# An article's credits, with their authors, are its `credit_list`, read for the page by
# portal.with_credits(); its "Baca juga" lines its `link_list` (portal.with_page_extras).


def writers(article):
    """Credits printed as writers (everything but the photographer and the reporter line)."""
    return [c for c in article.credit_list if c.role in BYLINE_ROLES]


def reporters(article):
    return [c for c in article.credit_list if c.role == CreditRole.REPORTER]


def footer_credits(article):
    """Credits the page has not printed yet: the byline names the writers, and styles
    with a report line (Pos-Kupang) name the reporter above the story."""
    shown_roles = {*BYLINE_ROLES, *REPORT_LINE_ROLES.get(article.outlet.style, ())}
    named = {c.author_id for c in article.credit_list if c.role in shown_roles}
    seen = set()
    result = []
    for credit in article.credit_list:
        if credit.author_id in named or credit.author_id in seen:
            continue
        seen.add(credit.author_id)
        result.append(credit)
    return result


END_MARK = "(*)"


def ends_with_mark(article, mark=END_MARK) -> bool:
    """Whether the body already closes with the outlet's end mark."""
    return plain_text(article.body).endswith(mark)


def first_name(name: str) -> str:
    return name.split()[0] if name else ""


# Body layout: paragraphs, the dateline in the first one, inline "Baca juga" links.

_BLOCK_END = re.compile(r"(</(?:p|h[2-6]|blockquote|ul|ol|figure|table|div)>)", re.I)
_P_OPEN = re.compile(r"^\s*<p\b[^>]*>", re.I)


@dataclass
class BacaJuga:
    """One "Baca juga" line as readers see it: a link, or the headline as printed."""

    text: str
    url: str = ""


@dataclass
class Block:
    html: str
    opening: str = ""
    rest: str = ""
    before: list[BacaJuga] = field(default_factory=list)
    related: list[BacaJuga] = field(default_factory=list)


def _blocks(body: str) -> list[str]:
    parts = _BLOCK_END.split(body or "")
    blocks = ["".join(parts[i : i + 2]).strip() for i in range(0, len(parts), 2)]
    return [b for b in blocks if _without_tags(b).strip() or "<img" in b]


def unplaced_related(article) -> list:
    """Public targets of "Baca juga" links with no place in the body (chosen by an editor
    or carried over from before places were kept), for the list after the story."""
    return [
        link.target
        for link in article.link_list
        if link.position is None and link.is_public
    ]


def _line(link) -> BacaJuga | None:
    if link.is_public:
        return BacaJuga(link.target.title, link.target.get_absolute_url())
    return BacaJuga(link.headline) if link.headline else None


def body_blocks(article):
    """The body as blocks; the first paragraph split open for the dateline.

    Each "Baca juga" line with a place follows the paragraph it followed in the source,
    linked when its target is public, else as its printed headline. In styles that print
    them inside the story, links without a place follow every few paragraphs; a headline
    without a place or a public target closes the story.
    """
    blocks = [Block(html=b) for b in _blocks(article.body)]
    if blocks and (opening := _P_OPEN.match(blocks[0].html)):
        blocks[0].opening = opening.group(0)
        blocks[0].rest = blocks[0].html[opening.end() :]
    if not blocks:
        return blocks
    paragraphs = [b for b in blocks if b.html[:2].lower() == "<p"] or blocks
    every = INLINE_RELATED_EVERY.get(article.outlet.style)
    floating = []
    for link in article.link_list:
        line = _line(link)
        if line is None:
            continue
        if link.position == 0:
            blocks[0].before.append(line)
        elif link.position is not None:
            paragraphs[min(link.position, len(paragraphs)) - 1].related.append(line)
        elif not link.is_public:
            blocks[-1].related.append(line)
        elif every:
            floating.append(line)
    if every:
        for n, paragraph in enumerate(paragraphs, start=1):
            if n % every == 0 and floating:
                paragraph.related.append(floating.pop(0))
    blocks[-1].related.extend(floating)
    return blocks


def inline_related(outlet) -> bool:
    return outlet.style in INLINE_RELATED_EVERY


_TAG_BREAK = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|figcaption)>|<br\s*/?>", re.I)


def _without_tags(markup: str) -> str:
    # Bodies are sanitised HTML (articles.fields): nh3 parses them as a browser would,
    # several times faster than Django's strip_tags. Entities stay escaped.
    return _TEXT_ONLY.clean(markup)


def plain_text(markup: str) -> str:
    """Text of an HTML body as a reader sees it (`&amp;` is `&`), with a space wherever a
    paragraph or line ended."""
    return " ".join(
        html.unescape(_without_tags(_TAG_BREAK.sub(" ", markup or ""))).split()
    )


def summary(article, words=30):
    """A plain-text summary; a retracted article is summarised by its retraction only."""
    if article.is_retracted:
        return article.retraction_reason
    if article.lead:
        return article.lead
    # Lists load only the start of the body (`body_start`), which is enough for this.
    body = getattr(article, "body_start", None)
    return first_words(article.body if body is None else body, words)


# A summary's words are in the first 14 characters a word of most bodies (markup
# included): 420 for a card's 30, 840 for a feed's 60.
FIRST_WORDS_CHARS = 14


def first_words(markup: str, count: int) -> str:
    """`Truncator(plain_text(markup)).words(count)`, reading only as much of `markup` as
    that needs. Every word of a cut (`FIRST_WORDS_CHARS` a word) but its last, which the
    cut may split or end with a tag or entity it opens, is the whole text's word: more
    than `count` of them give the same words; fewer, and the whole of `markup` is read."""
    cut = count * FIRST_WORDS_CHARS
    if count > 0 and len(markup) > cut:
        words = plain_text(markup[:cut]).split()
        if len(words) > count:
            return add_truncation_text(" ".join(words[:count]))
    return Truncator(plain_text(markup)).words(count)


def _json_for_script(data) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@jinja2.pass_context
def canonical(context, outlet, path=None):
    """The page's canonical address: the outlet's own host when it has one."""
    request = context["request"]
    return canonical_url(request, outlet, path or request.get_full_path())


@jinja2.pass_context
def article_jsonld(context, article):
    """The NewsArticle JSON-LD of an article page."""
    request = context["request"]
    outlet = article.outlet
    absolute = request.build_absolute_uri
    logo = outlet.logo.url if outlet.logo else static("img/newsroom-logo.png")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": canonical_url(request, outlet, article.get_absolute_url()),
        "headline": article.title[:110],
        "description": summary(article),
        "articleSection": article.rubric.name if article.rubric else None,
        "inLanguage": "id",
        "datePublished": iso_local(article.published_at, outlet) or None,
        "dateModified": iso_local(article.modified_at, outlet) or None,
        "author": _jsonld_authors(article, absolute),
        "publisher": {
            "@type": "Organization",
            "name": outlet.name,
            "logo": {"@type": "ImageObject", "url": absolute(logo)},
        },
    }
    # Search engines want an image on every story: the outlet's logo when it has no photo.
    data["image"] = [absolute(article.image.url if article.image else logo)]
    data = {k: v for k, v in data.items() if v not in (None, "")}
    # A data block, never run: script-src does not apply to it, so it needs no nonce
    # (a nonce would make every page differ and defeat its ETag).
    return Markup(
        f'<script type="application/ld+json">{_json_for_script(data)}</script>'
    )


def _jsonld_authors(article, absolute) -> list[dict]:
    """Each credited person once, in credit order; the outlet when nobody is credited."""
    outlet = article.outlet
    people = {}
    for credit in article.credit_list:
        if credit.author.name.strip():
            people.setdefault(credit.author_id, credit.author)
    if not people:
        return [
            {
                "@type": "Organization",
                "name": outlet.name,
                "url": absolute(outlet.get_absolute_url()),
            }
        ]
    return [
        {
            "@type": "Person",
            "name": author.name,
            "url": absolute(_author_url(outlet, author)),
        }
        for author in people.values()
    ]


def _author_url(outlet, author) -> str:
    return url("articles:author", outlet=outlet.slug, slug=author.slug)


# The JPEG an <img> falls back to where WebP is unknown (every current browser takes the
# WebP srcset): one mid-sized rendition, so each picture's markup lists its widths once.
FALLBACK_WIDTH = 800


@functools.lru_cache(maxsize=8192)
def _stored_url(storage, base_url, name: str) -> str:
    return storage.url(name)


def _rendition_url(name: str) -> str:
    """`default_storage.url(name)` of a rendition, remembered: a list prints dozens, each
    a URL join (on S3, an address built by boto). A name's plain public address
    (settings.media_storage) depends only on the storage: a new one when STORAGES
    changes, or, on disk, its MEDIA_URL."""
    storage = storages[DEFAULT_STORAGE_ALIAS]
    if getattr(storage, "querystring_auth", False):  # signed addresses expire
        return storage.url(name)
    return _stored_url(storage, getattr(storage, "base_url", None), name)


@dataclass(slots=True)
class Photo:
    """What `_picture.html` prints of an article's photo: its renditions as a WebP
    srcset, one JPEG of at most FALLBACK_WIDTH (or the original, before renditions exist)
    as the fallback `src`, the largest rendition's size for the box, and the text for
    readers who do not see it."""

    renditions: list[dict]
    webp_srcset: str
    src: str
    width: int | None
    height: int | None
    alt: str


def photo(article) -> Photo:
    renditions = article.image_renditions or []
    largest = renditions[-1] if renditions else None
    fallback = next(
        (r for r in reversed(renditions) if r["width"] <= FALLBACK_WIDTH), largest
    )
    return Photo(
        renditions=renditions,
        webp_srcset=", ".join(
            f"{_rendition_url(r['webp'])} {r['width']}w" for r in renditions
        ),
        src=_rendition_url(fallback["jpeg"])
        if fallback
        else (article.image.url if article.image else ""),
        width=largest["width"] if largest else article.image_width,
        height=largest["height"] if largest else article.image_height,
        alt=article.image_caption or article.title,
    )


@dataclass(slots=True)
class StoryCard:
    """What a story card (`_article_card.html`) prints of an article besides its title,
    rubric and summary; a brief card names no writers."""

    url: str
    photo: Photo | None
    stamp: str
    stamp_iso: str
    writers: list[str] = field(default_factory=list)


@jinja2.pass_context
def story_card(context, article, brief=False) -> StoryCard:
    """A card's values in one call (a list prints dozens), in the article's outlet's zone."""
    outlet = article.outlet
    card = StoryCard(
        url=article.address_in(page_url(context, "articles:outlet", outlet=outlet.slug))
        if article.published_on
        else article.get_absolute_url(),
        photo=photo(article) if article.image else None,
        stamp=terbit(article, outlet),
        stamp_iso=iso_local(article.published_at, outlet),
    )
    if not brief:
        card.writers = [credit.author.name for credit in writers(article)]
    return card


def _query(**params) -> str:
    return urlencode(params, quote_via=quote)


@jinja2.pass_context
def share_links(context, article) -> list[tuple[str, str]]:
    """Plain share links (no third-party script): each service's own share address."""
    address = canonical_url(
        context["request"], article.outlet, article.get_absolute_url()
    )
    title = article.title
    return [
        ("WhatsApp", "https://wa.me/?" + _query(text=f"{title} {address}")),
        (
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + _query(u=address),
        ),
        ("X", "https://x.com/intent/post?" + _query(text=title, url=address)),
        (
            "Telegram",
            "https://t.me/share/url?" + _query(url=address, text=title),
        ),
    ]


def page_numbers(page_obj, around=2) -> list[int | None]:
    """First, nearby and last page numbers; None where pages are skipped."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    wanted = {1, last, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    result = []
    for number in numbers:
        if result and number - result[-1] > 1:
            result.append(None)
        result.append(number)
    return result


@jinja2.pass_context
def breadcrumb_jsonld(context, article):
    """BreadcrumbList JSON-LD for the article page's breadcrumbs."""
    request = context["request"]
    outlet = article.outlet
    crumbs = [(outlet.name, outlet.get_absolute_url())]
    if article.rubric:
        crumbs.append(
            (
                article.rubric.name,
                url("articles:rubric", outlet=outlet.slug, slug=article.rubric.slug),
            )
        )
    crumbs.append((article.title, article.get_absolute_url()))
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": canonical_url(request, outlet, path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }
    return Markup(
        f'<script type="application/ld+json">{_json_for_script(data)}</script>'
    )


def newsroom_pages() -> list[tuple[str, str]]:
    """The newsroom's own pages, in footer order."""
    return OutletPageKind.choices


@jinja2.pass_context
def inline_style(context, caller):
    """`{% call inline_style() %}css{% endcall %}`: a <style> the page's CSP allows by hash.

    A hash, unlike a nonce, is the same on every visit, so the page keeps its ETag.
    """
    css = str(caller())
    request = context.get("request")
    if request is not None:
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        request.__dict__.setdefault("csp_style_hashes", []).append(f"'sha256-{digest}'")
    return Markup(f"<style>{css}</style>")


# Addresses: a page prints dozens (menu, footer, bylines), each costing a `reverse()`.


@functools.lru_cache(maxsize=4096)
def _reverse(urlconf, script_prefix, name: str, kwargs: tuple) -> str:
    return reverse(name, urlconf=urlconf, kwargs=dict(kwargs))


def url(name: str, **kwargs) -> str:
    """`reverse(name, kwargs=kwargs)`, remembered per URLconf: an outlet's own host has its
    own (articles.site.routing), where the same name gives a path without `/<outlet>`."""
    return _reverse(*_addressing(None), name, tuple(sorted(kwargs.items())))


@jinja2.pass_context
def page_url(context, name: str, **kwargs) -> str:
    """`url()` for a template (its `url`): the URLconf and script prefix read once for
    the page's request."""
    addressing = _addressing(context.get("request"))
    return _reverse(*addressing, name, tuple(sorted(kwargs.items())))


def _addressing(request) -> tuple[str, str]:
    """The URLconf and script prefix of the request being answered. Each read of Django's
    request-local values costs about as much as the rest of an address, and a page
    builds dozens: read once per request, kept on it."""
    addressing = getattr(request, "newsroom_addressing", None)
    if addressing is None:
        addressing = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        if request is not None:
            request.newsroom_addressing = addressing
    return addressing


@jinja2.pass_context
def querystring(context, **changes) -> str:
    """The request's query string with `changes` (None removes a key), like Django's tag."""
    query = context["request"].GET
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    if not params and not query:
        return ""
    return f"?{params.urlencode()}"


def truncatewords(text, words: int) -> str:
    return Truncator(text).words(words, truncate=" …")


def grouped(number) -> str:
    """`1.000`: a number with the active language's thousands separator."""
    return formats.number_format(number, force_grouping=True)


def environment(**options) -> jinja2.Environment:
    """The Jinja2 environment of templates/site/ (settings.TEMPLATES points here)."""
    # Pages test optional context (`is_search`, `query`...) by its absence: an undefined
    # name is empty in development too (Django's backend would print it when DEBUG).
    options["undefined"] = jinja2.Undefined
    # Partials end with a newline the page keeps, as Django's templates do.
    options["keep_trailing_newline"] = True
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    # `{% trans "public site" %}...{% endtrans %}` is pgettext with that context.
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        article_jsonld=article_jsonld,
        body_blocks=body_blocks,
        breadcrumb_jsonld=breadcrumb_jsonld,
        canonical=canonical,
        inline_related=inline_related,
        inline_style=inline_style,
        language_code=translation.get_language,
        newsroom_pages=newsroom_pages,
        outlet_palette=outlet_palette,
        page_numbers=page_numbers,
        photo=photo,
        querystring=querystring,
        share_links=share_links,
        static=static,
        story_card=story_card,
        style_partial=style_partial,
        unplaced_related=unplaced_related,
        url=page_url,
    )
    env.filters.update(
        ends_with_mark=ends_with_mark,
        first_name=first_name,
        footer_credits=footer_credits,
        grouped=grouped,
        highlighted=highlighted,
        iso_local=iso_local,
        reporters=reporters,
        sitemap_lastmod=sitemap_lastmod,
        stamp_en=stamp_en,
        summary=summary,
        tanggal=tanggal,
        terbit=terbit,
        terbit_en=terbit_en,
        truncatewords=truncatewords,
        writers=writers,
    )
    return env
