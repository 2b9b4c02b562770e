// Benchmarks are not shipped to n8n either, and use Node built-ins, the console, timers and n8n
// internals to drive the nodes: the same rules as the tests.
export { default } from '../test/eslint.config.mjs';
