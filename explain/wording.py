"""Plain-English wording of the law's atoms, kept apart from the rules (as s(CASP)'s #pred)."""

from __future__ import annotations

from functools import lru_cache

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
    "sent": "removal {0} sends the person to {1}",
    "reaches": "sent to {0}, the person would face risk {1}",
    "onward": "{0} would send the person on to {1}",
    "protects_in_practice": "{0} gives access in practice to a fair and efficient asylum procedure",
    "party_not_enough": "{0} is a party to the Refugee Convention, which does not by itself make it safe",
    "endangered": "removal {0} exposes the person to real risk {1}, not removed by any assurance",
    "cured": "for removal {0}, a reliable assurance removes risk {1}",
    "relied_on": "assurance {0} can be relied on against {1}",
    "disregarded": "assurance {0} carries no weight against {1}",
    "weakened": "assurance {0} is weakened",
    "no_assurance_accepted": "the general situation in {0} excludes accepting any assurance",
    "torture_assurance_excluded": "the general situation in {0} excludes reliance on assurances against torture",
    "group_targeted": "the person's group is targeted for the harm of risk {0}",
    "real_risk_in_country": "real risk in the country (before any internal relocation): {0}",
    "endangered_under": "under {1}, removal {0} exposes the person to real risk {2} in the country, not removed by any assurance",
    "relocation_disregarded": "{0} disregards internal relocation",
    "cat_reading": "CAT art. 1 is read as: {0}",
    "cat_reading_in_question": "who counts as an official under CAT art. 1 is in question in this case",
    "cat_harm": "risk {0} is torture within CAT",
    "customary_limb": "{0} is a limb of the customary rule",
    "refugee_law_reaches": "refugee law reaches the person as against {0}",
    "country_of_reference": "refugee status is defined against {0}",
    "protected_by_custom_refugee_limb": "the person is a refugee protected by the refugee-law limb of custom",
    "excluded_under_custom": "the art. 1F exclusion carries over to the refugee-law limb of custom",
    "claim_owed": "for removal {0}, a claim of risk {1} engages a duty the removing state owes",
    "juvenile_bar": "{0} bars {1} for an offence committed under 18",
    "review_mechanism_suffices": "a mechanism of review of a life sentence suffices in a removal case (Sanchez-Sanchez)",
    "life_or_freedom": "{0} endangers life or personal freedom",
    "outside_material_scope": "{1} does not apply to removal {0}",
    "assists_refoulement": "by aiding removal {0}, {1} shares responsibility for it",
    "secret_harm": "{0} is practised in secret",
    "assurable": "for removal {0}, an assurance from the destination could remove risk {1}",
    "beyond_assurance": "removal {0} is prohibited by a risk no assurance could remove",
    "lawful_with_assurance": "removal {0} would be lawful with a specific, binding assurance",
    "must_admit": "{0} must admit the person, at least temporarily",
    "lawful_destination": "{0} has a lawful destination",
    "breach": "procedure of removal {0} is breached: {1}",
    "treaty_void": "the treaty obliging removal {0} is void to that extent (a peremptory norm)",
    "treaty_conflict": "the treaty obliging removal {0} stands, but does not release the state from the bar",
    "suspended": "removal {0} is suspended by an interim measure in force",
    "genuinely_voluntary": "the return {0} is genuinely voluntary",
    "arguable_claim": "removal {0} meets an arguable claim of risk",
    "bans_collective_expulsion": "{0} is bound by a ban on collective expulsion",
    "own_conduct_exception": "for removal {0}, the lack of individual decisions results from the person's own culpable conduct",
    "art33_reaches": "art. 33(1) reaches the person as against {0}",
    "art33_unclaimable": "art. 33(1) cannot be claimed by a refugee the state has not recognised",
    "article_of": "{0} is an article of {1}",
    "assurance_subject": "{0} is a harm a receiving state can promise against",
    "child_only": "{0} protects children only",
    "derogable": "{0} can be suspended by a derogation",
    "derogation_without_effect": "{0}'s derogation leaves {1} in force",
    "no_reservation_permitted": "no reservation may be made to {0}",
    "reservation_without_effect": "{0}'s reservation to {1} has no effect",
    # the case's own facts (shown where the case does not state them)
    "abolished_death_penalty": "{0} has abolished the death penalty in law",
    "assessment_date": "the case is assessed on {0}",
    "assurance": "assurance {0} is given by {1}",
    "assurance_feature": "assurance {0} is {1}",
    "assurances_excluded": "the general situation in {0} excludes accepting any assurance",
    "assured_against": "assurance {0} is given against {1}",
    "asylum_procedure": "the asylum procedure of {0} is {1}",
    "child": "the person is a child",
    "collective": "removal {0} is part of a measure compelling aliens as a group to leave",
    "conduct": "the person's conduct: {0}",
    "consent_free": "the consent to return {0} is free of coercion",
    "consent_informed": "the consent to return {0} is informed",
    "controlled_by": "agents of {0} hold the person under effective control",
    "critically_ill": "the person at risk {0} is critically ill",
    "derogation": "{0} has a derogation in force under {1}",
    "extreme_violence": "the violence in risk {0} is of extreme intensity",
    "ground": "risk {0} is for a Convention ground: {1}",
    "individual_assessment": "in removal {0}, the person's case was examined individually",
    "interim_measure": "an interim measure of {1} stands against removal {0}",
    "interim_measure_complied": "the interim measure against removal {0} was complied with",
    "legal_entry_available": "before removal {0}, genuine and effective means of legal entry were available",
    "located": "the person is held at {0} of {1}",
    "nationality": "the person is a national of {0}",
    "former_habitual_residence": "the person, stateless, formerly lived habitually in {0}",
    "refugee_status_ended": "the person's refugee status has {0}",
    "offence_under_18": "the offence behind risk {0} was committed under 18",
    "life_review": "the life sentence of risk {0} has review: {1}",
    "eu_law": "removal {0} implements EU law",
    "removal_assisted_by": "removal {0} is aided by {1}",
    "onward_transfer": "{0} would transfer the person on to {1} ({2})",
    "own_culpable_conduct": "in removal {0}, the person crossed at an unauthorised point, in a large group, using force",
    "party": "{0} is party to {1} from {2}",
    "perpetrators_uncontrolled": "the authorities of {0} lack effective control over the forces that torture",
    "persistent_objector": "{0} persistently objected to the customary rule",
    "presented_as_voluntary": "removal {0} is presented as a voluntary return",
    "rapid_irreversible_decline": "without treatment, the person at risk {0} would decline rapidly and irreversibly",
    "relocation_admittance": "for risk {0}, the person can gain admittance to the relocation area",
    "relocation_no_risk": "for risk {0}, the person would face no real risk in the relocation area",
    "relocation_safe_travel": "for risk {0}, the person can travel safely to the relocation area",
    "removal": "removal {0} by {1} to {2} ({3})",
    "removal_under_treaty": "removal {0} is made under a treaty obligation",
    "reservation": "{0} has a reservation to {1}",
    "risk": "risk {0}: {1} in {2}",
    "risk_assessed": "before removal {0}, the risk claimed was examined rigorously",
    "risk_evidence": "the evidence of risk {0} is {1}",
    "risk_exposure": "the exposure to risk {0} is {1}",
    "risk_source": "the source of risk {0} is {1}",
    "severe": "the harm feared in risk {0} reaches the minimum level of severity",
    "severe_for_child": "the harm feared in risk {0} is severe for a child",
    "state": "{0} is a state of the case",
    "state_protection": "state protection against risk {0} is {1}",
    "status": "the person's status is {0}",
    "suspensive_remedy": "before removal {0}, a remedy with automatic suspensive effect was available",
    "third_country_examined": "in removal {0}, the removing state examined the third state's asylum procedure",
    "torture_systematic": "torture is systematic, widespread or endemic in {0}",
    "treatment_accessible": "for risk {0}, appropriate treatment is accessible in practice",
    "variant": "the variant chosen for {0} is {1}",
    "forum": "the forum is {0}",
    "forum_applies": "the forum applies {0}",
    "decides": "{0} decides under {1}",
    "answered": "{0} is within the question answered",
    "procedure_finding": "procedural breach found for removal {0}: {1}",
    "procedure_under": "the breach '{0}' is a breach of {1}",
    "measure_under": "an interim measure of {0} is owed under {1}",
    "binding_measure": "the interim measure against removal {0} binds the state",
    "not_yet_indicated": "the interim measure against removal {0} was indicated after the assessment date",
    "lapsed": "the interim measure against removal {0} has lapsed",
    "interim_indicated": "the interim measure against removal {0} was indicated on {1}",
    "interim_until": "the interim measure against removal {0} lapsed on {1}",
    "collective_complaint": "removal {0} gives an arguable complaint of collective expulsion",
    "khlaifia_reading": "the Khlaifia reading of the remedy owed is in force",
    "child_safeguard_missing": "removal {0} lacks a safeguard owed to an unaccompanied child",
    "own_harm": "removal {0} itself is ill-treatment: {1}",
    "forbids_ill_treatment": "{0} forbids the state's own ill-treatment of a person",
    "manner": "removal {0} is carried out so: {1}",
    "family_removal_barred": "removal {0} is carried out with the family removal {1} of a child, which {2} prohibits",
    "unaccompanied": "the person is an unaccompanied or separated child",
    "effective_challenge": "before removal {0}, the person could effectively challenge it",
    "child_identified": "in removal {0}, the child was identified as an unaccompanied child",
    "guardian": "in removal {0}, a guardian was appointed",
    "best_interests_assessed": "before removal {0}, the child's best interests and risks were assessed",
}


