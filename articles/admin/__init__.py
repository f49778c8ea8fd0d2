"""Admin registrations: the article desk, and outlets, people and taxonomy.

Transitions, revisions, corrections and notes have no lists of their own: they are shown
on their article's change page, where the outlet rules already apply.
"""

from . import articles, people  # noqa: F401
