import type { DraftProgramme } from '@core/clinic/programme/plan.ts';

/** The exercise programme week by week: each stage's exercises with sets, repetitions or holds. */
export function ExerciseList({ exercise }: { exercise: DraftProgramme['exercise'] }) {
  return (
    <div>
      {exercise.stages.map((stage) => (
        <div key={`${stage.fromWeek}-${stage.toWeek}`}>
          <h3 className="stage">
            Weeks {stage.fromWeek}–{stage.toWeek} ({exercise.sessionsPerWeek} sessions a week)
          </h3>
          <ul className="plain">
            {stage.exercises.map((x) => (
              <li key={x.name}>
                <strong>{x.name}</strong>: {x.sets} sets × {x.reps}{' '}
                {x.holdS ? `holds of ${x.holdS} s` : 'reps'}
                {x.timesPerDay ? `, ${x.timesPerDay} times a day` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
