import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One line saying which outside requirements (../shared, Debian tools) are missing here.
    globalSetup: ['tests/helpers/global-setup.ts'],
    // CLI tests spawn the built pereklad and real checkers (xmllint, Translate Toolkit, OmegaT).
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
