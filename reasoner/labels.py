"""How the law's vocabulary is printed."""

from __future__ import annotations

BASIS = {
    "cat_3": "CAT art. 3",
    "echr_2": "ECHR art. 2",
    "echr_3": "ECHR art. 3",
    "echr_4": "ECHR art. 4",
    "echr_6": "ECHR art. 6",
    "iccpr_6": "ICCPR art. 6",
    "iccpr_7": "ICCPR art. 7",
    "ced_16": "CED art. 16",
    "crc_37": "CRC arts. 6, 37",
    "crc_3_20": "CRC arts. 3, 20",
    "eu_charter_19_2": "EU Charter art. 19(2)",
    "achr_22_8": "ACHR art. 22(8)",
    "achr_5": "ACHR art. 5",
    "achpr_5": "African Charter art. 5",
    "oau_2_3": "OAU Refugee Convention art. II(3)",
    "rc_33": "Refugee Convention art. 33(1)",
    "customary_human_rights": "customary law, human-rights limb (torture, ill-treatment, life)",
    "customary_refugee_law": "customary law, refugee-law limb (persecution)",
}

INSTRUMENT = {
    "cat": "the CAT",
    "iccpr": "the ICCPR",
    "iccpr_op2": "the ICCPR's Second Optional Protocol",
    "echr": "the ECHR",
    "echr_p4": "ECHR Protocol 4",
    "echr_p6": "ECHR Protocol 6",
    "echr_p13": "ECHR Protocol 13",
    "refugee_convention": "the Refugee Convention",
    "refugee_protocol": "the 1967 Refugee Protocol",
    "ced": "the CED",
    "crc": "the CRC",
    "achr": "the American Convention on Human Rights",
    "eu_charter": "the EU Charter of Fundamental Rights",
    "achpr": "the African Charter on Human and Peoples' Rights",
    "oau_refugee_convention": "the OAU Refugee Convention",
}

ASSURANCE_FEATURE = {
    "specific": "specific",
    "binding": "binding",
    "verifiable": "verifiable",
    "enforceable": "enforceable",
    "poor_record": "from a giver with a poor record of abiding by such assurances",
    "local_compliance_doubtful": "doubtful as to compliance by local authorities",
    "court_examined": "examined in depth by the sending state's courts",
    "prior_ill_treatment": "given by a state that ill-treated the person before",
    "circumvents_obligation": "a way around the obligation itself",
}

# Order in which bases are listed: the explicit treaty bars first, custom and refugee law last.
BASIS_ORDER = list(BASIS)

HARM = {
    # the removal itself (H10, Q5): harm the removing state causes, not a risk in the destination
    "child_alone": "a child sent alone with no one to receive them (the removal itself)",
    "unfit_to_travel": "a journey the person's health makes inhuman (the removal itself)",
    "excessive_force": "force not made strictly necessary by the person's conduct (the removal itself)",
    "child_safeguards": "return of an unaccompanied child without identification, guardian and best-interests assessment",
    "family_unity": "removal together with a child of the family whose own removal an absolute bar prohibits (Tarakhel)",
    "torture": "torture",
    "cruel_inhuman_degrading": "cruel, inhuman or degrading treatment",
    "generalised_violence": "indiscriminate violence",
    "destitution": "destitution",
    "detention_conditions": "inhuman detention conditions",
    "death_row": "the death-row phenomenon",
    "cruel_execution": "execution by a method that inflicts needless suffering",
    "death_penalty": "the death penalty",
    "arbitrary_killing": "arbitrary deprivation of life",
    "enforced_disappearance": "enforced disappearance",
    "flagrant_denial_of_justice": "a flagrant denial of justice",
    "slavery": "slavery or forced labour",
    "irreducible_life_sentence": "an irreducible life sentence",
    "grossly_disproportionate_sentence": "a grossly disproportionate sentence",
    "serious_illness": "a serious decline in health for want of treatment",
    "persecution": "persecution",
    "harmful_practice": "a harmful practice (FGM, forced marriage)",
    "underage_recruitment": "underage recruitment",
}

EXCEPTION = {
    "danger_to_security": "art. 33(2): danger to the security of the country",
    "serious_crime": "art. 33(2): final conviction of a particularly serious crime, danger to the community",
    "national_security": "customary exception: overriding reasons of national security",
    "public_safety": "customary exception: overriding reasons of public safety (particularly serious crime, danger to the community)",
    "terrorism": "customary exception: terrorism, on an individual finding (non-peremptory custom)",
}

CONDUCT = {
    "danger_to_security": "danger to national security",
    "particularly_serious_crime": "conviction of a particularly serious crime",
    "danger_to_community": "danger to the community",
    "terrorism_suspicion": "suspected of terrorism (no individual finding)",
    "terrorism_finding": "individual finding of terrorism and present danger",
    "excluded_1f": "art. 1F exclusion",
}

# Why a risk is not a real risk: the failing condition of R1.2, in words.
UNMET = {
    "standard_of_proof": "the evidence does not show substantial grounds (R1)",
    "individual_exposure": "the risk is general, not personal or group-based, and the violence is not extreme (R6)",
    "severity": "the treatment does not reach the required severity (H2, H9)",
    "source": "the authorities there can protect against the non-State actors (N1)",
    "internal_relocation": "a safe part of the country is available (N3)",
}

# Procedural findings (Q, I3): what the removal lacks or what stands in its way.
PROCEDURE = {
    "collective_expulsion": "collective expulsion: no reasonable and objective examination of each person's case (Q1)",
    "risk_assessment": "the arguable claim of risk was not examined before removal (Q1)",
    "third_country_examination": "the third state's asylum procedure was not examined before removal (I3)",
    "suspensive_remedy": "no remedy with automatic suspensive effect before removal (Q2)",
    "effective_remedy": "no effective possibility of challenging the collective removal (Q2, Khlaifia)",
    "interim_measure": "removed despite a binding interim measure (Q3)",
    "interim_measure_in_force": "an interim measure is in force: no removal while it lasts (Q3)",
    "not_voluntary": "presented as voluntary without informed, uncoerced consent: a forced removal (Q4)",
}

OWN_HARMS = {"child_alone", "unfit_to_travel", "excessive_force", "child_safeguards", "family_unity"}

FORUM = {
    "ecthr": "the European Court of Human Rights (ECHR)",
    "ecommhr": "the European Commission of Human Rights (ECHR)",
    "cat_committee": "the Committee against Torture (CAT)",
    "hrc": "the Human Rights Committee (ICCPR)",
    "crc_committee": "the Committee on the Rights of the Child (CRC)",
    "iacthr": "the Inter-American Court of Human Rights (ACHR)",
    "iachr": "the Inter-American Commission on Human Rights (ACHR)",
    "achpr_commission": "the African Commission on Human and Peoples' Rights (African Charter)",
    "domestic": "a domestic court",
}
