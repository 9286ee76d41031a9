// Which Chromium the browser tests drive. playwright-core downloads no browser, so the tests use one
// already on the machine: CHROMIUM_PATH if set, else the usual names on PATH, else the usual install
// places on Linux and macOS. On Debian or Ubuntu with none, test/browser/global-setup.ts installs
// Debian's package as .ci/run does (as root or with passwordless sudo); otherwise the run stops at
// once with the one line `missingChromiumMessage` says, rather than with every browser suite failing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What the finder looks at, given so a test can describe any machine. */
export interface Machine {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
  /** A regular file this user may execute. */
  isExecutable(path: string): boolean;
  /** The user id, or null where there is none (Windows). */
  uid: number | null;
  /** `sudo -n true` succeeds: sudo without a password. */
  canSudo(): boolean;
}

export const NAMES_ON_PATH = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
];

export function installPlaces(platform: NodeJS.Platform, home: string): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    return [...apps.map((a) => `/Applications/${a}`), ...apps.map((a) => join(home, 'Applications', a))];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/opt/chromium.org/chromium/chromium',
  ];
}

export type Finding =
  | { kind: 'found'; path: string; how: string }
  /** None found, but apt-get can install Debian's package: run `commands` in order, then look again. */
  | { kind: 'installable'; commands: string[][] }
  | { kind: 'missing'; message: string };

export const APT_PACKAGE = 'chromium';

/**
 * How the browser tests start Chromium: headless, and quiet (no first-run pages, no updates or sync
 * reaching out to the network while a test measures its own traffic).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function missingChromiumMessage(reason: string): string {
  return (
    `${reason}: the browser tests need Chromium or Chrome. Install one (Debian/Ubuntu: ` +
    `sudo apt-get install ${APT_PACKAGE}; macOS: brew install --cask chromium) or point the tests ` +
    'at yours with CHROMIUM_PATH=/path/to/chromium npm test.'
  );
}

/** Looks without changing anything; `installable` only says that the caller could install it. */
export function findChromium(machine: Machine): Finding {
  const given = machine.env.CHROMIUM_PATH;
  if (given !== undefined && given !== '') {
    if (machine.isExecutable(given)) return { kind: 'found', path: given, how: 'CHROMIUM_PATH' };
    // Set by hand, so a wrong value is a mistake to report, not a reason to run another browser.
    return {
      kind: 'missing',
      message: missingChromiumMessage(`CHROMIUM_PATH=${given} is not an executable file`),
    };
  }
  const dirs = (machine.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of NAMES_ON_PATH)
    for (const dir of dirs) {
      const path = join(dir, name);
      if (machine.isExecutable(path)) return { kind: 'found', path, how: `${name} on PATH` };
    }
  for (const path of installPlaces(machine.platform, machine.home))
    if (machine.isExecutable(path)) return { kind: 'found', path, how: 'its usual place' };

  const aptGet = ['/usr/bin/apt-get', ...dirs.map((d) => join(d, 'apt-get'))].find((p) =>
    machine.isExecutable(p),
  );
  if (machine.platform === 'linux' && aptGet) {
    const asRoot = machine.uid === 0 ? [] : machine.canSudo() ? ['sudo', '-n'] : null;
    if (asRoot)
      return {
        kind: 'installable',
        commands: [
          [...asRoot, aptGet, 'update', '-qq'],
          [...asRoot, 'env', 'DEBIAN_FRONTEND=noninteractive', aptGet, 'install', '-y', '-qq', APT_PACKAGE],
        ],
      };
  }
  return { kind: 'missing', message: missingChromiumMessage('No Chromium or Chrome found') };
}

export function thisMachine(): Machine {
  return {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    isExecutable(path) {
      try {
        if (!statSync(path).isFile()) return false;
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    uid: process.getuid?.() ?? null,
    canSudo: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
  };
}

/** The path of this machine's Chromium, for a test about to launch it; throws the one-line message. */
export function chromiumPath(machine: Machine = thisMachine()): string {
  const finding = findChromium(machine);
  if (finding.kind === 'found') return finding.path;
  throw new Error(
    finding.kind === 'missing' ? finding.message : missingChromiumMessage('No Chromium or Chrome found'),
  );
}
