import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openMigratedPglite } from '../../test/pglite-image.ts';

describe('PGliteDialect', () => {
  it('lends the one connection in arrival order, and lets the event loop run between borrowers', async () => {
    const database = await openMigratedPglite();
    try {
      const order: number[] = [];
      let doneWhenTimerRan = -1;
      // A timer stands for the server's I/O (reading requests, accepting connections): it must not
      // wait until a long queue of queries has drained, or a busy server starves new clients.
      const timer = new Promise<void>((resolve) =>
        setImmediate(() => {
          doneWhenTimerRan = order.length;
          resolve();
        }),
      );
      const queries = Array.from({ length: 200 }, (_, i) =>
        sql<{ n: number }>`select ${i}::int as n`
          .execute(database.db)
          .then((r) => order.push(r.rows[0]?.n ?? -1)),
      );
      await Promise.all([...queries, timer]);
      expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
      // Before the queue drained (the old hand-over let it run only after all 200).
      expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
      expect(doneWhenTimerRan).toBeLessThan(200);
    } finally {
      await database.close();
    }
  });
});
