import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests wait for what the page does (`expect.poll`), never for how fast: allow a loaded machine.
    expect: { poll: { timeout: 10_000, interval: 25 } },
    // Skipped tests are failures in CI: a skip must never count as a pass there.
    allowOnly: false,
    // The JSON report lets .ci/run print one plain "N passed, N failed, N skipped" line.
    reporters: ["default", "json"],
    outputFile: { json: "test/output/vitest.json" },
  },
});
