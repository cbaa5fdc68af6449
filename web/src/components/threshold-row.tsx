/** A pulse width's row with its threshold (mA) entered by hand. */
export function ThresholdRow({
  id,
  widthMs,
  value,
  onChange,
}: {
  id: string;
  widthMs: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <tr>
      <th scope="row">
        <label htmlFor={id}>{widthMs} ms</label>
      </th>
      <td>
        <input
          id={id}
          type="number"
          step="any"
          min="0"
          max="200"
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </td>
    </tr>
  );
}
