import type { ClinicContact } from '../../clinic/safety/red-flag-pause.ts';

/** Settings every route module receives. */
export interface AppOptions {
  /** The clock; injected so tests can fix it. */
  now: () => Date;
  /** Login attempts allowed per client address per minute. */
  loginAttemptsPerMinute: number;
  /** Mark cookies Secure; by default, when the request arrived over HTTPS. */
  secureCookies?: boolean;
  /**
   * The clinic's name, phone and email, shown to a patient whose stimulation is paused (`serve`
   * reads MYOTROPHY_CLINIC_NAME, MYOTROPHY_CLINIC_PHONE, MYOTROPHY_CLINIC_EMAIL).
   */
  clinicContact?: ClinicContact;
}
