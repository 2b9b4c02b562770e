import { randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiError } from '../../shared/errors/apiError';
import { checkBasePath } from '../../shared/http/basePath';
import { RETRY_THROTTLED_ONLY } from '../../shared/http/retry';
import { isRecord } from '../../shared/isRecord';
import { KpnClient } from '../../shared/kpn/transport';
import { runItems } from '../../shared/runner/runItems';
import { DEFAULT_PAGE_SIZE, MSM_BASE_PATH, MSM_CREDENTIAL, pageOf } from '../msmApi';
import { fieldName, parametersOf, type Placement } from './fields';
import type { SpecOperation, SpecParam } from './types';

/** One item's request, checked: everything but the upload's bytes. */
interface PreparedCall {
	itemIndex: number;
	basePath: string;
	/** Path parameters filled in. */
	path: string;
	qs: IDataObject;
	headers: Record<string, string>;
	body?: IDataObject;
	pathValues: Record<string, string>;
	/** Rows wanted from a paged list (undefined = all). */
	limit?: number;
	pageSize: number;
	/** Input binary field to upload, or output binary field for a file answer. */
	binaryField?: string;
}

type Problem = (message: string, description?: string) => NodeOperationError;

const DATE_HINT = 'an ISO 8601 date such as 2025-01-31T00:00:00Z';

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A whole-number ID as KPN's int64 fields take it, or undefined. */
function wholeNumber(value: unknown): number | undefined {
	const text = String(value).trim();
	return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

/** Checks and converts one value; returns the value to send or the problem in words. */
function convert(param: SpecParam, raw: unknown): { value: unknown } | { problem: string } {
	const allowed = param.enum ? ` (one of ${param.enum.join(', ')})` : '';
	if (param.type === 'array') {
		const list = (Array.isArray(raw) ? raw : String(raw).split(','))
			.map((entry) => String(entry).trim())
			.filter((entry) => entry !== '');
		const wrong = list.find((entry) =>
			param.enum ? !param.enum.includes(entry) : param.items === 'integer' && wholeNumber(entry) === undefined,
		);
		if (wrong !== undefined) {
			return { problem: param.enum ? `"${wrong}" is not allowed${allowed}` : `"${wrong}" is not a whole number` };
		}
		return { value: param.items === 'integer' ? list.map(Number) : list };
	}
	if (param.type === 'boolean') {
		if (typeof raw === 'boolean') return { value: raw };
		if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
		return { problem: `must be true or false (got ${JSON.stringify(raw)})` };
	}
	if (param.enum) {
		const text = String(raw).trim();
		return param.enum.includes(text) ? { value: text } : { problem: `"${text}" is not allowed${allowed}` };
	}
	if (param.type === 'integer' && param.format === 'int64') {
		const id = wholeNumber(raw);
		return id === undefined ? { problem: `"${String(raw).trim()}" is not an ID (a whole number)` } : { value: id };
	}
	if (param.type === 'integer' || param.type === 'number') {
		const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
		if (!Number.isFinite(number) || (param.type === 'integer' && !Number.isInteger(number))) {
			return { problem: `must be a ${param.type === 'integer' ? 'whole ' : ''}number (got ${JSON.stringify(raw)})` };
		}
		return { value: number };
	}
	const text = String(raw).trim();
	if (param.format === 'date-time' && Number.isNaN(Date.parse(text))) return { problem: `"${text}" is not ${DATE_HINT}` };
	return { value: text };
}

function prepare(context: IExecuteFunctions, op: SpecOperation, itemIndex: number): PreparedCall | NodeOperationError {
	const problem: Problem = (message, description) =>
		new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex, description });
	const collections: Record<Exclude<Placement, 'field'>, IDataObject> = {
		additional: context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		option: context.getNodeParameter('options', itemIndex, {}) as IDataObject,
	};
	const basePath = checkBasePath(collections.option.basePath, MSM_BASE_PATH);
	if (basePath.problem) return problem(`API Base Path: ${basePath.problem}`);

	const call: PreparedCall = { itemIndex, basePath: basePath.path, path: op.path, qs: {}, headers: {}, pathValues: {}, pageSize: DEFAULT_PAGE_SIZE };
	const body: IDataObject = {};
	for (const entry of parametersOf(op)) {
		const { param } = entry;
		const name = fieldName(param.name);
		const raw = entry.placement === 'field' ? context.getNodeParameter(name, itemIndex, undefined) : collections[entry.placement][name];
		if (isEmpty(raw)) {
			if (param.required) return problem(`${param.label}: is required`, param.description);
			continue;
		}
		const converted = convert(param, raw);
		if ('problem' in converted) return problem(`${param.label}: ${converted.problem}`, param.description);
		const { value } = converted;
		if (entry.in === 'path') {
			call.pathValues[param.name] = String(value);
			call.path = call.path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
		} else if (entry.in === 'header') {
			call.headers[param.name] = String(value);
		} else if (entry.in === 'body') {
			body[param.name] = value as IDataObject[keyof IDataObject];
		} else {
			// Arrays go out as `status=A&status=B` (the transport repeats list values).
			call.qs[param.name] = Array.isArray(value) ? value.map(String) : (value as string | number | boolean);
		}
	}

	if (op.body?.mode === 'fields') {
		call.body = body;
	} else if (op.body?.mode === 'json') {
		const json = jsonBody(context.getNodeParameter('body', itemIndex, '{}'));
		const expected = `Expected KPN's ${op.body.schema}, for example ${op.body.example ?? '{}'}`;
		if (typeof json === 'string') return problem(`Body: ${json}`, expected);
		if (op.body.required && Object.keys(json).length === 0) return problem('Body: is empty', expected);
		call.body = json;
	}

	if (op.file || op.response === 'binary') {
		const field = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
		const label = op.file ? 'Input Binary Field' : 'Put Output File in Field';
		if (field === '') return problem(`${label}: is required`);
		if (op.file) {
			const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
			if (!available.includes(field)) {
				return problem(
					`${label}: the item has no binary field "${field}"`,
					available.length > 0 ? `Its binary fields: ${available.join(', ')}` : 'The item has no binary data; read the CSV file first',
				);
			}
		}
		call.binaryField = field;
	}

	if (op.paged) {
		const pageSize = (collections.option.pageSize as number | undefined) ?? DEFAULT_PAGE_SIZE;
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
			return problem(`Page Size: must be a whole number from 1 to 1000 (got ${String(pageSize)})`);
		}
		call.pageSize = pageSize;
		if (!context.getNodeParameter('returnAll', itemIndex, false)) {
			const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
			if (!Number.isInteger(limit) || limit < 1) return problem(`Limit: must be a whole number of at least 1 (got ${String(limit)})`);
			call.limit = limit;
		}
	}
	return call;
}

