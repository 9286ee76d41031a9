// The attacker, in a process of its own, as a script on another machine would be: the test process
// (and the honest class, test/abuse/class.ts) never spend their own event loop on building, sending
// or answering the attacker's megabytes, so what the class measures is the server. The process runs
// at the lowest CPU priority: on a 2-core test machine a real attacker's CPU is someone else's, so
// it yields a core to the server and the class whenever they need it, and floods at whatever speed
// the server answers otherwise.
//
// Forked by test/abuse/run.ts with { name, target } as JSON in argv[2]; driven over IPC:
//   parent: start | stop | abandon        child: ready | stopped (with the counters) | failed
import { setPriority } from 'node:os';
import { type AttackCounters, type AttackName, prepareAttack, type Target } from './attacks';

export type AttackerCommand = { type: 'start' } | { type: 'stop' } | { type: 'abandon' };
export type AttackerMessage =
  | { type: 'ready' }
  | { type: 'stopped'; counters: AttackCounters }
  | { type: 'failed'; message: string };

const LOWEST_PRIORITY = 19;

const { name, target } = JSON.parse(process.argv[2] ?? '{}') as { name: AttackName; target: Target };
const send = (m: AttackerMessage) => process.send?.(m);

async function main() {
  try {
    setPriority(LOWEST_PRIORITY);
  } catch {
    // Not allowed to lower it (a locked-down container): the attacker then shares the CPU evenly.
  }
  const prepared = await prepareAttack(name, target);
  let attack: ReturnType<typeof prepared.start> | undefined;
  process.on('message', async (m: AttackerCommand) => {
    if (m.type === 'start' && !attack) attack = prepared.start();
    else if (m.type === 'stop' && attack) {
      await attack.stop();
      send({ type: 'stopped', counters: attack.counters });
      setTimeout(() => process.exit(0), 50);
    } else if (m.type === 'abandon' || m.type === 'stop') {
      prepared.abandon();
      process.exit(0);
    }
  });
  send({ type: 'ready' });
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
