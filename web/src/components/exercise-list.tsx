import type { DraftProgramme } from '@core/clinic/programme/plan.ts';
import { exerciseDose, plural } from '@core/clinic/words/patient-words.ts';

/** The exercise programme week by week: each stage's exercises with sets, repetitions or holds. */
export function ExerciseList({ exercise }: { exercise: DraftProgramme['exercise'] }) {
  return (
    <div>
      {exercise.stages.map((stage) => (
        <div key={`${stage.fromWeek}-${stage.toWeek}`}>
          <h3 className="stage">
            Weeks {stage.fromWeek}–{stage.toWeek} ({plural(exercise.sessionsPerWeek, 'session', 'sessions')} a
            week)
          </h3>
          <ul className="plain">
            {stage.exercises.map((x) => (
              <li key={x.name}>
                <strong>{x.name}</strong>: {exerciseDose(x)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
