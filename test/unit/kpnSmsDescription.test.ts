import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';

describe('KPN SMS node description', () => {
	const { description } = new KpnSms();
	const property = (name: string) => description.properties.find((p) => p.name === name)!;

	test('is usable as an AI tool and uses the kpnApi credential', () => {
		expect(description.name).toBe('kpnSms');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'kpnApi', required: true }]);
	});

	test('offers resource "message" with operation "send"', () => {
		expect(property('resource').options).toEqual([{ name: 'Message', value: 'message' }]);
		expect((property('operation').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['send']);
	});

	test('has the documented fields and defaults', () => {
		expect(property('sender').default).toBe('KPN');
		expect(property('recipients').required).toBe(true);
		expect(property('message').hint).toContain('160');
		expect(property('message').description).toBe('The text to send, at most 1000 characters (an emoji, € or [ is one character)');
		const options = (property('options').options as Array<{ name: string; default: unknown }>).map((o) => [o.name, o.default]);
		expect(options).toEqual([
			['apiPath', '/communication/kpn/sms'],
			['webhookUrl', ''],
			['expireIn', 3600],
			['sendEachItemSeparately', false],
			['subAccount', ''],
			['timeout', 60],
		]);
	});
});
