import { listSerialPorts } from '../../device/node-serial.ts';
import type { Command } from '../command.ts';

export const devicesCommand: Command = {
  name: 'devices',
  summary:
    'Lists serial ports, with the stimulator protocol their USB ids suggest (a hint: the P24 ids are STMicroelectronics defaults shared by other products).',
  usage: ['devices [--json]'],
  options: {},
  async run() {
    const ports = await listSerialPorts();
    const text =
      ports.length === 0
        ? 'no serial ports found'
        : ports
            .map(
              (p) =>
                `${p.path}  ${[p.manufacturer, p.vendorId && `${p.vendorId}:${p.productId}`].filter(Boolean).join(' ')}${p.likelyProtocol ? `  (${p.likelyProtocol}?)` : ''}`,
            )
            .join('\n');
    return { json: { ports }, text };
  },
};
