import { DeviceFault, type FaultKind } from '@core/device/session/device-link.ts';
import { t } from '../i18n/i18n.ts';

/**
 * What the patient reads when the stimulator fails or cannot be reached, in their language. The
 * device layer's and the browser's own messages ("bad checksum", "No port selected by the user")
 * are English and written for developers: they are never shown, only their kind is read.
 */
export function stimulatorFaultWords(kind: FaultKind | undefined): string {
  if (kind === 'transport-closed') return t('player.stop.disconnected');
  if (kind === 'electrode-error') return t('player.stop.electrode');
  if (kind === 'low-battery') return t('player.stop.lowBattery');
  return t('player.stop.noAnswer');
}

export function stimulatorErrorWords(error: unknown): string {
  if (error instanceof DeviceFault) return stimulatorFaultWords(error.kind);
  if (error instanceof Error && error.name === 'NotSupportedError') return t('player.noWebSerial');
  // The browser's serial port dialog closed with no port chosen.
  if (error instanceof Error && error.name === 'NotFoundError') return t('player.serial.noPortChosen');
  if (error instanceof Error && /serial port/i.test(error.message)) return t('player.serial.cannotOpen');
  return t('player.cannotRun');
}
