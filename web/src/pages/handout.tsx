import { patientMuscle } from '@core/clinic/anatomy/patient-view.ts';
import type { BodySite } from '@core/clinic/coding/icd10cm-table.ts';
import type { StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import { RED_FLAG_KEYS } from '@core/clinic/screening/red-flags.ts';
import { describeProgrammeForPatient, describeWeeksForPatient } from '@core/clinic/words/patient-words.ts';
import { useCatalogue } from '../catalogue.ts';
import { ElectrodePlacement } from '../components/electrode-placement.tsx';
import { ExerciseList } from '../components/exercise-list.tsx';
import { ColumnHeads, Status } from '../components/section.tsx';
import { useGet } from '../hooks.ts';
import { capitalise, type MessageKey, useI18n } from '../i18n/i18n.ts';
import { say, sayAll } from '../i18n/patient-text.ts';
import type { Overview } from '../types.ts';

/** What caused the atrophy, in plain words, by the cause's group. */
const CAUSE_WORDS: Record<string, MessageKey> = {
  disuse: 'handout.cause.disuse',
  neurogenic: 'handout.cause.neurogenic',
  other: 'handout.cause.other',
};

/** Sites a patient can be told in plain words; "other" and "unspecified" name no place. */
type NamedSite = Exclude<BodySite, 'other' | 'unspecified'>;

function isNamedSite(site: BodySite | null): site is NamedSite {
  return site !== null && site !== 'other' && site !== 'unspecified';
}

/** The clinic's name and how to reach it, as GET /api/patients/:id/today gives it (null when the server has none set). */
interface ClinicContact {
  name: string;
  phone?: string;
  email?: string;
}

/**
 * The printable handout: plain words, the cause only when one was recorded, every week of the
 * programme, the electrode picture, exercises, when to call, and the clinic's name and contact.
 */
export function HandoutPage({ patientId }: { patientId: string }) {
  const overview = useGet<Overview>(`/api/patients/${patientId}/overview`);
  const today = useGet<{ clinic: ClinicContact | null }>(`/api/patients/${patientId}/today`);
  const catalogue = useCatalogue();
  const { t, formatDate } = useI18n();
  const o = overview.data;
  const clinic = today.data?.clinic;
  if (!o || !catalogue || clinic === undefined)
    return (
      <Status
        loading={overview.loading || today.loading || !catalogue}
        error={overview.error ?? today.error}
        what={t('handout.what')}
      />
    );
  const condition = o.conditions[o.conditions.length - 1];
  // Only a cause the clinician recorded: with none, the handout names none.
  const cause = condition?.cause ? catalogue.causes.find((c) => c.id === condition.cause) : undefined;
  const programme = o.activeProgramme?.body;
  const stimulation = programme?.stimulation;
  const level = stimulation?.levels?.[0];
  const muscleLabel = stimulation ? capitalise(say(patientMuscle(stimulation.muscle).text)) : '';
  const words = stimulation ? describeProgrammeForPatient(stimulation as StimulationProgramme) : null;
  const weeks = describeWeeksForPatient(stimulation as StimulationProgramme | undefined, programme?.exercise);

  return (
    <article className="handout" aria-labelledby="handout-title">
      <div className="title-row no-print">
        <p>{t('handout.printsCleanly')}</p>
        <button type="button" onClick={() => window.print()}>
          {t('handout.print')}
        </button>
      </div>
      <h1 id="handout-title">{t('handout.title', { name: o.patient.name })}</h1>
      <p className="meta">
        {t('handout.printed', { date: formatDate(new Date()) })} {clinic && <ClinicLine clinic={clinic} />}
      </p>

      <h2>{t('handout.atrophy.heading')}</h2>
      <p>{t('handout.atrophy.text')}</p>
      {condition && (
        <>
          <h2>{t(cause ? 'handout.cause.heading' : 'handout.yourMuscle')}</h2>
          <p>
            {/* The catalogue's cause names are the clinician's English: the patient reads them worded
                by id; a cause without a message fails test/i18n-core-words.test.ts. */}
            {cause && (
              <CauseLine
                label={t(`handout.causeName.${cause.id}` as MessageKey)}
                story={CAUSE_WORDS[cause.group]}
              />
            )}
            {isNamedSite(condition.site) &&
              t('handout.muscleIn', {
                place: t(`handout.site.${condition.site}`),
                side: condition.side ?? 'unspecified',
              })}
          </p>
        </>
      )}

      {stimulation && level && words ? (
        <>
          <h2>{t('handout.stimulation.heading')}</h2>
          <p>{say(words.title)}.</p>
          <p>{say(words.placement)}</p>
          <ul>
            {words.levels.map((l) => (
              <li key={JSON.stringify(l[0])}>{sayAll(l)}</li>
            ))}
          </ul>
          <ElectrodePlacement programme={stimulation} muscleLabel={muscleLabel} />
          <ul>
            {words.safety.map((r) => (
              <li key={r.key}>{say(r)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('handout.stimulation.none')}</p>
      )}

      {weeks.length > 0 && (
        <>
          <h2>{t('handout.weeks.heading')}</h2>
          <table className="weeks">
            <caption className="sr-only">{t('handout.weeks.caption')}</caption>
            <ColumnHeads
              columns={[t('handout.weeks.week'), t('handout.weeks.stimulation'), t('handout.weeks.exercise')]}
            />
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{t('handout.weeks.weekNumber', { week: w.week })}</th>
                  <td>{say(w.stimulation)}</td>
                  <td>{say(w.exercise)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {programme?.exercise && (
        <>
          <h2>{t('handout.exercises.heading')}</h2>
          <ExerciseList exercise={programme.exercise} />
        </>
      )}

      <h2>{t('handout.hurts.heading')}</h2>
      <ul>
        <li>{t('handout.hurts.strong')}</li>
        <li>{t('handout.hurts.dayAfter')}</li>
        <li>{t('handout.hurts.redness')}</li>
      </ul>

      <h2>{t('handout.call.heading')}</h2>
      <p>{t('handout.call.intro')}</p>
      <ul>
        {/* The flags in a patient's words, not the clinician's labels; tsc fails on a flag without a message. */}
        {RED_FLAG_KEYS.map((key) => (
          <li key={key}>{t(`handout.flag.${key}`)}</li>
        ))}
        <li>{t('handout.call.calf')}</li>
        <li>{t('handout.call.skin')}</li>
      </ul>
      <p>
        <strong>{t('handout.emergency.call')}</strong> {t('handout.emergency.when')}
      </p>
      <h2>{t('handout.clinic.heading')}</h2>
      {/* With no contact set on the server, a line the patient fills in on the printout. */}
      <p>{clinic ? <ClinicLine clinic={clinic} /> : t('handout.clinic.unset')}</p>
    </article>
  );
}

/** The recorded cause's name (the catalogue's) and what it means, in the patient's language. */
function CauseLine({ label, story }: { label: string; story: MessageKey | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {label}. {story ? t(story) : ''}{' '}
    </>
  );
}

function ClinicLine({ clinic }: { clinic: ClinicContact }) {
  const { t } = useI18n();
  const ways = [
    clinic.phone && t('handout.clinic.phone', { phone: clinic.phone }),
    clinic.email && t('handout.clinic.email', { email: clinic.email }),
  ].filter(Boolean);
  return (
    <>
      {clinic.name}
      {ways.length > 0 ? `: ${ways.join(', ')}.` : '.'}
    </>
  );
}
