import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { incidentList, ticketPath } from '../../incidentApi';
import { basePathFor, optionsField, requiredText, runPerItem, ticketNumberField } from './common';

export const getFields: INodeProperties[] = [
	ticketNumberField('get', 'The KPN ticket number of the incident, e.g. INC0010001'),
	optionsField('get'),
];

export async function get(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runPerItem(this, {
		prepare: async (itemIndex) => {
			const basePath = basePathFor(this, itemIndex);
			if (basePath instanceof NodeOperationError) return basePath;
			const ticketNumber = requiredText(this, itemIndex, 'ticketNumber', 'Ticket Number');
			if (ticketNumber instanceof NodeOperationError) return ticketNumber;
			return { itemIndex, method: 'GET', basePath, path: ticketPath(ticketNumber) };
		},
		output: (body) => incidentList(body) ?? [{ result: (body ?? null) as IDataObject }],
	});
}
