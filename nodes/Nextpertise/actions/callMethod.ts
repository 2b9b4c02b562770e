// Runs the chosen JSON-RPC method for every input item through the shared item runner: one call
// per item (pages for paginated methods); methods the catalogue marks unsafe to repeat are writes.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import { runItems } from '../../shared/runner/runItems';
import { findMethod, type MethodSpec } from '../../shared/nextpertise/catalogue';
import { NEXTPERTISE_OPTIONS_COLLECTION, NextpertiseClient } from '../../shared/nextpertise/transport';
import { fetchRows } from './paged';
import { prepareCall, type PreparedCall } from './prepare';
import { readUpload } from './upload';
import { simplifyZipcode } from './simplify';
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
	return wantsSimple(context, method, call.itemIndex) ? [simplifyZipcode(result)] : resultRows(method, result);
}

/** zipcode() with Simplify on (node version 1.1 on; version 1 has no such field and keeps the full reply). */
function wantsSimple(context: IExecuteFunctions, method: MethodSpec, itemIndex: number): boolean {
	if (method.method !== 'zipcode' || context.getNode().typeVersion < 1.1) return false;
	return context.getNodeParameter('simple', itemIndex, true) === true;
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
	return await runItems<PreparedCall, PreparedCall, NextpertiseClient>(this, {
		prepare: async (itemIndex) => await prepareCall(this, method, itemIndex),
		write: method.safeToRetry
			? undefined
			: // The transport's error already says how to check in InControl.
				{ doneWord: `sent to ${method.method}`, api: 'Nextpertise', check: '' },
		connect: async () => await NextpertiseClient.connect(this),
		execute: async (client, [call]) => [(await run(this, client, method, call)).map((json) => ({ json }))],
		optionsCollection: NEXTPERTISE_OPTIONS_COLLECTION,
	});
}
