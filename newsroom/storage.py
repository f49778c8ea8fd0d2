"""Media on S3-compatible object storage (django-storages): each object is stored with
the `Cache-Control` the media view gives the same file on disk, so browsers and a CDN keep
a rendition for good and an original for a day wherever photos are served from."""

from storages.backends.s3 import S3Storage

from articles.images import cache_control


class MediaStorage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        # AWS_S3_OBJECT_PARAMETERS may set its own.
        parameters.setdefault("CacheControl", cache_control(name))
        return parameters
