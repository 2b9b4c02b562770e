import nock from 'nock';

import { countMessageCharacters, countSmsParts, MAX_MESSAGE_CHARACTERS } from '../../nodes/KpnSms/actions/message/smsParts';
import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { kpnCredentialStore, KPN_TEST_HOST } from '../harness/kpnCredentials';
import { mockKpnTokens } from '../harness/kpnNock';
import { runNode } from '../harness/runNode';

const SEND_PATH = '/communication/kpn/sms/send';
const EMOJI = '😀';
const THUMB_WITH_SKIN_TONE = '👍🏽';

async function send(text: string) {
	return await runNode({
		nodeType: new KpnSms(),
		parameters: { resource: 'message', operation: 'send', sender: 'KPN', recipients: '0612345678', message: '={{ $json.text }}' } as never,
		items: [{ text }] as never,
		credentials: kpnCredentialStore(),
	});
}

/** Accepts /send calls and records the contents sent. */
function mockSend() {
	const contents: string[] = [];
	nock(KPN_TEST_HOST)
		.post(SEND_PATH)
		.times(10)
		.reply((_uri, body) => {
			contents.push(...(body as { messages: Array<{ content: string }> }).messages.map((message) => message.content));
			return [200, { document_id: 'doc-1', status: 'OK' }];
		});
	return contents;
}

describe('message length as KPN counts it (1000 characters)', () => {
	test.each([
		['plain letters', 'a'.repeat(10), 10],
		['emoji outside the BMP are one character each, not two UTF-16 units', EMOJI.repeat(600), 600],
		['GSM-7 extension characters are one character each', '€[]{}\\^~|'.repeat(3), 27],
		['accented and other Unicode letters', 'éłß', 3],
		['an emoji with a skin tone is two characters', THUMB_WITH_SKIN_TONE, 2],
		['line breaks count', 'a\nb\r\nc', 6],
		['empty', '', 0],
	])('%s', (_name, text, characters) => {
		expect(countMessageCharacters(text)).toBe(characters);
	});

	test('the maximum is the documented 1000', () => {
		expect(MAX_MESSAGE_CHARACTERS).toBe(1000);
	});
});

describe('KPN SMS send: the 1000-character maximum', () => {
	beforeEach(() => {
		mockKpnTokens();
	});

	test.each([
		['600 emoji (1200 UTF-16 units)', EMOJI.repeat(600), 600],
		['1000 emoji', EMOJI.repeat(1000), 1000],
		['1000 letters', 'a'.repeat(1000), 1000],
		['1000 € (GSM-7 extension characters)', '€'.repeat(1000), 1000],
		['999 letters and one emoji', `${'a'.repeat(999)}${EMOJI}`, 1000],
		['500 emoji with a skin tone (1000 characters)', THUMB_WITH_SKIN_TONE.repeat(500), 1000],
	])('%s is accepted and sent unchanged', async (_name, text) => {
		const contents = mockSend();
		const result = await send(text);
		expect(result.error).toBeUndefined();
		expect(contents).toEqual([text]);
	});

	test.each([
		['1001 letters', 'a'.repeat(1001), 1001],
		['1001 emoji', EMOJI.repeat(1001), 1001],
		['1000 letters and one emoji', `${'a'.repeat(1000)}${EMOJI}`, 1001],
		['1001 [', '['.repeat(1001), 1001],
		['501 emoji with a skin tone', THUMB_WITH_SKIN_TONE.repeat(501), 1002],
	])('%s is refused before any request, with the counting rule', async (_name, text, characters) => {
		const sendCall = nock(KPN_TEST_HOST).post(SEND_PATH).reply(500, {});
		const result = await send(text);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(
			`Item 0: Message has ${characters} characters; KPN allows at most 1000 (KPN counts Unicode characters: a letter, space, emoji, € or [ is one each; an emoji built from several (such as 👍🏽) counts each part)`,
		);
		expect(sendCall.isDone()).toBe(false);
	});
});

describe('SMS parts (GSM standard estimate in the output)', () => {
	test.each([
		['160 GSM-7 letters', 'a'.repeat(160), 1],
		['161 GSM-7 letters', 'a'.repeat(161), 2],
		['306 GSM-7 letters', 'a'.repeat(306), 2],
		['307 GSM-7 letters', 'a'.repeat(307), 3],
		['80 € take 160 septets', '€'.repeat(80), 1],
		['81 € take 162 septets', '€'.repeat(81), 2],
		['159 letters and [ take 161 septets', `${'a'.repeat(159)}[`, 2],
		['158 letters and ] take 160 septets', `${'a'.repeat(158)}]`, 1],
		['an escaped € is not split over two parts', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 3],
		['1000 € take 14 parts of 76', '€'.repeat(1000), 14],
		['160 GSM-7 accented letters', 'é'.repeat(160), 1],
		['70 UCS-2 letters', 'ł'.repeat(70), 1],
		['71 UCS-2 letters', 'ł'.repeat(71), 2],
		['35 emoji take 70 UTF-16 units', EMOJI.repeat(35), 1],
		['36 emoji take 72 UTF-16 units', EMOJI.repeat(36), 2],
		['one emoji makes a GSM-7 text UCS-2', `${'a'.repeat(69)}${EMOJI}`, 2],
		['an emoji is not split over two parts', `${'ł'.repeat(66)}${EMOJI}${'ł'.repeat(66)}`, 3],
		['600 emoji: 33 per part, as 67 units fit no 34th', EMOJI.repeat(600), 19],
	])('%s: %i', (_name, text, parts) => {
		expect(countSmsParts(text)).toBe(parts);
	});

	test('the output reports the parts of a 600-emoji message', async () => {
		mockKpnTokens();
		mockSend();
		const result = await send(EMOJI.repeat(600));
		expect(result.items[0].json.smsParts).toBe(19);
	});
});
