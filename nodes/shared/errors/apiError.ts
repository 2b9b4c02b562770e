import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface ApiErrorDetails {
	message: string;
	description?: string;
	httpCode?: number | string;
	itemIndex?: number;
	/** The request got no complete answer in time (the API may be hung): later items fail fast. */
	timedOut?: boolean;
}

/**
 * A NodeApiError that keeps our wording. NodeApiError swaps the message for a generic one
 * ("Authorization failed - please check your credentials") whenever the HTTP code is a common
 * one; the API's own explanation is more useful, so it is put back. Built from plain data only,
 * so no request (headers, tokens, body) travels with the error.
 */
export function apiError(node: INode, details: ApiErrorDetails): NodeApiError {
	const httpCode = details.httpCode === undefined ? undefined : String(details.httpCode);
	const error = new NodeApiError(node, { message: details.message, httpCode: httpCode ?? null } as JsonObject, {
		message: details.message,
		description: details.description,
		httpCode,
		itemIndex: details.itemIndex,
	});
	error.message = details.message;
	if (details.timedOut) error.context.timedOut = true;
	return error;
}

/** Whether an error says a request got no complete answer in time. */
export function timedOut(error: unknown): boolean {
	return (error as { context?: { timedOut?: unknown } } | undefined)?.context?.timedOut === true;
}

/** Whether what an HTTP helper threw is a timeout (n8n's idle timer or the request's deadline). */
export function isTimeoutFailure(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
		if (candidate.code === 'ECONNABORTED' || candidate.code === 'ETIMEDOUT' || candidate.name === 'DeadlineExceeded') return true;
		if (typeof candidate.message === 'string' && /\btimeout of \d+ms exceeded\b/i.test(candidate.message)) return true;
		current = candidate.cause;
	}
	return false;
}
