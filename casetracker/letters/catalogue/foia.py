"""FOIA 2000 Part II (ss21-44): every exemption, its subsections and limbs.

Absolute provisions are those of s2(3); the rest are qualified (s2(1)(b),
s2(2)(b)). The NCND provision is each section's "duty to confirm or deny" subsection.
"""

SOURCE = "Freedom of Information Act 2000, Part II (ss21-44) and s2(3)"

A, Q = "absolute", "qualified"
P = "would, or would be likely to, prejudice"

ENTRIES = (
    ("s21", "information accessible to the applicant by other means", A, "", "",
     "The information is reasonably accessible to the requester otherwise, for example already published.",
     (), ()),
    ("s22", "information intended for future publication", Q, "", "s22(2)",
     "The authority already intended, when the request arrived, to publish the information at a future "
     "date, and it is reasonable to withhold it until then.", (), ()),
    ("s22A", "research", Q, P, "s22A(2)",
     "Information obtained in a continuing programme of research that is intended for publication, where "
     "disclosure would, or would be likely to, prejudice the programme, the researchers or the authority.",
     (), ()),
    ("s23(1)", "information supplied by, or relating to, bodies dealing with security matters", A, "", "s23(5)",
     "Information supplied by or relating to the security bodies listed in s23(3), such as the Security "
     "Service and GCHQ.", (), ()),
    ("s24(1)", "national security", Q, "", "s24(2)",
     "Exemption is required for the purpose of safeguarding national security.", (), ()),
    ("s26(1)", "defence", Q, P, "s26(3)",
     "Disclosure would, or would be likely to, prejudice the defence of the British Islands or the "
     "capability of the armed forces.",
     (("(a)", "the defence of the British Islands or of any colony"),
      ("(b)", "the capability, effectiveness or security of the armed forces")), ()),
    ("s27(1)", "international relations", Q, P, "s27(4)",
     "Disclosure would, or would be likely to, prejudice relations with another State or an international "
     "organisation, or UK interests abroad.",
     (("(a)", "relations between the UK and any other State"),
      ("(b)", "relations with an international organisation or court"),
      ("(c)", "the interests of the UK abroad"),
      ("(d)", "the promotion or protection by the UK of its interests abroad")), ()),
    ("s27(2)", "confidential information obtained from another State or international body", Q, "", "s27(4)",
     "Confidential information obtained from a State other than the UK or from an international "
     "organisation or court.", (), ()),
    ("s28(1)", "relations within the United Kingdom", Q, P, "s28(3)",
     "Disclosure would, or would be likely to, prejudice relations between any two administrations in the "
     "United Kingdom.", (), ()),
    ("s29(1)", "the economy", Q, P, "s29(2)",
     "Disclosure would, or would be likely to, prejudice the economic interests of the UK or the financial "
     "interests of a UK administration.",
     (("(a)", "the economic interests of the UK or any part of it"),
      ("(b)", "the financial interests of any administration in the UK")), ()),
    ("s30(1)", "investigations and proceedings conducted by public authorities", Q, "", "s30(3)",
     "Information held for a criminal investigation or criminal proceedings the authority conducts or has "
     "a duty to conduct.",
     (("(a)(i)", "an investigation with a view to deciding whether a person should be charged with an offence"),
      ("(a)(ii)", "an investigation which may lead to a decision to institute criminal proceedings"),
      ("(b)", "an investigation which may lead to criminal proceedings the authority can conduct"),
      ("(c)", "criminal proceedings the authority can conduct")), ()),
    ("s30(2)", "information from confidential sources in investigations", Q, "", "s30(3)",
     "Information obtained from confidential sources for investigations or proceedings under the "
     "authority's functions.",
     (("(a)(i)", "investigations under s30(1)(a) or (b)"),
      ("(a)(ii)", "criminal proceedings the authority can conduct"),
      ("(a)(iii)", "investigations for the purposes in s31(2)"),
      ("(a)(iv)", "civil proceedings arising from such investigations")), ()),
    ("s31(1)", "law enforcement", Q, P, "s31(3)",
     "Disclosure would, or would be likely to, prejudice law enforcement, including an authority's "
     "regulatory functions under s31(2).",
     (("(a)", "the prevention or detection of crime"),
      ("(b)", "the apprehension or prosecution of offenders"),
      ("(c)", "the administration of justice"),
      ("(d)", "the assessment or collection of any tax or duty"),
      ("(e)", "the operation of the immigration controls"),
      ("(f)", "the maintenance of security and good order in prisons"),
      ("(g)", "the exercise by any public authority of its functions for any of the purposes in s31(2)"),
      ("(h)", "civil proceedings brought by or on behalf of a public authority for the purposes in s31(2)"),
      ("(i)", "any inquiry under the Fatal Accidents and Sudden Deaths Inquiries (Scotland) Act 1976")), ()),
    ("s32(1)", "court records", A, "", "s32(3)",
     "Information held only because it is in a document filed with, served in or created by a court for "
     "proceedings.",
     (("(a)", "a document filed with a court"), ("(b)", "a document served in proceedings"),
      ("(c)", "a document created by a court or its staff")), ()),
    ("s32(2)", "records of inquiries and arbitrations", A, "", "s32(3)",
     "Information held only because it is in a document placed in the custody of, or created by, a person "
     "conducting an inquiry or arbitration.",
     (("(a)", "a document placed in the custody of the person conducting an inquiry or arbitration"),
      ("(b)", "a document created by the person conducting an inquiry or arbitration")), ()),
    ("s33(2)", "audit functions", Q, P, "s33(3)",
     "Disclosure would, or would be likely to, prejudice an authority's functions of auditing or examining "
     "other public authorities (s33(1)).", (), ()),
    ("s34(1)", "parliamentary privilege", A, "", "s34(2)",
     "Exemption is required to avoid an infringement of the privileges of either House of Parliament.",
     (), ()),
    ("s35(1)(a)", "formulation or development of government policy", Q, "", "s35(3)",
     "Information held by a government department that relates to the formulation or development of "
     "government policy.", (), ()),
    ("s35(1)(b)", "ministerial communications", Q, "", "s35(3)",
     "Information held by a government department that relates to communications between Ministers, "
     "including Cabinet proceedings.", (), ()),
    ("s35(1)(c)", "Law Officers' advice", Q, "", "s35(3)",
     "Information that relates to the provision of advice by the Law Officers, or any request for it.",
     (), ()),
    ("s35(1)(d)", "the operation of any ministerial private office", Q, "", "s35(3)",
     "Information that relates to the operation of a Minister's private office.", (), ()),
    ("s36(2)", "prejudice to the effective conduct of public affairs", Q,
     "in the reasonable opinion of a qualified person, would, or would be likely to, prejudice", "s36(3)",
     "In the reasonable opinion of the authority's qualified person, disclosure would, or would be likely "
     "to, inhibit free and frank advice or exchange of views, or otherwise prejudice the conduct of public "
     "affairs. Absolute only for the Houses of Parliament.",
     (("(a)(i)", "the maintenance of the convention of the collective responsibility of Ministers"),
      ("(a)(ii)", "the work of the Executive Committee of the Northern Ireland Assembly"),
      ("(a)(iii)", "the work of the Welsh Government"),
      ("(b)(i)", "the free and frank provision of advice"),
      ("(b)(ii)", "the free and frank exchange of views for the purposes of deliberation"),
      ("(c)", "otherwise, the effective conduct of public affairs")),
     ("qualified_person_opinion",)),
    ("s37(1)", "communications with His Majesty and honours", Q, "", "s37(2)",
     "Information that relates to communications with the Royal Family or Household, or to honours and "
     "dignities. Absolute for the Sovereign, the heir and the second in line (s37(1)(a) to (ab)).",
     (("(a)", "communications with the Sovereign"),
      ("(aa)", "communications with the heir to the Throne"),
      ("(ab)", "communications with the person second in line to the Throne"),
      ("(ac)", "communications with other members of the Royal Family"),
      ("(ad)", "communications with the Royal Household"),
      ("(b)", "the conferring by the Crown of any honour or dignity")), ()),
    ("s38(1)", "health and safety", Q, "would, or would be likely to, endanger", "s38(2)",
     "Disclosure would, or would be likely to, endanger the physical or mental health or the safety of any "
     "individual.",
     (("(a)", "the physical or mental health of any individual"),
      ("(b)", "the safety of any individual")), ()),
    ("s39(1)", "environmental information", Q, "", "s39(2)",
     "The information is environmental and must be dealt with under the Environmental Information "
     "Regulations 2004 instead.", (), ()),
    ("s40(1)", "personal information about the requester", A, "", "s40(5A)",
     "The requester's own personal data, which they can ask for by a subject access request under UK GDPR "
     "Article 15 instead.", (), ()),
    ("s40(2)", "personal information about other people", A, "", "s40(5B)",
     "Personal data of someone other than the requester, where disclosure would breach the data protection "
     "principles (the first condition, which is absolute).", (), ("legitimate_interests",)),
    ("s41(1)", "information provided in confidence", A, "", "s41(2)",
     "Information obtained from another person whose disclosure would be an actionable breach of "
     "confidence.", (), ()),
    ("s42(1)", "legal professional privilege", Q, "", "s42(2)",
     "Information to which a claim to legal professional privilege could be maintained in legal "
     "proceedings.", (), ()),
    ("s43(1)", "trade secrets", Q, "", "",
     "The information is a trade secret.", (), ()),
    ("s43(2)", "commercial interests", Q, P, "s43(3)",
     "Disclosure would, or would be likely to, prejudice the commercial interests of any person, including "
     "the authority itself.", (), ()),
    ("s44(1)", "prohibitions on disclosure", A, "", "s44(2)",
     "Disclosure is prohibited by or under another law, incompatible with a retained EU obligation, or "
     "would be a contempt of court.",
     (("(a)", "prohibited by or under any enactment"), ("(b)", "incompatible with any retained EU obligation"),
      ("(c)", "punishable as a contempt of court")), ()),
)

