/**
 * The safety suite's oracle: output limits computed independently of the clinic module, from the
 * published numbers: r.m.s. current ≤ 50 mA and energy ≤ 300 mJ per pulse into 500 Ω (IEC
 * 60601-2-10 as cited in docs/clinic.md), charge-balanced biphasic pulses, finite positive
 * settings, a pulse that fits its period, and no electrode on the thorax, head or front of the neck.
 */
const MAX_RMS_MA = 50;
const MAX_ENERGY_MJ = 300;
const LOAD_OHMS = 500;
const ROUNDING = 1e-9;
const FORBIDDEN_SITE = /thorax|chest|head|neck|heart|carotid|face|eye|temple/i;

export type Loose = Record<string, unknown>;
export const isObject = (v: unknown): v is Loose => v !== null && typeof v === 'object' && !Array.isArray(v);
const positiveNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** What a stimulator would deliver from this stimulation programme that it must not. */
export function limitBreaches(stimulation: unknown): string[] {
  if (!isObject(stimulation)) return ['no readable stimulation programme'];
  const breaches: string[] = [];
  const waveform = stimulation.waveform;
  if (!isObject(waveform)) return ['no waveform'];
  if (waveform.phases !== 'biphasic') breaches.push(`phases ${String(waveform.phases)}`);
  if (waveform.balance !== 'symmetric' && waveform.balance !== 'asymmetric-balanced')
    breaches.push(`balance ${String(waveform.balance)}`);
  const meanSquare =
    waveform.pulseShape === 'rectangular' ? 1 : waveform.pulseShape === 'triangular' ? 1 / 3 : NaN;
  if (Number.isNaN(meanSquare)) breaches.push(`pulse shape ${String(waveform.pulseShape)}`);
  const gap = waveform.interphaseGapUs;
  if (typeof gap !== 'number' || !Number.isFinite(gap) || gap < 0)
    breaches.push(`interphase gap ${String(gap)}`);
  const channels = stimulation.channels;
  if (!Array.isArray(channels) || channels.length === 0) breaches.push('no channels');
  else
    for (const channel of channels) {
      const electrodes = isObject(channel) ? channel.electrodes : undefined;
      if (!Array.isArray(electrodes) || electrodes.length !== 2)
        breaches.push('a channel without two electrodes');
      else
        for (const e of electrodes) {
          if (!isObject(e) || typeof e.site !== 'string' || FORBIDDEN_SITE.test(e.site))
            breaches.push(`electrode site ${JSON.stringify(isObject(e) ? e.site : e)}`);
          if (!isObject(e) || !positiveNumber(e.sizeCm2)) breaches.push('an electrode without a size');
        }
    }
  const levels = stimulation.levels;
  if (!Array.isArray(levels) || levels.length === 0) return [...breaches, 'no levels'];
  for (const level of levels) {
    const blocks = isObject(level) ? level.blocks : undefined;
    if (!Array.isArray(blocks) || blocks.length === 0) {
      breaches.push('a level without blocks');
      continue;
    }
    for (const block of blocks) {
      if (!isObject(block)) {
        breaches.push('a block that is not an object');
        continue;
      }
      const { maxIntensityMa: peakMa, phaseWidthUs: widthUs, frequencyHz } = block;
      if (!positiveNumber(peakMa) || !positiveNumber(widthUs) || !positiveNumber(frequencyHz)) {
        breaches.push(`unreadable block ${JSON.stringify({ peakMa, widthUs, frequencyHz })}`);
        continue;
      }
      // Two phases per biphasic pulse; a triangular phase's mean square is a third of its peak's.
      const rmsMa = peakMa * Math.sqrt(2 * meanSquare * widthUs * frequencyHz * 1e-6);
      const energyMj = (peakMa / 1000) ** 2 * LOAD_OHMS * 2 * meanSquare * widthUs * 1e-6 * 1000;
      if (rmsMa > MAX_RMS_MA * (1 + ROUNDING)) breaches.push(`r.m.s. ${rmsMa.toFixed(2)} mA`);
      if (energyMj > MAX_ENERGY_MJ * (1 + ROUNDING)) breaches.push(`energy ${energyMj.toFixed(1)} mJ`);
      if ((2 * widthUs + (typeof gap === 'number' ? gap : 0)) * frequencyHz * 1e-6 >= 1)
        breaches.push('a pulse longer than its period');
    }
  }
  return breaches;
}

/** Every stimulation programme a body carries, where a reader of the programme format would look. */
export function stimulationParts(body: unknown): unknown[] {
  if (!isObject(body)) return [];
  const parts: unknown[] = [];
  if ('stimulation' in body) parts.push(body.stimulation);
  if ('waveform' in body || 'channels' in body || 'levels' in body) parts.push(body);
  return parts;
}
