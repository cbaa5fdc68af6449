import { loggedLengthForPatient } from '@core/clinic/words/patient-words.ts';
import { dateTime } from '../format.ts';
import { say } from '../i18n/patient-text.ts';
import type { Session } from '../types.ts';
// Itself loaded near the screen (lazy.tsx), so the trend's chart comes with it.
import { ComfortPainTrend } from './comfort-pain-trend.tsx';
import { byStatus, CorrectedRecords, type RecordKind } from './record-correction.tsx';
import { AdherenceCalendar, LogSessionForm, SessionLog } from './sessions.tsx';

/** A session in a line, as its history lists it. */
const sessionWords = (s: Session) =>
  `${s.kind} ${dateTime(s.startedAt)}, ${say(loggedLengthForPatient(s.minutes))}, pain ${s.pain ?? '—'}${s.completed ? '' : ', not completed'}`;

const SESSIONS: RecordKind<Session> = { path: 'sessions', noun: 'sessions', describe: sessionWords };

/**
 * The clinician's view of the logged sessions: adherence and the comfort/pain trend from the
 * current ones only, the latest sessions each correctable, the corrected ones struck through, and
 * a supervised session logged here.
 */
export function Sessions({
  patientId,
  sessions,
  canEdit,
  programme,
  timeZone,
  maxIntensityMa,
  onSaved,
}: {
  patientId: string;
  sessions: Session[];
  canEdit: boolean;
  programme: { id: string; approvedAt: string | null; body: unknown } | null;
  timeZone: string;
  maxIntensityMa: number | null;
  onSaved: () => void;
}) {
  const { current, corrected } = byStatus(sessions);
  return (
    <>
      <div className="grid-2">
        <AdherenceCalendar sessions={current} programme={programme} timeZone={timeZone} />
        <ComfortPainTrend sessions={current} timeZone={timeZone} />
      </div>
      <SessionLog sessions={current} correction={{ patientId, canEdit, onSaved, kind: SESSIONS }} />
      <CorrectedRecords patientId={patientId} kind={SESSIONS} records={corrected} />
      {canEdit && (
        <details>
          <summary>Log a supervised session</summary>
          <LogSessionForm
            patientId={patientId}
            programmeId={programme?.id ?? null}
            maxIntensityMa={maxIntensityMa}
            defaultMinutes={30}
            onLogged={onSaved}
          />
        </details>
      )}
    </>
  );
}
