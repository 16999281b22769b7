"""``flask evidence check`` and ``flask evidence link``."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from casetracker.documents.models import Document
from casetracker.evidence.constants import Stance
from casetracker.evidence.models import Claim, Event
from casetracker.evidence.services import EvidenceError, QuoteNotFound, evaluate_assertions, link_evidence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import find_by_reference

evidence_cli = AppGroup("evidence", help="Check assertions and link evidence.")


def _fail(message: str) -> None:
    """Print a one-line error and stop with exit status 2, as a usage error would."""
    db.session.rollback()
    click.echo(f"Error: {message}", err=True)
    raise click.exceptions.Exit(2)


def _request(reference: str) -> InfoRequest:
    info_request = find_by_reference(reference)
    if info_request is None:
        _fail(f"There is no request {reference!r}.")
    return info_request


@evidence_cli.command("check")
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True,
              help='Print [{"assertion", "verdict", "gap_days", "sources"}].')
def check_command(reference: str, as_json: bool) -> None:
    """Re-check a request's assertions against its events' dates and print the verdicts."""
    info_request = _request(reference)
    assertions = evaluate_assertions(info_request)
    db.session.commit()
    if as_json:
        rows = [{"assertion": a.title, "verdict": a.verdict, "gap_days": a.gap_days, "sources": a.sources}
                for a in assertions]
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not assertions:
        click.echo(f"{info_request.reference} has no assertions.")
    for a in assertions:
        gap = "" if a.gap_days is None else f" ({a.gap_days:+d} days)"
        click.echo(f"{a.verdict.upper()}{gap}: {a.title}. {a.explanation}")


@evidence_cli.command("link")
@click.argument("reference")
@click.option("--document", "document_id", type=click.IntRange(min=1, max=2**63 - 1), required=True, help="Document id.")
@click.option("--page", type=click.IntRange(min=1, max=100_000), required=True, help="1-based page number.")
@click.option("--quote", required=True, help="The exact words on the page.")
@click.option("--stance", type=click.Choice([s.value for s in Stance]), required=True)
@click.option("--claim", "claim_id", type=int, default=None, help="Claim id the passage bears on.")
@click.option("--event", "event_id", type=int, default=None, help="Event id the passage backs.")
@click.option("--note", default="", help="Why the passage matters.")
def link_command(reference: str, document_id: int, page: int, quote: str, stance: str,
                 claim_id: int | None, event_id: int | None, note: str) -> None:
    """Link a quote from a document page to a request; refused unless the quote is on that page."""
    info_request = _request(reference)
    document = db.session.get(Document, document_id)
    if document is None or document.team_id != info_request.team_id:
        _fail(f"There is no document {document_id} in the team of {info_request.reference}.")
    claim = db.session.get(Claim, claim_id) if claim_id is not None else None
    if claim_id is not None and (claim is None or claim.request_id != info_request.id):
        _fail(f"There is no claim {claim_id} on {info_request.reference}.")
    event = db.session.get(Event, event_id) if event_id is not None else None
    if event_id is not None and (event is None or event.request_id != info_request.id):
        _fail(f"There is no event {event_id} on {info_request.reference}.")
    try:
        passage = link_evidence(document, page, quote, stance, actor=None, info_request=info_request,
                                note=note, claim=claim, event=event)
    except (QuoteNotFound, EvidenceError) as exc:
        _fail(str(exc))
    db.session.commit()
    click.echo(f"Evidence {passage.id} linked ({passage.stance}): {passage.citation}")
