// The abuse benchmark (issue 16): `npm run bench:abuse [-- --attack NAME] [--seconds 30]
// [--baseline 10] [--settle 10]`.
//
// For each attack (room-flood, deck-flood, parsing, slow-readers; all unless --attack names one or a
// comma-separated few), a fresh server process and an honest class of 20 phones playing beside it
// (test/abuse/run.ts): the class alone for --baseline s, then the attack for --seconds s from
// another address, then --settle s for the server to recover. Prints a table and writes
// bench/results/abuse.json, one entry per attack (an entry of an attack not run this time is kept).
// Figures to read, not a test: test/abuse/attacks.test.ts holds the bounds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ATTACK_NAMES, type AttackName } from '../test/abuse/attacks';
import { type AbuseFigures, formatTable, runScenario } from '../test/abuse/run';
import { removeDataDirs } from '../test/resilience/process';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const FILE = `${RESULTS}abuse.json`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function seconds(name: string, fallback: number): number {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number of seconds`);
  return value;
}

function attacks(): AttackName[] {
  const raw = option('attack');
  if (raw === undefined) return [...ATTACK_NAMES];
  const names = raw.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(ATTACK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`--attack ${unknown.join(', ')}: not an attack; choose from ${ATTACK_NAMES.join(', ')}`);
  return names as AttackName[];
}

function previous(): AbuseFigures[] {
  if (!existsSync(FILE)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
    return Array.isArray(parsed) ? (parsed as AbuseFigures[]) : [];
  } catch {
    return [];
  }
}

async function main() {
  const names = attacks();
  const attackSeconds = seconds('seconds', 30);
  const baselineSeconds = seconds('baseline', 10);
  const settleSeconds = seconds('settle', 10);
  const rows: AbuseFigures[] = [];
  for (const attack of names) {
    const figures = await runScenario({
      attack,
      baselineSeconds,
      attackSeconds,
      settleSeconds,
      log: (line) => console.log(line),
    });
    rows.push(figures);
    console.log(JSON.stringify(figures));
  }
  removeDataDirs();
  const kept = previous().filter((r) => !names.includes(r.attack));
  const all = [...kept, ...rows].sort(
    (a, b) => ATTACK_NAMES.indexOf(a.attack) - ATTACK_NAMES.indexOf(b.attack),
  );
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`\n${formatTable(rows)}\n\nwritten to ${FILE}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    removeDataDirs();
    process.exit(1);
  },
);
