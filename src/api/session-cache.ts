import type { AccountChanges } from '../store/account-changes.ts';
import type { SessionUser } from '../store/records/auth-sessions.ts';

/** How many sessions a process keeps (many logins must not grow it without end). */
const SESSIONS_KEPT = 10_000;

/**
 * This process's copies of live login sessions, by the token's hash, so that a request need not
 * read its session from the database (docs/processes.md). A copy is kept and used only while word of
 * account changes is live (../store/account-changes.ts): a logout, password change, deactivation or
 * role change anywhere drops the account's copies when its NOTIFY arrives, and this process's own
 * such writes drop every copy before their request is answered. A lost notification connection
 * drops every copy and keeps none until it is back.
 *
 * A read that began before a change must not put back what the change removed: `ticket()` is taken
 * before the read and `keep` refuses a copy when any change has arrived since.
 */
export class SessionCache {
  readonly #sessions = new Map<string, SessionUser>();
  #changes = 0;
  constructor(private readonly accountChanges: AccountChanges | undefined) {
    accountChanges?.subscribe((userId) => this.#drop(userId));
  }

  /** The kept session for a token's hash, when it is still live at `now`. */
  find(tokenHash: string, now: Date): SessionUser | undefined {
    if (!this.accountChanges?.live()) return undefined;
    const session = this.#sessions.get(tokenHash);
    if (!session) return undefined;
    if (session.expiresAt.getTime() > now.getTime()) return session;
    this.#sessions.delete(tokenHash);
    return undefined;
  }

  /** Taken before reading a session, to keep it only if nothing changed during the read. */
  ticket(): number {
    return this.#changes;
  }

  keep(tokenHash: string, session: SessionUser, ticket: number): void {
    if (!this.accountChanges?.live() || ticket !== this.#changes) return;
    if (this.#sessions.size >= SESSIONS_KEPT) this.#sessions.clear();
    this.#sessions.set(tokenHash, session);
  }

  #drop(userId: string | null): void {
    this.#changes += 1;
    if (userId === null) {
      this.#sessions.clear();
      return;
    }
    for (const [key, session] of this.#sessions) if (session.userId === userId) this.#sessions.delete(key);
  }
}
