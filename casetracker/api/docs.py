"""``/api/v1/docs``: Swagger UI over the generated OpenAPI document, every asset served by the app.

The CSP allows only the app's own scripts, so Swagger UI's usual inline
start-up script is replaced by ``static/js/api_docs.js``, which reads the
document's URL from a data attribute. The assets come from the
``swagger-ui-bundle`` package (no CDN).
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1/docs")

#: The Swagger UI files the page loads; nothing else of the package is served.
ASSETS = frozenset({"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css",
                    "favicon-32x32.png", "favicon-16x16.png"})


@bp.route("")
def docs():
    """Show the browsable API documentation (no token needed to read it; one to try calls)."""
    return render_template("api/docs.html")


@bp.route("/assets/<name>")
def asset(name: str):
    """Send one of Swagger UI's files."""
    if name not in ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_path, name, max_age=3600)
