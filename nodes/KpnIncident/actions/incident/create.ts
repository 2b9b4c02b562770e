import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attachmentsField, planAttachments } from './attachments';
import { basePathFor, itemProblem, optionsField, requiredText, runPerItem, showFor, writeResult } from './common';

export const DEFAULT_REFERENCE_NUMBER = "={{ 'n8n-' + $workflow.id + '-' + $execution.id + '-' + $itemIndex }}";

export const createFields: INodeProperties[] = [
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: DEFAULT_REFERENCE_NUMBER,
		required: true,
		displayOptions: { show: showFor('create') },
		description:
			'Your unique reference for this incident in your own system (sent as reference_number). The default builds one from the workflow, execution and item; keep it or use your own ticket ID.',
	},
	{
		displayName: 'Short Description',
		name: 'shortDescription',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Internet connection down at the Utrecht office',
		displayOptions: { show: showFor('create') },
		description: 'One line that says what is wrong',
	},
	{
		displayName: 'CI',
		name: 'ci',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: showFor('create') },
		description:
			"The configuration item (KPN service or equipment) the incident is about; it must be one of KPN's predefined CIs for your contract",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a CI…',
				typeOptions: { searchListMethod: 'searchCis', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'ESB BIZTALK KPN',
			},
		],
		hint: 'The list shows the CIs of your recent active incidents (KPN publishes no CI list); type any other CI By Name',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		displayOptions: { show: showFor('create') },
		description: 'Details of the incident: what happens, since when, what was tried',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor('create') },
		options: [
			attachmentsField,
			{
				displayName: 'Service',
				name: 'service',
				type: 'string',
				default: '',
				description: 'The KPN service the incident applies to',
			},
		],
	},
	optionsField('create'),
];

/** Reads the CI whether it is a resource locator ({ mode, value }) or plain text (expressions, AI tools). */
export function ciValue(raw: unknown): string {
	const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
	return String(value ?? '').trim();
}

export async function create(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		write: { doneWord: 'created' },
		prepare: async (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const referenceNumber = requiredText(this, itemIndex, 'referenceNumber', 'Reference Number');
			if (referenceNumber instanceof NodeOperationError) return referenceNumber;
			const shortDescription = requiredText(this, itemIndex, 'shortDescription', 'Short Description');
			if (shortDescription instanceof NodeOperationError) return shortDescription;
			const ci = ciValue(this.getNodeParameter('ci', itemIndex, ''));
			if (ci === '') return itemProblem(this, itemIndex)('CI is empty', "Pick a CI from the list or type one of KPN's CIs By Name");
			const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as { attachments?: string; service?: string };
			const attachments = await planAttachments(this, itemIndex, additional.attachments);
			if (attachments instanceof NodeOperationError) return attachments;

			const body: IDataObject = {
				reference_number: referenceNumber,
				short_description: shortDescription,
				description: String(this.getNodeParameter('description', itemIndex, '') ?? ''),
				ci,
			};
			const service = additional.service?.trim();
			if (service) body.service = service;
			return {
				itemIndex,
				method: 'POST',
				basePath,
				path: '/NewIncident',
				body,
				attachments,
			};
		},
		output: (body) => writeResult(body),
	});
}
