import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IExecuteFunctions, INodeType } from 'n8n-workflow';

/** An in-memory file as n8n keeps it in its default binary mode: Base64 in `data`. */
export function memoryFile(content: Buffer | string, fileName?: string, mimeType = 'application/octet-stream'): IBinaryData {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return {
		data: buffer.toString('base64'),
		mimeType,
		...(fileName ? { fileName, fileExtension: fileName.includes('.') ? fileName.split('.').pop() : undefined } : {}),
		fileSize: `${buffer.length} B`,
	};
}

/**
 * Wraps a node so that, when it runs, its input items carry the given binary properties (runNode's
 * source node emits JSON only). Item i gets binaries[i]; the node itself runs unchanged.
 */
export function withBinaryInput(nodeType: INodeType, binaries: Array<Record<string, IBinaryData> | undefined>): INodeType {
	const wrapped = Object.create(nodeType) as INodeType;
	wrapped.execute = async function (this: IExecuteFunctions) {
		this.getInputData().forEach((item, index) => {
			const binary = binaries[index];
			if (binary) item.binary = { ...binary };
		});
		return await nodeType.execute!.call(this);
	};
	return wrapped;
}

/**
 * A fake binary store registered with n8n-core's BinaryDataService (mode "teststore"), standing
 * in for the filesystem/S3 modes: files have an `id`, and reads are counted.
 */
export class FakeBinaryStore {
	readonly files = new Map<string, Buffer>();
	reads = 0;
	metadataReads = 0;
	/** Makes every content read fail, as a store that lost the file would. */
	failReads = false;

	constructor() {
		const manager = {
			init: async () => {},
			getAsBuffer: async (fileId: string) => {
				this.reads++;
				if (this.failReads) throw new Error(`storage unavailable for ${fileId}`);
				const buffer = this.files.get(fileId);
				if (!buffer) throw new Error(`no such file ${fileId}`);
				return buffer;
			},
			getMetadata: async (fileId: string) => {
				this.metadataReads++;
				const buffer = this.files.get(fileId);
				if (!buffer) throw new Error(`no such file ${fileId}`);
				return { fileName: fileId, mimeType: 'application/octet-stream', fileSize: buffer.length };
			},
		};
		Container.get(BinaryDataService).setManager('teststore' as never, manager as never);
	}

	/** A file whose id the store does not know. */
	missing(fileName: string): IBinaryData {
		return { id: 'teststore:gone', data: 'teststore', mimeType: 'application/octet-stream', fileName };
	}

	put(content: Buffer, fileName: string): IBinaryData {
		const fileId = `file-${this.files.size + 1}`;
		this.files.set(fileId, content);
		return { id: `teststore:${fileId}`, data: 'teststore', mimeType: 'application/octet-stream', fileName };
	}
}
