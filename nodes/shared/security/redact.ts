import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

const MIN_SECRET_LENGTH = 6;
const MASK = '***';
/** Tokens fetched in this process, newest last: a token may be echoed after the credential has a newer one. */
const RECENT_TOKENS_KEPT = 10;
const ITEMS_CHECKED_AT_ONCE = 100;
const recentTokens: string[] = [];
let tokensVersion = 0;

/** Remembers a token a credential just fetched, so it is masked wherever it shows up later. */
export function rememberToken(token: string): void {
	if (token.length < MIN_SECRET_LENGTH || recentTokens.includes(token)) return;
	recentTokens.push(token);
	if (recentTokens.length > RECENT_TOKENS_KEPT) recentTokens.shift();
	tokensVersion++;
}

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Every form a secret takes on the wire or in a server's echo: as it is, URL-encoded (query),
 * form-encoded (token form: spaces as +), JSON-escaped (inside a JSON text) and Base64.
 */
export function secretForms(secret: string): string[] {
	if (secret.length < MIN_SECRET_LENGTH) return [];
	const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
	const jsonEscaped = JSON.stringify(secret).slice(1, -1);
	return [secret, encodeURIComponent(secret), formEncoded, jsonEscaped, base64(secret)];
}

/** The Base64 of `username:password`, as a Basic Authorization header carries it. */
export function basicAuthForms(username: string, password: string): string[] {
	return password.length < MIN_SECRET_LENGTH ? [] : [base64(`${username}:${password}`)];
}

/**
 * The one redaction step: masks every known secret in every form, in texts, errors and output
 * items. Built from a credential's values (client secret, password, stored token) plus the tokens
 * fetched in this process.
 */
export class Redactor {
	private cachedForms: string[] = [];

	/** The forms, and the forms as they stand inside a JSON text (escaped once more). */
	private cachedJsonForms: string[] = [];

	private builtForVersion = -1;

	constructor(
		private readonly secrets: Array<string | undefined>,
		private readonly extraForms: string[] = [],
	) {}

	/** Every form of every secret, longest first (so a secret inside a longer form is masked whole). */
	private get forms(): string[] {
		if (this.builtForVersion === tokensVersion) return this.cachedForms;
		const all = new Set<string>(this.extraForms.filter((form) => form.length >= MIN_SECRET_LENGTH));
		for (const secret of [...this.secrets, ...recentTokens]) {
			if (typeof secret === 'string') for (const form of secretForms(secret)) all.add(form);
		}
		this.cachedForms = [...all].sort((a, b) => b.length - a.length);
		this.cachedJsonForms = [...new Set(this.cachedForms.flatMap((form) => [form, JSON.stringify(form).slice(1, -1)]))];
		this.builtForVersion = tokensVersion;
		return this.cachedForms;
	}

	/** From a credential's decrypted data: the values that must never be shown. */
	static forCredential(data: Record<string, unknown> | undefined): Redactor {
		const text = (key: string) => (typeof data?.[key] === 'string' ? (data[key] as string) : undefined);
		const username = text('username') ?? '';
		const password = text('password') ?? '';
		return new Redactor(
			[text('clientSecret'), password, text('accessToken')],
			basicAuthForms(username, password),
		);
	}

	text(value: string): string {
		let result = value;
		for (const form of this.forms) {
			if (result.includes(form)) result = result.split(form).join(MASK);
		}
		return result;
	}

	/** Whether a JSON text holds a secret: its strings are escaped once more there, so each form is looked for escaped too. */
	private holdsSecret(jsonText: string): boolean {
		if (this.forms.length === 0) return false;
		return this.cachedJsonForms.some((form) => jsonText.includes(form));
	}

	/** Any JSON-like value with every string masked (a new value only where something changed). */
	value<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return value.map((entry) => this.value(entry as unknown)) as T;
		if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
			const result: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(value as Record<string, unknown>)) result[this.text(key)] = this.value(entry);
			return result as T;
		}
		return value;
	}

	/** Output items: each item's JSON is checked as a whole and rewritten only if a secret is in it. */
	items(items: INodeExecutionData[]): INodeExecutionData[] {
		if (this.forms.length === 0) return items;
		const result: INodeExecutionData[] = [];
		// A look at a slice of items at a time: nearly always nothing is found and no item is touched,
		// and the text looked at stays small however many rows a list has.
		for (let start = 0; start < items.length; start += ITEMS_CHECKED_AT_ONCE) {
			const slice = items.slice(start, start + ITEMS_CHECKED_AT_ONCE);
			if (!this.holdsSecret(JSON.stringify(slice.map((item) => item.json)))) {
				result.push(...slice);
				continue;
			}
			for (const item of slice) {
				result.push(this.holdsSecret(JSON.stringify(item.json)) ? { ...item, json: this.value(item.json) as IDataObject } : item);
			}
		}
		return result;
	}

	/** Masks an error in place: message, description, cause, context, and n8n's `messages` list. */
	error<E>(error: E): E {
		if (!error || typeof error !== 'object') return error;
		const target = error as Record<string, unknown>;
		for (const key of ['message', 'description', 'stack']) {
			if (typeof target[key] === 'string') target[key] = this.text(target[key] as string);
		}
		for (const key of ['messages', 'context', 'errorResponse', 'cause']) {
			if (target[key] === undefined || target[key] === null) continue;
			try {
				target[key] = target[key] instanceof Error ? this.error(target[key]) : this.value(target[key]);
			} catch {
				target[key] = undefined;
			}
		}
		return error;
	}
}

/** Masks the given secrets (in all their forms) in one text. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	return new Redactor(secrets).text(text);
}
