// The layers of docs/architecture.md, enforced: every import and export-from statement of every
// .ts/.tsx file under shared/, server/ and client/ is read with the TypeScript compiler (no
// regex to fool with a string that looks like an import), and the pure layers' source is scanned
// for the clock, timers and randomness. The checker is tried on in-memory files first, so a rule
// that stopped detecting anything would fail here rather than pass in silence.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const LAYERS = ['shared', 'server', 'client'] as const;

interface SourceFile {
  /** Repository-relative, with forward slashes: "server/room/reduce.ts". */
  path: string;
  text: string;
}

/** The pure layers: no I/O, no clock, no timers, no randomness (server/room's shell gets them injected). */
const isPure = (path: string) => path.startsWith('shared/') || path.startsWith('server/room/');
/** Only the server's entry points wire the transport in. */
const TRANSPORT_ENTRIES = new Set(['server/app.ts', 'server/index.ts']);
const FORBIDDEN_IN_PURE_PACKAGES = /^(socket\.io|socket\.io-client|engine\.io|express|better-sqlite3)(\/|$)/;
const NODE_BUILTINS = new Set(builtinModules);
/** Globals a pure layer must not touch: it is given the time and the random source instead. */
const FORBIDDEN_GLOBALS: Record<string, readonly string[]> = {
  Date: ['now'],
  Math: ['random'],
  performance: ['now'],
};
const FORBIDDEN_TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/** Where a relative specifier points, repository-relative and without extension; a package as is. */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return posix.join(posix.dirname(from), specifier).replace(/\.(tsx?|jsx?)$/, '');
}

function importsOf(file: SourceFile): string[] {
  return ts
    .preProcessFile(file.text, true, true)
    .importedFiles.map((imported) => target(file.path, imported.fileName));
}

function layerOf(path: string): string {
  return path.split('/')[0] ?? '';
}

