import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runUpdate, updateFields } from './update';

export const commentFields: INodeProperties[] = updateFields('comment');

export async function comment(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runUpdate(this, 'Comment');
}
