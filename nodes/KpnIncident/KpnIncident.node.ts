import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { close, closeFields } from './actions/incident/close';
import { comment, commentFields } from './actions/incident/comment';
import { create, createFields } from './actions/incident/create';
import { get, getFields } from './actions/incident/get';
import { getAll, getAllFields } from './actions/incident/getAll';
import { reopen, reopenFields } from './actions/incident/reopen';
import { searchCis } from './methods/listSearch';

const operations: Record<string, (this: IExecuteFunctions) => Promise<INodeExecutionData[]>> = {
	close,
	comment,
	create,
	get,
	getAll,
	reopen,
};

export class KpnIncident implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN Incident',
		name: 'kpnIncident',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, comment on, close, reopen and read incident tickets at KPN (ServiceNow Incident API)',
		defaults: { name: 'KPN Incident' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Incident', value: 'incident' }],
				default: 'incident',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['incident'] } },
				options: [
					{
						name: 'Close',
						value: 'close',
						description: 'Close a resolved incident',
						action: 'Close a resolved KPN incident ticket',
					},
					{
						name: 'Comment',
						value: 'comment',
						description: 'Add a comment and/or attachments to an incident',
						action: 'Add a comment or attachments to a KPN incident ticket',
					},
					{
						name: 'Create',
						value: 'create',
						description: 'Report a new incident to KPN',
						action: 'Report a new incident to KPN and get its ticket number',
					},
					{
						name: 'Get',
						value: 'get',
						description: 'Get all details of one incident',
						action: 'Get all details of one KPN incident by ticket number',
					},
					{
						name: 'Get Many',
						value: 'getAll',
						description: 'Get your active incidents',
						action: 'Get many active KPN incidents of your company',
					},
					{
						name: 'Reopen',
						value: 'reopen',
						description: 'Reopen a resolved or closed incident',
						action: 'Reopen a resolved or closed KPN incident',
					},
				],
				default: 'create',
			},
			...createFields,
			...commentFields,
			...closeFields,
			...reopenFields,
			...getFields,
			...getAllFields,
		],
	};

	methods = { listSearch: { searchCis } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0, '');
		const operation = this.getNodeParameter('operation', 0, '') as string;
		const run = resource === 'incident' && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
		if (!run) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${String(resource)}/${operation}"`, {
				description: 'The KPN Incident node supports incident: create, comment, close, reopen, get and getAll',
			});
		}
		return [await run.call(this)];
	}
}
