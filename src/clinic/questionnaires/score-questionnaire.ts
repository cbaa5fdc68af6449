import type { QuestionnaireAnswers } from '../record/questionnaire-response.ts';
import { scoreLefs } from '../scores/lefs.ts';
import { scorePainRating } from '../scores/pain-rating.ts';
import { scorePsfs } from '../scores/psfs.ts';

/** The score of a questionnaire's answers; InvalidInputError names what is wrong with them. */
export function scoreQuestionnaire(answers: QuestionnaireAnswers): number {
  switch (answers.questionnaire) {
    case 'lefs':
      return scoreLefs(answers.answers).total;
    case 'psfs':
      return scorePsfs(answers.activities);
    case 'pain':
      return scorePainRating(answers.answers);
  }
}
