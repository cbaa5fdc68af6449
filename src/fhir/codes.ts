/**
 * Every code system and code the FHIR mapping writes or reads, in one place, each with its source.
 * Research notes: clinical.md §4 (interoperability) and gaps.md §4 (LOINC, SNOMED CT).
 *
 * Where no standard code was confirmed (UNCONFIRMED in the notes) Myotrophy writes only its own
 * code, in a code system under MYOTROPHY_SYSTEM. Those are project-local identifiers, not a claim
 * about any standard terminology; a receiving system maps them or reads the text.
 *
 * LOINC content is © Regenstrief Institute, used under the LOINC licence; SNOMED CT is used under
 * the SNOMED CT Affiliate Licence (check the terms for the deployment country).
 *
 * The codes themselves are data, in ./codes.json, each standard code with its source.
 */
import codeData from './codes.json' with { type: 'json' };

/** FHIR R4 version string in the CapabilityStatement. */
export const FHIR_VERSION = '4.0.1';

// ── Code systems ────────────────────────────────────────────────────────────────────────────────
/** ICD-10-CM (HL7 THO CodeSystem-icd10CM; US Core terminology page). Codes are written with the dot. */
export { ICD10CM_SYSTEM } from '../clinic/coding/icd10cm.ts';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** FHIR R4 core terminology (hl7.org/fhir/R4/terminologies-systems.html). */
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const PROVENANCE_PARTICIPANT_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
export const DATA_OPERATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation';
/**
 * Laterality of an Observation's body site (Extensions Pack 5.x, trial use, context
 * Observation.bodySite; clinical.md §4). Added only where the site code does not carry the side.
 */
export const STRUCTURE_LATERALITY_EXTENSION =
  'http://hl7.org/fhir/StructureDefinition/observation-structureLaterality';

/** Myotrophy's own code systems (project-local identifiers; see the file comment). */
export const MYOTROPHY_SYSTEM = 'urn:myotrophy:fhir';
export const MYOTROPHY = {
  measurement: `${MYOTROPHY_SYSTEM}:measurement`,
  strengthDuration: `${MYOTROPHY_SYSTEM}:strength-duration`,
  innervation: `${MYOTROPHY_SYSTEM}:innervation`,
  cause: `${MYOTROPHY_SYSTEM}:cause`,
  bodySite: `${MYOTROPHY_SYSTEM}:body-site`,
  session: `${MYOTROPHY_SYSTEM}:session`,
  sessionReport: `${MYOTROPHY_SYSTEM}:session-report`,
  stimulation: `${MYOTROPHY_SYSTEM}:stimulation`,
  exercise: `${MYOTROPHY_SYSTEM}:exercise`,
  goal: `${MYOTROPHY_SYSTEM}:goal`,
  conditionRole: `${MYOTROPHY_SYSTEM}:condition-role`,
  programmeVersion: `${MYOTROPHY_SYSTEM}:programme-version`,
  immobilisation: `${MYOTROPHY_SYSTEM}:immobilisation`,
  /** Canonical of the LEFS Questionnaire the responses answer (Myotrophy's paraphrased items). */
  lefsQuestionnaire: `${MYOTROPHY_SYSTEM}:Questionnaire:lefs`,
  /** Canonical of the Patient-Specific Functional Scale Questionnaire (the patient's own activities). */
  psfsQuestionnaire: `${MYOTROPHY_SYSTEM}:Questionnaire:psfs`,
  /** Canonical of the pain rating Questionnaire (0–10, the past week). */
  painQuestionnaire: `${MYOTROPHY_SYSTEM}:Questionnaire:pain`,
} as const;

/** Media type of the Binary that carries a programme's full body, so Myotrophy ↔ Myotrophy is lossless. */
export const PROGRAMME_MEDIA_TYPE = 'application/vnd.myotrophy.programme+json';

export interface Code {
  system: string;
  code: string;
  display: string;
}

