"""The OCR languages a team's scans are read in, and the check of a per-upload override."""

from __future__ import annotations

from casetracker.audit.services import record_event
from casetracker.auth.models import Team, User
from casetracker.documents.extraction import OCR_LANGUAGE, ocr_language_problem
from casetracker.documents.models import TeamDocumentSettings
from casetracker.extensions import db


class OcrLanguageError(ValueError):
    """OCR languages that cannot be used here; the message says which package to install."""

    field = "ocr_languages"


def ocr_languages_for(team: Team) -> str:
    """Return the team's OCR languages ("eng" until an admin chooses others)."""
    settings = db.session.get(TeamDocumentSettings, team.id)
    return settings.ocr_languages if settings is not None else OCR_LANGUAGE


def check_ocr_languages(languages: str) -> str:
    """Return ``languages`` tidied ("CYM + eng" is "cym+eng"); raise OcrLanguageError if not installed."""
    tidied = "+".join(part.strip().lower() for part in (languages or "").split("+"))
    problem = ocr_language_problem(tidied)
    if problem is not None:
        raise OcrLanguageError(problem)
    return tidied


def set_ocr_languages(team: Team, languages: str, *, actor: User | None) -> TeamDocumentSettings:
    """Make ``languages`` the team's default for reading scans; raise OcrLanguageError if unusable."""
    languages = check_ocr_languages(languages)
    settings = db.session.get(TeamDocumentSettings, team.id)
    before = settings.ocr_languages if settings is not None else OCR_LANGUAGE
    if settings is None:
        settings = TeamDocumentSettings(team_id=team.id, ocr_languages=languages)
        db.session.add(settings)
    settings.ocr_languages = languages
    db.session.flush()
    record_event(actor=actor, action="documents.ocr_languages_set", obj=team,
                 summary=f"OCR languages of team {team.name} set to {languages}", team_id=team.id,
                 before={"ocr_languages": before}, after={"ocr_languages": languages})
    return settings
