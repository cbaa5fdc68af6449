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
 */

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
} as const;

/** Media type of the Binary that carries a programme's full body, so Myotrophy ↔ Myotrophy is lossless. */
export const PROGRAMME_MEDIA_TYPE = 'application/vnd.myotrophy.programme+json';

export interface Code {
  system: string;
  code: string;
  display: string;
}

// ── SNOMED CT ───────────────────────────────────────────────────────────────────────────────────
/** Muscle atrophy (disorder); HL7 Europe base value sets, not re-verified against a browser (clinical.md §4). */
export const SNOMED_MUSCLE_ATROPHY: Code = {
  system: SNOMED_SYSTEM,
  code: '88092000',
  display: 'Muscle atrophy (disorder)',
};
/** Lower limb circumference (observable); HL7 Europe HDR circumference value set (gaps.md §4.2). */
export const SNOMED_LOWER_LIMB_CIRCUMFERENCE: Code = {
  system: SNOMED_SYSTEM,
  code: '413171006',
  display: 'Lower limb circumference (observable entity)',
};
/** Grip strength (observable); BIH-CEI/T-CABS grip example (clinical.md §4). */
export const SNOMED_GRIP_STRENGTH: Code = {
  system: SNOMED_SYSTEM,
  code: '251433001',
  display: 'Grip strength (observable entity)',
};

export const SIDES_WITH_LATERALITY = ['left', 'right', 'bilateral'] as const;
/** Laterality qualifiers Left / Right / Right and left; fairgenomes Laterality lookup (gaps.md §4.2). */
export const SNOMED_LATERALITY: Record<(typeof SIDES_WITH_LATERALITY)[number], Code> = {
  left: { system: SNOMED_SYSTEM, code: '7771000', display: 'Left' },
  right: { system: SNOMED_SYSTEM, code: '24028007', display: 'Right' },
  bilateral: { system: SNOMED_SYSTEM, code: '51440002', display: 'Right and left' },
};

/**
 * Body structures with the side pre-coordinated, keyed `site` or `site|side` in Myotrophy's site
 * words. Public FHIR FSH ValueSet Extremity_Assessment_Finding_Location_VS (gaps.md §4.2); hand
 * structure 85562004 from clinical.md §4. Sites without a confirmed code are sent as text only.
 */
export const SNOMED_BODY_STRUCTURES: Record<string, Code> = {
  'lower-leg|left': { system: SNOMED_SYSTEM, code: '48979004', display: 'Structure of left lower leg' },
  'lower-leg|right': { system: SNOMED_SYSTEM, code: '32696007', display: 'Structure of right lower leg' },
  'thigh|left': { system: SNOMED_SYSTEM, code: '61396006', display: 'Structure of left thigh' },
  'thigh|right': { system: SNOMED_SYSTEM, code: '11207009', display: 'Structure of right thigh' },
  hand: { system: SNOMED_SYSTEM, code: '85562004', display: 'Hand structure' },
};

/** Sites (Myotrophy's words) whose circumference is a lower-limb circumference. */
export const LOWER_LIMB_SITES: readonly string[] = ['thigh', 'lower-leg', 'ankle-foot', 'calf', 'knee'];

// ── LOINC ───────────────────────────────────────────────────────────────────────────────────────
/** Grip strength Hand - left / right Dynamometer; loinc.org/83145-3 panel listing (gaps.md §4.1). */
export const LOINC_GRIP_LEFT: Code = {
  system: LOINC_SYSTEM,
  code: '83173-5',
  display: 'Grip strength Hand - left Dynamometer',
};
export const LOINC_GRIP_RIGHT: Code = {
  system: LOINC_SYSTEM,
  code: '83174-3',
  display: 'Grip strength Hand - right Dynamometer',
};
/**
 * Not used, and why: 66247-8 is the 30-second chair stand (Myotrophy times five rises; the 5-times
 * code is UNCONFIRMED); 83172-7 is the NIH Toolbox 4-metre walk (Myotrophy's gait speed names no
 * distance). Circumference, MRC grade and LEFS have no confirmed LOINC code (gaps.md §4.1).
 */
export const LOINC_NOT_USED = ['66247-8', '83172-7'] as const;

/** kg on a grip dynamometer is kilogram-force; LOINC's example unit is [lbf_av] (1 lbf = 0.45359237 kgf). */
export const KGF_PER_LBF = 0.45359237;

// ── Category and status codes (FHIR R4 core) ───────────────────────────────────────────────────
export const CATEGORY_EXAM = { system: OBSERVATION_CATEGORY_SYSTEM, code: 'exam', display: 'Exam' };
export const CATEGORY_SURVEY = { system: OBSERVATION_CATEGORY_SYSTEM, code: 'survey', display: 'Survey' };
export const CATEGORY_PROCEDURE = {
  system: OBSERVATION_CATEGORY_SYSTEM,
  code: 'procedure',
  display: 'Procedure',
};
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
export const CONDITION_ROLE = {
  atrophy: { system: MYOTROPHY.conditionRole, code: 'atrophy', display: 'Muscle atrophy being treated' },
  cause: { system: MYOTROPHY.conditionRole, code: 'cause', display: 'Cause of the muscle atrophy' },
} as const;

