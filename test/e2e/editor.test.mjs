import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { setupOwner, startEditor } from '../../scripts/n8n/instance.mjs';
import { REPO_ROOT } from '../../scripts/n8n/version.mjs';
import { prepareN8n } from './context.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let n8n;
let editor;
let browser;

before(async () => {
	n8n = await prepareN8n();
	editor = await startEditor({ userFolder: n8n.userFolder, env: { N8N_SECURE_COOKIE: 'false' } });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
});

after(async () => {
	await browser?.close();
	await editor?.stop();
	await n8n?.close();
});

async function signIn(page, owner) {
	await page.goto(`${editor.url}/signin`);
	await page.fill('input[type="email"], input[name="emailOrLdapLoginId"]', owner.email);
	await page.fill('input[type="password"]', owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
}

test('the KPN nodes appear in the editor\'s node panel', async () => {
	const owner = await setupOwner(editor.url, { log: () => {} });
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await signIn(page, owner);
	// Action nodes are offered after a trigger: open the bulk-SMS example and add a step to it.
	await page.goto(`${editor.url}/workflow/exKpnSmsBulk`);
	await page.locator('[data-test-id="node-creator-plus-button"]').click({ timeout: 30_000 });
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ timeout: 30_000 });
	await page.keyboard.type('KPN'); // the panel opens with its search field focused
	const names = page.locator('[data-test-id="node-creator-item-name"]');
	await names.filter({ hasText: 'KPN SMS' }).first().waitFor({ timeout: 30_000 });
	const listed = await names.allTextContents();
	assert.ok(listed.includes('KPN SMS'), `node panel lists: ${listed.join(', ')}`);
	mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
	await page.screenshot({ path: join(REPO_ROOT, 'docs', 'node-panel.png') });
});

test('"Test credential" for Nextpertise works in real n8n: Basic and JWT pass, a wrong password is refused', async () => {
	const owner = await setupOwner(editor.url, { log: () => {} });
	const testCredential = async (data) => {
		const response = await fetch(`${editor.url}/rest/credentials/test`, {
			method: 'POST',
			headers: { ...owner.headers, 'content-type': 'application/json' },
			body: JSON.stringify({ credentials: { id: 'nxpSandboxApi01', name: 'Nextpertise (sandbox)', type: 'nextpertiseApi', data } }),
		});
		assert.equal(response.status, 200, await response.clone().text());
		return (await response.json()).data;
	};
	const base = { username: 'sandbox-user', password: 'sandbox-password', baseUrl: `${n8n.sandbox.url}/` };
	n8n.sandbox.reset();
	assert.deepEqual(await testCredential({ ...base, authentication: 'basic' }), { status: 'OK', message: 'Connection successful!' });
	assert.deepEqual(await testCredential({ ...base, authentication: 'jwt' }), { status: 'OK', message: 'Connection successful!' });
	const logins = n8n.sandbox.log.filter((entry) => entry.path === '/jwt/log-in');
	assert.equal(logins.length, 1, 'JWT mode logs in first');
	const profileReads = n8n.sandbox.log.filter((entry) => entry.path === '/user/v1');
	assert.deepEqual(profileReads.map((entry) => entry.body?.method), ['get_profile', 'get_profile'], 'a trailing slash in the Base URL is handled');
	const refused = await testCredential({ ...base, password: 'wrong-password', authentication: 'basic' });
	assert.equal(refused.status, 'Error');
	assert.doesNotMatch(JSON.stringify(refused), /wrong-password|sandbox-password/);
});

test('the Nextpertise order form renders in the editor (groups, collections, dropdown fields)', async () => {
	const owner = await setupOwner(editor.url, { log: () => {} });
	const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
	await signIn(page, owner);
	// The "Order Connection" node of examples/nextpertise-order-connection.json, opened by its id.
	await page.goto(`${editor.url}/workflow/exNxpOrder/6e0f0000-0000-4000-8000-000000000004`);
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: 30_000 });
	for (const label of ['Zipcode', 'Carrier', 'Circuit', 'Additional Fields']) {
		await ndv.getByText(label, { exact: false }).first().waitFor({ timeout: 30_000 });
	}
	// Dropdowns show "Loading options..." as their placeholder until the sandbox has answered.
	await page.waitForFunction(
		() => ![...document.querySelectorAll('[data-test-id="ndv"] input')].some((input) => (input.placeholder ?? '').includes('Loading')),
		null,
		{ timeout: 30_000 },
	);
	await page.screenshot({ path: join(REPO_ROOT, 'docs', 'nextpertise-order.png') });
	// The example's ids are in the sandbox's lists, so no dropdown flags its value as unknown.
	const flagged = await ndv.locator('[data-test-id="parameter-issues"]').evaluateAll((nodes) =>
		nodes.map((node) => `${node.closest('[data-test-id="parameter-item"], .parameter-item')?.textContent ?? ''} ${node.getAttribute('title') ?? ''}`.slice(0, 300)),
	);
	assert.deepEqual(flagged, [], 'no parameter is flagged');
	const text = await ndv.innerText();
	assert.doesNotMatch(text, /Could not load|Issues:|Parameter .* is required/i, text.slice(0, 2000));
});
