"""Errors a letter can fail with; each message is meant for the person filling in the form."""

from __future__ import annotations


class LetterError(Exception):
    """Base class: the letter was not generated, and nothing was written."""


class UnknownExemption(LetterError, KeyError):
    """The code names no exemption or exception in the catalogue."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"{code!r} is not an exemption we know: write it like s40(2), s35(1)(a) "
            "or reg 12(5)(e)."
        )

    def __str__(self) -> str:
        return str(self.args[0])


class LetterDataError(LetterError):
    """Data the letter needs is missing or contradicts the law; one message per field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        lines = "; ".join(f"{field}: {message}" for field, message in self.errors.items())
        super().__init__(f"The letter cannot be written yet. {lines}")


class TemplateFieldError(LetterError):
    """A team template uses a merge field this kind of letter does not have."""

    def __init__(self, field: str, location: str, kind: str = "") -> None:
        self.field = field
        self.location = location
        which = f" ({kind})" if kind else ""
        super().__init__(
            f"The template uses {{{{ {field} }}}} in {location}, which is not a field of this "
            f"kind of letter{which}. Run `flask letters kinds` for the list of fields."
        )


class BadTemplateFile(LetterError):
    """The uploaded template is not a Word .docx document."""


class TemplateSyntaxProblem(LetterError):
    """A team template has a tag Jinja cannot read."""

    def __init__(self, message: str, location: str) -> None:
        self.message = message
        self.location = location
        super().__init__(f"The template has a tag error in {location}: {message}")


class MissingRightsParagraph(LetterError):
    """A refusal notice would go out without the internal review and complaint rights."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            "A refusal notice must tell the requester how to ask for an internal review "
            "and how to complain to the regulator (FOIA s17(7), EIR reg 14(5), FOISA s19). "
            f"{detail}"
        )


class UnsafeTemplate(LetterError):
    """A team template uses something beyond its fields and the letter filters (it could reach Python)."""

    def __init__(self, expression: str, location: str, reason: str, hint: str = "") -> None:
        self.expression = expression
        self.location = location
        self.reason = reason
        super().__init__(
            f"The template uses {expression} in {location}, which is not allowed: "
            f"{reason}. {hint}".strip()
        )
