/**
 * Property tests run with a fixed seed so `npm test` gives the same answer
 * every time (no flaky runs). To explore other inputs, run with another seed:
 * `FC_SEED=12345 npx vitest run test/resilience/fuzz-commands.test.ts`.
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? '131');
fc.configureGlobal({ seed: Number.isInteger(seed) ? seed : 131 });
