import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../../shared/errors/apiError';
import { earlierWritesNote, writeFailureNote } from '../../../shared/errors/writeOutcome';
import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { failureItem, itemProblem, optionBasePath, prepareAllItems } from '../../../shared/items';
import { KpnClient } from '../../../shared/kpn/transport';

export { itemProblem, requiredText } from '../../../shared/items';
import { INCIDENT_BASE_PATH, incidentBasePathOption, incidentList } from '../../incidentApi';
import { jsonBodyWithAttachments, type PlannedAttachment } from './attachments';

export type IncidentOperation = 'create' | 'comment' | 'close' | 'reopen' | 'get' | 'getAll';

export const showFor = (operation: IncidentOperation) => ({ resource: ['incident'], operation: [operation] });

export function optionsField(operation: IncidentOperation): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor(operation) },
		options: [incidentBasePathOption],
	};
}

export const ticketNumberField = (operation: IncidentOperation, description: string): INodeProperties => ({
	displayName: 'Ticket Number',
	name: 'ticketNumber',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'INC0010001',
	displayOptions: { show: showFor(operation) },
	description,
});

/** Builds `Item N: <message>` errors for one item. */
export const basePathFor = (context: IExecuteFunctions, itemIndex: number) =>
	optionBasePath(context, itemIndex, INCIDENT_BASE_PATH);

/** One request an item will make, checked and ready except for the attachments' content. */
export interface PreparedRequest {
	itemIndex: number;
	method: IHttpRequestMethods;
	basePath: string;
	path: string;
	body?: IDataObject;
	attachments?: PlannedAttachment[];
}

type Prepare = (itemIndex: number) => Promise<PreparedRequest | NodeOperationError>;
type Output = (body: unknown, request: PreparedRequest) => IDataObject[];

export interface RunSettings {
	/** Writes: never retried, and an error says which items were already done. */
	write?: { doneWord: string };
	prepare: Prepare;
	output: Output;
}

/**
 * Checks every item first (so bad input stops the node before any request), then makes one
 * request per item. Continue On Fail turns a failed item into an error item and goes on.
 */
export async function runPerItem(context: IExecuteFunctions, settings: RunSettings): Promise<INodeExecutionData[]> {
	const { results, prepared } = await prepareAllItems(context, settings.prepare);

	const client = prepared.length > 0 ? await KpnClient.connect(context, 'kpnApi') : undefined;
	const done: string[] = [];
	for (const request of prepared) {
		const { itemIndex } = request;
		let body: IDataObject | Buffer | undefined = request.body;
		let headers: Record<string, string> | undefined;
		if (request.attachments && request.attachments.length > 0) {
			const attachments = await readAttachments(context, itemIndex, request.body ?? {}, request.attachments);
			if (attachments instanceof NodeOperationError) {
				if (!context.continueOnFail()) {
					if (settings.write && done.length > 0) {
						attachments.description = `Earlier items WERE ${settings.write.doneWord} (${done.join(', ')}); do not send them again.`;
					}
					throw attachments;
				}
				results[itemIndex] = [failureItem(attachments, itemIndex)];
				continue;
			}
			body = attachments;
			headers = { 'Content-Type': 'application/json' };
		}
		try {
			const response = await client!.request<unknown>({
				method: request.method,
				basePath: request.basePath,
				path: request.path,
				body,
				headers,
				retryOn: settings.write ? RETRY_THROTTLED_ONLY : undefined,
				itemIndex,
			});
			body = undefined;
			results[itemIndex] = settings.output(response.body, request).map((json) => ({ json, pairedItem: { item: itemIndex } }));
			if (settings.write) {
				const ticket = results[itemIndex][0]?.json.ticket_number;
				done.push(`item ${itemIndex}${typeof ticket === 'string' && ticket !== '' ? `: ${ticket}` : ''}`);
			}
		} catch (error) {
			body = undefined;
			const failure = error as NodeApiError;
			const outcome = settings.write ? writeFailureNote(failure, settings.write.doneWord) : '';
			if (context.continueOnFail()) {
				const description = `${failure.description ?? ''} ${outcome}`.trim();
				results[itemIndex] = [failureItem({ message: failure.message, description }, itemIndex)];
				continue;
			}
			let description = failure.description ?? undefined;
			if (settings.write) {
				description = `${description ?? ''} ${outcome} ${earlierWritesNote(done, settings.write.doneWord)}`.trim();
			}
			throw apiError(context.getNode(), {
				message: failure.message,
				description,
				httpCode: failure.httpCode ?? undefined,
				itemIndex,
			});
		}
	}
	return results.flat();
}

/** The JSON body with the item's attachments encoded in; a file that cannot be read is returned as the problem. */
async function readAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	planned: PlannedAttachment[],
): Promise<Buffer | NodeOperationError> {
	try {
		return await jsonBodyWithAttachments(context, itemIndex, body, planned);
	} catch (error) {
		return itemProblem(context, itemIndex)(
			`Attachments: could not read the binary data (${(error as Error).message})`,
			`Files: ${planned.map((file) => `${file.property} (${file.name})`).join(', ')}. Nothing was sent for this item.`,
		);
	}
}

/** The `result` of a KPN write answer (or the whole answer if it has none). */
export function writeResult(body: unknown): IDataObject[] {
	if (body === undefined || body === null || body === '') return [{ success: true }];
	const list = incidentList(body);
	if (list && list.length > 0) return list;
	return [{ result: body as IDataObject }];
}
