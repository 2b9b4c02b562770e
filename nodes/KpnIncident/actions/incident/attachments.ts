import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** "Maximum total size of attachments is 10Mb": the decoded bytes of all files of one request. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const attachmentsField: INodeProperties = {
	displayName: 'Attachments (Binary Properties)',
	name: 'attachments',
	type: 'string',
	default: '',
	placeholder: 'data, screenshot',
	description:
		"Names of the input item's binary properties to attach, comma-separated. The node Base64-encodes each file; together they may be at most 10 MB.",
};

/** One file to attach: where it is and how big it is, before anything is read or encoded. */
export interface PlannedAttachment {
	property: string;
	name: string;
	bytes: number;
	binary: IBinaryData;
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${bytes} bytes`;
}

export function propertyNames(value: unknown): string[] {
	const names = String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	return [...new Set(names)];
}

/** Decoded size of a Base64 string, without decoding it. */
function base64Bytes(data: string): number {
	const length = data.length;
	if (length === 0) return 0;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((length * 3) / 4) - padding;
}

/**
 * Size of a file in n8n's binary store (filesystem, S3), from its metadata, so nothing is read;
 * only a store that does not record sizes makes the file be read to measure it.
 */
async function storedSize(context: IExecuteFunctions, itemIndex: number, property: string, id: string): Promise<number | Error> {
	try {
		const size = Number((await context.helpers.getBinaryMetadata(id)).fileSize);
		if (Number.isFinite(size) && size >= 0) return size;
		return (await context.helpers.getBinaryDataBuffer(itemIndex, property)).length;
	} catch (error) {
		return error instanceof Error ? error : new Error(String(error));
	}
}

/**
 * Finds the named binary properties of one item and measures them (from the stored metadata or
 * the in-memory Base64 length, so nothing is decoded yet) and checks the 10 MB total.
 * Returns the problem as an error instead of throwing it.
 */
export async function planAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): Promise<PlannedAttachment[] | NodeOperationError> {
	const fail = (message: string, description?: string) =>
		new NodeOperationError(context.getNode(), `Item ${itemIndex}: Attachments: ${message}`, { itemIndex, description });
	const names = propertyNames(value);
	if (names.length === 0) return [];
	const item = context.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	const planned: PlannedAttachment[] = [];
	for (const property of names) {
		if (!item?.binary?.[property]) {
			const isJson = item?.json !== undefined && property in item.json;
			const has = available.length > 0 ? `its binary properties are: ${available.join(', ')}` : 'it has no binary data';
			return fail(
				isJson
					? `"${property}" is a JSON field, not a binary property (${has})`
					: `binary property "${property}" not found on this item (${has})`,
				'Give the names of binary properties, e.g. "data" from Read/Write Files from Disk or an HTTP Request node with Response Format "File"',
			);
		}
		const binary = context.helpers.assertBinaryData(itemIndex, property);
		const bytes = binary.id ? await storedSize(context, itemIndex, property, binary.id) : base64Bytes(binary.data ?? '');
		if (bytes instanceof Error) {
			return fail(`could not read the size of binary property "${property}" (${bytes.message})`);
		}
		const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
		planned.push({ property, name: binary.fileName?.trim() || `${property}${extension}`, bytes, binary });
	}
	const total = planned.reduce((sum, file) => sum + file.bytes, 0);
	if (total > MAX_ATTACHMENT_BYTES) {
		const files = planned.map((file) => `${file.name} (${formatBytes(file.bytes)})`).join(', ');
		return fail(
			`the files total ${formatBytes(total)}, more than the 10 MB KPN accepts per request: ${files}`,
			'Send fewer or smaller files, or spread them over several Comment operations.',
		);
	}
	return planned;
}

/** Bytes encoded per step (a multiple of 3): small enough that the Base64 pieces are young-generation garbage. */
const ENCODE_CHUNK_BYTES = 3 * 16 * 1024;

/**
 * The JSON request body with KPN's `attachments` array (`[{ name, content: <Base64> }]`), built
 * as one Buffer. Each file is Base64-encoded straight into that Buffer, a chunk at a time, so a
 * 9 MB file costs the 12 MB body and not also a 12 MB Base64 string and a 12 MB JSON string. A
 * file n8n keeps in memory is already Base64 and is copied in as is; a file in n8n's binary store
 * (filesystem, S3) is read into one Buffer and encoded from it.
 */
export async function jsonBodyWithAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	planned: PlannedAttachment[],
): Promise<Buffer> {
	const sources: Array<Buffer | string> = [];
	for (const file of planned) {
		sources.push(file.binary.id ? await context.helpers.getBinaryDataBuffer(itemIndex, file.property) : (file.binary.data ?? ''));
	}
	const fields = JSON.stringify(body);
	const head = `${fields.slice(0, -1)}${fields === '{}' ? '' : ','}"attachments":[`;
	const opens = planned.map((file, index) => `${index > 0 ? ',' : ''}{"name":${JSON.stringify(file.name)},"content":"`);
	const close = '"}';
	const base64Length = (source: Buffer | string) => (typeof source === 'string' ? source.length : 4 * Math.ceil(source.length / 3));
	const total =
		Buffer.byteLength(head) +
		opens.reduce((sum, open) => sum + Buffer.byteLength(open), 0) +
		sources.reduce((sum, source) => sum + base64Length(source) + close.length, 0) +
		2;
	const out = Buffer.allocUnsafe(total);
	let offset = out.write(head, 0, 'utf8');
	sources.forEach((source, index) => {
		offset += out.write(opens[index], offset, 'utf8');
		if (typeof source === 'string') {
			offset += out.write(source, offset, 'latin1');
		} else {
			for (let start = 0; start < source.length; start += ENCODE_CHUNK_BYTES) {
				offset += out.write(source.subarray(start, start + ENCODE_CHUNK_BYTES).toString('base64'), offset, 'latin1');
			}
		}
		offset += out.write(close, offset, 'latin1');
	});
	offset += out.write(']}', offset, 'latin1');
	return offset === total ? out : out.subarray(0, offset);
}
