// The browser tests' search for a Chromium (test/browser/find-chromium.ts), on described machines:
// CHROMIUM_PATH first, then the usual names on PATH, then the usual places; an install through
// apt-get where it can run as root; otherwise the one line that says what to do.
import { describe, expect, it } from 'vitest';
import { chromiumPath, findChromium, type Machine, missingChromiumMessage } from '../browser/find-chromium';

function machine(over: Partial<Machine> & { files?: string[] }): Machine {
  const files = new Set(over.files ?? []);
  return {
    env: {},
    platform: 'linux',
    home: '/home/ada',
    isExecutable: (path) => files.has(path),
    uid: 1000,
    canSudo: () => false,
    ...over,
  };
}

const ONE_LINE =
  'No Chromium or Chrome found: the browser tests need Chromium or Chrome. Install one (Debian/Ubuntu: ' +
  'sudo apt-get install chromium; macOS: brew install --cask chromium) or point the tests at yours ' +
  'with CHROMIUM_PATH=/path/to/chromium npm test.';

describe('finding a Chromium for the browser tests', () => {
  it('CHROMIUM_PATH comes first, before anything on PATH or in the usual places', () => {
    const m = machine({
      env: { CHROMIUM_PATH: '/opt/my/chrome', PATH: '/usr/bin' },
      files: ['/opt/my/chrome', '/usr/bin/chromium'],
    });
    expect(findChromium(m)).toEqual({ kind: 'found', path: '/opt/my/chrome', how: 'CHROMIUM_PATH' });
  });

  it('a CHROMIUM_PATH that is not there is reported, not replaced by another browser', () => {
    const m = machine({
      env: { CHROMIUM_PATH: '/opt/typo/chrome', PATH: '/usr/bin' },
      files: ['/usr/bin/chromium'],
    });
    const finding = findChromium(m);
    expect(finding).toEqual({
      kind: 'missing',
      message: missingChromiumMessage('CHROMIUM_PATH=/opt/typo/chrome is not an executable file'),
    });
    expect(() => chromiumPath(m)).toThrow('CHROMIUM_PATH=/opt/typo/chrome is not an executable file');
  });

  it('then the usual names on PATH, in that order of names, each in PATH order', () => {
    const m = machine({
      env: { PATH: '/home/ada/bin:/usr/local/bin:/usr/bin' },
      files: ['/usr/bin/google-chrome', '/usr/local/bin/chromium-browser', '/usr/bin/chromium-browser'],
    });
    expect(findChromium(m)).toEqual({
      kind: 'found',
      path: '/usr/local/bin/chromium-browser',
      how: 'chromium-browser on PATH',
    });
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'])
      expect(
        findChromium(machine({ env: { PATH: '/x/bin' }, files: [`/x/bin/${name}`] })),
        name,
      ).toMatchObject({ kind: 'found', path: `/x/bin/${name}` });
  });

  it('then the usual install places on Linux and macOS, off PATH', () => {
    for (const path of ['/usr/bin/chromium', '/snap/bin/chromium', '/opt/google/chrome/chrome'])
      expect(findChromium(machine({ env: { PATH: '/nowhere' }, files: [path] })), path).toEqual({
        kind: 'found',
        path,
        how: 'its usual place',
      });
    for (const path of [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ])
      expect(
        findChromium(
          machine({ platform: 'darwin', home: '/Users/ada', env: { PATH: '/usr/bin' }, files: [path] }),
        ),
        path,
      ).toMatchObject({ kind: 'found', path });
  });

  it("none, on Debian or Ubuntu as root: install Debian's chromium with apt-get, as .ci/run does", () => {
    const m = machine({ uid: 0, env: { PATH: '/usr/sbin:/usr/bin' }, files: ['/usr/bin/apt-get'] });
    expect(findChromium(m)).toEqual({
      kind: 'installable',
      commands: [
        ['/usr/bin/apt-get', 'update', '-qq'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', '/usr/bin/apt-get', 'install', '-y', '-qq', 'chromium'],
      ],
    });
  });

  it('none, with apt-get and sudo without a password: install through sudo -n', () => {
    const m = machine({ env: { PATH: '/usr/bin' }, files: ['/usr/bin/apt-get'], canSudo: () => true });
    expect(findChromium(m)).toEqual({
      kind: 'installable',
      commands: [
        ['sudo', '-n', '/usr/bin/apt-get', 'update', '-qq'],
        [
          'sudo',
          '-n',
          'env',
          'DEBIAN_FRONTEND=noninteractive',
          '/usr/bin/apt-get',
          'install',
          '-y',
          '-qq',
          'chromium',
        ],
      ],
    });
  });

  it('none and nothing may install one: the one line that says what to install and how to point the tests at it', () => {
    const cases: Array<[string, Machine]> = [
      [
        'apt-get but no root and no sudo',
        machine({ env: { PATH: '/usr/bin' }, files: ['/usr/bin/apt-get'] }),
      ],
      ['no apt-get (Fedora, Arch…)', machine({ uid: 0, env: { PATH: '/usr/bin' } })],
      ['macOS', machine({ platform: 'darwin', env: { PATH: '/usr/bin' }, files: ['/usr/bin/apt-get'] })],
      ['no PATH at all', machine({ env: {} })],
    ];
    for (const [what, m] of cases) {
      expect(findChromium(m), what).toEqual({ kind: 'missing', message: ONE_LINE });
      expect(() => chromiumPath(m), what).toThrow(ONE_LINE);
    }
    expect(ONE_LINE).not.toContain('\n');
  });

  it('an empty CHROMIUM_PATH counts as unset', () => {
    const m = machine({ env: { CHROMIUM_PATH: '', PATH: '/usr/bin' }, files: ['/usr/bin/chromium'] });
    expect(findChromium(m)).toMatchObject({ kind: 'found', path: '/usr/bin/chromium' });
  });
});