export const STRENGTH_DURATION = {
  test: {
    system: MYOTROPHY.strengthDuration,
    code: 'innervation',
    display: 'Strength–duration test: innervation',
  },
  rheobase: { system: MYOTROPHY.strengthDuration, code: 'rheobase', display: 'Rheobase' },
  chronaxie: { system: MYOTROPHY.strengthDuration, code: 'chronaxie', display: 'Chronaxie' },
  threshold: {
    system: MYOTROPHY.strengthDuration,
    code: 'threshold',
    display: 'Threshold current at a pulse width',
  },
  pulseWidth: { system: MYOTROPHY.strengthDuration, code: 'pulse-width', display: 'Pulse width' },
  method: {
    system: MYOTROPHY.strengthDuration,
    code: 'threshold-at-pulse-widths',
    display: 'Threshold current measured at several pulse widths and fitted (Weiss/Lapicque)',
  },
} as const;

/** NMES / electrical stimulation therapy has no confirmed SNOMED CT code (gaps.md §4.2): UNCONFIRMED. */
export const SESSION_CODES = {
  stimulation: {
    system: MYOTROPHY.session,
    code: 'stimulation',
    display: 'Electrical muscle stimulation session',
  },
  exercise: { system: MYOTROPHY.session, code: 'exercise', display: 'Exercise session' },
} as const;

/** Values a patient reports for a session; no standard code was confirmed for them (UNCONFIRMED). */
export const SESSION_REPORT_CODES = {
  peakIntensity: {
    system: MYOTROPHY.sessionReport,
    code: 'peak-intensity',
    display: 'Peak stimulation intensity',
  },
  comfort: { system: MYOTROPHY.sessionReport, code: 'comfort', display: 'Comfort 0–10 (10 comfortable)' },
  pain: { system: MYOTROPHY.sessionReport, code: 'pain', display: 'Pain 0–10 numeric rating' },
} as const;

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

export const UCUM = {
  cm: { unit: 'cm', code: 'cm' },
  mm: { unit: 'mm', code: 'mm' },
  newton: { unit: 'N', code: 'N' },
  /** Grip dynamometers read kilogram-force; stored as 'kg'. */
  kgf: { unit: 'kgf', code: 'kgf' },
  second: { unit: 's', code: 's' },
  metrePerSecond: { unit: 'm/s', code: 'm/s' },
  milliampere: { unit: 'mA', code: 'mA' },
  millisecond: { unit: 'ms', code: 'ms' },
  minute: { unit: 'min', code: 'min' },
  week: { unit: 'wk', code: 'wk' },
  /** Dimensionless UCUM annotations. */
  grade: { unit: 'grade', code: '{grade}' },
  score: { unit: 'points', code: '{score}' },
} as const satisfies Record<string, UcumUnit>;

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

const local = (code: string, display: string): Code => ({ system: MYOTROPHY.measurement, code, display });

export const MEASUREMENT_CODES: Record<string, MeasurementCoding> = {
  circumference: {
    local: local('circumference', 'Limb circumference'),
    standard: (site) =>
      site !== null && LOWER_LIMB_SITES.includes(site) ? SNOMED_LOWER_LIMB_CIRCUMFERENCE : undefined,
    ucum: UCUM.cm,
    category: CATEGORY_EXAM,
  },
  'mrc-grade': {
    local: local('mrc-grade', 'MRC/Oxford muscle grade 0–5'),
    standard: () => undefined,
    ucum: UCUM.grade,
    category: CATEGORY_EXAM,
  },
  dynamometry: {
    local: local('dynamometry', 'Dynamometry force'),
    standard: () => undefined,
    ucum: UCUM.newton,
    category: CATEGORY_EXAM,
  },
  'ultrasound-thickness': {
    local: local('ultrasound-thickness', 'Muscle thickness by ultrasound'),
    standard: () => undefined,
    ucum: UCUM.mm,
    category: CATEGORY_EXAM,
  },
  grip: {
    local: local('grip', 'Grip strength by dynamometer'),
    standard: (_site, side) =>
      side === 'left' ? LOINC_GRIP_LEFT : side === 'right' ? LOINC_GRIP_RIGHT : SNOMED_GRIP_STRENGTH,
    ucum: UCUM.kgf,
    category: CATEGORY_EXAM,
  },
  'chair-stand': {
    local: local('chair-stand', 'Five-times chair stand time'),
    standard: () => undefined,
    ucum: UCUM.second,
    category: CATEGORY_EXAM,
  },
  'gait-speed': {
    local: local('gait-speed', 'Usual gait speed'),
    standard: () => undefined,
    ucum: UCUM.metrePerSecond,
    category: CATEGORY_EXAM,
  },
  lefs: {
    local: local('lefs', 'Lower Extremity Functional Scale total (0–80)'),
    standard: () => undefined,
    ucum: UCUM.score,
    category: CATEGORY_SURVEY,
  },
};
