import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBasePath } from './http/basePath';

/** Makes the error for bad input on one item: "Item N: …", raised before any request. */
export function itemProblem(context: IExecuteFunctions, itemIndex: number) {
	return (message: string, description?: string) =>
		new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex, description });
}

/** A text parameter of one item, trimmed ('' when empty). */
export function itemText(context: IExecuteFunctions, itemIndex: number, parameter: string): string {
	const value = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * A parameter value as text: strings and numbers as they are, nothing ('' ) for null or undefined,
 * and undefined for what an expression may return by mistake (an object, a list, true/false).
 */
export function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	return undefined;
}

/** "an object", "a list", "true/false": what an expression returned instead of text. */
export function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return 'true/false';
	return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

export function requiredText(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	hint?: string,
): string | NodeOperationError {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	const text = asText(raw);
	if (text === undefined) {
		return itemProblem(context, itemIndex)(
			`${label} must be text, not ${describeType(raw)}`,
			'Check the expression: it should give one value, e.g. {{ $json.ticket_number }}',
		);
	}
	const value = text.trim();
	return value === '' ? itemProblem(context, itemIndex)(`${label} is empty`, hint) : value;
}

/** The item's Options → API Base Path, checked, or the API's default. */
export function optionBasePath(context: IExecuteFunctions, itemIndex: number, fallback: string): string | NodeOperationError {
	const options = context.getNodeParameter('options', itemIndex, {}) as { basePath?: string };
	const checked = checkBasePath(options.basePath, fallback);
	return checked.problem ? itemProblem(context, itemIndex)(`API Base Path: ${checked.problem}`) : checked.path;
}

/** The output item for a failed input item under Continue On Fail. */
export function failureItem(error: { message: string; description?: string | null }, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, ...(error.description ? { description: error.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Checks every input item before any request: `prepare` returns the item's request or a
 * NodeOperationError. Bad input stops the node (thrown) unless Continue On Fail, which turns it into
 * that item's error item. `results` holds one slot per input item for the caller to fill.
 */
export async function prepareAllItems<P>(
	context: IExecuteFunctions,
	prepare: (itemIndex: number) => Promise<P | NodeOperationError> | P | NodeOperationError,
): Promise<{ results: INodeExecutionData[][]; prepared: P[] }> {
	const items = context.getInputData();
	const results: INodeExecutionData[][] = items.map(() => []);
	const prepared: P[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const request = await prepare(itemIndex);
		if (request instanceof NodeOperationError) {
			if (!context.continueOnFail()) throw request;
			results[itemIndex] = [failureItem(request, itemIndex)];
		} else {
			prepared.push(request);
		}
	}
	return { results, prepared };
}
