import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runUpdate, updateFields } from './update';

export const closeFields: INodeProperties[] = updateFields('close');

export async function close(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runUpdate(this, 'Close');
}
