import { KpnSms } from '../../../nodes/KpnSms/KpnSms.node';
import type { BadInputCase } from './types';

const family = 'KPN SMS';
const nodeType = () => new KpnSms();
const base = { resource: 'message', operation: 'send', sender: 'KPN', recipients: '={{ $json.to }}', message: '={{ $json.text }}' };
const to = (number: string | number) => ({ parameters: base, items: [{ to: number, text: 'Storing opgelost' }] });
const tooLong = (characters: number) =>
	`Message has ${characters} characters; KPN allows at most 1000 (KPN counts Unicode characters: a letter, space, emoji, € or [ is one each; an emoji built from several (such as 👍🏽) counts each part)`;
const sms = (name: string, message: BadInputCase['message'], setup: Pick<BadInputCase, 'parameters' | 'items'> & { item?: number }): BadInputCase => ({
	family,
	name,
	nodeType,
	message,
	...setup,
});

export const smsCases: BadInputCase[] = [
	sms('recipient in the 069 range', 'Recipients: "0691234567" is in the 069 range, which KPN does not accept for SMS', to('0691234567')),
	sms('recipient in the 060 range', 'Recipients: "0601234567" is in the 060 range, which KPN does not accept for SMS', to('0601234567')),
	sms('recipient in the 067 range', 'Recipients: "0671234567" is in the 067 range, which KPN does not accept for SMS', to('0671234567')),
	sms('recipient is a landline', 'Recipients: "0201234567" is a Dutch number but not a mobile number (06… or 097…)', to('0201234567')),
	sms('recipient without leading 0 or +', 'Recipients: "612345678" needs a leading 0 (06…), +31 or another +<country code>', to('612345678')),
	sms('recipient is a number, not text (expression)', 'Recipients: "612345678" needs a leading 0 (06…), +31 or another +<country code>', to(612345678)),
	sms('recipient with letters', /^Recipients: "06-CALL-ME" /, to('06-CALL-ME')),
	sms('recipient too short', 'Recipients: "+3161234" is not a valid phone number', to('+3161234')),
	sms('recipient too long', 'Recipients: "+316123456789012345" is not a valid phone number', to('+316123456789012345')),
	sms('one bad number in a list', 'Recipients: "0691234567" is in the 069 range, which KPN does not accept for SMS', to('0612345678, 0691234567')),
	sms('no recipient (expression gives nothing)', 'Recipients is empty', { parameters: { ...base, recipients: '={{ $json.missing }}' }, items: [{ text: 'hi' }] }),
	sms('201 recipients in one item', 'Recipients has more than 200 different numbers (201 given); one item may have at most 200', {
		parameters: base,
		items: [{ to: Array.from({ length: 201 }, (_, i) => `06${20000000 + i}`).join(','), text: 'hi' }],
	}),
	sms('third item bad, nothing sent for the first two', 'Recipients: "0691234567" is in the 069 range, which KPN does not accept for SMS', {
		parameters: base,
		items: [
			{ to: '0612345678', text: 'a' },
			{ to: '0612345679', text: 'b' },
			{ to: '0691234567', text: 'c' },
		],
		item: 2,
	}),
	sms('sender of 12 characters', 'Sender "KPN-Storing1" has 12 characters; KPN allows at most 11', { ...to('0612345678'), parameters: { ...base, sender: 'KPN-Storing1' } }),
	sms('sender with an emoji', /^Sender "Shop😀" has characters a phone cannot show as a sender name/, { ...to('0612345678'), parameters: { ...base, sender: 'Shop😀' } }),
	sms('sender with a line break', /^Sender "KPN\\nNL" has characters a phone cannot show as a sender name \("\\n"\)/, {
		...to('0612345678'),
		parameters: { ...base, sender: '={{ "KPN\\nNL" }}' },
	}),
	sms('sender is a list (expression)', 'Sender must be text, not a list', { ...to('0612345678'), parameters: { ...base, sender: '={{ ["KPN", "NL"] }}' } }),
	sms('empty message', 'Message is empty', { parameters: base, items: [{ to: '0612345678', text: '' }] }),
	sms('message of spaces only', 'Message is empty', { parameters: base, items: [{ to: '0612345678', text: '   ' }] }),
	sms('message of 1001 characters', tooLong(1001), { parameters: base, items: [{ to: '0612345678', text: 'x'.repeat(1001) }] }),
	sms('message of 1001 emoji', tooLong(1001), { parameters: base, items: [{ to: '0612345678', text: '😀'.repeat(1001) }] }),
	sms('message is an object (expression)', 'Message must be text, not an object', { parameters: { ...base, message: '={{ { text: $json.text } }}' }, items: [{ to: '0612345678', text: 'hi' }] }),
	sms('webhook URL is not http(s)', 'Delivery Report Webhook URL "ftp://example.com/dlr" is not an http(s) URL', {
		...to('0612345678'),
		parameters: { ...base, options: { webhookUrl: 'ftp://example.com/dlr' } },
	}),
	sms('expire-in of 0 seconds', 'Expire In must be a whole number of seconds (got 0)', { ...to('0612345678'), parameters: { ...base, options: { expireIn: 0 } } }),
	sms('expire-in of 1.5 seconds', 'Expire In must be a whole number of seconds (got 1.5)', { ...to('0612345678'), parameters: { ...base, options: { expireIn: 1.5 } } }),
	sms('expire-in is text (expression)', 'Expire In must be a whole number of seconds (got soon)', { ...to('0612345678'), parameters: { ...base, options: { expireIn: '={{ "soon" }}' } } }),
	sms('API path not one of the two (expression)', 'API Path must be /communication/kpn/sms (Current) or /messaging/sms-kpn/v1 (Legacy), not "/evil/path"', {
		...to('0612345678'),
		parameters: { ...base, options: { apiPath: '={{ "/evil/path" }}' } },
	}),
];
