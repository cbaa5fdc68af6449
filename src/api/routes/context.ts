import type { ClinicContact } from '../../clinic/safety/red-flag-pause.ts';
import type { ComputePool } from '../compute-pool.ts';

/** Settings every route module receives. */
export interface AppOptions {
  /** The clock; injected so tests can fix it. */
  now: () => Date;
  /** Login attempts allowed per client address per minute. */
  loginAttemptsPerMinute: number;
  /** Mark cookies Secure; by default, when the request arrived over HTTPS. */
  secureCookies?: boolean;
  /** Heavy computations (simulated sessions) allowed per user per minute. */
  heavyComputationsPerMinute: number;
  /** Where heavy computations run, off the event loop; without it they run in the request. */
  compute?: ComputePool;
  /** The URL clients reach the server at (e.g. https://myotrophy.clinic.example): absolute links are built from it. */
  publicUrl?: string;
  /**
   * The clinic's name, phone and email, shown to a patient whose stimulation is paused (`serve`
   * reads MYOTROPHY_CLINIC_NAME, MYOTROPHY_CLINIC_PHONE, MYOTROPHY_CLINIC_EMAIL).
   */
  clinicContact?: ClinicContact;
  /** The clinic's IANA time zone (MYOTROPHY_CLINIC_TIME_ZONE); new people get it. 'UTC' when unset. */
  clinicTimeZone?: string;
  /** Accept Web Push endpoints at http://127.0.0.1 (a test's push service); real ones are https. */
  allowLoopbackPush?: boolean;
}