/** The JSON body as an object, or what is wrong with it. */
function jsonBody(raw: unknown): IDataObject | string {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw.trim() === '' ? '{}' : raw);
		} catch (error) {
			return `is not valid JSON (${(error as Error).message})`;
		}
	}
	return isRecord(value) ? value : 'must be a JSON object ({ … })';
}

/** One multipart/form-data part holding the file (the spec's only form parameter). */
function multipart(name: string, fileName: string, mimeType: string, content: Buffer): { body: Buffer; contentType: string } {
	const boundary = `----n8nKpnFormBoundary${randomBytes(12).toString('hex')}`;
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName.replace(/["\r\n]/g, '')}"\r\nContent-Type: ${mimeType}\r\n\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}

/** JSON answers as output rows: a list gives one row per entry, an empty write answer `success`. */
function rowsOf(body: unknown, op: SpecOperation): IDataObject[] {
	if (body === undefined || body === null || body === '') return op.method === 'GET' ? [] : [{ success: true }];
	if (Array.isArray(body)) return body.map((entry) => (isRecord(entry) ? entry : { value: entry }));
	return [isRecord(body) ? body : { value: body as string }];
}

/** Reads a `from`/`to` paged list until `limit` rows or `total` are reached. */
async function fetchPages(context: IExecuteFunctions, client: KpnClient, call: PreparedCall): Promise<IDataObject[]> {
	const wanted = call.limit ?? Number.POSITIVE_INFINITY;
	const rows: IDataObject[] = [];
	let from = 0;
	let total: number | undefined;
	while (rows.length < wanted) {
		const to = Math.min(from + call.pageSize, from + (wanted - rows.length), total ?? Number.POSITIVE_INFINITY);
		if (to <= from) break;
		const response = await client.request<unknown>({
			method: 'GET',
			basePath: call.basePath,
			path: call.path,
			qs: { ...call.qs, from, to },
			headers: call.headers,
			itemIndex: call.itemIndex,
		});
		const page = pageOf(response.body);
		if (page === undefined) {
			throw apiError(context.getNode(), {
				message: 'KPN answered without a list',
				description: `GET ${call.basePath}${call.path} (from=${from}, to=${to}) returned ${JSON.stringify(response.body ?? null).slice(0, 200)}`,
				httpCode: response.statusCode,
				itemIndex: call.itemIndex,
			});
		}
		rows.push(...page.rows);
		total = page.total ?? total;
		if (page.rows.length === 0 || (total === undefined && page.rows.length < to - from)) break;
		from += page.rows.length;
	}
	return rows.slice(0, wanted);
}

async function perform(context: IExecuteFunctions, client: KpnClient, op: SpecOperation, call: PreparedCall): Promise<INodeExecutionData[]> {
	const { itemIndex } = call;
	if (op.paged) return (await fetchPages(context, client, call)).map((json) => ({ json, pairedItem: { item: itemIndex } }));

	let body: IDataObject | undefined = call.body;
	const headers = { ...call.headers };
	if (op.file && call.binaryField) {
		const file = context.helpers.assertBinaryData(itemIndex, call.binaryField);
		const content = await context.helpers.getBinaryDataBuffer(itemIndex, call.binaryField);
		const form = multipart(op.file.name, file.fileName ?? 'subscriptions.csv', file.mimeType || 'text/csv', content);
		headers['Content-Type'] = form.contentType;
		// The transport passes the body to n8n's request helper unchanged; a Buffer is sent as is.
		body = form.body as unknown as IDataObject;
	}
	const response = await client.request<unknown>({
		method: op.method,
		basePath: call.basePath,
		path: call.path,
		qs: call.qs,
		headers,
		body,
		retryOn: op.safeToRetry ? undefined : RETRY_THROTTLED_ONLY,
		itemIndex,
		binary: op.response !== 'json',
	});

	if (op.response === 'json') return rowsOf(response.body, op).map((json) => ({ json, pairedItem: { item: itemIndex } }));
	const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''));
	if (op.response === 'text') {
		const text = buffer.toString('utf8').trim();
		let value: unknown = text;
		try {
			value = JSON.parse(text);
		} catch {
			// A bare, unquoted value: keep the text.
		}
		return [{ json: { ...call.pathValues, value: value as string }, pairedItem: { item: itemIndex } }];
	}
	const file = op.binaryFile ?? { fileName: 'file', mimeType: 'application/octet-stream' };
	const fileName = file.fileName.replace(/\{(\w+)\}/g, (_, name: string) => call.pathValues[name] ?? name);
	const data = await context.helpers.prepareBinaryData(buffer, fileName, file.mimeType);
	return [
		{
			json: { ...call.pathValues, fileName, mimeType: file.mimeType, fileSize: buffer.length },
			binary: { [call.binaryField ?? 'data']: data },
			pairedItem: { item: itemIndex },
		},
	];
}

/**
 * Runs one catalogue operation for every input item through the shared item runner: one request
 * (or one paged read) per item. Reads are retried on 429/5xx by the transport, writes only on 429
 * (refused by the gateway, so never sent twice); operations the catalogue marks unsafe to repeat
 * are writes for the runner too.
 */
export async function runSpecOperation(context: IExecuteFunctions, op: SpecOperation): Promise<INodeExecutionData[][]> {
	const items = await runItems<PreparedCall, PreparedCall, KpnClient>(context, {
		prepare: (itemIndex) => prepare(context, op, itemIndex),
		write: op.safeToRetry
			? undefined
			: {
					doneWord: 'sent',
					api: 'KPN',
					// KPN's OrderSummary answers carry the ID of the order the write started.
					label: (outputs) => {
						const id = outputs[0]?.json.id;
						return typeof id === 'number' || typeof id === 'string' ? `id ${id}` : undefined;
					},
				},
		connect: async () => await KpnClient.connect(context, MSM_CREDENTIAL),
		execute: async (client, [call]) => [await perform(context, client, op, call)],
	});
	return [items];
}