/** Uses of Date.now, Math.random, performance.now and the timer functions, by line. */
function clockAndRandomUses(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const uses: string[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const owner = node.expression.text;
      const member = node.name.text;
      if (FORBIDDEN_GLOBALS[owner]?.includes(member)) uses.push(`${owner}.${member} (line ${lineOf(node)})`);
      if ((owner === 'globalThis' || owner === 'window') && FORBIDDEN_TIMERS.has(member))
        uses.push(`${member} (line ${lineOf(node)})`);
    }
    if (ts.isIdentifier(node) && FORBIDDEN_TIMERS.has(node.text)) {
      const parent = node.parent;
      // A member of that name (clock.setTimeout, { setTimeout() {} }) is not the global.
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isMethodDeclaration(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodSignature(parent) ||
          ts.isPropertyDeclaration(parent)) &&
          parent.name === node);
      if (!isMemberName) uses.push(`${node.text} (line ${lineOf(node)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** Every broken layer rule in these files, one line each: "<file>: <what>". */
function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    for (const to of importsOf(file)) {
      const say = (rule: string) => found.push(`${file.path}: imports ${to} (${rule})`);
      const toLayer = layerOf(to);
      if (layer === 'shared' && (toLayer === 'server' || toLayer === 'client'))
        say('shared/ imports nothing outside itself');
      if (layer === 'client' && toLayer === 'server') say('client/ never imports server/');
      if (to.startsWith('server/transport/') && !file.path.startsWith('server/transport/')) {
        if (!TRANSPORT_ENTRIES.has(file.path))
          say('only server/app.ts and server/index.ts import the transport');
      }
      if (isPure(file.path)) {
        if (FORBIDDEN_IN_PURE_PACKAGES.test(to)) say('a pure layer imports no server framework or driver');
        if (to.startsWith('node:') || NODE_BUILTINS.has(to)) say('a pure layer imports no Node module');
        if (to === 'server/store' || to.startsWith('server/store/'))
          say('a pure layer never imports the store');
      }
    }
    if (isPure(file.path))
      for (const use of clockAndRandomUses(file))
        found.push(`${file.path}: uses ${use} (a pure layer is given the time and randomness)`);
  }
  return found;
}

function sourceFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        files.push({ path: relative(ROOT, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const layer of LAYERS) walk(join(ROOT, layer));
  return files;
}

/**
 * Violations known today and why they stay for now. Each must still be a violation: once fixed, its
 * entry must go, so this list only shrinks.
 */
const KNOWN: Record<string, string> = {};

describe('architecture: the checker detects each rule on in-memory files', () => {
  const check = (path: string, text: string) => violations([{ path, text }]);

  it('shared/ importing server/ or client/', () => {
    expect(check('shared/engine/x.ts', "import { a } from '../../server/room/state';")).toEqual([
      'shared/engine/x.ts: imports server/room/state (shared/ imports nothing outside itself)',
    ]);
    expect(check('shared/protocol/x.ts', "export { b } from '../../client/ui/y';")).toHaveLength(1);
    expect(check('shared/protocol/x.ts', "import type { T } from '../engine/types';")).toEqual([]);
  });

  it('client/ importing server/', () => {
    expect(check('client/host/x.tsx', "import type { RoomState } from '../../server/room/state';")).toEqual([
      'client/host/x.tsx: imports server/room/state (client/ never imports server/)',
    ]);
    expect(check('client/host/x.tsx', "import { simulate } from '../../shared/engine/index';")).toEqual([]);
  });

  it('a pure layer importing socket.io, express, the store or a Node module', () => {
    expect(check('server/room/x.ts', "import { Server } from 'socket.io';")).toHaveLength(1);
    expect(check('shared/engine/x.ts', "import express from 'express';")).toHaveLength(1);
    expect(check('server/room/x.ts', "import { openStore } from '../store/sqlite';")).toEqual([
      'server/room/x.ts: imports server/store/sqlite (a pure layer never imports the store)',
    ]);
    expect(check('server/room/x.ts', "import { setTimeout } from 'node:timers/promises';")).toHaveLength(2);
    expect(check('shared/engine/x.ts', "import { readFileSync } from 'fs';")).toHaveLength(1);
    expect(check('server/store/x.ts', "import Database from 'better-sqlite3';")).toEqual([]);
  });

  it('a pure layer reading the clock, arming a timer or drawing a random number, but not a mention in a comment or a member of that name', () => {
    const text = [
      '// Date.now and setTimeout are not used here',
      'const t = Date.now();',
      'const r = Math.random();',
      'setTimeout(() => {}, 1);',
      'const id = globalThis.setInterval(() => {}, 1);',
      'clock.setTimeout(() => {}, 1);',
      'const timers = { setTimeout(fn) { return fn; } };',
      "const s = 'Math.random';",
    ].join('\n');
    expect(check('server/room/x.ts', text)).toEqual([
      'server/room/x.ts: uses Date.now (line 2) (a pure layer is given the time and randomness)',
      'server/room/x.ts: uses Math.random (line 3) (a pure layer is given the time and randomness)',
      'server/room/x.ts: uses setTimeout (line 4) (a pure layer is given the time and randomness)',
      'server/room/x.ts: uses setInterval (line 5) (a pure layer is given the time and randomness)',
    ]);
    expect(check('client/ui/x.ts', text)).toEqual([]);
  });

  it('anything but the server entry points importing the transport', () => {
    const text = "import { attachTransport } from './transport/socket';";
    expect(check('server/app.ts', text)).toEqual([]);
    expect(check('server/index.ts', text)).toEqual([]);
    expect(check('server/api/x.ts', "import { t } from '../transport/socket';")).toEqual([
      'server/api/x.ts: imports server/transport/socket (only server/app.ts and server/index.ts import the transport)',
    ]);
    expect(check('server/transport/a.ts', "import { b } from './b';")).toEqual([]);
  });
});

describe('architecture: the repository keeps its layers (docs/architecture.md)', () => {
  const files = sourceFiles();
  const found = violations(files);

  it('reads every layer', () => {
    for (const layer of LAYERS) expect(files.some((f) => f.path.startsWith(`${layer}/`))).toBe(true);
    expect(files.some((f) => f.path === 'server/room/reduce.ts')).toBe(true);
  });

  it('no import or use breaks a layer rule, beyond the known ones listed with their reason', () => {
    expect(found.filter((v) => !(v in KNOWN))).toEqual([]);
  });

  it('every known violation is still one (a fixed one leaves the list)', () => {
    expect(Object.keys(KNOWN).filter((v) => !found.includes(v))).toEqual([]);
  });
});
