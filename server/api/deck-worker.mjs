// The worker's entry. A worker thread does not inherit the TypeScript loader of whoever started it
// (tsx for the server, vite-node for the tests), so it registers tsx itself before loading the code.
import { register } from 'tsx/esm/api';

register();
await import('./deck-worker.ts');
