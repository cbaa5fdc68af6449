import { describe, expect, it } from 'vitest';
import { planProgramme, requireDraft } from '../clinic/programme/plan.ts';
import type { Programme } from '../clinic/record/programme.ts';
import {
  programmeBodyFromBinary,
  programmeStatusOf,
  programmeVersionOf,
  toFhirProgramme,
} from './care-plan.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

const body = requireDraft(planProgramme({ goal: 'strengthen', muscle: 'triceps-surae', side: 'right' }));
const programme: Programme = {
  id: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
  patientId: PATIENT_ID,
  version: 2,
  status: 'approved',
  body,
  safety: body.safety,
  supersedesId: '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9',
  createdAt: '2024-05-01T08:00:00.000Z',
  createdBy: CLINICIAN_ID,
  approvedAt: '2024-05-01T08:15:00.000Z',
  approvedBy: CLINICIAN_ID,
  endedAt: null,
};

describe('programme CarePlan', () => {
  it('writes an active CarePlan with its version, predecessor, Goal and one ServiceRequest per level and stage', () => {
    const { carePlan, goal, requests } = toFhirProgramme(programme, testContext(), ['c1']);
    expect(carePlan).toMatchObject({
      status: 'active',
      intent: 'plan',
      created: programme.createdAt,
      author: { reference: `Practitioner/${CLINICIAN_ID}` },
      period: { start: programme.approvedAt },
      replaces: [{ reference: `CarePlan/${programme.supersedesId}` }],
      addresses: [{ reference: 'Condition/c1' }],
    });
    expect(programmeVersionOf(carePlan)).toBe(2);
    expect(goal).toMatchObject({
      lifecycleStatus: 'active',
      description: { coding: [{ code: 'strengthen' }] },
    });
    expect(requests).toHaveLength(body.stimulation.levels.length + body.exercise.stages.length);
    expect(carePlan.activity?.map((a) => a.reference?.reference)).toEqual(
      requests.map((r) => `ServiceRequest/${r.id}`),
    );
  });

  it('times each stimulation level: sessions a week, minutes a session, weeks at the level', () => {
    const { requests } = toFhirProgramme(programme, testContext(), []);
    const level = body.stimulation.levels[0];
    if (!level) throw new Error('the plan has no level');
    const minutes = level.blocks.reduce((sum, b) => sum + b.minutes, 0);
    expect(requests[0]?.occurrenceTiming?.repeat).toMatchObject({
      frequency: level.sessionsPerWeek,
      period: 1,
      periodUnit: 'wk',
      duration: minutes,
      durationUnit: 'min',
      boundsDuration: { value: level.toWeek - level.fromWeek + 1, code: 'wk' },
    });
    expect(requests[0]?.bodySite?.[0]?.coding?.[0]?.code).toBe('triceps-surae|right');
    expect(requests[0]?.requester?.reference).toBe(`Practitioner/${CLINICIAN_ID}`);
  });

  it('carries the whole programme in a Binary that reads back identically', () => {
    const { body: binary } = toFhirProgramme(programme, testContext(), []);
    expect(programmeBodyFromBinary(binary)).toEqual(JSON.parse(JSON.stringify(body)));
    expect(() => programmeBodyFromBinary({ ...binary, data: Buffer.from('[1]').toString('base64') })).toThrow(
      'must hold a JSON object (the programme)',
    );
  });

  it('maps the programme statuses to CarePlan statuses and back', () => {
    for (const status of ['draft', 'approved', 'ended'] as const) {
      const { carePlan } = toFhirProgramme({ ...programme, status }, testContext(), []);
      expect(programmeStatusOf(carePlan.status)).toBe(status);
    }
    expect(programmeStatusOf('revoked')).toBe('ended');
    expect(programmeStatusOf('on-hold')).toBeUndefined();
  });
});
