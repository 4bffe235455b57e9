"""The case file, as pydantic v2 models.

Every model forbids unknown fields (a typo must never be silently ignored) and is strict
about types (YAML's `yes` is a string, not a boolean). Defaults are documented per field and
appear in the JSON Schema (`nonref schema`). Cross-references (a removal to an undeclared
state) are checked in `Case`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from .variants import AXES

# --- vocabulary -------------------------------------------------------------------------

Instrument = Literal[
    "cat",  # Convention against Torture 1984
    "iccpr",  # International Covenant on Civil and Political Rights 1966
    "iccpr_op2",  # Second Optional Protocol to the ICCPR (abolition of the death penalty)
    "echr",  # European Convention on Human Rights 1950
    "echr_p4",  # ECHR Protocol 4 (art. 4: collective expulsion)
    "echr_p6",  # ECHR Protocol 6 (death penalty in peacetime)
    "echr_p13",  # ECHR Protocol 13 (death penalty in all circumstances)
    "refugee_convention",  # 1951 Convention relating to the Status of Refugees
    "refugee_protocol",  # 1967 Protocol relating to the Status of Refugees
    "ced",  # Convention for the Protection of All Persons from Enforced Disappearance
    "crc",  # Convention on the Rights of the Child
    "achr",  # American Convention on Human Rights
    "eu_charter",  # Charter of Fundamental Rights of the EU
    "achpr",  # African Charter on Human and Peoples' Rights
    "oau_refugee_convention",  # OAU Refugee Convention 1969
]

# Articles that can be the object of a reservation or a derogation.
Article = Literal[
    "rc_33",
    "cat_3",
    "iccpr_6",
    "iccpr_7",
    "echr_2",
    "echr_3",
    "echr_4",
    "echr_6",
    "ced_16",
    "crc_37",
    "crc_3_20",
    "achr_22_8",
    "achr_5",
    "eu_charter_19_2",
    "oau_2_3",
    "achpr_5",
]

Harm = Literal[
    "torture",  # H1
    "cruel_inhuman_degrading",  # H2
    "generalised_violence",  # H2, R6 (Sufi and Elmi)
    "destitution",  # H2 (M.S.S.)
    "detention_conditions",  # H2 / H8
    "death_row",  # H2 (Soering)
    "death_penalty",  # H3
    "cruel_execution",  # H3: execution by a method that inflicts needless suffering (Ng v Canada)
    "arbitrary_killing",  # H3
    "enforced_disappearance",  # H4
    "flagrant_denial_of_justice",  # H5 (Othman)
    "slavery",  # H6
    "irreducible_life_sentence",  # H8 (Vinter)
    "grossly_disproportionate_sentence",  # H8 (Babar Ahmad)
    "serious_illness",  # H9 (D v UK, N v UK, Paposhvili)
    "persecution",  # H7
    "harmful_practice",  # H2, P6: female genital mutilation, forced marriage
    "underage_recruitment",  # P6: recruitment of a child by armed forces or groups
]

ConventionGround = Literal["race", "religion", "nationality", "social_group", "political_opinion"]

StateCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """A date written YYYY-MM-DD (the only form accepted: `20100101` or `2010W011` would be read
    as some date the user may not mean); a date object from Python passes as it is."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise ValueError(f"expected a real date written YYYY-MM-DD, got {value!r} ({e})") from None


Date = Annotated[dt.date, BeforeValidator(_iso_date)]

