import type { Waveform } from '@core/clinic/programme/stimulation-types.ts';

/**
 * One biphasic pulse as the device delivers it: the first phase, the interphase gap and the
 * reversed second phase, to scale in time, rectangular or triangular.
 */
export function WaveformPicture({
  waveform,
  phaseWidthUs,
  frequencyHz,
}: {
  waveform: Waveform;
  phaseWidthUs: number;
  frequencyHz: number;
}) {
  const gap = waveform.interphaseGapUs;
  const total = 2 * phaseWidthUs + gap;
  const margin = total * 0.25;
  const span = total + 2 * margin;
  const x = (us: number) => 20 + ((us + margin) / span) * 260;
  const top = 25;
  const mid = 70;
  const bottom = 115;
  const phase = (start: number, up: boolean) => {
    const y = up ? top : bottom;
    if (waveform.pulseShape === 'triangular') {
      return `L ${x(start)} ${mid} L ${x(start + phaseWidthUs)} ${y} L ${x(start + phaseWidthUs)} ${mid}`;
    }
    return `L ${x(start)} ${mid} L ${x(start)} ${y} L ${x(start + phaseWidthUs)} ${y} L ${x(start + phaseWidthUs)} ${mid}`;
  };
  const d = `M ${x(-margin)} ${mid} ${phase(0, true)} L ${x(phaseWidthUs + gap)} ${mid} ${phase(phaseWidthUs + gap, false)} L ${x(total + margin)} ${mid}`;
  const periodMs = 1000 / frequencyHz;
  return (
    <figure className="waveform">
      <svg
        viewBox="0 0 300 150"
        role="img"
        aria-label={`Biphasic ${waveform.pulseShape} pulse: ${phaseWidthUs} µs per phase, ${gap} µs gap, ${frequencyHz} Hz`}
      >
        <line x1="20" x2="280" y1={mid} y2={mid} stroke="#bbb" />
        <path d={d} fill="none" stroke="#0b6e4f" strokeWidth="2.5" />
        <text x={x(phaseWidthUs / 2)} y={top - 6} textAnchor="middle" fontSize="10">
          {phaseWidthUs} µs
        </text>
        <text x={x(phaseWidthUs + gap / 2)} y={mid - 4} textAnchor="middle" fontSize="9">
          gap {gap} µs
        </text>
        <text x={x(phaseWidthUs * 1.5 + gap)} y={bottom + 14} textAnchor="middle" fontSize="10">
          {phaseWidthUs} µs
        </text>
        <text x="22" y={top - 6} fontSize="9">
          +I
        </text>
        <text x="22" y={bottom + 12} fontSize="9">
          −I
        </text>
      </svg>
      <figcaption>
        {waveform.phases}, {waveform.balance.replace('-', ' ')}, {waveform.pulseShape}; one pulse every{' '}
        {periodMs.toFixed(periodMs < 10 ? 1 : 0)} ms ({frequencyHz} Hz).
      </figcaption>
    </figure>
  );
}
