/**
 * A stimulator that fails, or cannot be reached, in the session player: the patient reads the
 * fault in their language, never the device layer's or the browser's English (issue 18 item 4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceFault } from '../src/device/session/device-link.ts';
import { InvalidInputError } from '../src/shared/invalid-input.ts';
import { activateLanguage } from '../web/src/i18n/i18n.ts';
import { stimulatorErrorWords, stimulatorFaultWords } from '../web/src/player/stimulator-words.ts';

afterEach(() => activateLanguage('en'));

const englishErrors = [
  new DeviceFault('checksum', 'bad checksum 0x3f in packet 12'),
  new DeviceFault('electrode-error', 'channel 1 electrode error'),
  new InvalidInputError('intensity must be from 0 to 40 mA (the clinician’s ceiling for this block); got 42'),
  new DOMException('No port selected by the user.', 'NotFoundError'),
  new Error('the serial port is not open'),
  new DOMException('Web Serial is not available', 'NotSupportedError'),
];

describe('stimulator faults in the patient’s words', () => {
  it('says each fault in plain English', () => {
    expect(stimulatorFaultWords('low-battery')).toBe('The session stopped: the stimulator’s battery is low.');
    expect(englishErrors.map(stimulatorErrorWords)).toEqual([
      'The session stopped: the stimulator did not answer properly.',
      'The session stopped: the stimulator found a problem with a pad or lead.',
      'The stimulator could not run this session, and it has stopped. Tell your clinic before you try again.',
      'No stimulator was chosen. Press the button again and choose your stimulator in the list.',
      'The stimulator could not be opened. Check that it is switched on and plugged in, then try again.',
      'This browser cannot reach a stimulator. Use Chrome or Edge on a computer.',
    ]);
  });

  it.each(['es', 'de'] as const)('%s: no device or browser English reaches the patient', async (language) => {
    const english = englishErrors.map(stimulatorErrorWords);
    await activateLanguage(language);
    const words = englishErrors.map(stimulatorErrorWords);
    for (const [i, said] of words.entries()) {
      expect(said).not.toBe(english[i]);
      expect(said).not.toMatch(/checksum|electrode error|mA \(|port|serial|Web Serial/i);
    }
  });

  it('says the electrode fault in Spanish and German', async () => {
    await activateLanguage('es');
    expect(stimulatorErrorWords(englishErrors[1])).toMatch(
      /^La sesión se detuvo: el estimulador encontró un problema con un electrodo/,
    );
    await activateLanguage('de');
    expect(stimulatorErrorWords(englishErrors[3])).toBe(
      'Es wurde kein Stimulator ausgewählt. Drücken Sie die Taste noch einmal und wählen Sie Ihren Stimulator in der Liste aus.',
    );
  });
});
