"""The search pages: results with facet filters and sorting, CSV export, and batch search."""

from __future__ import annotations

import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from casetracker.csv_safety import safe_writer
from casetracker.documents import bp
from casetracker.documents.forms import BatchForm, DeleteForm, SaveSearchForm
from casetracker.documents.saved_searches import (
    SavedSearchError,
    alerts_for,
    delete_saved_search,
    get_saved_search,
    open_saved_search,
    save_search,
    saved_searches,
)
from casetracker.extensions import db
from casetracker.documents.indexing import index_for_search
from casetracker.documents.searching import run_search
from casetracker.search.batch import BatchTooLarge, batch_csv, read_terms, run_batch
from casetracker.search.filters import filter_argument, parse_filters
from casetracker.search.index import QueryTooBroad, QueryTooLong, SearchIndexError
from casetracker.search.snippets import snippet_text

#: Result pages of 100 documents written into one CSV export.
CSV_MAX_PAGES = 10


def _search_args() -> tuple[str, list[tuple[str, str]], str]:
    query = request.args.get("q", "").strip()
    filters = parse_filters(request.args.getlist("f"))
    sort = "date" if request.args.get("sort") == "date" else "relevance"
    return query, filters, sort


def _run(query: str, filters, sort: str, *, page: int, per_page: int):
    """Return (results, error, status) for the signed-in user (``documents.searching.run_search``)."""
    return run_search(current_user, query, filters, sort, page=page, per_page=per_page)


@bp.route("/search")
@login_required
def search():
    query, filters, sort = _search_args()
    results, error, status = None, None, 200
    if query or filters:
        results, error, status = _run(query, filters, sort, page=request.args.get("page", 1, type=int), per_page=10)
    return render_template("documents/search.html", query=query, filters=filters, sort=sort, results=results,
                           error=error, filter_argument=filter_argument, save_form=SaveSearchForm()), status


@bp.route("/search.csv")
@login_required
def search_csv():
    query, filters, sort = _search_args()
    if not (query or filters):
        return Response("Give a query to export.\n", status=400, mimetype="text/plain")
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(["document", "title", "page", "date", "from", "request", "snippet"])
    for number in range(1, CSV_MAX_PAGES + 1):
        results, error, status = _run(query, filters, sort, page=number, per_page=100)
        if results is None:
            return Response(f"{error}\n", status=status, mimetype="text/plain")
        for hit in results.documents:
            for page in hit.pages:
                writer.writerow([hit.document_id, hit.title, page.page,
                                 hit.document_date.isoformat() if hit.document_date else "", hit.sender or "",
                                 hit.request_ref or "", snippet_text(page.snippet_html, bold=False)])
        if number >= results.page_count:
            break
    return _csv_download(out.getvalue(), "search-results.csv")


@bp.route("/search/batch", methods=["GET", "POST"])
@login_required
def batch():
    form = BatchForm()
    rows, status = None, 200
    if form.validate_on_submit():
        text = form.terms.data or ""
        if form.file.data:
            text += "\n" + form.file.data.read().decode("utf-8", "replace")
        try:
            rows = run_batch(index_for_search(), read_terms(text.splitlines()), team_ids=current_user.team_ids,
                             viewer_id=current_user.id)
        except BatchTooLarge as exc:
            form.terms.errors.append(str(exc))
            status = 400
        except SearchIndexError as exc:
            form.terms.errors.append(str(exc))
            status = 503
        if rows is not None and form.download.data:
            return _csv_download(batch_csv(rows), "batch-search.csv")
    elif form.is_submitted():
        status = 400
    return render_template("documents/batch.html", form=form, rows=rows), status


def _csv_download(text: str, name: str) -> Response:
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/search/saved", methods=["GET", "POST"])
@login_required
def saved():
    """List the user's saved searches with their alerts; POST saves one."""
    form = SaveSearchForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            save_search(form.q.data or "", request.form.getlist("f"), actor=current_user)
        except SavedSearchError as exc:
            flash(str(exc), "danger")
            return redirect(url_for("documents.search", q=form.q.data, f=request.form.getlist("f"))), 303
        db.session.commit()
        flash("Search saved; new pages that match will show on your dashboard.", "success")
        return redirect(url_for("documents.saved"))
    return render_template("documents/saved.html", alerts=alerts_for(current_user), form=DeleteForm())


@bp.route("/search/saved/<int:saved_id>/open", methods=["POST"])
@login_required
def open_saved(saved_id: int):
    saved_search = get_saved_search(saved_id, current_user)
    if saved_search is None:
        abort(404)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        open_saved_search(saved_search, actor=current_user)
    except (QueryTooLong, QueryTooBroad, SearchIndexError) as exc:
        flash(str(exc), "danger")
        return redirect(url_for("documents.saved"))
    db.session.commit()
    return redirect(url_for("documents.search", q=saved_search.query, f=saved_search.filters))


@bp.route("/search/saved/<int:saved_id>/delete", methods=["POST"])
@login_required
def delete_saved(saved_id: int):
    saved_search = get_saved_search(saved_id, current_user)
    if saved_search is None:
        abort(404)
    if not DeleteForm().validate_on_submit():
        abort(400)
    delete_saved_search(saved_search, actor=current_user)
    db.session.commit()
    flash("Saved search deleted.", "success")
    return redirect(url_for("documents.saved"))


@bp.app_context_processor
def _search_alerts():
    """Offer templates `search_alerts()`: the signed-in user's alerts with new pages (the dashboard line)."""
    def search_alerts():
        if not current_user.is_authenticated or not saved_searches(current_user):
            return []
        return [alert for alert in alerts_for(current_user) if alert.new_pages]
    return {"search_alerts": search_alerts}
