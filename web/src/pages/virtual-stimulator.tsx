import { clearedShortProgramme } from '@core/device/demo-session.ts';
import { SessionPlayer } from '../components/session-player.tsx';

/**
 * A demonstration of the session player on a short programme (21 s), cleared by the safety gate in
 * the browser for a screened demonstration record. For training: a virtual stimulator, or a
 * research stimulator on Web Serial with electrodes on a bench load.
 */
export function VirtualStimulatorPage() {
  const cleared = clearedShortProgramme(new Date().toISOString());
  const ceilingMa = Math.min(...(cleared.programme.levels[0]?.blocks ?? []).map((b) => b.maxIntensityMa));
  return (
    <>
      <h1>Virtual stimulator</h1>
      <p>
        A 21-second demonstration programme (warm-up, two contractions, cool-down). Only the virtual
        stimulator and published protocol packets have been verified; no physical device yet.
      </p>
      <SessionPlayer cleared={cleared} ceilingMa={ceilingMa} />
    </>
  );
}
