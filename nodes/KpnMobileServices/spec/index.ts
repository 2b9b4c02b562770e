// The operations of KPN's Mobile Service Management spec beyond the hand-written ones: a
// catalogue generated from the spec (operations.generated.ts) drives the fields (fields.ts) and the
// requests (execute.ts).
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runSpecOperation } from './execute';
import { OPERATIONS } from './operations.generated';
import type { SpecOperation } from './types';

export { SPEC_RESOURCES, specOperationProperties } from './fields';

function findOperation(resource: string, operation: string): SpecOperation | undefined {
	return OPERATIONS.find((op) => op.resource === resource && op.operation === operation);
}

export function isSpecOperation(resource: string, operation: string): boolean {
	return findOperation(resource, operation) !== undefined;
}

export async function executeSpecOperation(
	this: IExecuteFunctions,
	resource: string,
	operation: string,
): Promise<INodeExecutionData[][]> {
	const op = findOperation(resource, operation);
	if (!op) throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}/${operation}"`);
	return await runSpecOperation(this, op);
}

/** Every generated operation, for tests and documentation. */
export const SPEC_OPERATIONS: ReadonlyArray<{ resource: string; operation: string; method: string; path: string }> =
	OPERATIONS.map(({ resource, operation, method, path }) => ({ resource, operation, method, path }));
