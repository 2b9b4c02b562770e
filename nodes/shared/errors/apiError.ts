import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface ApiErrorDetails {
	message: string;
	description?: string;
	httpCode?: number | string;
	itemIndex?: number;
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
	return error;
}
