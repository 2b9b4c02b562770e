// KPN does not sign delivery reports, so the trigger only accepts a POST that carries a secret the
// user chose: in the URL's query (the URL pasted into the SMS node) or in a header (for a proxy).
import { createHash, timingSafeEqual } from 'crypto';
import type { INodeProperties } from 'n8n-workflow';

export type SecretLocation = 'query' | 'header' | 'none';

/** Query parameter that carries the secret when it travels in the URL. */
export const SECRET_QUERY_PARAMETER = 'token';

export const secretFields: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{
				name: 'Secret in URL',
				value: 'query',
				description: `Reports must come to the production URL followed by ?${SECRET_QUERY_PARAMETER}= and the Secret`,
			},
			{ name: 'Secret in Header', value: 'header', description: 'Reports must carry the secret in a header (set by a proxy in front of n8n)' },
			{ name: 'None', value: 'none', description: 'Anyone who knows the URL can start the workflow' },
		],
		default: 'query',
		description: 'KPN does not sign delivery reports: a secret only you and KPN know keeps others from starting the workflow',
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: { show: { authentication: ['query', 'header'] } },
		description: 'A long random text, e.g. from a password generator. A report without it is answered 401 and starts nothing.',
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-Webhook-Secret',
		displayOptions: { show: { authentication: ['header'] } },
		description: 'Header that carries the secret',
	},
];

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

function sameSecret(given: unknown, expected: string): boolean {
	const value = Array.isArray(given) ? given[0] : given;
	if (typeof value !== 'string' || value === '') return false;
	return timingSafeEqual(digest(value), digest(expected));
}

/** Why a request is refused, or undefined when it carries the secret (or none is asked for). */
export function secretProblem(
	location: SecretLocation,
	expected: string,
	request: { query: Record<string, unknown>; header: (name: string) => unknown; headerName: string },
): string | undefined {
	if (location === 'none') return undefined;
	if (expected === '') return 'the trigger has no secret set';
	const given = location === 'query' ? request.query[SECRET_QUERY_PARAMETER] : request.header(request.headerName.toLowerCase());
	return sameSecret(given, expected) ? undefined : 'missing or wrong secret';
}
