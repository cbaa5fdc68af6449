import { type MessageKey, useI18n } from '../i18n/i18n.ts';

/** The five answers to each LEFS item, scored 0 to 4 (Binkley 1999), in the reader's language. */
const LEFS_ANSWERS: readonly MessageKey[] = [
  'lefs.answer.0',
  'lefs.answer.1',
  'lefs.answer.2',
  'lefs.answer.3',
  'lefs.answer.4',
];

/** The twenty LEFS items, one answer each; unanswered items are null. */
export function LefsItems({
  items,
  scores,
  onChange,
}: {
  items: readonly string[];
  scores: (number | null)[];
  onChange: (scores: (number | null)[]) => void;
}) {
  const { t } = useI18n();
  return (
    <ol>
      {items.map((item, i) => (
        <li key={item}>
          <label>
            {item}
            <select
              value={scores[i] ?? ''}
              onChange={(e) =>
                onChange(
                  scores.map((v, j) =>
                    j === i ? (e.target.value === '' ? null : Number(e.target.value)) : v,
                  ),
                )
              }
            >
              <option value="">—</option>
              {LEFS_ANSWERS.map((a, score) => (
                <option key={a} value={score}>
                  {score}: {t(a)}
                </option>
              ))}
            </select>
          </label>
        </li>
      ))}
    </ol>
  );
}
