// attachments.upload: the file comes from a binary property of the input item, Base64-encoded into
// `file`, its name into `filename` (unless the user gave one). Sizes are checked before anything
// is read or sent.
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemProblem } from '../../shared/items';

/** Largest file sent (decoded bytes). The document names no limit; Base64 makes the request a third larger. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface PlannedUpload {
	readonly property: string;
	readonly fileName: string;
	readonly bytes: number;
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} bytes`;
}

/** Decoded size of Base64 text, without decoding it. */
function base64Bytes(data: string): number {
	if (data.length === 0) return 0;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

async function sizeOf(context: IExecuteFunctions, itemIndex: number, property: string, binary: IBinaryData): Promise<number> {
	if (!binary.id) return base64Bytes(binary.data ?? '');
	const size = Number((await context.helpers.getBinaryMetadata(binary.id)).fileSize);
	if (Number.isFinite(size) && size >= 0) return size;
	return (await context.helpers.getBinaryDataBuffer(itemIndex, property)).length;
}

/** Finds and measures the item's file; the problem (missing, empty, too large) is returned, not thrown. */
export async function planUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
): Promise<PlannedUpload | NodeOperationError> {
	const problem = itemProblem(context, itemIndex);
	const name = property.trim();
	if (name === '') return problem('Input Binary Field is empty', 'Name the binary property that holds the file, e.g. "data"');
	const item = context.getInputData()[itemIndex];
	const binary = item?.binary?.[name];
	if (!binary) {
		const available = Object.keys(item?.binary ?? {});
		return problem(
			`binary property "${name}" not found on this item`,
			available.length > 0
				? `Its binary properties are: ${available.join(', ')}`
				: 'It has no binary data. Read the file first, e.g. with Read/Write Files from Disk or an HTTP Request node with Response Format "File".',
		);
	}
	const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
	const fileName = binary.fileName?.trim() || `${name}${extension}`;
	let bytes: number;
	try {
		bytes = await sizeOf(context, itemIndex, name, binary);
	} catch (error) {
		return problem(`could not read the size of file "${fileName}" in binary property "${name}" (${(error as Error).message})`);
	}
	if (bytes === 0) return problem(`file "${fileName}" in binary property "${name}" is empty; nothing to upload`);
	if (bytes > MAX_UPLOAD_BYTES) {
		return problem(
			`file "${fileName}" in binary property "${name}" is ${formatBytes(bytes)}, more than the ${formatBytes(MAX_UPLOAD_BYTES)} the node uploads`,
			'Upload a smaller file (compress it or split it up).',
		);
	}
	return { property: name, fileName, bytes };
}

/** The planned file as Base64 (in-memory files already are; stored ones are read once). */
export async function readUpload(context: IExecuteFunctions, itemIndex: number, planned: PlannedUpload): Promise<string> {
	const binary = context.helpers.assertBinaryData(itemIndex, planned.property);
	if (!binary.id && binary.data) return binary.data;
	return (await context.helpers.getBinaryDataBuffer(itemIndex, planned.property)).toString('base64');
}
