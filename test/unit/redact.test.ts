// The one redaction step, on its own: every wire form of a secret is masked, longer forms first,
// output items are only rewritten when they hold a secret, and errors are masked in place.
import type { INodeExecutionData } from 'n8n-workflow';

import { basicAuthForms, Redactor, redactSecrets, rememberToken, secretForms } from '../../nodes/shared/security/redact';

const SECRET = 'p@ss w/rd&=+é"\\x';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The forms, written out by hand rather than with the code under test. */
const FORMS = {
	raw: SECRET,
	urlEncoded: 'p%40ss%20w%2Frd%26%3D%2B%C3%A9%22%5Cx',
	formEncoded: 'p%40ss+w%2Frd%26%3D%2B%C3%A9%22%5Cx',
	jsonEscaped: 'p@ss w/rd&=+é\\"\\\\x',
	base64: base64(SECRET),
};

describe('Redactor: every form of a secret', () => {
	test('secretForms lists the raw, URL-encoded, form-encoded, JSON-escaped and Base64 forms', () => {
		expect(secretForms(SECRET)).toEqual([FORMS.raw, FORMS.urlEncoded, FORMS.formEncoded, FORMS.jsonEscaped, FORMS.base64]);
		expect(basicAuthForms('partner', SECRET)).toEqual([base64(`partner:${SECRET}`)]);
	});

	test.each(Object.entries(FORMS))('the %s form is masked wherever it appears in a text', (_name, form) => {
		const redactor = new Redactor([SECRET]);
		expect(redactor.text(`before ${form} middle ${form} after`)).toBe('before *** middle *** after');
	});

	test('the Base64 of user:password (a Basic header) is masked, with the password itself', () => {
		const redactor = Redactor.forCredential({ username: 'partner', password: 'hunter22' });
		const header = `Basic ${base64('partner:hunter22')}`;
		expect(redactor.text(`sent ${header} with hunter22`)).toBe('sent Basic *** with ***');
	});

	test('forCredential masks the client secret, the password and the stored token; other fields are left', () => {
		const redactor = Redactor.forCredential({ clientId: 'client-id-1', clientSecret: 'client-secret-1', accessToken: 'stored-token-1', baseUrl: 'https://api' });
		expect(redactor.text('client-id-1 client-secret-1 stored-token-1 https://api')).toBe('client-id-1 *** *** https://api');
	});

	test('secrets shorter than 6 characters are not masked (they would mask ordinary words)', () => {
		expect(secretForms('abc12')).toEqual([]);
		expect(basicAuthForms('user', 'abc12')).toEqual([]);
		expect(new Redactor(['abc12', undefined]).text('abc12 stays')).toBe('abc12 stays');
	});

	test('longest first: a secret inside a longer secret is masked together with it, leaving no tail', () => {
		const redactor = new Redactor(['secret', 'secret-extended-token']);
		expect(redactor.text('a secret-extended-token b secret c')).toBe('a *** b *** c');
		// The same with the order of the secrets reversed.
		expect(new Redactor(['secret-extended-token', 'secret']).text('secret-extended-token')).toBe('***');
	});

	test('a token remembered after the redactor was built is masked too (tokens fetched in this process)', () => {
		const redactor = new Redactor(['credential-secret']);
		const token = 'remembered-token-0a9f2c';
		expect(redactor.text(`Bearer ${token}`)).toBe(`Bearer ${token}`);
		rememberToken(token);
		expect(redactor.text(`Bearer ${token} / ${base64(token)}`)).toBe('Bearer *** / ***');
		expect(new Redactor([]).text(`other redactor ${token}`)).toBe('other redactor ***');
		rememberToken('tiny');
		expect(redactor.text('tiny')).toBe('tiny');
	});

	test('redactSecrets masks one text with the given secrets', () => {
		expect(redactSecrets(`x=${FORMS.formEncoded}`, [SECRET, undefined])).toBe('x=***');
	});
});

