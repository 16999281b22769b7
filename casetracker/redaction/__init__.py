"""True redaction of PDFs: the text goes from the text layer, not just behind a box. Pure (PyMuPDF)."""

from casetracker.redaction.pdf import Mark, RedactionError, Redacted, redact_pdf, remaining_text

__all__ = ["Mark", "RedactionError", "Redacted", "redact_pdf", "remaining_text"]
