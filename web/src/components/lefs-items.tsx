/** The five answers to each LEFS item, scored 0 to 4 (Binkley 1999). */
const LEFS_ANSWERS = [
  'Extreme difficulty or unable',
  'Quite a bit of difficulty',
  'Moderate difficulty',
  'A little bit of difficulty',
  'No difficulty',
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
                  {score}: {a}
                </option>
              ))}
            </select>
          </label>
        </li>
      ))}
    </ol>
  );
}
