// Mocha reporter for one test tier: mocha's spec output, then `<tier>: N passed, N failed`.
// When DISPATCH_TIER_RESULT names a file, the counts are also written there as JSON so that
// scripts/test.mjs can add the tiers up without parsing text.
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS } = Mocha.Runner.constants;

class TierReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const tier = options?.reporterOption?.tier ?? process.env.DISPATCH_TIER ?? 'tests';
    let passed = 0;
    let failed = 0;
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_FAIL, () => failed++);
    runner.once(EVENT_RUN_END, () => {
      // Printed after the spec summary: mocha registered its own listener for this event first.
      console.log(`${tier}: ${passed} passed, ${failed} failed`);
      const out = process.env.DISPATCH_TIER_RESULT;
      if (out) fs.writeFileSync(out, JSON.stringify({ tier, passed, failed }));
    });
  }
}

module.exports = TierReporter;
