import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { CorrectableKind, EntryVersion, RecordCorrection } from '../clinic/record/correction.ts';
import type { PatientRecord } from '../clinic/record/patient-record.ts';
import type { QuestionnaireResponseRecord } from '../clinic/record/questionnaire-response.ts';
import { recordSource } from '../clinic/record/record-source.ts';
import { carePlanIdOf, toFhirProgramme } from './care-plan.ts';
import { toFhirCareTeam } from './care-team.ts';
import { toFhirConditions } from './condition.ts';
import { type IdentifiedModel, toFhirIdentifiedModel } from './identified-model.ts';
import { toFhirMeasurement } from './observation.ts';
import { toFhirPatient } from './patient.ts';
import { toFhirPractitioner } from './practitioner.ts';
import { toFhirSession } from './procedure.ts';
import { correctionProvenance, patientCreatedProvenance, programmeApprovedProvenance } from './provenance.ts';
import {
  lefsObservationLink,
  toFhirLefsResponse,
  toFhirQuestionnaireResponse,
} from './questionnaire-response.ts';
import { type Author, type MappingContext, type ReferenceStyle, ref, referenceTo } from './references.ts';
import { toFhirSdTest } from './strength-duration.ts';

/** What an export carries beside the patient's record. */
export interface ExportedExtras {
  /** Force models identified from the patient's recordings. */
  identifiedModels?: readonly IdentifiedModel[];
  corrections?: readonly RecordCorrection[];
  /** The patient's answers to questionnaires, item by item. */
  questionnaireResponses?: readonly QuestionnaireResponseRecord[];
}

/** Orders records by time, then by their content without ids, so the order survives new ids. */
function byTimeThenContent<T extends object>(time: (r: T) => string) {
  const key = (r: T) =>
    JSON.stringify(r, (k, v) => (k === 'id' || k.endsWith('Id') || k.endsWith('By') ? undefined : v));
  return (a: T, b: T) => time(a).localeCompare(time(b)) || key(a).localeCompare(key(b));
}

/**
 * Everything Myotrophy holds on one patient (a record the caller read, and the force models identified
 * from the patient's recordings), as FHIR R4 resources in a fixed order: Patient, its
 * Provenance, Practitioners, CareTeam, Conditions, Observations (with LEFS QuestionnaireResponses),
 * PSFS and pain-rating QuestionnaireResponses, strength–duration panels, identified force models (each an Observation and the DocumentReference
 * of its recording, identified-model.ts), CarePlans with Goal, ServiceRequests, programme Binary and approval
 * Provenance, then Procedures with their session Observations. Records are ordered by time and then
 * by content (never by id), so a record exported, imported and exported again comes out in the same
 * place. `keep` is asked, for each resource, about the stored entries it is made from
 * (record-source.ts): an incremental bulk export keeps only those made from changed entries.
 */
