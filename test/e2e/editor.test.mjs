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

test('the KPN nodes appear in the editor\'s node panel', async () => {
	const owner = await setupOwner(editor.url, { log: () => {} });
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await page.goto(`${editor.url}/signin`);
	await page.fill('input[type="email"], input[name="emailOrLdapLoginId"]', owner.email);
	await page.fill('input[type="password"]', owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });
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
