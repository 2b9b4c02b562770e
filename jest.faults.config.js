// `npm run test:faults`: the fault suite (test/faults/**/*.faults.ts), apart from the unit tests so
// `npm run test:unit` does not run it. globalTeardown prints the summary (scenarios run, items lost,
// duplicate writes, secrets found) and fails the run if any counter is not zero.
const unit = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...unit,
	testMatch: ['**/test/faults/**/*.faults.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	globalSetup: '<rootDir>/test/faults/support/globalSetup.ts',
	globalTeardown: '<rootDir>/test/faults/support/globalTeardown.ts',
	// Most of the time is spent waiting (Retry-After, backoff, timeouts), so two workers help even
	// on a busy two-core machine.
	maxWorkers: 2,
	testTimeout: 60000,
};
