import type {
  Binary,
  Bundle,
  CarePlan,
  CareTeam,
  Condition,
  Observation,
  OperationOutcomeIssue,
  Patient,
  Practitioner,
  Procedure,
  Provenance,
  QuestionnaireResponse,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { scoreQuestionnaire } from '../clinic/questionnaires/score-questionnaire.ts';
import type { ConditionInput } from '../clinic/record/condition.ts';
import type { EntryStatus } from '../clinic/record/correction.ts';
import type { MeasurementInput } from '../clinic/record/measurement.ts';
import type { PatientInput } from '../clinic/record/patient.ts';
import type { ProgrammeStatus } from '../clinic/record/programme.ts';
import type { QuestionnaireAnswers } from '../clinic/record/questionnaire-response.ts';
import type { SdFitSummary, SdTestInput } from '../clinic/record/sd-test.ts';
import type { SessionInput } from '../clinic/record/session.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { programmeBodyFromBinary, programmeStatusOf, programmeVersionOf } from './care-plan.ts';
import { atrophyCodeFromFhir, causeFromFhir, fromFhirCondition } from './condition.ts';
import { entryStatusOf } from './entry-status.ts';
import { fromFhirMeasurement, measurementKindOf } from './observation.ts';
import { fromFhirPatient } from './patient.ts';
import { fromFhirPractitioner } from './practitioner.ts';
import { fromFhirSession, isSessionReport, sessionKindOf } from './procedure.ts';
import { isApproval, isPatientCreation } from './provenance.ts';
import { answersFromResponse, isLefsResponse, lefsTotalFromResponse } from './questionnaire-response.ts';
import { fromFhirSdTest, isSdMember, isSdPanel } from './strength-duration.ts';
import { describeIssues, validateFhir } from './validate.ts';

/**
 * Loads a FHIR R4 Bundle holding one patient's record, all or nothing: the Bundle is validated
 * against the base R4 definitions first (refused with the validator's messages), then mapped back
 * to Myotrophy's records (refused with what is wrong), then written in one transaction. Resources
 * Myotrophy does not keep (another system's Conditions, Observations, CarePlans) are skipped and
 * listed; nothing Myotrophy keeps is dropped silently.
 *
 * Authors: a Practitioner is matched to the account with its e-mail, or a login-less clinician
 * account is made for it; records the patient wrote go to a login-less account of the new patient.
 * Records with no author are attributed to `importedBy` when given, and refused otherwise.
 */
export const IMPORT_ACCOUNT_DOMAIN = 'import.myotrophy.invalid';
/** Not an argon2 hash: the password check treats it as a mismatch, so the account cannot log in. */
export const NO_LOGIN_PASSWORD_HASH = '!imported-account-no-login';

export class FhirValidationError extends InvalidInputError {
  readonly issues: OperationOutcomeIssue[];
  constructor(message: string, issues: OperationOutcomeIssue[]) {
    super(message);
    this.issues = issues;
  }
}

export interface ImportOptions {
  now: Date;
  /** The account records without an author are attributed to, and the audit's user. */
  importedBy?: string;
}

export interface ImportResult {
  patientId: string;
  created: {
    conditions: number;
    measurements: number;
    sdTests: number;
    programmes: number;
    sessions: number;
    questionnaireResponses: number;
    careTeam: number;
    accounts: number;
  };
  matchedAccounts: string[];
  skipped: { resource: string; reason: string }[];
  warnings: string[];
}

export type AuthorKey = { kind: 'practitioner'; key: string } | { kind: 'patient' } | { kind: 'importer' };

export interface ImportPlan {
  patient: PatientInput;
  patientCreated?: { at: string; by: AuthorKey };
  practitioners: Map<string, { name: string; email: string }>;
  careTeam: { member: string; addedAt: string | undefined }[];
  conditions: { input: ConditionInput; at: string; by: AuthorKey; status: EntryStatus }[];
  measurements: { input: MeasurementInput; by: AuthorKey; status: EntryStatus }[];
  sdTests: { input: SdTestInput; summary: SdFitSummary; by: AuthorKey; status: EntryStatus }[];
  programmes: {
    key: string;
    version: number | undefined;
    status: ProgrammeStatus;
    body: Record<string, unknown>;
    createdAt: string;
    by: AuthorKey;
    supersedes: string | undefined;
    approvedAt: string | null;
    approvedBy: AuthorKey | null;
    endedAt: string | null;
  }[];
  sessions: { input: SessionInput; programme: string | undefined; by: AuthorKey; status: EntryStatus }[];
  /** PSFS and pain-rating answers (a LEFS response becomes a LEFS measurement). */
  questionnaireResponses: {
    answers: QuestionnaireAnswers;
    score: number;
    answeredAt: string;
    by: AuthorKey;
  }[];
  skipped: { resource: string; reason: string }[];
  warnings: string[];
}

const label = (r: Resource) => `${r.resourceType}/${r.id ?? '?'}`;

/** The score of imported answers; the core's message about bad answers names the resource. */
function scoredAnswers(answers: QuestionnaireAnswers, where: string): number {
  try {
    return scoreQuestionnaire(answers);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`${where}: ${error.message}`);
    throw error;
  }
}

