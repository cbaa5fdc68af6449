import { hash, verify } from '@node-rs/argon2';
import { InvalidInputError } from '../shared/invalid-input.ts';

/**
 * Password hashing with argon2id (the library's default algorithm) at the OWASP Password Storage
 * Cheat Sheet's first recommended setting: 19 MiB of memory, 2 iterations, 1 lane.
 */
const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError(
      `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; got ${password.length}`,
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** Compares in constant time inside argon2; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of a random password, verified against when the email is unknown (equal timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}
