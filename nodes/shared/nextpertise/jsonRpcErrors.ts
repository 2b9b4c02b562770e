import { ERROR_CODES, HTTP_ERROR_CODES } from './catalogue';

/** The JSON-RPC 2.0 specification's own codes, which a JSON-RPC server may send besides 001–012. */
const JSON_RPC_STANDARD_CODES: Readonly<Record<number, string>> = {
	[-32700]: 'Parse error: the server could not read the request as JSON',
	[-32600]: 'Invalid request: the request is not a valid JSON-RPC 2.0 request',
	[-32601]: 'Method not found: this product class has no such method',
	[-32602]: 'Invalid params: the parameters do not match the method',
	[-32603]: 'Internal error in the JSON-RPC server',
};

export interface JsonRpcErrorObject {
	code?: unknown;
	message?: unknown;
	data?: unknown;
	cid?: unknown;
}

export interface DescribedJsonRpcError {
	/** "007" for a documented code, else the code as sent. */
	code: string;
	message: string;
	/** The document's explanation of the code, when it has one. */
	meaning?: string;
	cid?: string;
}

/**
 * The wire format of the codes is not documented: they may come as numbers (7) or as the
 * document writes them ("007"). Both are read as the documented three-digit code.
 */
export function documentedCode(code: unknown): string | undefined {
	const text = typeof code === 'number' ? String(code) : typeof code === 'string' ? code.trim() : '';
	if (!/^\d{1,3}$/.test(text)) return undefined;
	const padded = text.padStart(3, '0');
	return ERROR_CODES.some((spec) => spec.code === padded) ? padded : undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

/** The correlation id, wherever the server put it: `cid` on the error, in `data`, or in the message. */
function correlationId(error: JsonRpcErrorObject): string | undefined {
	const data = error.data && typeof error.data === 'object' ? (error.data as Record<string, unknown>) : {};
	return (
		text(error.cid) ??
		text(data.cid) ??
		(typeof error.data === 'string' ? /\bcid[:=\s]+([\w-]+)/i.exec(error.data)?.[1] : undefined) ??
		(typeof error.message === 'string' ? /\bcid[:=\s]+([\w-]+)/i.exec(error.message)?.[1] : undefined)
	);
}

export function describeJsonRpcError(error: JsonRpcErrorObject): DescribedJsonRpcError {
	const documented = documentedCode(error.code);
	const spec = documented === undefined ? undefined : ERROR_CODES.find((entry) => entry.code === documented);
	const standard = typeof error.code === 'number' ? JSON_RPC_STANDARD_CODES[error.code] : undefined;
	return {
		code: documented ?? text(error.code) ?? 'unknown',
		message: text(error.message) ?? spec?.message ?? standard ?? 'Nextpertise reported an error without a message',
		meaning: spec?.meaning ?? standard,
		cid: correlationId(error),
	};
}

/**
 * The error's message and explanation lines, the same for a JSON-RPC error answered with HTTP 200
 * and one in the body of an HTTP error: "Nextpertise error 007: …", the document's meaning of the
 * code and the correlation id to quote to Nextpertise.
 */
export function jsonRpcErrorText(error: JsonRpcErrorObject): { message: string; lines: string[] } {
	const described = describeJsonRpcError(error);
	const lines = [
		described.meaning,
		described.cid === undefined ? undefined : `Correlation id (cid): ${described.cid} — mention it when you contact Nextpertise.`,
	].filter((line): line is string => line !== undefined);
	return { message: `Nextpertise error ${described.code}: ${described.message}`, lines };
}

/** The JSON-RPC error object of a reply body, if it has one. */
export function jsonRpcErrorOf(body: Record<string, unknown> | undefined): JsonRpcErrorObject | undefined {
	const error = body?.error;
	return error !== null && typeof error === 'object' && !Array.isArray(error) ? (error as JsonRpcErrorObject) : undefined;
}

/** The document's wording for the HTTP statuses it lists (401, 404). */
export function documentedHttpMeaning(statusCode: number): string | undefined {
	return HTTP_ERROR_CODES.find((spec) => spec.code === String(statusCode))?.meaning;
}
