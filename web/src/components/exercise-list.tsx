import type { DraftProgramme } from '@core/clinic/programme/plan.ts';
import { exerciseDose, exerciseName } from '@core/clinic/words/patient-words.ts';
import { memo } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { say } from '../i18n/patient-text.ts';

/** The exercise programme week by week: each stage's exercises with sets, repetitions or holds. */
export const ExerciseList = memo(function ExerciseList({
  exercise,
}: {
  exercise: DraftProgramme['exercise'];
}) {
  const { t } = useI18n();
  return (
    <div>
      {exercise.stages.map((stage) => (
        <div key={`${stage.fromWeek}-${stage.toWeek}`}>
          <h3 className="stage">
            {t('exercises.stage', {
              fromWeek: stage.fromWeek,
              toWeek: stage.toWeek,
              count: exercise.sessionsPerWeek,
            })}
          </h3>
          <ul className="plain">
            {stage.exercises.map((x) => (
              <li key={x.name}>
                <strong>{say(exerciseName(x.name))}</strong>: {say(exerciseDose(x))}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
});
