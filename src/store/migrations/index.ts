import type { Migration } from 'kysely';
import * as initial from './0001-initial.ts';
import * as sessionClientKey from './0002-session-client-key.ts';
import * as accounts from './0003-accounts.ts';
import * as redFlagResolutions from './0004-red-flag-resolutions.ts';
import * as identifiedModels from './0005-identified-models.ts';
import * as auditChain from './0006-audit-chain.ts';
import * as timeZones from './0007-time-zones.ts';
import * as sessionDelivery from './0008-session-delivery.ts';
import * as corrections from './0009-corrections.ts';
import * as questionnaireSchedules from './0010-questionnaire-schedules.ts';
import * as bulkExport from './0011-bulk-export.ts';
import * as questionnaireResponses from './0014-questionnaire-responses.ts';
import * as reminders from './0015-reminders.ts';
import * as patientLanguage from './0016-patient-language.ts';
import * as clinicTenancy from './0017-clinic-tenancy.ts';
import * as sharedState from './0018-shared-state.ts';
import * as bulkExportSince from './0019-bulk-export-since.ts';
import * as clinicContact from './0020-clinic-contact.ts';
import * as accountChangeNotices from './0021-account-change-notices.ts';

/**
 * Every schema version, in order. Names sort in application order; a shipped migration is never
 * edited — a change is a new file listed here.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-session-client-key': sessionClientKey,
  '0003-accounts': accounts,
  '0004-red-flag-resolutions': redFlagResolutions,
  '0005-identified-models': identifiedModels,
  '0006-audit-chain': auditChain,
  '0007-time-zones': timeZones,
  '0008-session-delivery': sessionDelivery,
  '0009-corrections': corrections,
  '0010-questionnaire-schedules': questionnaireSchedules,
  '0011-bulk-export': bulkExport,
  '0014-questionnaire-responses': questionnaireResponses,
  '0015-reminders': reminders,
  '0016-patient-language': patientLanguage,
  '0017-clinic-tenancy': clinicTenancy,
  '0018-shared-state': sharedState,
  '0019-bulk-export-since': bulkExportSince,
  '0020-clinic-contact': clinicContact,
  '0021-account-change-notices': accountChangeNotices,
};