#: Limbs absolute although their section is qualified (s2(3)(ea)): communications with the Sovereign,
#: the heir and the second in line.
ABSOLUTE_LIMBS = frozenset({"s37(1)(a)", "s37(1)(aa)", "s37(1)(ab)"})
#: Limbs that need the purpose in s31(2) the function is exercised for (s31(1)(g)-(i)).
NEEDS_PURPOSE = frozenset({"s31(1)(g)", "s31(1)(h)", "s31(1)(i)"})
#: The purposes of s31(2), as cited with s31(1)(g)-(i).
S31_PURPOSES = {
    "s31(2)(a)": "ascertaining whether any person has failed to comply with the law",
    "s31(2)(b)": "ascertaining whether any person is responsible for any conduct which is improper",
    "s31(2)(c)": "ascertaining whether circumstances which would justify regulatory action exist or may arise",
    "s31(2)(d)": "ascertaining a person's fitness or competence in relation to a profession or activity",
    "s31(2)(e)": "ascertaining the cause of an accident",
    "s31(2)(f)": "protecting charities against misconduct or mismanagement",
    "s31(2)(g)": "protecting the property of charities from loss or misapplication",
    "s31(2)(h)": "recovering the property of charities",
    "s31(2)(i)": "securing the health, safety and welfare of persons at work",
    "s31(2)(j)": "protecting persons other than persons at work against risk to health or safety",
}
