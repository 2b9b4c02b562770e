// Worker-thread script: lints one text with the project's own eslint config, as if it were the
// file at workerData.filePath, and posts the messages back. Runs as plain Node ESM (eslint.config.mjs
// cannot be loaded inside jest's module system).
import { parentPort, workerData } from 'node:worker_threads';

import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: workerData.cwd });
const [result] = await eslint.lintText(workerData.text, { filePath: workerData.filePath });
parentPort.postMessage((result?.messages ?? []).map(({ ruleId, message, line }) => ({ ruleId, message, line })));
