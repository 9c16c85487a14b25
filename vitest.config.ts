import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers on loopback and many wait on real time (pacing, Retry-After, child
    // processes): three files at a time overlap those waits on a 2-core machine without starving it.
    maxWorkers: 3,
    // Keep the tests hermetic: never read a developer's .env.
    env: { KYC_DESK_IGNORE_DOTENV: '1' },
    // Property tests (fast-check) use a fixed seed unless FC_SEED says otherwise.
    setupFiles: ['test/support/fast-check-seed.ts'],
    // The end-to-end tests run the built app (dist/), as npm start does.
    globalSetup: ['test/support/build-app.ts'],
  },
});