@lru_cache(maxsize=65536)
def term_text(sym: clingo.Symbol) -> str:
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Function and not sym.arguments:
        if sym.name == "_":
            return "any"
        for vocabulary in (
            labels.BASIS,
            labels.INSTRUMENT,
            labels.HARM,
            labels.CONDUCT,
            labels.EXCEPTION,
            labels.PROCEDURE,
            labels.ASSURANCE_FEATURE,
            labels.FORUM,
        ):
            if sym.name in vocabulary:
                return vocabulary[sym.name]
        return sym.name
    return str(sym)


# Patterns whose last argument is left open ("any value").
WORDING_ANY = {
    "breach": "removal {0} breaches a procedural safeguard",
    "procedure_finding": "a procedural breach is found for removal {0}",
    "forum": "a forum is named (without one, every instrument answers)",
}


@lru_cache(maxsize=65536)
def atom_text(atom: clingo.Symbol) -> str:
    name, arguments = atom.name, atom.arguments  # each read crosses into clingo
    template = WORDING.get(name)
    if arguments and arguments[-1].type == clingo.SymbolType.Function and arguments[-1].name == "_":
        template = WORDING_ANY.get(name, template)
    args = [term_text(a) for a in arguments]
    if template is None:
        return f"{name}({', '.join(args)})" if args else name
    return template.format(*args)
