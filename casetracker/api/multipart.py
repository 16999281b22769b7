"""A ``multipart`` argument location: form fields and files of one upload read by one schema.

flask-smorest documents one request body per operation and webargs reads
``form`` and ``files`` separately; an upload carries both, so this location
merges them and is documented as one ``multipart/form-data`` body.
"""

from __future__ import annotations

from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import CombinedMultiDict


class MultipartParser(FlaskParser):
    """webargs' Flask parser with ``location="multipart"`` (form fields and files together)."""

    __location_map__ = {**FlaskParser.__location_map__, "multipart": "load_multipart"}

    def load_multipart(self, req, schema):
        return MultiDictProxy(CombinedMultiDict([req.form, req.files]), schema)


class UploadBlueprint(Blueprint):
    """A smorest blueprint whose ``multipart`` arguments are one ``multipart/form-data`` request body."""

    ARGUMENTS_PARSER = MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
                                             "multipart": "multipart/form-data"}
