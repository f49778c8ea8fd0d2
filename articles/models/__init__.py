"""The editorial data model: outlets, people, articles and their history."""

from .articles import (  # noqa: F401
    Article,
    ArticleCredit,
    ArticleQuerySet,
    ArticleStatus,
    ArticleType,
    ArticleViews,
    CreditRole,
    ListCount,
    ListTopic,
    RelatedLink,
    headline_key,
)
from .history import (  # noqa: F401
    Correction,
    EditingPresence,
    EditorialNote,
    Revision,
    Transition,
)
from .outlets import (  # noqa: F401
    EDITING_ROLES,
    ROLE_GROUPS,
    ZONE_LABELS,
    EditorRole,
    Outlet,
    OutletPage,
    OutletPageKind,
    OutletQuerySet,
    OutletStyle,
    OutletTaxonomy,
    OutletZone,
    Region,
    Rubric,
    Tag,
    hex_colour,
    unique_slug,
)
from .people import (  # noqa: F401
    Author,
    AuthorQuerySet,
    Editor,
    EditorQuerySet,
    Membership,
    MembershipQuerySet,
    name_key,
)
