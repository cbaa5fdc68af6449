/**
 * Each protocol's serial line settings (Myotrophy stimulator research note §1.2, §2.2):
 * ScienceMode2 460 800 Bd 8E1, no flow control (SM2 doc Tab.4); ScienceMode4 3 000 000 Bd 8N2 with
 * RTS/CTS (P24 IFU Tab.1; C library serial port sources). Pure, so the browser can use it.
 */
import type { Protocol } from './emulator/virtual-stimulator.ts';
import { SM2_BAUD_RATE } from './sciencemode2/codec.ts';
import { SM4_BAUD_RATE } from './sciencemode4/codec.ts';
import type { LineSettings } from './transport.ts';

export const LINE_SETTINGS: Readonly<Record<Protocol, LineSettings>> = {
  sciencemode2: { baudRate: SM2_BAUD_RATE, dataBits: 8, parity: 'even', stopBits: 1, flowControl: 'none' },
  sciencemode4: {
    baudRate: SM4_BAUD_RATE,
    dataBits: 8,
    parity: 'none',
    stopBits: 2,
    flowControl: 'hardware',
  },
};

/** USB ids by protocol, for picking a port: P24 is an STM32 CDC device (VID 0x0483, PID 0x5740, also used by unrelated products); the RehaStim2 has an FTDI chip (VID 0x0403; its PID is not documented). */
export const USB_IDS = {
  sciencemode4: { vendorId: 0x0483, productId: 0x5740 },
  sciencemode2: { vendorId: 0x0403 },
} as const;
