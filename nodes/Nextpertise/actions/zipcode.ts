// zipcode() (broadband and broadband/basic) combines several providers' answers; one provider
// failing does not fail the call: the document says these methods return such errors inline, in
// their error keys. The node keeps the valid results and the errors as sent, and adds one list of
// provider errors plus a flag, so a workflow can filter on them (e.g. IF hasErrors).
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import type { MethodSpec } from '../../shared/nextpertise/catalogue';

/** Methods whose replies carry per-provider errors inline. */
const INLINE_ERRORS = new Set(['broadband.zipcode', 'broadbandBasic.zipcode', 'postcodes.get_housenrext']);

export function hasInlineErrors(method: Pick<MethodSpec, 'resource' | 'method'>): boolean {
	return INLINE_ERRORS.has(`${method.resource}.${method.method}`);
}

export interface ProviderError extends IDataObject {
	provider: string;
	code: string | number | null;
	message: string;
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	return JSON.stringify(value);
}

function providerError(provider: unknown, error: unknown): ProviderError {
	const record: IDataObject = isRecord(error) ? error : { message: error as IDataObject[string] };
	const code = record.code;
	return {
		provider: text(provider) || 'unknown',
		code: typeof code === 'string' || typeof code === 'number' ? code : null,
		message: text(record.message ?? record.description ?? record.error),
	};
}

/**
 * Every inline error of a reply: the `errors` list (`{ supplier, code, description }`), an
 * `error` object keyed by provider (`{ KPNWBA: { message, code } }`), and `error` keys inside a
 * provider's entry of `available`.
 */
export function providerErrorsOf(result: IDataObject): ProviderError[] {
	const found: ProviderError[] = [];
	if (Array.isArray(result.errors)) {
		for (const entry of result.errors as unknown[]) {
			const record = isRecord(entry) ? entry : {};
			found.push(providerError(record.supplier ?? record.provider, entry));
		}
	}
	if (isRecord(result.error)) {
		for (const [provider, error] of Object.entries(result.error)) {
			if (error !== null && error !== undefined) found.push(providerError(provider, error));
		}
	}
	if (isRecord(result.available)) {
		for (const [provider, entry] of Object.entries(result.available)) {
			if (isRecord(entry) && entry.error !== undefined && entry.error !== null) found.push(providerError(provider, entry.error));
		}
	}
	return found;
}

/** The reply as sent, plus `providerErrors`, `hasErrors` and `failedProviders`. */
export function withProviderErrors(result: unknown): IDataObject {
	if (!isRecord(result)) return { result: result as IDataObject[string], providerErrors: [], hasErrors: false, failedProviders: [] };
	const errors = providerErrorsOf(result);
	return {
		...result,
		providerErrors: errors,
		hasErrors: errors.length > 0,
		failedProviders: [...new Set(errors.map((error) => error.provider))],
	};
}
