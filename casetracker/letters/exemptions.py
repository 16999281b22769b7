"""The catalogue of FOIA exemptions (ss21-44) and EIR exceptions (reg 12 and 13).

Only the provisions practitioners cite in refusal notices are listed. FOISA
exemptions (ss25-41) are not in the catalogue yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casetracker.letters.constants import Regime
from casetracker.letters.errors import UnknownExemption

__all__ = ["CATALOGUE", "Exemption", "UnknownExemption", "exemptions_for", "get_exemption"]


@dataclass(frozen=True)
class Exemption:
    """One exemption (FOIA) or exception (EIR) a refusal notice can rely on.

    ``absolute``: no public interest test (FOIA s2(3)); every EIR reg 12
    exception is qualified (EIR reg 12(1)(b)). ``prejudice_based``: it applies only
    if disclosure would, or would be likely to, cause a harm (EIR: "would
    adversely affect"); otherwise it is class-based.
    """

    code: str
    regime: Regime
    title: str
    absolute: bool
    prejudice_based: bool
    summary: str

    @property
    def citation(self) -> str:
        """Return the provision as a letter writes it, e.g. "section 40(2)"."""
        if self.regime is Regime.EIR:
            return "regulation " + self.code.removeprefix("reg ")
        return "section " + self.code.removeprefix("s")

    @property
    def needs_public_interest_test(self) -> bool:
        """Return True when a refusal must weigh the public interest for and against.

        EIR reg 12(4)(a) is formally qualified, but ICO guidance says there is no
        public interest to weigh for information that is not held.
        """
        return not self.absolute and self.code != "reg 12(4)(a)"


def _foia(code: str, title: str, absolute: bool, prejudice: bool, summary: str) -> Exemption:
    return Exemption(code, Regime.FOIA, title, absolute, prejudice, summary)


def _eir(code: str, title: str, prejudice: bool, summary: str, absolute: bool = False) -> Exemption:
    return Exemption(code, Regime.EIR, title, absolute, prejudice, summary)


CATALOGUE: tuple[Exemption, ...] = (
    _foia("s21", "information accessible to the applicant by other means", True, False,
          "The information is reasonably accessible to the requester otherwise, for "
          "example already published."),
    _foia("s22", "information intended for future publication", False, False,
          "The authority already intended, when the request arrived, to publish the "
          "information at a future date, and it is reasonable to withhold it until then."),
    _foia("s22A", "research", False, True,
          "Information obtained in a continuing programme of research that is intended "
          "for publication, where disclosure would, or would be likely to, prejudice the "
          "programme, the researchers or the authority."),
    _foia("s23(1)", "information supplied by, or relating to, bodies dealing with security "
          "matters", True, False,
          "Information supplied by or relating to the security bodies listed in s23(3), "
          "such as the Security Service and GCHQ."),
    _foia("s24(1)", "national security", False, False,
          "Exemption is required for the purpose of safeguarding national security."),
    _foia("s26(1)", "defence", False, True,
          "Disclosure would, or would be likely to, prejudice the defence of the British "
          "Islands or the capability of the armed forces."),
    _foia("s27(1)", "international relations", False, True,
          "Disclosure would, or would be likely to, prejudice relations with another "
          "State or an international organisation, or UK interests abroad."),
    _foia("s28(1)", "relations within the United Kingdom", False, True,
          "Disclosure would, or would be likely to, prejudice relations between any two "
          "administrations in the United Kingdom."),
    _foia("s29(1)", "the economy", False, True,
          "Disclosure would, or would be likely to, prejudice the economic interests of "
          "the UK or the financial interests of a UK administration."),
    _foia("s30(1)", "investigations and proceedings conducted by public authorities",
          False, False,
          "Information held for a criminal investigation or criminal proceedings the "
          "authority conducts or has a duty to conduct."),
    _foia("s31(1)", "law enforcement", False, True,
          "Disclosure would, or would be likely to, prejudice law enforcement, including "
          "an authority's regulatory functions under s31(2)."),
    _foia("s32(1)", "court records", True, False,
          "Information held only because it is in a document filed with, served in or "
          "created by a court for proceedings."),
    _foia("s33(2)", "audit functions", False, True,
          "Disclosure would, or would be likely to, prejudice an authority's functions "
          "of auditing or examining other public authorities (s33(1))."),
    _foia("s34(1)", "parliamentary privilege", True, False,
          "Exemption is required to avoid an infringement of the privileges of either "
          "House of Parliament."),
    _foia("s35(1)(a)", "formulation or development of government policy", False, False,
          "Information held by a government department that relates to the formulation "
          "or development of government policy."),
    _foia("s35(1)(b)", "ministerial communications", False, False,
          "Information held by a government department that relates to communications "
          "between Ministers, including Cabinet proceedings."),
    _foia("s35(1)(c)", "Law Officers' advice", False, False,
          "Information that relates to the provision of advice by the Law Officers, or "
          "any request for it."),
    _foia("s35(1)(d)", "the operation of any ministerial private office", False, False,
          "Information that relates to the operation of a Minister's private office."),
    _foia("s36(2)", "prejudice to the effective conduct of public affairs", False, True,
          "In the reasonable opinion of the authority's qualified person, disclosure would, "
          "or would be likely to, inhibit free and frank advice or exchange of views, or "
          "otherwise prejudice the conduct of public affairs. Absolute only for the "
          "Houses of Parliament."),
    _foia("s37(1)", "communications with His Majesty and honours", False, False,
          "Information that relates to communications with the Royal Family or Household, "
          "or to honours and dignities. Absolute for the Sovereign, the heir and the "
          "second in line (s37(1)(a) to (ab))."),
    _foia("s38(1)", "health and safety", False, True,
          "Disclosure would, or would be likely to, endanger the physical or mental health "
          "or the safety of any individual."),
    _foia("s39(1)", "environmental information", False, False,
          "The information is environmental and must be dealt with under the "
          "Environmental Information Regulations 2004 instead."),
    _foia("s40(1)", "personal information about the requester", True, False,
          "The requester's own personal data, which they can ask for by a subject "
          "access request under UK GDPR Article 15 instead."),
    _foia("s40(2)", "personal information about other people", True, False,
          "Personal data of someone other than the requester, where disclosure would "
          "breach the data protection principles (the first condition, which is absolute)."),
    _foia("s41(1)", "information provided in confidence", True, False,
          "Information obtained from another person whose disclosure would be an "
          "actionable breach of confidence."),
    _foia("s42(1)", "legal professional privilege", False, False,
          "Information to which a claim to legal professional privilege could be "
          "maintained in legal proceedings."),
    _foia("s43(1)", "trade secrets", False, False,
          "The information is a trade secret."),
    _foia("s43(2)", "commercial interests", False, True,
          "Disclosure would, or would be likely to, prejudice the commercial interests of "
          "any person, including the authority itself."),
    _foia("s44(1)", "prohibitions on disclosure", True, False,
          "Disclosure is prohibited by or under another law, incompatible with a retained "
          "EU obligation, or would be a contempt of court."),
    _eir("reg 12(4)(a)", "information not held", False,
         "The authority did not hold the information when it received the request."),
    _eir("reg 12(4)(b)", "manifestly unreasonable request", False,
         "The request is manifestly unreasonable: vexatious, or too costly or burdensome "
         "to answer (the EIR have no separate cost limit)."),
    _eir("reg 12(4)(c)", "request formulated in too general a manner", False,
         "The request is too general and the authority has given advice and assistance "
         "under reg 9 to help the requester make it specific."),
    _eir("reg 12(4)(d)", "material in the course of completion, unfinished documents or "
         "incomplete data", False,
         "The request is for unfinished material, documents or data."),
    _eir("reg 12(4)(e)", "internal communications", False,
         "The request involves the disclosure of the authority's internal communications."),
    _eir("reg 12(5)(a)", "international relations, defence, national security or public "
         "safety", True,
         "Disclosure would adversely affect international relations, defence, national "
         "security or public safety."),
    _eir("reg 12(5)(b)", "the course of justice and inquiries", True,
         "Disclosure would adversely affect the course of justice, a fair trial, or a "
         "criminal or disciplinary inquiry."),
    _eir("reg 12(5)(c)", "intellectual property rights", True,
         "Disclosure would adversely affect intellectual property rights."),
    _eir("reg 12(5)(d)", "confidentiality of proceedings", True,
         "Disclosure would adversely affect the confidentiality of the proceedings of a "
         "public authority where that confidentiality is provided by law."),
    _eir("reg 12(5)(e)", "confidentiality of commercial or industrial information", True,
         "Disclosure would adversely affect the confidentiality of commercial or industrial "
         "information where the law provides it to protect a legitimate economic interest."),
    _eir("reg 12(5)(f)", "interests of the person who provided the information", True,
         "Disclosure would adversely affect someone who gave the information voluntarily, "
         "was not obliged to and has not consented to its disclosure."),
    _eir("reg 12(5)(g)", "protection of the environment", True,
         "Disclosure would adversely affect the protection of the environment the "
         "information relates to, such as the sites of rare species."),
    _eir("reg 13", "personal data", False,
         "Personal data of someone other than the requester, where disclosure would breach "
         "the data protection principles. Reg 12(1)(b) does not apply, so for this first "
         "condition there is no public interest test.", absolute=True),
)

_PREFIX = re.compile(r"^(section|sec|s|regulation|reg|r)(?=\d)")


def _key(code: str) -> str:
    """Return the bare provision: "40(2)" for "Section 40(2)", "12(5)(e)" for "reg 12(5)(e)"."""
    squeezed = re.sub(r"[\s.]", "", code).lower()
    bare = _PREFIX.sub("", squeezed)
    return re.sub(r"^(\d+)a", r"\1A", bare)


_BY_KEY = {_key(e.code): e for e in CATALOGUE}
# Practitioners cite reg 13(1) for the whole regulation; s33(1) only defines the
# audit functions that s33(2) protects, but it is often cited alongside it.
_BY_KEY["13(1)"] = _BY_KEY["13"]
_BY_KEY["33(1)"] = _BY_KEY["33(2)"]


def get_exemption(code: str) -> Exemption:
    """Return the catalogue entry for ``code``.

    Accepts the ways people write a provision: "s40(2)", "section 40(2)",
    "40(2)", "reg 12(5)(e)", "regulation 12(5)(e)". Raises ``UnknownExemption``.
    """
    try:
        return _BY_KEY[_key(code)]
    except KeyError:
        raise UnknownExemption(code) from None


def exemptions_for(regime: Regime | str) -> tuple[Exemption, ...]:
    """Return the catalogue entries of one regime, in statutory order."""
    wanted = Regime(regime)
    return tuple(e for e in CATALOGUE if e.regime is wanted)
