/** What the KPN seed documents say each HTTP status means, worded for the person fixing it. */
export const KPN_STATUS_MEANINGS: Record<number, string> = {
	400: 'Bad request: KPN did not accept the data sent',
	401: 'Unauthorized: KPN refused the access token (check the Client ID / Secret and that your app has this API)',
	403: 'Forbidden: your KPN app is not allowed to use this API or action (check the API products of your app)',
	404: 'Not found: check the ID and the API path',
	405: 'Method not allowed on this path (check the API path option)',
	412: 'Precondition failed',
	429: 'Too many requests: your KPN quota is used up for now (see the quota-* headers)',
	500: 'KPN had an internal server error',
	502: 'Bad gateway: KPN could not reach the service behind its gateway',
	503: 'Service unavailable: the KPN service is temporarily down',
	504: 'Gateway timeout: the KPN service did not answer in time',
};

export interface KpnFailure {
	httpCode?: number;
	message: string;
	/** KPN's own error code from the body, when it has one. */
	code?: string;
	body?: unknown;
	headers: Record<string, string>;
}

interface ResponseLike {
	status?: number;
	data?: unknown;
	headers?: Record<string, unknown>;
}

function findResponse(error: unknown): { response?: ResponseLike; code?: string; message?: string } {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const candidate = current as { response?: ResponseLike; code?: unknown; cause?: unknown; message?: unknown };
		if (candidate.response && typeof candidate.response === 'object' && 'status' in candidate.response) {
			return { response: candidate.response };
		}
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			return { code: candidate.code, message: typeof candidate.message === 'string' ? candidate.message : '' };
		}
		current = candidate.cause;
	}
	return {};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A body as an object: JSON text is parsed, anything else that is no object gives undefined. */
function bodyRecord(body: unknown): Record<string, unknown> | undefined {
	if (typeof body !== 'string') return objectOf(body);
	try {
		return objectOf(JSON.parse(body));
	} catch {
		return undefined;
	}
}

/**
 * The object holding message and code: `errorResponse` (KPN gateway), `error` when it is an
 * object (ServiceNow Connect: {"error":{"code":"1234","message":"…"}}), else the body itself.
 */
function envelopeOf(record: Record<string, unknown>): Record<string, unknown> {
	return objectOf(record.errorResponse) ?? objectOf(record.error) ?? record;
}

/** Picks the human message out of the error bodies KPN documents. */
export function messageFromKpnBody(body: unknown): string | undefined {
	const record = bodyRecord(body);
	if (!record) return undefined;
	const envelope = envelopeOf(record);
	const fault = record.fault as { faultstring?: unknown; detail?: { errorcode?: unknown } } | undefined;
	const parts = [
		text(envelope.message) ?? text(envelope.detail) ?? text(envelope.title) ?? text(record.error_description),
		text(envelope.info),
	].filter((part): part is string => part !== undefined);
	if (parts.length > 0) return parts.join(' — ');
	if (fault && text(fault.faultstring)) {
		const code = text(fault.detail?.errorcode);
		return code ? `${text(fault.faultstring)} (${code})` : text(fault.faultstring);
	}
	// Apigee's OAuth errors: {"ErrorCode":"invalid_client","Error":"ClientId is Invalid"}
	const apigee = text(record.Error) ?? text(record.error);
	const apigeeCode = text(record.ErrorCode);
	return apigee && apigeeCode ? `${apigee} (${apigeeCode})` : apigee;
}

function codeText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return text(value);
}

/**
 * KPN's own error code from the error bodies KPN documents: `errorResponse.code`, `error.code`
 * (ServiceNow Connect) or a top-level `code` / `error_code` (CAMARA-style). Fault and Apigee
 * codes are already part of the message.
 */
export function codeFromKpnBody(body: unknown): string | undefined {
	const record = bodyRecord(body);
	if (!record) return undefined;
	const envelope = envelopeOf(record);
	return codeText(envelope.code) ?? codeText(envelope.error_code);
}

function headerRecord(headers: Record<string, unknown> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (typeof value === 'string' || typeof value === 'number') result[name.toLowerCase()] = String(value);
	}
	return result;
}

/** Turns whatever an HTTP helper threw into a status, a message and headers — never the request. */
export function describeKpnFailure(error: unknown): KpnFailure {
	const found = findResponse(error);
	if (found.response) {
		const httpCode = found.response.status;
		const fromBody = messageFromKpnBody(found.response.data);
		const meaning = httpCode !== undefined ? KPN_STATUS_MEANINGS[httpCode] : undefined;
		return {
			httpCode,
			message: fromBody ?? meaning ?? `HTTP ${httpCode ?? 'error'}`,
			code: codeFromKpnBody(found.response.data),
			body: found.response.data,
			headers: headerRecord(found.response.headers),
		};
	}
	if (found.code) {
		const reason = found.code === 'ECONNABORTED' || found.code === 'ETIMEDOUT' ? 'timed out' : `failed (${found.code})`;
		return { message: `The connection to KPN ${reason}`, headers: {} };
	}
	const ownMessage = error instanceof Error ? error.message : String(error);
	return { message: ownMessage, headers: {} };
}