describe('Redactor.value and items', () => {
	const redactor = new Redactor([SECRET]);

	test('value masks strings at any depth, in keys too; numbers, booleans, null and Buffers are kept', () => {
		const buffer = Buffer.from(SECRET);
		const masked = redactor.value({ a: [`x ${SECRET}`, 1, true, null], [SECRET]: { deep: FORMS.base64 }, buffer });
		expect(masked).toEqual({ a: ['x ***', 1, true, null], '***': { deep: '***' }, buffer });
		expect(masked.buffer).toBe(buffer);
	});

	test('items: only items that hold a secret are rewritten; the others stay the same objects', () => {
		const clean: INodeExecutionData = { json: { document_id: 'doc-1' }, pairedItem: { item: 0 } };
		const dirty: INodeExecutionData = { json: { echo: `token ${SECRET}`, nested: { list: [FORMS.urlEncoded] } }, pairedItem: { item: 1 } };
		const quoted: INodeExecutionData = { json: { said: `"${SECRET}"` } };
		const [first, second, third] = redactor.items([clean, dirty, quoted]);
		expect(first).toBe(clean);
		expect(second).not.toBe(dirty);
		expect(second).toEqual({ json: { echo: 'token ***', nested: { list: ['***'] } }, pairedItem: { item: 1 } });
		// The input item is not changed in place.
		expect(dirty.json.echo).toBe(`token ${SECRET}`);
		expect(third.json.said).toBe('"***"');
	});

	test('items with nothing to mask keep their json object; empty and missing secrets mask nothing', () => {
		const item: INodeExecutionData = { json: { a: 'p@ss', b: '' } };
		const [result] = new Redactor([undefined, '']).items([item]);
		expect(result).toBe(item);
		expect(result.json).toEqual({ a: 'p@ss', b: '' });
	});
});

describe('Redactor.error', () => {
	const redactor = new Redactor([SECRET]);

	test('masks message, description, stack, context, messages, errorResponse and the cause chain, in place', () => {
		const cause = Object.assign(new Error(`inner ${FORMS.formEncoded}`), { description: `inner description ${FORMS.base64}` });
		const error = Object.assign(new Error(`outer ${SECRET}`), {
			description: `description ${FORMS.urlEncoded}`,
			context: { request: { body: `client_secret=${FORMS.formEncoded}` } },
			messages: [`first ${FORMS.jsonEscaped}`],
			errorResponse: { echo: SECRET },
			cause,
			httpCode: '401',
		});
		const result = redactor.error(error);
		expect(result).toBe(error);
		expect(error.message).toBe('outer ***');
		expect(error.description).toBe('description ***');
		expect(error.stack).not.toContain(SECRET);
		expect(error.stack).toContain('outer ***');
		expect(error.context).toEqual({ request: { body: 'client_secret=***' } });
		expect(error.messages).toEqual(['first ***']);
		expect(error.errorResponse).toEqual({ echo: '***' });
		expect(error.cause).toBe(cause);
		expect(cause.message).toBe('inner ***');
		expect(cause.description).toBe('inner description ***');
		expect(error.httpCode).toBe('401');
		for (const form of Object.values(FORMS)) expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(form);
	});

	test('a plain-object cause is masked; what is not an object is returned unchanged', () => {
		const error = { message: 'x', cause: { said: SECRET } };
		expect(redactor.error(error).cause).toEqual({ said: '***' });
		expect(redactor.error(`text ${SECRET}`)).toBe(`text ${SECRET}`);
		expect(redactor.error(undefined)).toBeUndefined();
	});
});

describe('Redactor.items: a secret held only in its JSON-escaped form', () => {
	test('an output that carries a JSON text with the secret in it is masked', () => {
		const password = 'N3xt"S3cret\\pw';
		const redactor = new Redactor([password]);
		const [item] = redactor.items([{ json: { echo: JSON.stringify({ password }), plain: 'nothing' } }]);
		expect(JSON.stringify(item.json)).not.toContain('S3cret');
		expect(item.json.plain).toBe('nothing');
	});
});
