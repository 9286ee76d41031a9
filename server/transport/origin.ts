// The WebSocket handshake's Origin check. Browsers send Origin with every WebSocket and cross-site
// request, and Socket.IO's `cors` option does not stop a WebSocket, so a page on another site could
// otherwise open a game connection from a student's browser. Allowed:
//   - no Origin at all: not a browser page (bots, tests, the load generator);
//   - the server's own origin: the Origin's host equals the Host header the browser sent;
//   - PUBLIC_URL's origin, and every origin in ALLOWED_ORIGINS (comma-separated).
import type { IncomingMessage } from 'node:http';

/** `https://example.org:8443/path` -> `https://example.org:8443`; null when not a URL. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Parses ALLOWED_ORIGINS: comma-separated origins or URLs; anything that is not one is reported. */
export function parseAllowedOrigins(value: string | undefined): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const item of (value ?? '').split(',')) {
    if (!item.trim()) continue;
    const o = originOf(item);
    if (o) origins.push(o);
    else invalid.push(item.trim());
  }
  return { origins, invalid };
}

export function isOriginAllowed(
  req: Pick<IncomingMessage, 'headers'>,
  allowed: ReadonlySet<string>,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const parsed = originOf(origin);
  // "null" (a sandboxed frame, a file:// page) and garbage are no origin we could allow.
  if (!parsed) return false;
  if (allowed.has(parsed)) return true;
  const host = req.headers.host;
  if (!host) return false;
  const url = new URL(parsed);
  try {
    // Parsed the same way as the Origin, so "example.org:80" and "example.org" compare equal.
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/** Socket.IO's `allowRequest`: refuses the handshake (HTTP 403) from an origin that is not allowed. */
export function createOriginCheck(
  allowedOrigins: () => Iterable<string>,
): (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void {
  return (req, callback) => {
    const allowed = new Set<string>();
    for (const o of allowedOrigins()) {
      const parsed = originOf(o);
      if (parsed) allowed.add(parsed);
    }
    if (isOriginAllowed(req, allowed)) callback(null, true);
    else callback('Origin not allowed', false);
  };
}
