import { networkInterfaces } from 'node:os';

/**
 * The address students' phones can reach: the first private IPv4 address of this machine (a laptop
 * on the school Wi-Fi), else any non-internal IPv4, else localhost.
 */
export function lanAddress(): string {
  const candidates: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? [])
      if (info.family === 'IPv4' && !info.internal) candidates.push(info.address);
  }
  const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
  return candidates.find(isPrivate) ?? candidates[0] ?? 'localhost';
}
