// How the API answers a refusal, and names a download: shared by the instructors' and the students' routes.
import type express from 'express';
import { closeIfUnread } from '../limits/http';

/** A refusal: `error`, a code a program can test, and `message`, a sentence a person can read. */
export function problem(
  res: express.Response,
  status: number,
  error: string,
  message: string,
  extra: object = {},
) {
  closeIfUnread(res);
  res.status(status).json({ error, message, ...extra });
}

/** A file name from a title: letters, digits and dashes only, so no header can be broken. */
export function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${base || 'overshoot'}.${ext}`;
}
