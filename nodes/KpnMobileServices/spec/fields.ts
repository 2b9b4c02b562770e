import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { parallelRequestsOption } from '../../shared/fields/parallelRequests';
import { requestTimeoutOption } from '../../shared/fields/requestTimeout';
import { returnAllAndLimit } from '../../shared/fields/returnAllLimit';
import { msmBasePathOption, pageSizeOption } from '../msmApi';
import { OPERATIONS, RESOURCES } from './operations.generated';
import type { SpecOperation, SpecParam } from './types';

/** Where an operation keeps a parameter: its own field, or an entry of Additional Fields / Options. */
export type Placement = 'field' | 'additional' | 'option';

/** n8n parameter name of a wire name (`Content-Language` → `contentLanguage`). */
export function fieldName(name: string): string {
	return name.replace(/-([a-zA-Z])/g, (_, letter: string) => letter.toUpperCase()).replace(/^[A-Z]/, (letter) => letter.toLowerCase());
}

/** Every parameter of an operation with where the UI puts it (required ones get their own field). */
export function parametersOf(op: SpecOperation): Array<{ param: SpecParam; in: 'path' | 'query' | 'header' | 'body'; placement: Placement }> {
	const place = (param: SpecParam): Placement => (param.required ? 'field' : 'additional');
	return [
		...op.pathParams.map((param) => ({ param, in: 'path' as const, placement: 'field' as const })),
		...op.queryParams.map((param) => ({ param, in: 'query' as const, placement: place(param) })),
		...(op.body?.fields ?? []).map((param) => ({ param, in: 'body' as const, placement: place(param) })),
		...op.headerParams.map((param) => ({ param, in: 'header' as const, placement: 'option' as const })),
	];
}

const ENUM_NAMES: Record<string, string> = { ASC: 'Ascending', DESC: 'Descending', EN: 'English', NL: 'Dutch' };
const ACRONYMS = new Set(['EUR', 'IMEI', 'KPN', 'MB', 'SIM', 'VIP']);
const SMALL_WORDS = new Set(['and', 'for', 'in', 'of', 'or', 'to']);

/** IN_PROGRESS → "In Progress"; codes such as MB or KPN stay as they are. */
export function enumName(value: string): string {
	if (ENUM_NAMES[value]) return ENUM_NAMES[value];
	const words = value.split(/[_\s]+/).filter((word) => word !== '');
	if (words.length === 1 && words[0].length <= 3) return words[0];
	return words
		.map((word, i) => {
			if (ACRONYMS.has(word)) return word;
			const lower = word.toLowerCase();
			if (i > 0 && i < words.length - 1 && SMALL_WORDS.has(lower)) return lower;
			return lower.charAt(0).toUpperCase() + lower.slice(1);
		})
		.join(' ');
}

function enumOptions(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: enumName(value), value })).sort(byName);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

function placeholder(param: SpecParam): string | undefined {
	if (param.example) return param.example;
	if (param.format === 'date-time') return '2025-01-31T00:00:00Z';
	if (param.type === 'array') return param.items === 'integer' ? '123, 456' : 'first, second';
	if (param.name.toLowerCase() === 'email') return 'name@email.com';
	if (param.format === 'int64') return '123';
	return undefined;
}

/** The UI field of one parameter; IDs (int64) are text so long numbers stay exact. */
export function paramProperty(param: SpecParam, inCollection: boolean): INodeProperties {
	const base = {
		displayName: param.label,
		name: fieldName(param.name),
		description: param.description,
		...(param.required && !inCollection ? { required: true } : {}),
	};
	if (param.type === 'boolean') return { ...base, type: 'boolean', default: param.default === true };
	if (param.enum && param.type === 'array') {
		return { ...base, type: 'multiOptions', options: enumOptions(param.enum), default: [] };
	}
	if (param.enum) {
		const options = enumOptions(param.enum);
		const fallback = typeof param.default === 'string' && param.enum.includes(param.default) ? param.default : options[0].value;
		return { ...base, type: 'options', options, default: fallback };
	}
	if (param.name === 'limit') {
		// n8n's convention for any field called Limit.
		return { ...base, type: 'number', typeOptions: { minValue: 1 }, default: 50 };
	}
	if ((param.type === 'integer' && param.format !== 'int64') || param.type === 'number') {
		return {
			...base,
			type: 'number',
			default: typeof param.default === 'number' ? param.default : 0,
			...(param.type === 'integer' ? { typeOptions: { numberPrecision: 0 } } : {}),
		};
	}
	const hint = placeholder(param);
	return { ...base, type: 'string', default: typeof param.default === 'string' ? param.default : '', ...(hint ? { placeholder: hint } : {}) };
}

/** The fields of one operation, in the order the panel shows them. */
export function operationFields(op: SpecOperation): INodeProperties[] {
	const show = { resource: [op.resource], operation: [op.operation] };
	const displayOptions = { show };
	const params = parametersOf(op);
	const fields: INodeProperties[] = params
		.filter((entry) => entry.placement === 'field')
		.map((entry) => ({ ...paramProperty(entry.param, false), displayOptions }));

	if (op.body?.mode === 'json') {
		fields.push({
			displayName: 'Body',
			name: 'body',
			type: 'json',
			default: '{}',
			...(op.body.required ? { required: true } : {}),
			displayOptions,
			description: `The request body (KPN's ${op.body.schema}) as JSON`,
			hint: `Example: ${op.body.example ?? '{}'}`,
		});
	}
	if (op.file) {
		fields.push({
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions,
			hint: 'The name of the input binary field containing the file to be uploaded',
			description: `${op.file.description}, sent as "${op.file.name}"`,
		});
	}
	if (op.paged) fields.push(...returnAllAndLimit(show));

	const additional = params.filter((entry) => entry.placement === 'additional').map((entry) => paramProperty(entry.param, true));
	if (additional.length > 0) {
		fields.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: additional.sort(byDisplayName),
		});
	}
	if (op.response === 'binary') {
		fields.push({
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions,
			hint: 'The name of the output binary field to put the file in',
			description: 'The file KPN returns is put in this binary field of the output item',
		});
	}
	const options = [
		msmBasePathOption,
		requestTimeoutOption,
		...(op.safeToRetry ? [parallelRequestsOption] : []),
		...(op.paged ? [pageSizeOption] : []),
		...params.filter((entry) => entry.placement === 'option').map((entry) => paramProperty(entry.param, true)),
	];
	fields.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: options.sort(byDisplayName),
	});
	return fields;
}

function operationDropdown(resource: string): INodeProperties {
	const options = OPERATIONS.filter((op) => op.resource === resource)
		.map((op) => ({ name: op.displayName, value: op.operation, description: op.description, action: op.action }))
		.sort(byName);
	const first = options[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: first,
	};
}

export const SPEC_RESOURCES: INodePropertyOptions[] = RESOURCES.map((resource) => ({
	name: resource.name,
	value: resource.value,
	description: resource.description,
})).sort(byName);

export const specOperationProperties: INodeProperties[] = [
	...SPEC_RESOURCES.map((resource) => operationDropdown(String(resource.value))),
	...OPERATIONS.flatMap(operationFields),
];