/** The codes of one code system, as codes.json holds them (each with its source there). */
function codesOf<K extends string>(
  system: string,
  codes: Record<K, { code: string; display: string }>,
): Record<K, Code> {
  const entries = Object.entries<{ code: string; display: string }>(codes);
  return Object.fromEntries(
    entries.map(([key, { code, display }]) => [key, { system, code, display }]),
  ) as Record<K, Code>;
}

// ── SNOMED CT ───────────────────────────────────────────────────────────────────────────────────
const SNOMED = codesOf(SNOMED_SYSTEM, codeData.snomed);
/** Muscle atrophy (disorder). */
export const SNOMED_MUSCLE_ATROPHY = SNOMED.muscleAtrophy;
/** Lower limb circumference (observable). */
export const SNOMED_LOWER_LIMB_CIRCUMFERENCE = SNOMED.lowerLimbCircumference;
/** Grip strength (observable). */
export const SNOMED_GRIP_STRENGTH = SNOMED.gripStrength;

export const SIDES_WITH_LATERALITY = ['left', 'right', 'bilateral'] as const;
/** Laterality qualifiers Left / Right / Right and left. */
export const SNOMED_LATERALITY: Record<(typeof SIDES_WITH_LATERALITY)[number], Code> = codesOf(
  SNOMED_SYSTEM,
  codeData.snomedLaterality,
);

/**
 * Body structures with the side pre-coordinated, keyed `site` or `site|side` in Myotrophy's site
 * words. Sites without a confirmed code are sent as text only.
 */
export const SNOMED_BODY_STRUCTURES: Record<string, Code> = codesOf(
  SNOMED_SYSTEM,
  codeData.snomedBodyStructures,
);

/** Sites (Myotrophy's words) whose circumference is a lower-limb circumference. */
export const LOWER_LIMB_SITES: readonly string[] = ['thigh', 'lower-leg', 'ankle-foot', 'calf', 'knee'];

// ── LOINC ───────────────────────────────────────────────────────────────────────────────────────
const LOINC = codesOf(LOINC_SYSTEM, codeData.loinc);
/** Grip strength Hand - left / right Dynamometer. */
export const LOINC_GRIP_LEFT = LOINC.gripLeft;
export const LOINC_GRIP_RIGHT = LOINC.gripRight;
/**
 * Not used, and why: 66247-8 is the 30-second chair stand (Myotrophy times five rises; the 5-times
 * code is UNCONFIRMED); 83172-7 is the NIH Toolbox 4-metre walk (Myotrophy's gait speed names no
 * distance). Circumference, MRC grade and LEFS have no confirmed LOINC code (gaps.md §4.1).
 */
export const LOINC_NOT_USED = ['66247-8', '83172-7'] as const;

/** kg on a grip dynamometer is kilogram-force; LOINC's example unit is [lbf_av] (1 lbf = 0.45359237 kgf). */
export const KGF_PER_LBF = 0.45359237;

// ── Category and status codes (FHIR R4 core) ───────────────────────────────────────────────────
const OBSERVATION_CATEGORY = codesOf(OBSERVATION_CATEGORY_SYSTEM, codeData.observationCategory);
export const CATEGORY_EXAM = OBSERVATION_CATEGORY.exam;
export const CATEGORY_SURVEY = OBSERVATION_CATEGORY.survey;
export const CATEGORY_PROCEDURE = OBSERVATION_CATEGORY.procedure;
export const CONDITION_ACTIVE = { system: CONDITION_CLINICAL_SYSTEM, code: 'active', display: 'Active' };
export const CONDITION_CONFIRMED = {
  system: CONDITION_VERIFICATION_SYSTEM,
  code: 'confirmed',
  display: 'Confirmed',
};
export const CONDITION_ENTERED_IN_ERROR = {
  system: CONDITION_VERIFICATION_SYSTEM,
  code: 'entered-in-error',
  display: 'Entered in Error',
};
export const CONDITION_ENCOUNTER_DIAGNOSIS = {
  system: CONDITION_CATEGORY_SYSTEM,
  code: 'encounter-diagnosis',
  display: 'Encounter Diagnosis',
};
export const PROVENANCE_AUTHOR = { system: PROVENANCE_PARTICIPANT_SYSTEM, code: 'author', display: 'Author' };
export const PROVENANCE_ATTESTER = {
  system: PROVENANCE_PARTICIPANT_SYSTEM,
  code: 'attester',
  display: 'Attester',
};
export const OPERATION_CREATE = { system: DATA_OPERATION_SYSTEM, code: 'CREATE', display: 'create' };
export const OPERATION_UPDATE = { system: DATA_OPERATION_SYSTEM, code: 'UPDATE', display: 'revise' };
/** v3 DataOperation NULLIFY: "the object has been nullified, i.e. it was entered in error". */
export const OPERATION_NULLIFY = { system: DATA_OPERATION_SYSTEM, code: 'NULLIFY', display: 'nullify' };
export const OPERATION_APPROVE = { system: MYOTROPHY_SYSTEM, code: 'approve', display: 'approve' };

