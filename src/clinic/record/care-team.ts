export const ROLES = ['admin', 'clinician', 'patient'] as const;
export type Role = (typeof ROLES)[number];

/** A member of a patient's care team. */
export interface CareTeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  addedAt: string;
}

/** An account that wrote part of a record (its author), as the record names it. */
export interface RecordAuthor {
  id: string;
  name: string;
  email: string;
  role: Role;
  patientId: string | null;
}
