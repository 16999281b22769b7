"""``/api/v1/search``: the search page's query language and backend, as JSON."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint, abort

from casetracker.api.record_schemas import SearchArgsSchema, SearchResultsSchema
from casetracker.documents.searching import run_search
from casetracker.search.filters import parse_filters

blp = Blueprint("api_search", __name__, url_prefix="/api/v1/search",
                description="Search your teams' documents with the search page's query language.")


@blp.route("")
@blp.arguments(SearchArgsSchema, location="query")
@blp.response(200, SearchResultsSchema)
def search(args):
    """Search: words, "phrases", AND/OR/NOT, from:, to:, type:, dates, wildcards, as on the search page."""
    query = args["q"].strip()
    filters = parse_filters(args["f"])
    if not (query or filters):
        abort(400, message="Give a query (q) or a filter (f).")
    results, error, status = run_search(current_user, query, filters, args["sort"], page=args["page"],
                                        per_page=args["per_page"])
    if results is None:
        abort(status, message=error)
    return results
