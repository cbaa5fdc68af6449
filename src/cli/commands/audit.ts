import { verifyLiveAuditChain } from '../../store/audit-chain.ts';
import { type Command, declareOptions } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { UsageError } from '../options.ts';

/** Exit code when the audit trail is not intact (2 is a usage error, 1 an internal one). */
export const AUDIT_BROKEN_EXIT = 3;

export const auditCommand: Command = {
  name: 'audit',
  summary:
    "Check the configured database's audit trail (DATABASE_URL or --data DIR): every event follows the one before it, unchanged, up to the recorded head; names the first broken event.",
  usage: ['audit verify [--data DIR] [--json]'],
  options: declareOptions(['data']),
  maxPositionals: 1,
  async run(values, positionals) {
    if (positionals[0] !== 'verify') throw new UsageError('the audit action is: verify');
    return withConfiguredDatabase(values, async (database) => {
      const verdict = await verifyLiveAuditChain(database.db);
      if (verdict.intact) {
        return {
          json: { database: database.kind, ...verdict },
          text: `the audit trail is intact: ${verdict.events} events, the newest ${verdict.head.seq} with hash ${verdict.head.hash}`,
        };
      }
      return {
        json: { database: database.kind, ...verdict },
        text: `the audit trail is broken at event ${verdict.brokenSeq}: ${verdict.problem} (${verdict.events} events before it are intact)`,
        exitCode: AUDIT_BROKEN_EXIT,
      };
    });
  },
};
