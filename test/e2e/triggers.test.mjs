import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { runN8n, startEditor } from '../../scripts/n8n/instance.mjs';
import { prepareN8n } from './context.mjs';
import { until } from './running.mjs';

let n8n;
let editor;

before(async () => {
	n8n = await prepareN8n();
	// The two trigger examples, activated as a user would (Publish).
	for (const id of ['exKpnDisturbanceSms', 'exKpnIncidentTrigger']) {
		const published = await runN8n({ userFolder: n8n.userFolder, args: ['publish:workflow', `--id=${id}`] });
		assert.equal(published.code, 0, published.stdout + published.stderr);
	}
	editor = await startEditor({ userFolder: n8n.userFolder, log: (line) => /rror/.test(line) && console.log(`# n8n: ${line}`) });
});

after(async () => {
	await editor?.stop();
	await n8n?.close();
});

test('example "disturbance trigger → SMS", active: one SMS per new disturbance and per state change', async () => {
	// n8n polls at most once a minute. The first poll only records the 25 known disturbances.
	await until('the first poll', () => n8n.calls('/failures').length >= 1, 90_000);
	assert.equal(n8n.calls('/send').length, 0, 'known disturbances are not texted');
	const polls = n8n.calls('/failures').length;

	n8n.sandbox.setDisturbances([
		{ id: 9001, state: 'open', region: 'Utrecht', type: 'geographical-broadband', cause: 'disturbance', description: 'Glasvezel geraakt' },
		{ id: 1201, state: 'closed' },
	]);
	await until('the next poll', () => n8n.calls('/failures').length > polls, 90_000);
	await until('its SMS', () => n8n.calls('/send').length >= 1, 15_000);
	const texts = n8n.calls('/send').flatMap((entry) => entry.body.messages.map((message) => message.content));
	assert.deepEqual(texts.sort(), ['Nieuwe storing 9001 (Utrecht): open', 'Storing gewijzigd 1201 (Woerden): closed']);
	assert.equal(n8n.calls('/send').length, 1, 'both events of one poll share one bulk SMS call');
});

test('example "incident trigger", active: polls the active incidents without errors', async () => {
	await until('a poll of the active incidents', () => n8n.calls('/GetActiveIncidents').length >= 1, 90_000);
	assert.ok(n8n.calls('/GetActiveIncidents').every((entry) => entry.status === 200));
});
