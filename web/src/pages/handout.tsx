import type { StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import { describeProgrammeForPatient, describeWeeksForPatient } from '@core/clinic/words/patient-words.ts';
import { useCatalogue } from '../catalogue.ts';
import { ElectrodePlacement } from '../components/electrode-placement.tsx';
import { ExerciseList } from '../components/exercise-list.tsx';
import { ColumnHeads, Status } from '../components/section.tsx';
import { date } from '../format.ts';
import { useGet } from '../hooks.ts';
import type { Overview } from '../types.ts';

/** What caused the atrophy, in plain words, by the cause's group. */
const CAUSE_WORDS: Record<string, string> = {
  disuse:
    'Your muscle has become smaller because it has not been used as much as usual. Muscles keep only the size they are asked to work at: within days of resting a limb, they start to shrink.',
  neurogenic:
    'The nerve that tells your muscle to tighten has been damaged. Without those signals the muscle cannot work by itself, and it shrinks.',
  other:
    'An illness, a medicine or a change in nutrition has made it harder for your body to keep muscle, so the muscle has become smaller and weaker.',
};

/** The clinic's name and how to reach it, as GET /api/patients/:id/today gives it. */
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
  const today = useGet<{ clinic: ClinicContact }>(`/api/patients/${patientId}/today`);
  const catalogue = useCatalogue();
  const o = overview.data;
  const clinic = today.data?.clinic;
  if (!o || !catalogue || !clinic)
    return (
      <Status
        loading={overview.loading || today.loading || !catalogue}
        error={overview.error ?? today.error}
        what="the handout"
      />
    );
  const condition = o.conditions[o.conditions.length - 1];
  // Only a cause the clinician recorded: with none, the handout names none.
  const cause = condition?.cause ? catalogue.causes.find((c) => c.id === condition.cause) : undefined;
  const programme = o.activeProgramme?.body;
  const stimulation = programme?.stimulation;
  const level = stimulation?.levels?.[0];
  const muscleLabel = catalogue.muscles.find((m) => m.id === stimulation?.muscle)?.label ?? 'Your muscle';
  const words = stimulation ? describeProgrammeForPatient(stimulation as StimulationProgramme) : null;
  const weeks = describeWeeksForPatient(stimulation as StimulationProgramme | undefined, programme?.exercise);

  return (
    <article className="handout" aria-labelledby="handout-title">
      <div className="title-row no-print">
        <p>This page prints cleanly on A4 or Letter paper.</p>
        <button type="button" onClick={() => window.print()}>
          Print handout
        </button>
      </div>
      <h1 id="handout-title">Your muscle programme, {o.patient.name}</h1>
      <p className="meta">
        Printed {date(new Date().toISOString())}. <ClinicLine clinic={clinic} />
      </p>

      <h2>What is muscle atrophy?</h2>
      <p>
        Atrophy means a muscle has become smaller and weaker. It is common after an injury, an operation, time
        in bed or in a cast, and some illnesses. It can usually be slowed, and often reversed, by making the
        muscle work again: with gentle electrical stimulation that makes the muscle tighten for you, and with
        exercise.
      </p>
      {condition && (
        <>
          <h2>{cause ? 'What caused yours' : 'Your muscle'}</h2>
          <p>
            {cause ? `${cause.label}. ${CAUSE_WORDS[cause.group] ?? ''} ` : ''}
            The muscle affected is in your {condition.title.replace(/^.*,\s*/, '')}.
          </p>
        </>
      )}

      {stimulation && level && words ? (
        <>
          <h2>Your stimulation programme</h2>
          <p>{words.title}.</p>
          <p>{words.placement}</p>
          <ul>
            {words.levels.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <ElectrodePlacement programme={stimulation} muscleLabel={muscleLabel} />
          <ul>
            {words.safety.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Your clinician will add your stimulation programme here once it is approved.</p>
      )}

      {weeks.length > 0 && (
        <>
          <h2>Week by week</h2>
          <table className="weeks">
            <caption className="sr-only">Your programme, every week</caption>
            <ColumnHeads columns={['Week', 'Stimulation', 'Exercise']} />
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">Week {w.week}</th>
                  <td>{w.stimulation}</td>
                  <td>{w.exercise}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {programme?.exercise && (
        <>
          <h2>Your exercises</h2>
          <ExerciseList exercise={programme.exercise} />
        </>
      )}

      <h2>If it hurts</h2>
      <ul>
        <li>
          Stimulation should feel strong but not painful. Turn the current down until it is comfortable.
        </li>
        <li>Pain that is worse the day after a session: do the next session more gently, and tell us.</li>
        <li>
          Redness under the pads that lasts more than an hour: stop, and tell us before the next session.
        </li>
      </ul>

      <h2>When to call us</h2>
      <p>Stop the programme and call your clinician or doctor the same day if you notice any of these:</p>
      <ul>
        {catalogue.redFlags.map((f) => (
          <li key={f.key}>{f.label}</li>
        ))}
        <li>A hot, swollen or painful calf or thigh</li>
        <li>Broken or blistered skin where the pads go</li>
      </ul>
      <p>
        <strong>Call emergency services at once</strong> for chest pain, sudden weakness of a face, arm or
        leg, or trouble breathing or swallowing.
      </p>
      <h2>Your clinic</h2>
      <p>
        <ClinicLine clinic={clinic} />
      </p>
    </article>
  );
}

function ClinicLine({ clinic }: { clinic: ClinicContact }) {
  const ways = [clinic.phone && `phone ${clinic.phone}`, clinic.email && `email ${clinic.email}`].filter(
    Boolean,
  );
  return (
    <>
      {clinic.name}
      {ways.length > 0 ? `: ${ways.join(', ')}.` : '.'}
    </>
  );
}
