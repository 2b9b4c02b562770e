import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runUpdate, updateFields } from './update';

export const reopenFields: INodeProperties[] = updateFields('reopen');

export async function reopen(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runUpdate(this, 'Reopen');
}