// ── Myotrophy codes ─────────────────────────────────────────────────────────────────────────────
export const CONDITION_ROLE = codesOf(MYOTROPHY.conditionRole, codeData.conditionRole);

export const STRENGTH_DURATION = codesOf(MYOTROPHY.strengthDuration, codeData.strengthDuration);

/** NMES / electrical stimulation therapy has no confirmed SNOMED CT code (gaps.md §4.2): UNCONFIRMED. */
export const SESSION_CODES = codesOf(MYOTROPHY.session, codeData.session);

/** Values a patient reports for a session; no standard code was confirmed for them (UNCONFIRMED). */
export const SESSION_REPORT_CODES = codesOf(MYOTROPHY.sessionReport, codeData.sessionReport);

export const EXERCISE_THERAPY = {
  system: MYOTROPHY.exercise,
  code: 'exercise-stage',
  display: 'Progressive exercise programme stage',
};

/** A quantity's unit: the text Myotrophy stores and the UCUM code FHIR carries. */
export interface UcumUnit {
  unit: string;
  code: string;
}

/** Grip dynamometers read kilogram-force (stored as 'kg'); grade and score are UCUM annotations. */
export const UCUM = codeData.ucum satisfies Record<string, UcumUnit>;

/**
 * Each measurement kind of the record (src/clinic/record/measurement-kinds.ts): Myotrophy's code, the
 * standard code where one is confirmed (the function gets the side), the UCUM unit and category.
 */
export interface MeasurementCoding {
  local: Code;
  standard(site: string | null, side: string | null): Code | undefined;
  ucum: UcumUnit;
  category: typeof CATEGORY_EXAM | typeof CATEGORY_SURVEY;
}

/** The standard code of a measurement kind, where one is confirmed; the rest have none. */
const STANDARD_CODE: Readonly<Record<string, MeasurementCoding['standard']>> = {
  circumference: (site) =>
    site !== null && LOWER_LIMB_SITES.includes(site) ? SNOMED_LOWER_LIMB_CIRCUMFERENCE : undefined,
  grip: (_site, side) =>
    side === 'left' ? LOINC_GRIP_LEFT : side === 'right' ? LOINC_GRIP_RIGHT : SNOMED_GRIP_STRENGTH,
};
const noStandardCode = () => undefined;

export const MEASUREMENT_CODES: Record<string, MeasurementCoding> = Object.fromEntries(
  Object.entries(codeData.measurements).map(([kind, { display, unit, category }]) => [
    kind,
    {
      local: { system: MYOTROPHY.measurement, code: kind, display },
      standard: Object.hasOwn(STANDARD_CODE, kind)
        ? (STANDARD_CODE[kind] as MeasurementCoding['standard'])
        : noStandardCode,
      ucum: UCUM[unit as keyof typeof UCUM],
      category: OBSERVATION_CATEGORY[category as keyof typeof OBSERVATION_CATEGORY],
    },
  ]),
);
