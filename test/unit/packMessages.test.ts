import { packSmsBatches, type PreparedSms } from '../../nodes/KpnSms/actions/message/packMessages';
import { countSmsParts } from '../../nodes/KpnSms/actions/message/smsParts';

const settings = { apiPath: '/communication/kpn/sms', sender: 'KPN' };
const sms = (itemIndex: number, recipients = 1, overrides: Partial<PreparedSms['settings']> = {}): PreparedSms => ({
	itemIndex,
	content: `message ${itemIndex}`,
	recipients: Array.from({ length: recipients }, (_, n) => `+3161234${String(n).padStart(4, '0')}`),
	settings: { ...settings, ...overrides },
});
const sizes = (prepared: PreparedSms[], separately = false) =>
	packSmsBatches(prepared, separately).map((batch) => batch.entries.length);

describe('packSmsBatches', () => {
	test.each([
		[1, [1]],
		[199, [199]],
		[200, [200]],
		[201, [200, 1]],
		[1000, [200, 200, 200, 200, 200]],
	])('%i single-recipient items → calls of %j', (count, expected) => {
		expect(sizes(Array.from({ length: count }, (_, i) => sms(i)))).toEqual(expected);
	});

	test('counts message×recipient pairs, not messages', () => {
		const prepared = Array.from({ length: 10 }, (_, i) => sms(i, 30));
		const batches = packSmsBatches(prepared);
		expect(batches.map((batch) => batch.entries.length)).toEqual([6, 4]);
		for (const batch of batches) {
			expect(batch.entries.reduce((sum, entry) => sum + entry.recipients.length, 0)).toBeLessThanOrEqual(200);
		}
	});

	test('an item with 200 recipients fills a call of its own', () => {
		expect(sizes([sms(0, 1), sms(1, 200), sms(2, 1)])).toEqual([1, 1, 1]);
	});

	test('items only share a call when sender, webhook, expiry, sub-account and path match', () => {
		const prepared = [
			sms(0),
			sms(1, 1, { sender: 'Other' }),
			sms(2),
			sms(3, 1, { webhookUrl: 'https://x' }),
			sms(4, 1, { apiPath: '/messaging/sms-kpn/v1' }),
			sms(5, 1, { sender: 'Other' }),
		];
		const batches = packSmsBatches(prepared);
		expect(batches.map((batch) => batch.entries.map((entry) => entry.itemIndex))).toEqual([[0, 2], [1, 5], [3], [4]]);
	});

	test('one item per call when asked', () => {
		expect(sizes([sms(0), sms(1), sms(2)], true)).toEqual([1, 1, 1]);
	});
});

describe('countSmsParts', () => {
	test.each([
		['a'.repeat(160), 1],
		['a'.repeat(161), 2],
		['a'.repeat(306), 2],
		['a'.repeat(307), 3],
		['€'.repeat(80), 1],
		['€'.repeat(81), 2],
		['é'.repeat(160), 1],
		['ł'.repeat(70), 1],
		['ł'.repeat(71), 2],
		['😀'.repeat(35), 1],
		['😀'.repeat(36), 2],
	])('%#: %s… is %i SMS', (text, parts) => {
		expect(countSmsParts(text)).toBe(parts);
	});
});
