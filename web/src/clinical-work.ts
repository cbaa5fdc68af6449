import type { User } from './types.ts';

/**
 * Who does clinical work: clinicians, and admins who explicitly hold the clinician role (the API's
 * rule, docs/security.md); only they sit on a care team or change a record.
 */
export function doesClinicalWork(user: Pick<User, 'role' | 'clinicianRole'>): boolean {
  return user.role === 'clinician' || (user.role === 'admin' && user.clinicianRole === true);
}
