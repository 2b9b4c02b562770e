import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parallelRequestsOption } from '../../../shared/fields/parallelRequests';
import { requestTimeoutOption } from '../../../shared/fields/requestTimeout';
import { RETRY_THROTTLED_ONLY } from '../../../shared/http/retry';
import { itemProblem, optionBasePath } from '../../../shared/items';
import { KpnClient } from '../../../shared/kpn/transport';
import { runItems } from '../../../shared/runner/runItems';

export { itemProblem, requiredText } from '../../../shared/items';
import { INCIDENT_BASE_PATH, incidentBasePathOption, incidentList } from '../../incidentApi';
import { jsonBodyWithAttachments, type PlannedAttachment } from './attachments';

export type IncidentOperation = 'create' | 'comment' | 'close' | 'reopen' | 'get' | 'getAll';

/** Operations that change nothing, so that items may be requested concurrently. */
const READ_OPERATIONS: readonly IncidentOperation[] = ['get', 'getAll'];

export const showFor = (operation: IncidentOperation) => ({ resource: ['incident'], operation: [operation] });

export function optionsField(operation: IncidentOperation): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor(operation) },
		options: READ_OPERATIONS.includes(operation)
			? [incidentBasePathOption, parallelRequestsOption, requestTimeoutOption]
			: [incidentBasePathOption, requestTimeoutOption],
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
	/** Writes: never sent twice, and an error says which items were already done. */
	write?: { doneWord: string };
	prepare: Prepare;
	output: Output;
}

/** Runs one incident operation: one request per item, through the shared item runner. */
export async function runPerItem(context: IExecuteFunctions, settings: RunSettings): Promise<INodeExecutionData[]> {
	return await runItems<PreparedRequest, PreparedRequest, KpnClient>(context, {
		prepare: settings.prepare,
		write: settings.write && {
			doneWord: settings.write.doneWord,
			api: 'KPN',
			label: (outputs) => {
				const ticket = outputs[0]?.json.ticket_number;
				return typeof ticket === 'string' && ticket !== '' ? ticket : undefined;
			},
		},
		connect: async () => await KpnClient.connect(context, 'kpnApi'),
		execute: async (client, [request]) => {
			let body: IDataObject | Buffer | undefined = request.body;
			let headers: Record<string, string> | undefined;
			if (request.attachments && request.attachments.length > 0) {
				const withFiles = await readAttachments(context, request.itemIndex, request.body ?? {}, request.attachments);
				if (withFiles instanceof NodeOperationError) throw withFiles;
				body = withFiles;
				headers = { 'Content-Type': 'application/json' };
			}
			const response = await client.request<unknown>({
				method: request.method,
				basePath: request.basePath,
				path: request.path,
				body,
				headers,
				retryOn: settings.write ? RETRY_THROTTLED_ONLY : undefined,
				itemIndex: request.itemIndex,
			});
			return [settings.output(response.body, request).map((json) => ({ json }))];
		},
	});
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
