// The example workflows on the n8n 1.x line (N8N_V1 of scripts/n8n/version.mjs), checked as on 2.x
// (examples.mjs). Examples that start at a polling trigger need an active workflow and are only
// checked on 2.x (triggers.test.mjs).
import { after, before, test } from 'node:test';

import { N8N_V1 } from '../../scripts/n8n/version.mjs';
import { prepareN8n } from './context.mjs';
import { examplesInRunOrder, needsActiveTrigger, runExample } from './examples.mjs';

let n8n;
before(async () => {
	n8n = await prepareN8n({ release: N8N_V1 });
});
after(async () => {
	await n8n?.close();
});

for (const workflow of examplesInRunOrder()) {
	const name = `n8n ${N8N_V1.n8n}: example "${workflow.name}" (${workflow.id})`;
	if (needsActiveTrigger(workflow)) {
		test(name, { skip: 'starts at a polling trigger: needs an active workflow' });
		continue;
	}
	test(name, () => runExample(n8n, workflow.id));
}
