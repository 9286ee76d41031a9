// Who an instructor is: the holder of a private key their browser made on first use (kept in
// localStorage, sent as "Authorization: Bearer <key>"). The server keeps only a hash of it, and every
// deck and report row is scoped by that hash, so nobody can list or read another instructor's work.
import { createHash } from 'node:crypto';
import { INSTRUCTOR_KEY_PATTERN } from '../../shared/protocol/api';

export function isInstructorKey(key: unknown): key is string {
  return typeof key === 'string' && INSTRUCTOR_KEY_PATTERN.test(key);
}

/** The owner id stored with an instructor's rows. */
export function ownerOf(key: string): string {
  return createHash('sha256').update(`overshoot-instructor:${key}`).digest('base64url');
}

/** The key from an Authorization header, if it holds a well-formed one. */
export function keyFromAuthorization(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const key = match?.[1];
  return isInstructorKey(key) ? key : undefined;
}
