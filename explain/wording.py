"""Plain-English wording of the law's atoms, kept apart from the rules (as s(CASP)'s #pred)."""

from __future__ import annotations

import clingo

from nonref import labels

WORDING = {
    "prohibited": "removal {0} is PROHIBITED",
    "permitted": "removal {0} is PERMITTED",
    "prohibits": "{1} prohibits removal {0} (risk {2})",
    "bar": "{1} bars removal {0} (risk {2})",
    "excepted": "{1} is lifted for removal {0}: {2}",
    "conduct_irrelevant": "{1} disregards the conduct ({2})",
    "absolute": "{0} is absolute",
    "qualified": "{0} admits exceptions",
    "exposed": "removal {0} exposes the person to risk {1}",
    "real_risk": "real risk: {0}",
    "meets_standard": "substantial grounds shown: {0}",
    "individual": "risk {0} is individual (personal, group, or extreme violence)",
    "grave": "the harm feared in {0} is grave enough",
    "answerable": "the source of risk {0} is one the law answers for",
    "official": "a public official is involved in risk {0}",
    "relocation_alternative": "a safe internal relocation is available from risk {0}",
    "persecution_risk": "risk {0} is persecution on a Convention ground",
    "owes": "{0} owes {1}",
    "bound_by": "{0} is bound by {1}",
    "covers": "{0} covers {1}",
    "covers_for": "for {0}, {1} covers {2}",
    "within_jurisdiction": "the person is within the jurisdiction of {0}",
    "protected_by_human_rights": "the person is protected by human-rights law as against {0}",
    "protected_by_rc33": "the person is a refugee protected by art. 33(1)",
    "refugee": "the person is a refugee",
    "excluded_from_refugee_status": "the person is excluded from refugee status (art. 1F)",
    "outside_country_of_nationality": "the person is outside their country of nationality",
    "inside_country_of_nationality": "the person is inside their country of nationality",
    "outside_personal_scope": "{0} does not protect this person",
    "reservation_effective": "{0}'s reservation to {1} is effective",
    "derogated": "{0} has derogated from {1}",
    "exempt_from_custom": "{0} is exempt from the customary rule (persistent objector)",
}


def term_text(sym: clingo.Symbol) -> str:
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Function and not sym.arguments:
        if sym.name == "_":
            return "any"
        return labels.BASIS.get(sym.name) or labels.HARM.get(sym.name) or labels.EXCEPTION.get(sym.name) or sym.name
    return str(sym)


def atom_text(atom: clingo.Symbol) -> str:
    template = WORDING.get(atom.name)
    args = [term_text(a) for a in atom.arguments]
    if template is None:
        return f"{atom.name}({', '.join(args)})" if args else atom.name
    return template.format(*args)