export function patientResources(
  record: PatientRecord,
  style: ReferenceStyle,
  { identifiedModels = [], corrections = [], questionnaireResponses = [] }: ExportedExtras = {},
  keep: (sources: readonly string[]) => boolean = () => true,
): Resource[] {
  const { patient, careTeam } = record;
  const patientId = patient.id;
  // A version an amendment replaced is history, not a resource of its own (FHIR keeps versions in
  // a resource's history); what was entered in error is exported with that status.
  const exported = <T extends EntryVersion>(entries: readonly T[]) =>
    entries.filter((e) => e.status !== 'superseded');
  const conditions = exported(record.conditions).sort(byTimeThenContent((c) => c.recordedAt));
  const measurements = exported(record.measurements).sort(byTimeThenContent((m) => m.measuredAt));
  const sdTests = exported(record.sdTests).sort(byTimeThenContent((t) => t.testedAt));
  const sessions = exported(record.sessions).sort(byTimeThenContent((s) => s.startedAt));
  const programmes = record.programmes;
  const users = record.authors;
  const authors = new Map<string, Author>();
  for (const user of users) {
    authors.set(
      user.id,
      user.role === 'patient' && user.patientId === patientId
        ? { userId: user.id, resourceType: 'Patient', id: patientId }
        : { userId: user.id, resourceType: 'Practitioner', id: user.id },
    );
  }
  const context: MappingContext = { style, patientId, authors };

  // Every resource, and those kept: the ones whose stored entries `keep` accepts.
  const all: Resource[] = [];
  const resources: Resource[] = [];
  const add = (sources: readonly string[], ...made: Resource[]) => {
    all.push(...made);
    if (keep(sources)) resources.push(...made);
  };
  const ofPatient = [recordSource('patient', patientId)];
  add(ofPatient, toFhirPatient(patient));
  if (authors.has(record.createdBy)) {
    add(ofPatient, patientCreatedProvenance(patient.createdAt, record.createdBy, context));
  }
  for (const user of users) {
    if (authors.get(user.id)?.resourceType === 'Practitioner') {
      add([recordSource('user', user.id)], toFhirPractitioner(user));
    }
  }
  const team = careTeam.filter((m) => authors.get(m.userId)?.resourceType === 'Practitioner');
  team.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.email.localeCompare(b.email));
  if (team.length > 0) {
    add(
      team.map((m) => recordSource('care-team', patientId, m.userId)),
      toFhirCareTeam(team, context),
    );
  }
  for (const condition of conditions) {
    add([recordSource('condition', condition.id)], ...toFhirConditions(condition, context));
  }
  const answerOfMeasurement = new Map(
    questionnaireResponses.flatMap((r) => (r.measurementId ? [[r.measurementId, r] as const] : [])),
  );
  for (const measurement of measurements) {
    const source = recordSource('measurement', measurement.id);
    if (measurement.kind === 'lefs') {
      const answered = answerOfMeasurement.get(measurement.id);
      add(
        answered ? [source, recordSource('questionnaire-response', answered.id)] : [source],
        answered
          ? toFhirQuestionnaireResponse(answered, context, measurement)
          : toFhirLefsResponse(measurement, context),
      );
      add([source], toFhirMeasurement(measurement, context, lefsObservationLink(measurement.id, context)));
    } else {
      add([source], toFhirMeasurement(measurement, context));
    }
  }
  const ownAnswers = questionnaireResponses
    .filter((r) => r.questionnaire !== 'lefs')
    .sort(byTimeThenContent((r) => r.answeredAt));
  for (const answer of ownAnswers) {
    add([recordSource('questionnaire-response', answer.id)], toFhirQuestionnaireResponse(answer, context));
  }
  for (const test of sdTests) add([recordSource('sd-test', test.id)], ...toFhirSdTest(test, context));
  const models = [...identifiedModels].sort(byTimeThenContent((m) => m.identifiedAt));
  for (const model of models) {
    add([recordSource('identified-model', model.id)], ...toFhirIdentifiedModel(model, context));
  }
  const atrophyIds = conditions.map((c) => c.id);
  for (const programme of programmes) {
    const mapped = toFhirProgramme(programme, context, atrophyIds);
    const approval = programmeApprovedProvenance(programme, context);
    add(
      [recordSource('programme', programme.id)],
      mapped.carePlan,
      mapped.goal,
      ...mapped.requests,
      mapped.body,
      ...(approval ? [approval] : []),
    );
  }
  for (const session of sessions) {
    const { procedure, reports } = toFhirSession(session, context, carePlanIdOf);
    add([recordSource('session', session.id)], procedure, ...reports);
  }
  for (const { correction, provenance } of correctionProvenances(corrections, all, context)) {
    add([recordSource('correction', correction.id)], provenance);
  }
  return resources;
}

export function entryOf(resource: Resource, style: ReferenceStyle, baseUrl = ''): BundleEntry {
  const id = resource.id as string;
  return {
    fullUrl:
      style === 'bundle'
        ? referenceTo('bundle', resource.resourceType, id)
        : `${baseUrl}${resource.resourceType}/${id}`,
    resource,
  };
}

/** The patient's record (and identified force models) as a FHIR R4 `collection` Bundle. */
export function patientBundle(record: PatientRecord, now: Date, extras: ExportedExtras = {}): Bundle {
  const resources = patientResources(record, 'bundle', extras);
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString() },
    type: 'collection',
    entry: resources.map((r) => entryOf(r, 'bundle')),
  };
}

/** The resource each kind of corrected record is exported as (screenings and notes are not exported). */
const CORRECTED_RESOURCE: Partial<Record<CorrectableKind, (id: string) => [string, string]>> = {
  conditions: (id) => ['Condition', id],
  measurements: (id) => ['Observation', id],
  'sd-tests': (id) => ['Observation', id],
  sessions: (id) => ['Procedure', id],
  programmes: (id) => ['CarePlan', carePlanIdOf(id)],
};

/** A Provenance for each correction whose resource is exported and whose author is known, by time then content. */
function correctionProvenances(
  corrections: readonly RecordCorrection[],
  resources: readonly Resource[],
  context: MappingContext,
): { correction: RecordCorrection; provenance: Resource }[] {
  const present = new Set(resources.map((r) => `${r.resourceType}/${r.id}`));
  return [...corrections].sort(byTimeThenContent((c) => c.correctedAt)).flatMap((correction) => {
    const target = CORRECTED_RESOURCE[correction.kind]?.(correction.replacementId ?? correction.recordId);
    if (!target || !present.has(target.join('/')) || !context.authors.has(correction.correctedBy)) return [];
    return [
      {
        correction,
        provenance: correctionProvenance(correction, ref(context, target[0], target[1]), context),
      },
    ];
  });
}
