// Runs the chosen JSON-RPC method for every input item: every item is checked first (bad input
// stops the node before any request), then one call per item (pages for paginated methods).
// Continue On Fail turns a failed item into an error item and goes on with the others.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import { failureItem, prepareAllItems } from '../../shared/items';
import { findMethod, type MethodSpec } from '../../shared/nextpertise/catalogue';
import { NextpertiseClient } from '../../shared/nextpertise/transport';
import { fetchRows } from './paged';
import { prepareCall, type PreparedCall } from './prepare';
import { readUpload } from './upload';
import { hasInlineErrors, withProviderErrors } from './zipcode';

/** Output rows of a non-paginated call: a list of objects gives one item each, anything else one item. */
export function resultRows(method: MethodSpec, result: unknown): IDataObject[] {
	if (hasInlineErrors(method)) return [withProviderErrors(result)];
	if (Array.isArray(result) && result.every(isRecord)) return result;
	if (isRecord(result)) return [result];
	return [{ result: (result ?? null) as IDataObject[string] }];
}

async function run(context: IExecuteFunctions, client: NextpertiseClient, method: MethodSpec, call: PreparedCall): Promise<IDataObject[]> {
	const params = call.upload ? { ...call.params, file: await readUpload(context, call.itemIndex, call.upload) } : call.params;
	if (method.paginated && call.wanted) return await fetchRows(client, method, params, call.wanted, call.itemIndex);
	const result = await client.call({
		productClass: method.productClass,
		method: method.method,
		params,
		safeToRetry: method.safeToRetry,
		permission: method.permission,
		itemIndex: call.itemIndex,
	});
	return resultRows(method, result);
}

export async function callMethod(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = String(this.getNodeParameter('resource', 0, ''));
	const operation = String(this.getNodeParameter('operation', 0, ''));
	const method = findMethod(resource, operation);
	if (!method) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}/${operation}"`, {
			description: 'Choose a resource and an operation of the Nextpertise node again',
		});
	}

	const { results, prepared } = await prepareAllItems(this, async (itemIndex) => await prepareCall(this, method, itemIndex));
	if (prepared.length === 0) return results.flat();

	const client = await NextpertiseClient.connect(this);
	const done: number[] = [];
	for (const call of prepared) {
		const { itemIndex } = call;
		let failure: NodeApiError | NodeOperationError | undefined;
		try {
			const rows = await run(this, client, method, call);
			results[itemIndex] = rows.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			done.push(itemIndex);
		} catch (error) {
			failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
		if (!failure) continue;
		if (this.continueOnFail()) {
			results[itemIndex] = [failureItem(failure, itemIndex)];
			continue;
		}
		if (!method.safeToRetry && done.length > 0) {
			const sent =
				done.length === 1
					? `Item ${done[0]} was already sent to ${method.method}; do not send it again.`
					: `Items ${done.join(', ')} were already sent to ${method.method}; do not send them again.`;
			failure.description = [failure.description, sent].filter((part) => !!part).join(' ');
		}
		throw failure;
	}
	return results.flat();
}
