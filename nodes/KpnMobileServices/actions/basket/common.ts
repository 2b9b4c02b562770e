import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemProblem, text } from '../common';

export const BASKET_PATH = '/contracting/basket';

/** The basket's session id, checked (no request is made without one). */
export function sessionIdFor(context: IExecuteFunctions, itemIndex: number): string | NodeOperationError {
	const sessionId = text(context, itemIndex, 'sessionId');
	if (sessionId === '') {
		return itemProblem(context, itemIndex)('Session ID is empty', 'Start with Basket → Create and map its sessionId here');
	}
	if (/[\s?#&/]/.test(sessionId)) return itemProblem(context, itemIndex)(`Session ID "${sessionId}" is not a session ID`);
	return sessionId;
}

/** KPN's answer to a basket change (a map of strings such as { sessionId }). */
export function basketAnswer(body: unknown, sessionId: string): IDataObject {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) return { sessionId, ...(body as IDataObject) };
	return { sessionId };
}