/** Checks and maps a Bundle without touching the database; throws what is wrong. */
export function planImport(bundle: unknown, options: { importedBy?: string } = {}): ImportPlan {
  if (typeof bundle !== 'object' || bundle === null || (bundle as Resource).resourceType !== 'Bundle') {
    throw new InvalidInputError('the file is not a FHIR Bundle (resourceType "Bundle")');
  }
  const validation = validateFhir(bundle as Bundle);
  if (!validation.ok) {
    throw new FhirValidationError(
      `the Bundle is not valid FHIR R4; nothing was stored:\n${describeIssues(validation.errors).join('\n')}`,
      validation.errors,
    );
  }
  const b = bundle as Bundle;
  if (!['collection', 'transaction', 'batch', 'searchset', 'document'].includes(b.type)) {
    throw new InvalidInputError(`Bundle.type '${b.type}' cannot be imported; use collection or transaction`);
  }
  const entries = (b.entry ?? []).filter((e) => e.resource) as { fullUrl?: string; resource: Resource }[];
  const byRef = new Map<string, Resource>();
  for (const { fullUrl, resource } of entries) {
    if (fullUrl) byRef.set(fullUrl, resource);
    if (resource.id) byRef.set(`${resource.resourceType}/${resource.id}`, resource);
    if (fullUrl && resource.id && !fullUrl.startsWith('urn:')) {
      byRef.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  const resolve = (reference: Reference | undefined): Resource | undefined => {
    const r = reference?.reference;
    if (!r) return undefined;
    return byRef.get(r) ?? byRef.get(r.split('/').slice(-2).join('/'));
  };
  const keyOf = (resource: Resource) => {
    const entry = entries.find((e) => e.resource === resource);
    return entry?.fullUrl ?? label(resource);
  };
  const all = <T extends Resource>(type: T['resourceType']) =>
    entries.map((e) => e.resource).filter((r): r is T => r.resourceType === type);

  const patients = all<Patient>('Patient');
  if (patients.length !== 1) {
    throw new InvalidInputError(`the Bundle must hold exactly one Patient; it holds ${patients.length}`);
  }
  const patient = patients[0] as Patient;
  const plan: ImportPlan = {
    patient: fromFhirPatient(patient),
    practitioners: new Map(),
    careTeam: [],
    conditions: [],
    measurements: [],
    sdTests: [],
    programmes: [],
    sessions: [],
    questionnaireResponses: [],
    skipped: [],
    warnings: [],
  };
  const isOurPatient = (reference: Reference | undefined, where: string) => {
    const target = resolve(reference);
    if (target !== patient) throw new InvalidInputError(`${where}: its subject is not the Bundle's Patient`);
  };
  /**
   * The label of a resource Myotrophy keeps, once its subject is checked to be the Bundle's Patient;
   * undefined, with the reason noted among the skipped, for a resource it does not keep.
   */
  const keptResource = (
    resource: Resource & { subject?: Reference },
    keeps: boolean,
    skipReason: string,
  ): string | undefined => {
    const where = label(resource);
    if (!keeps) {
      plan.skipped.push({ resource: where, reason: skipReason });
      return undefined;
    }
    isOurPatient(resource.subject, where);
    return where;
  };
  for (const practitioner of all<Practitioner>('Practitioner')) {
    plan.practitioners.set(keyOf(practitioner), fromFhirPractitioner(practitioner));
  }
  const author = (reference: Reference | undefined, where: string): AuthorKey => {
    const target = resolve(reference);
    if (target === patient) return { kind: 'patient' };
    if (target?.resourceType === 'Practitioner') return { kind: 'practitioner', key: keyOf(target) };
    if (reference?.reference && !target) {
      throw new InvalidInputError(`${where}: its author ${reference.reference} is not in the Bundle`);
    }
    if (options.importedBy) return { kind: 'importer' };
    throw new InvalidInputError(
      `${where} names no author (a Practitioner or the Patient in the Bundle); give the importing account to attribute it`,
    );
  };

  for (const provenance of all<Provenance>('Provenance')) {
    if (isPatientCreation(provenance) && provenance.target.some((t) => resolve(t) === patient)) {
      const who = provenance.agent[0]?.who;
      plan.patientCreated = { at: provenance.recorded, by: author(who, label(provenance)) };
    }
  }
  for (const team of all<CareTeam>('CareTeam')) {
    for (const participant of team.participant ?? []) {
      const member = resolve(participant.member);
      if (member?.resourceType === 'Practitioner') {
        plan.careTeam.push({ member: keyOf(member), addedAt: participant.period?.start });
      }
    }
  }

  // Conditions: those named as evidence are causes; the others must be atrophy diagnoses Myotrophy codes.
  const conditions = all<Condition>('Condition');
  const causeOf = new Map<Condition, Condition>();
  for (const condition of conditions) {
    for (const evidence of condition.evidence ?? []) {
      for (const detail of evidence.detail ?? []) {
        const target = resolve(detail);
        if (target?.resourceType === 'Condition') causeOf.set(condition, target as Condition);
      }
    }
  }
  const causes = new Set(causeOf.values());
  for (const condition of conditions) {
    if (causes.has(condition)) continue;
    const where = keptResource(
      condition,
      Boolean(atrophyCodeFromFhir(condition)),
      "no ICD-10-CM code in Myotrophy's table",
    );
    if (!where) continue;
    const causeCondition = causeOf.get(condition);
    const cause = causeCondition ? causeFromFhir(causeCondition) : undefined;
    if (causeCondition && !cause) {
      plan.warnings.push(
        `${label(causeCondition)}: the cause is not one Myotrophy knows; ${where} kept without it`,
      );
    }
    const at = condition.recordedDate;
    if (!at) throw new InvalidInputError(`${where} has no recordedDate`);
    plan.conditions.push({
      input: fromFhirCondition(condition, cause ?? null),
      at,
      by: author(condition.recorder, where),
      status: entryStatusOf(
        condition.verificationStatus?.coding?.some((c) => c.code === 'entered-in-error')
          ? 'entered-in-error'
          : undefined,
      ),
    });
  }

  const observations = all<Observation>('Observation');
  const responses = all<QuestionnaireResponse>('QuestionnaireResponse');
  const usedResponses = new Set<QuestionnaireResponse>();
  const usedObservations = new Set<Observation>();
  for (const observation of observations) {
    const where = label(observation);
    if (isSdPanel(observation)) {
      isOurPatient(observation.subject, where);
      const members = (observation.hasMember ?? [])
        .map((m) => resolve(m))
        .filter((m): m is Observation => m?.resourceType === 'Observation');
      for (const m of members) usedObservations.add(m);
      const { input, summary } = fromFhirSdTest(observation, members);
      plan.sdTests.push({
        input,
        summary,
        by: author(observation.performer?.[0], where),
        status: entryStatusOf(observation.status),
      });
      usedObservations.add(observation);
      continue;
    }
    if (isSdMember(observation) || isSessionReport(observation)) continue;
    const kind = measurementKindOf(observation);
    if (!kind) continue;
    isOurPatient(observation.subject, where);
    const input = fromFhirMeasurement(observation, kind);
    if (kind === 'lefs') {
      for (const source of observation.derivedFrom ?? []) {
        const response = resolve(source);
        if (response?.resourceType !== 'QuestionnaireResponse') continue;
        usedResponses.add(response as QuestionnaireResponse);
        const total = lefsTotalFromResponse(response as QuestionnaireResponse);
        if (total !== input.value) {
          throw new InvalidInputError(
            `${where} states a LEFS total of ${input.value}; ${label(response)} gives ${total}`,
          );
        }
      }
    }
    plan.measurements.push({
      input,
      by: author(observation.performer?.[0], where),
      status: entryStatusOf(observation.status),
    });
    usedObservations.add(observation);
  }
  for (const response of responses) {
    if (usedResponses.has(response)) continue;
    const answers = answersFromResponse(response);
    const where = keptResource(
      response,
      isLefsResponse(response) || (answers !== undefined && response.status !== 'entered-in-error'),
      answers ? 'a questionnaire answer entered in error' : 'not a questionnaire Myotrophy keeps',
    );
    if (!where) continue;
    const authored = response.authored;
    if (!authored) throw new InvalidInputError(`${where} has no authored time`);
    if (answers) {
      plan.questionnaireResponses.push({
        answers,
        score: scoredAnswers(answers, where),
        answeredAt: authored,
        by: author(response.author, where),
      });
      continue;
    }
    plan.measurements.push({
      input: { kind: 'lefs', value: lefsTotalFromResponse(response), measuredAt: authored },
      by: author(response.author, where),
      status: entryStatusOf(response.status),
    });
  }

  const carePlans = all<CarePlan>('CarePlan');
  const approvals = all<Provenance>('Provenance').filter(isApproval);
  const programmeKeys = new Set<string>();
  for (const carePlan of carePlans) {
    const binary = (carePlan.supportingInfo ?? [])
      .map((s) => resolve(s))
      .find((r): r is Binary => r?.resourceType === 'Binary');
    const where = keptResource(
      carePlan,
      binary !== undefined,
      'carries no Myotrophy programme (Binary in supportingInfo)',
    );
    if (!where || !binary) continue;
    const status = programmeStatusOf(carePlan.status);
    if (!status) {
      throw new InvalidInputError(
        `${where}: status '${carePlan.status}' is not draft, active, completed or revoked`,
      );
    }
    const body = programmeBodyFromBinary(binary);
    const approval = approvals.find((p) => p.target.some((t) => resolve(t) === carePlan));
    if (status !== 'draft' && status !== 'entered-in-error' && !approval) {
      throw new InvalidInputError(`${where} is ${carePlan.status} but no Provenance records who approved it`);
    }
    if (!carePlan.created) throw new InvalidInputError(`${where} has no created time`);
    const replaced = carePlan.replaces?.[0] ? resolve(carePlan.replaces[0]) : undefined;
    plan.programmes.push({
      key: keyOf(carePlan),
      version: programmeVersionOf(carePlan),
      status,
      body,
      createdAt: carePlan.created,
      by: author(carePlan.author, where),
      supersedes: replaced ? keyOf(replaced) : undefined,
      approvedAt: approval ? approval.recorded : null,
      approvedBy: approval ? author(approval.agent[0]?.who, label(approval)) : null,
      endedAt: status === 'ended' ? (carePlan.period?.end ?? null) : null,
    });
    programmeKeys.add(keyOf(carePlan));
  }
  plan.programmes.sort(
    (a, b) => (a.version ?? 0) - (b.version ?? 0) || a.createdAt.localeCompare(b.createdAt),
  );
  if (plan.programmes.filter((p) => p.status === 'approved').length > 1) {
    throw new InvalidInputError('the Bundle holds more than one active programme; a patient has at most one');
  }

  for (const procedure of all<Procedure>('Procedure')) {
    const where = keptResource(
      procedure,
      Boolean(sessionKindOf(procedure)),
      'not a Myotrophy stimulation or exercise session',
    );
    if (!where) continue;
    const reports = observations.filter((o) => (o.partOf ?? []).some((p) => resolve(p) === procedure));
    const basedOn = (procedure.basedOn ?? [])
      .map((r) => resolve(r))
      .find((r) => r?.resourceType === 'CarePlan');
    const programme = basedOn && programmeKeys.has(keyOf(basedOn)) ? keyOf(basedOn) : undefined;
    plan.sessions.push({
      input: fromFhirSession(procedure, reports, null),
      programme,
      by: author(procedure.recorder, where),
      status: entryStatusOf(procedure.status),
    });
  }
  for (const observation of observations) {
    if (usedObservations.has(observation) || isSdMember(observation) || isSessionReport(observation))
      continue;
    plan.skipped.push({ resource: label(observation), reason: 'not a measurement Myotrophy keeps' });
  }
  return plan;
}
