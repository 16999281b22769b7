"""``flask documents import`` and ``flask search …`` (query and reindex)."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import click
from flask.cli import AppGroup

from casetracker.auth.models import Team
from casetracker.cli_progress import PageRate, progress_bar
from casetracker.cli_support import team_by_name
from casetracker.documents.indexing import index_for_search
from casetracker.documents.ocr_settings import OcrLanguageError, check_ocr_languages, ocr_languages_for, set_ocr_languages
from casetracker.documents.services import IngestOutcome, ingest_bytes, read_file
from casetracker.extensions import db
from casetracker.info_requests.services import find_by_reference
from casetracker.search.batch import BatchTooLarge, read_terms, run_batch
from casetracker.search.index import QueryTooBroad, QueryTooLong, SearchIndexError
from casetracker.search.snippets import snippet_text

documents_cli = AppGroup("documents", help="Import released documents.")


def _walk(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise click.UsageError(f"{raw} is not a file or folder.")
    return files


def _json_row(path: Path | str, outcome: IngestOutcome) -> dict:
    """Return a file's entry; ``children`` (zip members, attachments) nest under it, each with its own status.

    Call after the commit: ``search`` is the document's ``search_status`` then.
    """
    document = outcome.document
    return {"path": str(path), "document_id": document.id if document else None,
            "pages": outcome.pages, "ocr_pages": outcome.ocr_pages, "ocr_confidence": outcome.ocr_confidence,
            "status": outcome.status, "reason": outcome.reason,
            "kind": outcome.kind,
            # Read from the outbox after the commit: "indexed" only once search finds it.
            "search": str(document.search_status) if document else None,
            "children": [_json_row(child.filename, child) for child in outcome.children]}


@documents_cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--request", "reference", required=True, help="Our reference of the request, e.g. CT-2022-0001.")
@click.option("--team", default=None, help="The team that holds the request.")
@click.option("--ocr-lang", "ocr_lang", default=None,
              help="Tesseract languages to read scans in, e.g. cym or cym+eng (default: the team's setting).")
@click.option("--json", "as_json", is_flag=True,
              help='When all are done, print one JSON array with an entry per file: {"path", "document_id", '
                   '"pages", "ocr_pages", "ocr_confidence", "status", "reason", "kind", "search", "children"}.')
def import_command(paths: tuple[str, ...], reference: str, team: str | None, ocr_lang: str | None,
                   as_json: bool) -> None:
    """Import files and folders (recursively) into a request; failures never stop the rest."""
    team_obj: Team | None = team_by_name(team) if team else None
    info_request = find_by_reference(reference, team=team_obj)
    if info_request is None:
        raise click.UsageError(f"There is no request {reference!r}{' in team ' + team if team else ''}.")
    try:
        languages = check_ocr_languages(ocr_lang) if ocr_lang else ocr_languages_for(info_request.team)
    except OcrLanguageError as exc:
        raise click.UsageError(str(exc)) from exc
    files = _walk(paths)
    # End the read transaction: extraction below runs outside any (SQLite write lock held only to store).
    db.session.commit()
    rows, summary = [], defaultdict(lambda: {"files": 0, "pages": 0, "ocr_pages": 0, "failures": []})
    with progress_bar(len(files), desc="Importing", unit="file", quiet=as_json) as bar:
        rate = PageRate(bar)
        for path in files:
            try:
                data = path.read_bytes()
                extracted = read_file(data, path.name, ocr_languages=languages)
                outcome = ingest_bytes(data, path.name, team=info_request.team, info_request=info_request,
                                       actor=None, extracted=extracted, ocr_languages=languages)
                db.session.commit()
            except OSError as exc:
                db.session.rollback()
                outcome = IngestOutcome(path.name, "failed", reason=f"The file could not be read: {exc.strerror}.")
            rows.append(_json_row(path, outcome))
            db.session.commit()  # end the read of its search status before the next file is extracted
            _tally(summary, outcome, str(path))
            rate.add(1, outcome.pages)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    statuses = Counter(row["status"] for row in rows)
    click.echo(f"{statuses['imported']} imported, {statuses['duplicate']} already stored (nothing added), "
               f"{statuses['failed']} failed.")
    click.echo("Files inside zips and emails are counted under their own format.")
    click.echo(f"{'format':<8} {'files':>6} {'pages':>7} {'OCR':>5} failures")
    for fmt, s in sorted(summary.items()):
        click.echo(f"{fmt:<8} {s['files']:>6} {s['pages']:>7} {s['ocr_pages']:>5} {len(s['failures'])}")
        for failure in s["failures"]:
            click.echo(f"    {failure}")


@documents_cli.command("ocr-lang")
@click.argument("languages")
@click.option("--team", required=True, help="The team whose scans are read in these languages.")
def ocr_lang_command(languages: str, team: str) -> None:
    """Set the OCR languages a team's uploads default to (Tesseract codes joined by +, e.g. cym+eng)."""
    team_obj = team_by_name(team)
    try:
        settings = set_ocr_languages(team_obj, languages, actor=None)
    except OcrLanguageError as exc:
        raise click.UsageError(str(exc)) from exc
    db.session.commit()
    click.echo(f"Scans of team {team_obj.name} are now read in {settings.ocr_languages}.")