UNKNOWN = "unknown"
# A yes/no fact, or `unknown`: nobody knows yet (the answer may then be undetermined).
Flag = bool | Literal["unknown"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


# --- states -----------------------------------------------------------------------------


class Party(Model):
    """An instrument a state is bound by, from a date."""

    instrument: Instrument = Field(description="The instrument.")
    since: Date | None = Field(None, description="Date the instrument entered into force for the state; omitted = bound at every date considered.")


class State(Model):
    name: Text = Field(description="The state's name as it should be printed.")
    bound_by: list[Instrument | Party] = Field(
        default_factory=list,
        description="Instruments the state is party to (S1): a name, or {instrument, since}. Default: none.",
    )
    reservations: list[Article] = Field(default_factory=list, description="Articles the state has entered a reservation to (S5). Default: none.")
    derogations: list[Instrument] = Field(
        default_factory=list,
        description="Instruments under which a derogation in time of emergency is in force (ECHR art. 15, ICCPR art. 4) (S6). Default: none.",
    )
    death_penalty_abolished: Flag = Field(False, description="The state has abolished the death penalty in law (Judge v Canada). Default: false.")
    persistent_objector: Flag = Field(
        False, description="The state persistently objected to the customary rule while it formed (S3). Default: false (no state has)."
    )
    asylum_procedure: Literal["fair_and_efficient", "deficient", "none", "unknown"] | None = Field(
        None,
        description=(
            "Access in practice to a fair and efficient asylum procedure that protects against onward refoulement (I2: "
            "what counts is the practice, not treaty membership). Only `fair_and_efficient` stops an onward transfer "
            "from this state. Default: not stated, which does not stop one."
        ),
    )
    assurances_excluded: Flag = Field(
        False,
        description="The general human-rights situation here excludes accepting any assurance whatsoever (D1: Othman §188, exceptional cases). Default: false.",
    )
    torture_systematic: Flag = Field(
        False,
        description=(
            "Torture or ill-treatment here is systematic, widespread or endemic. On the Working Group's and the NGO "
            "test no assurance against it can then be relied on (D1); the Othman test weighs it instead (Othman itself: "
            "widespread torture in Jordan, assurances accepted). Default: false."
        ),
    )
    perpetrators_uncontrolled: Flag = Field(
        False, description="The authorities lack effective control over the forces that torture (D1: no assurance can be relied on). Default: false."
    )

    @model_validator(mode="after")
    def _listed_once(self) -> State:
        instruments = [b.instrument if isinstance(b, Party) else b for b in self.bound_by]
        for field, items in (("bound_by", instruments), ("reservations", self.reservations), ("derogations", self.derogations)):
            _unique_items((field,), items)
        return self


# --- the person -------------------------------------------------------------------------


class Conduct(Model):
    danger_to_security: Flag = Field(
        False,
        description="Reasonable grounds, individually assessed, for regarding the person as a danger to the security of the country (art. 33(2), first limb). Default: false.",
    )
    particularly_serious_crime: Flag = Field(
        False, description="Convicted by a final judgment of a particularly serious crime (art. 33(2), second limb). Default: false."
    )
    danger_to_community: Flag = Field(
        False, description="A present and future danger to the community of the country (art. 33(2), second limb). Default: false."
    )
    terrorism: Literal[False, "suspected", "individual_finding", "unknown"] = Field(
        False,
        description=(
            "Terrorism (the exclusion some states argue, E3): `suspected` (suspicion or accusation only, which lifts no bar), "
            "or `individual_finding` (an individual finding of serious reasons and present danger, which may lift only the "
            "refugee-law limb of custom, short of peremptory status). Default: false."
        ),
    )
    excluded_1f: Flag = Field(
        False,
        description="Serious reasons for considering that art. 1F applies (war crimes, serious non-political crime, acts contrary to UN purposes) (P4). Default: false.",
    )
    description: Text | None = Field(None, description="The conduct in words, as the decision states it.")


class Location(Model):
    place: Literal["territory", "border", "transit_zone", "high_seas"] = Field(
        description="Where the person is: on a state's territory, at its border, in its transit zone, or on the high seas."
    )
    state: StateCode | None = Field(None, description="The territorial state (required unless on the high seas).")
    controlled_by: StateCode | None = Field(
        None, description="A state whose agents hold the person under effective control (a ship, a border post abroad) (J2). Default: none."
    )

    @model_validator(mode="after")
    def _state_needed(self) -> Location:
        if self.place != "high_seas" and self.state is None:
            raise ValueError(f"a state is required when place is {self.place!r}")
        if self.place == "high_seas" and self.state is not None:
            raise ValueError("no territorial state on the high seas: use controlled_by")
        return self


class Person(Model):
    id: Id | None = Field(None, description="With several persons (`persons`): a short name that risks and removals use to refer to this person.")
    name: Text | None = Field(None, description="A name or label for the person (optional).")
    nationality: StateCode | None = Field(None, description="State of nationality (a declared state); omit for a stateless person.")
    former_habitual_residence: StateCode | None = Field(
        None,
        description="For a stateless person: the country of former habitual residence, against which refugee status is defined (art. 1A(2)). Default: none.",
    )
    refugee_status_ended: Literal["ceased", "withdrawn"] | None = Field(
        None,
        description="Refugee status ceased (art. 1C) or was withdrawn: refugee-law protection ends, the human-rights bars are untouched (P2). Default: it has not ended.",
    )
    refugee_status_ended_on: Date | None = Field(
        None,
        description="When refugee status ceased or was withdrawn: before that date the person is still a refugee. Default: before any date considered.",
    )
    status: Literal["recognised_refugee", "mandate_refugee", "asylum_seeker", "migrant", "stateless", "internally_displaced", "national"] = Field(
        description=(
            "Status under domestic and refugee law (`mandate_refugee`: recognised by UNHCR under its mandate, not by the state; "
            "`national`: a national of the removing state, e.g. extradited). Recognition is declaratory (P2): a migrant who meets "
            "the refugee definition is protected all the same."
        )
    )
    child: Flag = Field(False, description="Under 18 at the time of removal (P6). Default: false.")
    unaccompanied: Flag = Field(
        False,
        description="For a child: unaccompanied or separated from both parents and from any other adult responsible for them by law or custom (CRC GC 6 §§7-8). Default: false.",
    )
    conduct: Conduct = Field(default_factory=Conduct, description="The person's conduct, for the exceptions (E). Default: none of it.")
    location: Location = Field(description="Where the person is and who holds them (J).")

    @model_validator(mode="after")
    def _reference_country(self) -> Person:
        if self.former_habitual_residence is not None and self.nationality is not None:
            raise ReferenceError_(
                ("former_habitual_residence",),
                "expected no former habitual residence for a person with a nationality: it is for a stateless person (omit it, or the nationality)",
            )
        if self.refugee_status_ended_on is not None and self.refugee_status_ended is None:
            raise ReferenceError_(("refugee_status_ended_on",), "expected refugee_status_ended (ceased or withdrawn) with its date")
        if self.unaccompanied is True and self.child is False:
            raise ReferenceError_(("unaccompanied",), "expected child: true (or unknown) for an unaccompanied child")
        if self.status == "stateless" and self.nationality is not None:
            raise ReferenceError_(
                ("nationality",), f"expected no nationality for a stateless person, got {self.nationality!r} (omit it, or change the status)"
            )
        return self


# --- risks ------------------------------------------------------------------------------


class Relocation(Model):
    """An internal flight alternative in the country of risk (N3)."""

    area: Text = Field(description="The area proposed.")
    safe_travel: Flag = Field(description="The person can travel there safely.")
    admittance: Flag = Field(description="The person can gain admittance and settle there.")
    no_risk_there: Flag = Field(description="The person would face no real risk of ill-treatment there.")


class Illness(Model):
    """The medical facts of a serious-illness risk (H9)."""

    critically_ill: Flag = Field(description="Critically ill or close to death (D v UK, N v UK).")
    treatment_accessible: Flag = Field(description="Appropriate treatment exists in the receiving state and is accessible to the person in practice.")
    caused_by_removing_state: Flag = Field(
        False,
        description="The illness was caused, wholly or in part, by the removing state's own treatment of the person, e.g. its detention (C v Australia §8.5). Default: false.",
    )
    rapid_irreversible_decline: Flag = Field(
        description="Without it, a serious, rapid and irreversible decline in health causing intense suffering or a significant reduction in life expectancy (Paposhvili §183)."
    )


class Risk(Model):
    id: Id | None = Field(None, description="A short name for the risk. Default: risks[N].")
    person: Id | None = Field(None, description="With several persons (`persons`): whose risk it is. Default: every person's.")
    harm: Harm = Field(description="What the person fears (doctrine H1–H9).")
    in_: StateCode = Field(alias="in", description="The state where the harm would happen.")
    source: Literal["state", "quasi_governmental", "non_state", "none"] = Field(
        description="Who would inflict it: state agents; factions exercising quasi-governmental authority; non-State actors; or no actor (illness, destitution)."
    )
    exposure: Literal["personal", "group", "general", "unknown"] = Field(
        description="Personal to the applicant; shared with a group systematically exposed to it (R6); or the general situation only."
    )
    evidence: Literal["substantial_grounds", "some_risk", "arguable", "mere_possibility", "unknown"] = Field(
        description=(
            "What the material shows: substantial grounds for believing in a real risk (R1); some risk (the lower IACtHR "
            "threshold, R3); an arguable claim, credible on its face but not established (enough to require a suspensive "
            "remedy and an assessment, Q1-Q2); or a mere possibility."
        )
    )
    severe: Flag = Field(True, description="The feared treatment reaches the minimum level of severity for its kind (H2, H8). Default: true.")
    severe_for_child: Flag = Field(
        False,
        description="For a child: the treatment reaches the lower threshold of severity that applies to children, even if it would not for an adult (P6). Default: false.",
    )
    ground: ConventionGround | None = Field(None, description="The Convention ground on account of which the harm is feared, if any (P3).")
    state_protection: Literal["available", "unable", "unwilling", "unknown"] | None = Field(
        None, description="Whether the authorities there can and will protect (N1). Required for non-State and quasi-governmental sources."
    )
    offence_under_18: Flag = Field(
        False,
        description="For the death penalty or a life sentence: the offence was committed under 18 (CRC art. 37(a), ICCPR art. 6(5)), whatever the person's age now. Default: false.",
    )
    life_review: Literal["none", "some", "vinter", "unknown"] | None = Field(
        None,
        description=(
            "For irreducible_life_sentence: the prospect of review of the sentence: `none` in law or practice; `some` mechanism "
            "(e.g. clemency) short of Vinter's requirements; `vinter` (a review on penological grounds after a set period, "
            "known from the outset) (H8). Default: none."
        ),
    )
    extreme_violence: Flag = Field(
        False, description="The general violence there is of the most extreme intensity (Sufi and Elmi) (R6). Default: false."
    )
    internal_relocation: Relocation | None = Field(None, description="An internal flight alternative proposed (N3). Default: none proposed.")
    illness: Illness | None = Field(None, description="Required when harm is serious_illness.")
    description: Text | None = Field(None, description="The facts in words.")

    @model_validator(mode="after")
    def _conditional_fields(self) -> Risk:
        if self.source in ("non_state", "quasi_governmental") and self.state_protection is None:
            raise ValueError(f"state_protection is required when source is {self.source!r}")
        if (self.harm == "serious_illness") != (self.illness is not None):
            raise ValueError("illness is required when harm is 'serious_illness', and only then")
        if self.life_review is not None and self.harm != "irreducible_life_sentence":
            raise ValueError("life_review applies only when harm is 'irreducible_life_sentence'")
        if self.harm == "persecution" and self.ground is None:
            raise ValueError("ground is required when harm is 'persecution' (art. 33(1) protects against persecution on a Convention ground)")
        return self


# --- onward transfers and assurances ----------------------------------------------------


class OnwardTransfer(Model):
    """A likely onward transfer of the person from one state to another (I1)."""

    from_: StateCode = Field(alias="from", description="The state that would send the person on.")
    to: StateCode = Field(description="Where it would send them.")
    because: Literal["readmission_agreement", "push_back_practice", "nationality", "removal_policy", "deficient_procedure", "other"] = Field(
        description=(
            "Why the transfer is likely: a readmission or transfer agreement; a practice of push-backs or summary "
            "removals; the person's nationality (return of nationals); a stated removal policy; a procedure that "
            "rejects such claims; or another reason given in `description`."
        )
    )
    description: Text | None = Field(None, description="The evidence in words.")


AssuranceSubject = Literal[
    "torture",
    "cruel_inhuman_degrading",
    "detention_conditions",
    "destitution",
    "death_penalty",
    "flagrant_denial_of_justice",
    "irreducible_life_sentence",
    "onward_transfer",
]


class Assurance(Model):
    """A diplomatic assurance (or individual guarantee) given by a receiving state (D1-D5)."""

    id: Id | None = Field(None, description="A short name. Default: assurances[N].")
    by: StateCode = Field(description="The state that gives it (it covers the risks in that state only).")
    against: list[AssuranceSubject] = Field(
        min_length=1, description="What it promises against: harms, or `onward_transfer` (a promise not to send the person on, D5)."
    )
    specific: Flag = Field(False, description="Specific to this person, not general and vague (Othman §189(ii)). Default: false.")
    binding: Flag = Field(
        False, description="Given by an authority able to bind the state and ensure compliance (Othman §189(iii); WGAD (b)). Default: false."
    )
    verifiable: Flag = Field(
        False,
        description="Compliance can be objectively verified: monitoring with private access, including the person's lawyers (Othman §189(viii)). Default: false.",
    )
    enforceable: Flag = Field(False, description="A mechanism exists to enforce compliance (WGAD (c)). Default: false.")
    poor_record: Flag = Field(False, description="The giver's record in abiding by similar assurances is poor (Othman §189(vii)). Default: false.")
    local_compliance_doubtful: Flag = Field(False, description="The local authorities are unlikely to comply (Othman §189(iv)). Default: false.")
    court_examined: Flag = Field(
        False, description="The sending state's courts examined the assurance's reliability in depth (Othman §189(xi)). Default: false."
    )
    prior_ill_treatment: Flag = Field(
        False, description="The person was ill-treated before in the state that gives it (Othman §189(x)). Default: false."
    )
    circumvents_obligation: Flag = Field(
        False, description="It is used to get round a higher obligation, such as the terms of an extradition treaty (WGAD (a)). Default: false."
    )
    description: Text | None = Field(None, description="The terms in words.")


# --- removals and expectations ----------------------------------------------------------


class InterimMeasure(Model):
    """An interim measure indicated by an international body against the removal (Q3)."""

    by: Literal["ecthr", "ecommhr", "cat", "hrc", "crc", "iacthr", "iachr"] = Field(
        description=(
            "The body: the ECtHR (Rule 39), the former European Commission of Human Rights (Rule 36), the Committee against "
            "Torture (rule 114), the Human Rights Committee (rule 94), the Committee on the Rights of the Child (OP3 art. 6), "
            "the Inter-American Court (provisional measures, ACHR art. 63(2)) or Commission (precautionary measures)."
        )
    )
    complied: Flag = Field(description="The removing state respected it (false: the person was removed while it stood).")
    indicated_on: Date | None = Field(
        None,
        description="When it was indicated: a measure indicated after the assessment date neither binds nor can have been breached then. Default: before it.",
    )
    until: Date | None = Field(
        None, description="When it lapsed: the body's final decision or the lifting of the measure. Default: it stands at the assessment date."
    )

    @model_validator(mode="after")
    def _in_order(self) -> InterimMeasure:
        if self.indicated_on and self.until and self.until < self.indicated_on:
            raise ReferenceError_(("until",), f"expected a date on or after indicated_on ({self.indicated_on}), got {self.until}")
        return self


class Voluntary(Model):
    """A return presented as voluntary (Q4)."""

    informed: Flag = Field(description="The person was fully and meaningfully informed of the choice.")
    free: Flag = Field(description="Consent was given free of coercion (violence, threats, arbitrary or indefinite detention).")


class Procedure(Model):
    """The safeguards around a removal (Q1-Q4, I3). Each defaults to the safeguard being there: state a defect explicitly."""

    individual_assessment: Flag = Field(
        True, description="Each person's case was examined individually, with a genuine opportunity to argue against removal (Q1). Default: true."
    )
    collective: Flag = Field(False, description="The removal is part of a measure compelling aliens as a group to leave (Q1). Default: false.")
    own_culpable_conduct: Flag = Field(
        False, description="The person crossed at an unauthorised point, in a large group, using force (N.D. and N.T.) (Q1). Default: false."
    )
    legal_entry_available: Flag = Field(
        False,
        description="Genuine and effective means of legal entry, including to claim asylum, were available to the person (N.D. and N.T.) (Q1). Default: false.",
    )
    risk_assessed: Flag = Field(True, description="The risk the person claims was examined rigorously before removal (Q1). Default: true.")
    third_country_examined: Flag = Field(
        True,
        description="For a removal to a third state without examination of the claim on the merits: the removing state itself examined that state's asylum procedure (I3). Default: true.",
    )
    suspensive_remedy: Flag = Field(True, description="A remedy with automatic suspensive effect was available before removal (Q2). Default: true.")
    effective_challenge: Flag = Field(
        True,
        description="An effective possibility of challenging the removal, with a sufficiently thorough examination of the complaints by an independent domestic forum (Khlaifia §279) (Q2). Default: true.",
    )
    child_identified: Flag = Field(
        True,
        description="For an unaccompanied child: identified and registered as a child, with any age assessment made as a child's (CRC GC 6 §§20, 31) (Q5). Default: true.",
    )
    guardian: Flag = Field(
        True,
        description="For an unaccompanied child: a guardian or adviser was appointed before the decision (CRC GC 6 §§21, 33) (Q5). Default: true.",
    )
    best_interests_assessed: Flag = Field(
        True,
        description="For an unaccompanied child: the best interests and the risks of return were assessed individually before removal (CRC GC 6 §§20, 84) (Q5). Default: true.",
    )
    interim_measure: InterimMeasure | None = Field(None, description="An interim measure against the removal (Q3). Default: none.")
    voluntary: Voluntary | None = Field(None, description="The return is presented as voluntary (Q4). Default: it is not.")


class Manner(Model):
    """How the removal itself is carried out: harm the removing state causes by it (H10)."""

    child_alone: Flag = Field(
        False,
        description="A young child is sent alone, with no one to receive and care for them on arrival (Mubilanzila Mayeka §§66-71). Default: false.",
    )
    unfit_to_travel: Flag = Field(
        False, description="The person's state of health makes the journey itself inhuman treatment (Ireland v UK §162). Default: false."
    )
    excessive_force: Flag = Field(
        False,
        description="Force is used that the person's own conduct does not make strictly necessary (Bouyid v Belgium §§100-101). Default: false.",
    )


class Removal(Model):
    id: Id = Field(description="A short name used on the command line and in the output.")
    by: StateCode = Field(description="The state that removes the person.")
    from_: StateCode | None = Field(None, alias="from", description="Where from (a declared state). Default: the person's location.")
    to: StateCode = Field(description="The destination state.")
    kind: Literal["deportation", "expulsion", "extradition", "push_back", "interception", "transfer", "return"] = Field(
        description="What kind of removal it is."
    )
    procedure: Procedure = Field(default_factory=Procedure, description="Its procedural safeguards (Q, I3). Default: all in place.")
    eu_law: Flag = Field(
        True,
        description="The removal implements EU law (a return, Dublin transfer or asylum decision), so EU Charter art. 19(2) applies if the state is bound by it (art. 51(1)). Default: true.",
    )
    assisted_by: list[StateCode] = Field(
        default_factory=list, description="Other states that aid the removal: transit, a vessel, a base (S4). Default: none."
    )
    under_treaty: Text | None = Field(
        None,
        description="The treaty that obliges the state to make this removal (an extradition or readmission agreement), if any (V1). Default: none.",
    )
    manner: Manner = Field(
        default_factory=lambda: Manner(), description="How the removal is carried out, for harm it causes itself (H10). Default: no harm stated."
    )
    person: Id | None = Field(None, description="With several persons (`persons`): the id of the person removed. Default: the only person.")
    with_family: list[Id] = Field(
        default_factory=list,
        description="With several persons: the removals of family members carried out together with this one, as one family (Tarakhel §§118-122). Default: none.",
    )


Basis = Literal[
    Article,
    "customary_human_rights",
    "customary_refugee_law",
    "customary",  # either limb of the customary rule
]


ProcedureFinding = Literal[
    "collective_expulsion",
    "risk_assessment",
    "third_country_examination",
    "suspensive_remedy",
    "effective_remedy",
    "interim_measure",
    "not_voluntary",
]


class OtherBasis(Model):
    """A basis of the decision that nonref does not assess, recorded by its label."""

    domestic: Text = Field(description="A provision of domestic law, e.g. 'Constitution of South Africa s. 11'.")


class Expected(Model):
    outcome: Literal["prohibited", "permitted", "undetermined"] = Field(description="The holding of the decision for this removal, on the merits.")
    bases: list[Basis | OtherBasis] = Field(
        default_factory=list,
        description="The bases the decision found: nonref's bases (see `nonref rules`), or `{domestic: label}` for a domestic provision, reported as not assessed.",
    )
    procedure: list[ProcedureFinding] = Field(default_factory=list, description="The procedural breaches the decision found (Q, I3), exactly.")
    obligations: list[Literal["interim_measure_in_force"]] | None = Field(
        None, description="The standing obligations the decision states (an interim measure in force), exactly. Default: not checked."
    )
    lawful_with_assurance: bool = Field(
        False, description="The decision holds the removal unlawful only for want of an assurance or individual guarantee (Tarakhel)."
    )


class Decision(Model):
    title: Text = Field(description="Case name, e.g. 'Chahal v. United Kingdom'.")
    court: Text | None = Field(None, description="Court or treaty body, and formation.")
    number: Text | None = Field(None, description="Application or communication number.")
    decided: Date | None = Field(None, description="Date of the decision.")
    assessed_on: Date | None = Field(
        None, description="The date at which the law and facts are assessed (T2). Default: the decision date, else today."
    )
    summary: Text | None = Field(None, description="The facts and the holding in a few sentences, with pinpoint paragraphs.")
    sources: list[Text] = Field(default_factory=list, description="Where the facts were taken from.")


ForumBody = Literal["ecthr", "ecommhr", "cat_committee", "hrc", "crc_committee", "iacthr", "iachr", "achpr_commission"]


class Forum(Model):
    """A domestic court, and the law it applies (an international body's law is fixed: name it alone)."""

    body: Literal["domestic"] = Field(description="`domestic`: a court of a state.")
    state: StateCode = Field(description="The state whose court it is (a declared state).")
    applies: list[Instrument | Literal["customary"]] = Field(
        min_length=1,
        description="The instruments the court applies (as incorporated in its law), and `customary` if it applies customary international law.",
    )
    name: Text | None = Field(None, description="The court's name, e.g. 'House of Lords'.")


def _domestic_needs_its_law(value: object) -> object:
    if value == "domestic":
        raise ValueError("a domestic court is written {body: domestic, state: CODE, applies: [the instruments it applies]}")
    return value


VariantAxis = Literal[tuple(AXES)]  # type: ignore[valid-type]
VARIANT_VALUES = {name: axis.values for name, axis in AXES.items()}


class Case(Model):
    case: Decision = Field(description="The decision (or the matter) this file describes.")
    states: dict[StateCode, State] = Field(description="Every state involved, keyed by a short code (e.g. an ISO 3166 alpha-3 code).")
    person: Person | None = Field(None, description="The person to be removed (or `persons`, for several).")
    persons: list[Person] = Field(
        default_factory=list,
        description="Several persons (a family, joint applicants), each with an `id`, instead of `person`: each risk and removal then names its person.",
    )
    risks: list[Risk] = Field(default_factory=list, description="The risks the person faces. Default: none.")
    onward_transfers: list[OnwardTransfer] = Field(
        default_factory=list, description="Likely onward transfers between states, for chains of refoulement (I1). Default: none."
    )
    assurances: list[Assurance] = Field(default_factory=list, description="Diplomatic assurances and individual guarantees (D). Default: none.")
    removals: list[Removal] = Field(min_length=1, description="The removals to assess.")
    forum: Annotated[ForumBody | Forum | None, BeforeValidator(_domestic_needs_its_law)] = Field(
        None,
        description=(
            "The body whose question is answered (F): `ecthr` (the ECHR), `ecommhr` (the former European Commission, the ECHR), "
            "`cat_committee` (CAT), `hrc` (the ICCPR), `crc_committee` (the CRC), `iacthr` or `iachr` (the ACHR), "
            "`achpr_commission` (the African Charter), or a domestic court `{body: domestic, state, applies: [...]}`. "
            "Default: none, every instrument the removing state is bound by (`--forum` overrides)."
        ),
    )
    variants: dict[VariantAxis, str] = Field(default_factory=dict, description="Doctrinal variants fixed by this case (see `nonref variants-list`).")
    expected: dict[Id, Expected] = Field(default_factory=dict, description="The decision's holding per removal id (for bundled cases).")

    def risk_id(self, index: int) -> str:
        return self.risks[index].id or f"risks[{index}]"

    def assurance_id(self, index: int) -> str:
        return self.assurances[index].id or f"assurances[{index}]"

    def people(self) -> list[tuple[tuple[str | int, ...], Person]]:
        """Each person with the path of its entry: ("person",) or ("persons", k)."""
        return [(("person",), self.person)] if self.person is not None else [(("persons", k), p) for k, p in enumerate(self.persons)]

    def person_of(self, removal: Removal) -> Person:
        if self.person is not None:
            return self.person
        return next(p for p in self.persons if p.id == removal.person)

    def _persons_named(self) -> None:
        """`person` or `persons`, and every reference to a person resolved."""
        if (self.person is None) == (not self.persons):
            raise ReferenceError_(
                ("persons",) if self.persons else ("person",), "expected either `person` (one) or `persons` (several), not both or neither"
            )
        if self.person is not None:
            for field, items in (("risks", self.risks), ("removals", self.removals)):
                for i, item in enumerate(items):
                    if item.person is not None:
                        raise ReferenceError_((field, i, "person"), "expected no person here: the case has one `person` (use `persons` for several)")
                    if getattr(item, "with_family", None):
                        raise ReferenceError_(
                            (field, i, "with_family"), "expected no family removals: the case has one `person` (use `persons` for several)"
                        )
            return
        ids = [p.id for p in self.persons]
        for k, p in enumerate(self.persons):
            if p.id is None:
                raise ReferenceError_(("persons", k), "expected an id for each of several persons (risks and removals refer to it)")
        _unique("persons", ids)
        for field, items in (("risks", self.risks), ("removals", self.removals)):
            for i, item in enumerate(items):
                if item.person is None and field == "removals":
                    raise ReferenceError_((field, i), f"expected the person removed (person: one of {', '.join(ids)})")
                if item.person is not None and item.person not in ids:
                    raise ReferenceError_((field, i, "person"), f"expected one of the persons ({', '.join(ids)}), got {item.person!r}")
        others = {r.id: r.person for r in self.removals}
        for i, removal in enumerate(self.removals):
            for j, rid in enumerate(removal.with_family):
                if others.get(rid, removal.person) == removal.person:
                    raise ReferenceError_(("removals", i, "with_family", j), f"expected the id of another person's removal, got {rid!r}")

    def assessment_date(self) -> dt.date:
        return self.case.assessed_on or self.case.decided or dt.date.today()

    @model_validator(mode="after")
    def _references(self) -> Case:
        declared = self.states

        def need(path: tuple[str | int, ...], code: str | None) -> None:
            if code is not None and code not in declared:
                raise ReferenceError_(path, f"expected a declared state ({', '.join(sorted(declared))}), got {code!r}")

        for axis, value in self.variants.items():
            if value not in VARIANT_VALUES[axis]:
                raise ReferenceError_(("variants", axis), f"expected one of {', '.join(VARIANT_VALUES[axis])}, got {value!r}")
        if isinstance(self.forum, Forum):
            need(("forum", "state"), self.forum.state)
            _unique_items(("forum", "applies"), self.forum.applies)
        self._persons_named()
        for path, person in self.people():
            need((*path, "nationality"), person.nationality)
            need((*path, "former_habitual_residence"), person.former_habitual_residence)
            need((*path, "location", "state"), person.location.state)
            need((*path, "location", "controlled_by"), person.location.controlled_by)
        for i, risk in enumerate(self.risks):
            need(("risks", i, "in"), risk.in_)
        for i, removal in enumerate(self.removals):
            location = self.person_of(removal).location
            here = [s for s in (location.state, location.controlled_by) if s is not None]
            need(("removals", i, "by"), removal.by)
            need(("removals", i, "from"), removal.from_)
            if removal.from_ is not None and removal.from_ not in here:
                raise ReferenceError_(
                    ("removals", i, "from"),
                    f"expected where the person is ({' or '.join(here)}), got {removal.from_!r}: "
                    "a removal starts from the person's location; a later transfer is an onward transfer",
                )
            need(("removals", i, "to"), removal.to)
            for j, code in enumerate(removal.assisted_by):
                need(("removals", i, "assisted_by", j), code)
        for i, hop in enumerate(self.onward_transfers):
            need(("onward_transfers", i, "from"), hop.from_)
            need(("onward_transfers", i, "to"), hop.to)
        for i, assurance in enumerate(self.assurances):
            need(("assurances", i, "by"), assurance.by)
        _unique("removals", [r.id for r in self.removals])
        _unique("assurances", [self.assurance_id(i) for i in range(len(self.assurances))])
        _unique("risks", [self.risk_id(i) for i in range(len(self.risks))])
        ids = {r.id for r in self.removals}
        for rid in self.expected:
            if rid not in ids:
                raise ReferenceError_(("expected", rid), f"expected the id of a removal ({', '.join(sorted(ids))}), got {rid!r}")
        return self


class ReferenceError_(ValueError):
    """A cross-reference error, carrying the path of the field at fault (for the line number)."""

    def __init__(self, path: tuple[str | int, ...], message: str):
        self.path, self.message = path, message
        super().__init__(message)


def _unique_items(field: tuple[str, ...], items: list[str]) -> None:
    """A list that names the same thing twice: the second mention is an error, at its place."""
    for i, x in enumerate(items):
        if x in items[:i]:
            raise ReferenceError_((*field, i), f"expected each item once, got {x!r} a second time")


def _unique(field: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            raise ReferenceError_((field, i, "id"), f"expected a unique id, got {x!r} a second time")
        seen.add(x)
