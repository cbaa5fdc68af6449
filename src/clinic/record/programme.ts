/** 'entered-in-error': kept in the history, never in force (./current-values.ts). */
export const PROGRAMME_STATUSES = ['draft', 'approved', 'ended', 'entered-in-error'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/**
 * Programmes are versioned per patient: every create or edit makes a new draft (version n+1);
 * a clinician approves one draft, which ends the programme approved before it. At most one
 * programme per patient is approved at a time.
 */
export interface Programme {
  id: string;
  patientId: string;
  version: number;
  status: ProgrammeStatus;
  body: unknown;
  /** The output-safety verdict recorded with this version. */
  safety: unknown;
  supersedesId: string | null;
  createdAt: string;
  createdBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  endedAt: string | null;
}
