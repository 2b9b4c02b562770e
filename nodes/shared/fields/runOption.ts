import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * One option of the node's Options collection for the whole run: the first item's value, or
 * undefined when the node has no such collection or it cannot be read.
 */
export function runOption(context: Partial<Pick<IExecuteFunctions, 'getNodeParameter'>>, collection: string, name: string): unknown {
	try {
		const options = context.getNodeParameter?.(collection, 0, {}) as Record<string, unknown> | undefined;
		return options?.[name];
	} catch {
		return undefined;
	}
}
