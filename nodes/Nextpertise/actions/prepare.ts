// One item's call, checked before anything is sent: the params from the fields (or the JSON),
// the upload's file, Return All / Limit or One Page. Problems are returned as NodeOperationErrors
// naming the item and the parameter.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemProblem } from '../../shared/items';
import type { MethodSpec } from '../../shared/nextpertise/catalogue';
import { collectFromFields, collectFromJson } from '../../shared/nextpertise/params/collect';
import { isUpload, OPTIONAL_NAME, userParams } from '../../shared/nextpertise/params/shape';
import { isRecord } from '../../shared/isRecord';
import { checkParams } from '../../shared/nextpertise/params/validate';
import { asNumber, DEFAULT_PAGE_SIZE, ONE_PAGE_FIELDS, onePageProblem } from '../../shared/nextpertise/paging';
import type { Wanted } from './paged';
import { planUpload, type PlannedUpload } from './upload';

export interface PreparedCall {
	readonly itemIndex: number;
	readonly params: IDataObject;
	/** The file to read into `file` just before sending. */
	readonly upload?: PlannedUpload;
	/** Paginated methods only. */
	readonly wanted?: Wanted;
}

/** Stands in for the file content while the params are checked (the file is read at send time). */
const FILE_PLACEHOLDER = 'binary';

function readParams(context: IExecuteFunctions, method: MethodSpec, itemIndex: number): Record<string, unknown> | NodeOperationError {
	const jsonMode = userParams(method).length > 0 && context.getNodeParameter('jsonParameters', itemIndex, false) === true;
	if (jsonMode) {
		const read = collectFromJson(method, context.getNodeParameter('parametersJson', itemIndex, '{}'));
		return 'problem' in read ? itemProblem(context, itemIndex)(read.problem) : { ...read.params };
	}
	const additional = context.getNodeParameter(OPTIONAL_NAME, itemIndex, {}) as unknown;
	return collectFromFields(
		method,
		(name) => context.getNodeParameter(name, itemIndex, undefined) as unknown,
		isRecord(additional) ? additional : {},
	);
}

function readWanted(context: IExecuteFunctions, method: MethodSpec, itemIndex: number): Wanted | NodeOperationError {
	if (context.getNodeParameter(ONE_PAGE_FIELDS.onePage, itemIndex, false) === true) {
		const style = method.paging!.style;
		const first = asNumber(
			style === 'page'
				? context.getNodeParameter(ONE_PAGE_FIELDS.page, itemIndex, 1)
				: context.getNodeParameter(ONE_PAGE_FIELDS.offset, itemIndex, 0),
		);
		const size = asNumber(context.getNodeParameter(ONE_PAGE_FIELDS.pageSize, itemIndex, DEFAULT_PAGE_SIZE));
		const problem = onePageProblem(style, first, size);
		if (problem !== undefined) return itemProblem(context, itemIndex)(problem, `Nothing was sent to ${method.method}.`);
		return { returnAll: false, limit: 0, page: { first: first as number, size: size as number } };
	}
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) === true;
	if (returnAll) return { returnAll, limit: 0 };
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		return itemProblem(context, itemIndex)(`Limit must be a whole number of at least 1 (got ${String(limit)})`);
	}
	return { returnAll, limit };
}

export async function prepareCall(
	context: IExecuteFunctions,
	method: MethodSpec,
	itemIndex: number,
): Promise<PreparedCall | NodeOperationError> {
	const raw = readParams(context, method, itemIndex);
	if (raw instanceof NodeOperationError) return raw;

	let upload: PlannedUpload | undefined;
	const fileGiven = typeof raw.file === 'string' && raw.file.trim() !== '';
	if (isUpload(method) && !fileGiven) {
		const property = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
		const planned = await planUpload(context, itemIndex, property);
		if (planned instanceof NodeOperationError) return planned;
		upload = planned;
		raw.file = FILE_PLACEHOLDER;
		const filename = typeof raw.filename === 'string' ? raw.filename.trim() : '';
		if (filename === '') raw.filename = planned.fileName;
	}

	const { params, problems } = checkParams(userParams(method), raw);
	if (problems.length > 0) {
		const others = problems.slice(1).map((problem) => problem.message);
		return itemProblem(context, itemIndex)(
			problems[0].message,
			[...(others.length > 0 ? [`Also: ${others.join('; ')}.`] : []), `Nothing was sent to ${method.method}.`].join(' '),
		);
	}

	let wanted: Wanted | undefined;
	if (method.paginated) {
		const read = readWanted(context, method, itemIndex);
		if (read instanceof NodeOperationError) return read;
		wanted = read;
	}
	return { itemIndex, params, upload, wanted };
}
