"""FOISA 2002 Part 2 (ss25-41): every exemption and its limbs.

Harm-based exemptions need *substantial* prejudice ("would, or would be likely
to, prejudice substantially"). Absolute provisions are those of s2(2); the rest
need the public interest test of s2(1)(b). Neither confirm nor deny: s18(1), for
ss28-35, 38, 39(1) and 41 only, where revealing whether the information exists
would be contrary to the public interest.
"""

SOURCE = "Freedom of Information (Scotland) Act 2002, Part 2 (ss25-41), s2(2) and s18"

A, Q = "absolute", "qualified"
SP = "would, or would be likely to, prejudice substantially"
N = "s18(1)"

ENTRIES = (
    ("s25(1)", "information otherwise accessible", A, "", "",
     "The requester can reasonably obtain the information other than by requesting it.", (), ()),
    ("s26", "prohibitions on disclosure", A, "", "",
     "Disclosure is prohibited by an enactment, incompatible with a retained EU obligation, or a contempt "
     "of court.",
     (("(a)", "prohibited by or under an enactment"), ("(b)", "incompatible with a retained EU obligation"),
      ("(c)", "punishable as a contempt of court")), ()),
    ("s27(1)", "information intended for future publication", Q, "", "",
     "The information is held with a view to publication within twelve weeks of the request.", (), ()),
    ("s27(2)", "research", Q, SP, "",
     "Information obtained in a continuing programme of research to be published, where disclosure would, "
     "or would be likely to, prejudice substantially the programme or the researchers.", (), ()),
    ("s28(1)", "relations within the United Kingdom", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially relations between any "
     "administration in the UK and any other such administration.", (), ()),
    ("s29(1)", "formulation of Scottish Administration policy", Q, "", N,
     "Information held by the Scottish Administration relating to policy, ministerial communications, Law "
     "Officers' advice or a Minister's private office.",
     (("(a)", "the formulation or development of government policy"),
      ("(b)", "Ministerial communications"),
      ("(c)", "the provision of advice by any of the Law Officers"),
      ("(d)", "the operation of any Ministerial private office")), ()),
    ("s30", "prejudice to effective conduct of public affairs", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially collective responsibility, inhibit "
     "substantially free and frank advice or exchange of views, or otherwise prejudice substantially the "
     "effective conduct of public affairs.",
     (("(a)", "the maintenance of the convention of the collective responsibility of the Scottish Ministers"),
      ("(b)(i)", "the free and frank provision of advice (inhibit substantially)"),
      ("(b)(ii)", "the free and frank exchange of views for the purposes of deliberation (inhibit "
                  "substantially)"),
      ("(c)", "otherwise, the effective conduct of public affairs")), ()),
    ("s31(1)", "national security", Q, "", N,
     "Exemption is required for the purpose of safeguarding national security.", (), ()),
    ("s31(4)", "defence", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially the defence of the British Islands "
     "or the capability of the armed forces.", (), ()),
    ("s32(1)(a)", "international relations", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially relations between the UK and another "
     "State or international body, or UK interests abroad.", (), ()),
    ("s32(1)(b)", "confidential information obtained from another State or international body", Q, "", N,
     "Confidential information obtained from a State other than the UK or an international organisation "
     "or court.", (), ()),
    ("s33(1)(a)", "trade secrets", Q, "", N, "The information constitutes a trade secret.", (), ()),
    ("s33(1)(b)", "commercial interests", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially the commercial interests of any "
     "person, including the authority.", (), ()),
    ("s33(2)", "the economy", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially the economic interests of the UK or "
     "part of it, or the financial interests of an administration in the UK.", (), ()),
    ("s34(1)", "investigations by Scottish public authorities", Q, "", N,
     "Information held for an investigation into whether a person should be prosecuted, or into an offence, "
     "or for criminal proceedings.", (), ()),
    ("s34(3)", "information from confidential sources", Q, "", N,
     "Information obtained from confidential sources for investigations or proceedings.", (), ()),
    ("s34(4)", "civil proceedings arising from investigations", Q, "", N,
     "Information held for civil proceedings arising out of investigations under s35(2).", (), ()),
    ("s35(1)", "law enforcement", Q, SP, N,
     "Disclosure would, or would be likely to, prejudice substantially law enforcement or an authority's "
     "regulatory functions for the purposes in s35(2).",
     (("(a)", "the prevention or detection of crime"),
      ("(b)", "the apprehension or prosecution of offenders"),
      ("(c)", "the administration of justice"),
      ("(d)", "the assessment or collection of any tax or duty"),
      ("(e)", "the operation of the immigration controls"),
      ("(f)", "the maintenance of security and good order in prisons"),
      ("(g)", "the exercise by any public authority of its functions for any of the purposes in s35(2)"),
      ("(h)", "civil proceedings brought by or on behalf of an authority for the purposes in s35(2)")), ()),
    ("s36(1)", "confidentiality of communications (legal professional privilege)", Q, "", "",
     "Information in respect of which a claim to confidentiality of communications could be maintained in "
     "legal proceedings.", (), ()),
    ("s36(2)", "information provided in confidence", A, "", "",
     "Information obtained from another person whose disclosure would be an actionable breach of "
     "confidence.", (), ()),
    ("s37(1)", "court records", A, "", "",
     "Information held only because it is in a court document or an inquiry's or arbitration's document.",
     (), ()),
    ("s38(1)", "personal information", A, "", N,
     "Personal data of the requester or of others, personal census information, or a deceased person's "
     "health record.",
     (("(a)", "personal data of which the applicant is the data subject"),
      ("(b)", "personal data of others, where disclosure would breach the data protection principles"),
      ("(c)", "personal census information"),
      ("(d)", "a deceased person's health record")), ()),
    ("s39(1)", "health, safety and the environment", Q, "would, or would be likely to, endanger", N,
     "Disclosure would, or would be likely to, endanger the physical or mental health or the safety of an "
     "individual.", (), ()),
    ("s39(2)", "environmental information", Q, "", "",
     "The information is environmental and must be dealt with under the Environmental Information "
     "(Scotland) Regulations 2004.", (), ()),
    ("s40", "audit functions", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially the exercise of an authority's "
     "audit functions.", (), ()),
    ("s41", "communications with His Majesty and honours", Q, "", N,
     "Communications with the Royal Family or Household, or the exercise of the prerogative of honour.",
     (("(a)", "communications with His Majesty, the Royal Family or the Royal Household"),
      ("(b)", "the exercise by His Majesty of the prerogative of honour")), ()),
)

#: Limbs that carry their own nature: s38(1)(b) needs the legitimate interests assessment.
NEEDS_LEGITIMATE_INTERESTS = frozenset({"s38(1)(b)"})