@documents_cli.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--name", "names", multiple=True, help="A name that must not appear (the requester's); repeatable.")
@click.option("--json", "as_json", is_flag=True, help='Print {"findings": [{"kind", "where", "detail"}]}.')
def check_command(file: str, names: tuple[str, ...], as_json: bool) -> None:
    """Check FILE for what releasing it would leak; exit 0 if nothing is found, 1 with findings, 2 if unreadable."""
    from casetracker.release_check import ReleaseCheckError, check_file

    path = Path(file)
    try:
        findings = check_file(path.read_bytes(), path.name, names=names)
    except OSError as exc:
        click.echo(f"{file}: the file could not be read: {exc.strerror}.", err=True)
        sys.exit(2)
    except ReleaseCheckError as exc:
        click.echo(f"{file}: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps({"findings": [f.as_dict() | {"kind": str(f.kind)} for f in findings]},
                              ensure_ascii=False))
    elif not findings:
        click.echo("No findings.")
    for finding in findings if not as_json else ():
        click.echo(f"{finding.kind}\t{finding.where}\t{finding.detail}")
    sys.exit(1 if findings else 0)


@documents_cli.command("sweep")
@click.option("--dry-run", is_flag=True, help="List the files that would be removed; remove nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def sweep_command(dry_run: bool, as_json: bool) -> None:
    """Remove stored files no record refers to (left by a process killed before its commit)."""
    from casetracker.documents.sweep import grace_seconds, sweep_files

    report = sweep_files(dry_run=dry_run)
    if as_json:
        click.echo(json.dumps(report.as_dict()))
        return
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} {len(report.orphans)} stored file{'' if len(report.orphans) == 1 else 's'} no record "
               f"refers to ({report.bytes:,} bytes); kept {report.kept} younger than {grace_seconds():.0f} s "
               f"or written while a job runs.")
    for name in report.orphans:
        click.echo(f"    {name}")


def _tally(summary: dict, outcome: IngestOutcome, label: str) -> None:
    """Add a file and, recursively, its children (zip members, attachments) to the per-format summary."""
    fmt = summary[outcome.kind or Path(outcome.filename).suffix.lower().lstrip(".") or "unknown"]
    fmt["files"] += 1
    fmt["pages"] += outcome.pages
    fmt["ocr_pages"] += outcome.ocr_pages
    if outcome.status == "failed":
        fmt["failures"].append(f"{label}: {outcome.reason}")
    for child in outcome.children:
        _tally(summary, child, f"{label} › {child.filename}")


class SearchGroup(AppGroup):
    """``flask search QUERY`` searches; ``flask search reindex`` rebuilds."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["query", *args]
        return super().parse_args(ctx, args)


search_cli = SearchGroup("search", help="Search documents, or rebuild the index.")


@search_cli.command("query")
@click.argument("text")
@click.option("--team", required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def query_command(text: str, team: str, as_json: bool) -> None:
    """Search a team's documents; print one hit per matching page."""
    team_obj = team_by_name(team)
    try:
        results = index_for_search().search(text, team_ids=[team_obj.id], per_page=100)
    except (QueryTooLong, QueryTooBroad) as exc:
        raise click.UsageError(str(exc)) from exc
    except SearchIndexError as exc:
        raise click.ClickException(str(exc)) from exc
    hits = [{"document_id": d.document_id, "title": d.title, "page": p.page, "snippet": p.snippet_html,
             "request": d.request_ref} for d in results.documents for p in d.pages]
    if results.notice:
        click.echo(results.notice, err=True)
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False))
        return
    bold = sys.stdout.isatty()
    for hit in hits:
        snippet = snippet_text(hit["snippet"], bold=bold)
        click.echo(f"{hit['request'] or '-'}\t{hit['document_id']}\tp{hit['page']}\t{hit['title']}\t{snippet}")


@search_cli.command("batch")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--team", required=True)
@click.option("--json", "as_json", is_flag=True, help="Print [{term, documents, pages, error}] as JSON.")
def batch_command(file, team: str, as_json: bool) -> None:
    """Search each line of FILE (up to 1,000 terms); a bad term gets an error, the rest still run."""
    team_obj = team_by_name(team)
    try:
        terms = read_terms(file)
    except BatchTooLarge as exc:
        raise click.UsageError(str(exc)) from exc
    except UnicodeDecodeError:
        raise click.UsageError(f"{file.name} is not a text file of terms (UTF-8, one per line).") from None
    try:
        rows = run_batch(index_for_search(), terms, team_ids=[team_obj.id])
    except SearchIndexError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['term']}\t{row['documents']} documents\t{row['pages']} pages"
                   + (f"\t{row['error']}" if row["error"] else ""))


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the database and stored text, in batches."""
    from casetracker.documents.reindex import rebuild_index

    with progress_bar(0, desc="Reindexing", unit="page") as bar:
        def advance(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        done = rebuild_index(advance)
    click.echo(f"Reindexed {done} pages.")


@search_cli.command("check")
@click.option("--repair", is_flag=True, help="Index missing and stale documents and remove orphans.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def check_command(repair: bool, as_json: bool) -> None:
    """Compare the database with the index; exit 0 when they agree (after --repair: when nothing is left), else 1."""
    from casetracker.documents.check import check_index, repair_index
    from casetracker.documents.reindex import rebuild_index

    try:
        report = check_index()
    except SearchIndexError as exc:
        if not repair:
            raise click.ClickException(f"{exc} (`flask --app casetracker search check --repair` rebuilds it)") from exc
        db.session.rollback()
        click.echo("The index could not be read; rebuilding it from the database.", err=True)
        rebuild_index()
        report = check_index()
    if repair and not report.clean:
        repair_index(report)
        found = report
        report = check_index()
        click.echo(f"Repaired {len(found.missing)} missing, {len(found.stale)} stale and "
                   f"{len(found.orphans)} orphaned documents.", err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict()))
    else:
        click.echo(f"{report.documents} documents, {report.indexed} indexed.")
        for name in ("missing", "stale", "orphans"):
            ids = getattr(report, name)
            click.echo(f"{name}: {len(ids)}" + (f" ({', '.join(map(str, ids))})" if ids else ""))
    if not report.clean:
        sys.exit(1)
