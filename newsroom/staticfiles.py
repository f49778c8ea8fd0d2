"""Static files in production: hashed, compressed names from collectstatic's manifest.

Without a manifest (collectstatic has not run) Django's manifest storage raises on every
`{% static %}`, so every page would be a 500. This storage serves the plain names instead
and logs a warning; settings then let WhiteNoise serve them from the source folders.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticStorage(CompressedManifestStaticFilesStorage):
    _warned = False

    def stored_name(self, name):
        if self.hashed_files or self.read_manifest() is not None:
            return super().stored_name(name)
        if not StaticStorage._warned:
            StaticStorage._warned = True
            logger.warning(
                "No static files manifest in %s: serving unhashed static files. "
                "Run `manage.py collectstatic` before serving (`make serve` does).",
                self.location,
            )
        return name
