import type { Command } from './command.ts';

/**
 * Every `myotrophy` command. Each lives in its own file under ./commands and is listed here once;
 * imports are lazy so one command's dependencies never slow another's start.
 */
export const commandLoaders: Record<string, () => Promise<Command>> = {
  bench: async () => (await import('./commands/bench.ts')).benchCommand,
  simulate: async () => (await import('./commands/simulate.ts')).simulateCommand,
  icd: async () => (await import('./commands/icd.ts')).icdCommand,
  'sd-fit': async () => (await import('./commands/sd-fit.ts')).sdFitCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  forecast: async () => (await import('./commands/forecast.ts')).forecastCommand,
  plan: async () => (await import('./commands/plan.ts')).planCommand,
  identify: async () => (await import('./commands/identify.ts')).identifyCommand,
  optimise: async () => (await import('./commands/optimise.ts')).optimiseCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  user: async () => (await import('./commands/user.ts')).userCommand,
  clinic: async () => (await import('./commands/clinic.ts')).clinicCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommand,
  restore: async () => (await import('./commands/restore.ts')).restoreCommand,
  audit: async () => (await import('./commands/audit.ts')).auditCommand,
  devices: async () => (await import('./commands/devices.ts')).devicesCommand,
  stimulate: async () => (await import('./commands/stimulate.ts')).stimulateCommand,
  emulate: async () => (await import('./commands/emulate.ts')).emulateCommand,
};
