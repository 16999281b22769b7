"""``/api/v1/docs``: Swagger UI over the generated OpenAPI document, every asset served by the app.

The CSP allows only the app's own scripts, so Swagger UI's usual inline
start-up script is replaced by ``static/js/api_docs.js``, which reads the
document's URL from a data attribute. Swagger UI itself (5.35.0, the first
major version to read OpenAPI 3.1) is vendored under ``static/vendor/swagger-ui``.
"""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1/docs")


@bp.route("")
def docs():
    """Show the browsable API documentation (no token needed to read it; one to try calls)."""
    return render_template("api/docs.html")
