import type { IBinaryData, IDataObject, INodeType } from 'n8n-workflow';

/** One row of the bad-input table: the node must refuse it with a NodeOperationError before any request. */
export interface BadInputCase {
	family: string;
	/** What is wrong, e.g. "recipient in the 069 range". */
	name: string;
	nodeType: () => INodeType;
	parameters: Record<string, unknown>;
	/** Input items (expressions read `$json`); default one empty item. */
	items?: IDataObject[];
	/** Binary properties per input item (attachments). */
	binaries?: Array<Record<string, IBinaryData> | undefined>;
	/** The item the error must name ("Item N: …"); default 0. */
	item?: number;
	/** The rest of the message after "Item N: ", or a pattern it must match. */
	message: string | RegExp;
}
