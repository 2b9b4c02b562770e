/** Largest JSON reply read (a bigger one is refused before it becomes thousands of items). */
export const MAX_JSON_REPLY_BYTES = 16 * 1024 * 1024;
/** Largest file (PDF, export) read. */
export const MAX_FILE_REPLY_BYTES = 64 * 1024 * 1024;

export interface ReplyLimits {
	/** Replies larger than this are refused; defaults by kind (JSON or file). */
	maxReplyBytes?: number;
}

/** A reply larger than the limit. */
export class ReplyTooLarge extends Error {
	constructor(
		readonly bytes: number,
		readonly limit: number,
		readonly httpCode: number,
	) {
		super(
			`The answer is ${(bytes / 1048576).toFixed(1)} MiB, more than the ${Math.round(limit / 1048576)} MiB this node reads; it was not turned into items`,
		);
	}
}

function asBuffer(body: unknown): Buffer | undefined {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return undefined;
}

/**
 * The reply body, read as bytes: checked against the size limit, then returned as a Buffer (files)
 * or parsed as JSON (text that is not JSON comes back as the text, '' when empty).
 */
export function readReply(body: unknown, binary: boolean, limits: ReplyLimits, statusCode = 200): unknown {
	const bytes = asBuffer(body);
	if (bytes === undefined) return body;
	const limit = limits.maxReplyBytes ?? (binary ? MAX_FILE_REPLY_BYTES : MAX_JSON_REPLY_BYTES);
	if (bytes.length > limit) throw new ReplyTooLarge(bytes.length, limit, statusCode);
	if (binary) return bytes;
	const text = bytes.toString('utf8');
	if (text.trim() === '') return '';
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
