// The node's fields, generated from the method catalogue: one field per required top-level param
// (named exactly as documented), the optional ones in Additional Fields, objects and lists as
// collections / fixedCollections (see shared/nextpertise/params/shape.ts), JSON where the shape is
// too deep, Return All / Limit or One Page instead of the paging param, and the "Parameters as JSON" switch.
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { MethodSpec, NextpertiseResource, ParamSpec } from '../../shared/nextpertise/catalogue';
import { exampleOf, formatHint } from '../../shared/nextpertise/params/formats';
import {
	containerProperties,
	GROUP_NAME,
	isUpload,
	OPTIONAL_NAME,
	placementOf,
	safeName,
	uiKind,
	userParams,
} from '../../shared/nextpertise/params/shape';
import { enumLabel, labelOf } from './labels';
import { pageFields } from './pageFields';
import { dropdownFor } from './overrides';
import { methodShape, paramShape, shapeText } from './shapeHint';
import { fitDescription, fitSentences } from './text';

type Show = NonNullable<IDisplayOptions['show']>;

export const DYNAMIC_DESCRIPTION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** Text fields that usually hold more than one line. */
const LONG_TEXT = new Set(['accesslist', 'body', 'comment', 'description', 'note', 'technical_specifications']);

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

/** "Tags" → "Tag", "Carrier Product IDs" → "Carrier Product ID", for "Add …" buttons. */
function singular(label: string): string {
	if (label.endsWith('IDs')) return label.slice(0, -1);
	return /[^s]s$/.test(label) ? label.slice(0, -1) : label;
}

function enumOptions(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: enumLabel(value), value })).sort(byName);
}

/** Where a field sits: its catalogue path (`broadband.order_connection.circuit.circuit`) and container depth. */
interface Place {
	readonly path: string;
	readonly depth: number;
	/** A top-level field or a required property of a value group: marked required in the UI. */
	readonly required: boolean;
	/** The n8n name: the documented one at the top level, a safe one inside containers. */
	readonly name: string;
}

function describe(spec: ParamSpec, extra?: string): string {
	const parts = [fitDescription(spec.description), extra].filter((part): part is string => !!part && part !== '');
	return fitSentences(parts.map((part) => fitSentences(part)).join('. '));
}

function booleanDescription(spec: ParamSpec): string {
	const own = fitDescription(spec.description);
	if (own.startsWith('Whether')) return own;
	return fitSentences([`Whether to send "${spec.name}" as true`, own].filter((part) => part !== '').join('. '));
}

/** Name, label, description and required flag shared by every kind of field. */
function base(spec: ParamSpec, place: Place, description: string): Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'required'> {
	return {
		displayName: labelOf(spec.name),
		name: place.name,
		...(description !== '' ? { description } : {}),
		...(place.required ? { required: true } : {}),
	};
}


/** The "Additional Fields" collection that holds the optional params (or properties) given. */
function additionalFields(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: OPTIONAL_NAME, type: 'collection', placeholder: 'Add Field', default: {}, options };
}

function groupValues(spec: ParamSpec, place: Place): INodeProperties[] {
	const properties = containerProperties(spec);
	const child = (property: ParamSpec, required: boolean): Place => ({
		path: `${place.path}.${property.name}`,
		depth: place.depth + 1,
		required,
		name: safeName(property.name),
	});
	const fields = properties
		.filter((property) => property.required)
		.map((property) => fieldFor(property, child(property, true)))
		.sort(byDisplayName);
	const optional = properties
		.filter((property) => !property.required)
		.map((property) => fieldFor(property, child(property, false)))
		.sort(byDisplayName);
	if (optional.length > 0) fields.push(additionalFields(optional));
	// n8n's rule asks for alphabetical order from five fields on; below that, required fields come first.
	return fields.length >= 5 ? fields.sort(byDisplayName) : fields;
}

/** The n8n field of one parameter or property. */
export function fieldFor(spec: ParamSpec, place: Place): INodeProperties {
	const kind = uiKind(spec, place.depth);
	const dropdown = dropdownFor(place.path);
	if (dropdown && (kind === 'string' || kind === 'number')) {
		return {
			...base(spec, place, describe(spec, DYNAMIC_DESCRIPTION)),
			displayName: `${dropdown.label ?? labelOf(spec.name)} Name or ID`,
			type: 'options',
			typeOptions: {
				loadOptionsMethod: dropdown.loadOptionsMethod,
				...(dropdown.dependsOn ? { loadOptionsDependsOn: [...dropdown.dependsOn] } : {}),
			},
			default: '',
		};
	}
	const label = labelOf(spec.name);
	switch (kind) {
		case 'boolean':
			return {
				...base(spec, place, booleanDescription(spec)),
				type: 'boolean',
				default: typeof spec.default === 'boolean' ? spec.default : false,
			};
		case 'number':
			return {
				...base(spec, place, describe(spec)),
				type: 'number',
				...(spec.type === 'integer' ? { typeOptions: { numberPrecision: 0 } } : {}),
				default: typeof spec.default === 'number' ? spec.default : 0,
			};
		case 'options': {
			const values = spec.enum ?? [];
			const fallback = typeof spec.default === 'string' && values.includes(spec.default) ? spec.default : values[0];
			return { ...base(spec, place, describe(spec)), type: 'options', options: enumOptions(values), default: fallback };
		}
		case 'multiOptions':
			return {
				...base(spec, place, describe(spec)),
				type: 'multiOptions',
				options: enumOptions(spec.items?.enum ?? []),
				default: [],
			};
		case 'multiValue': {
			const items = spec.items!;
			const numbers = items.type === 'integer' ? 'One whole number per entry' : 'One number per entry';
			const hint = formatHint(items) ?? (items.type === 'string' ? undefined : numbers);
			return {
				...base(spec, place, describe(spec, 'Add one entry per value')),
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: `Add ${singular(label)}` },
				default: [],
				...(hint ? { hint } : {}),
			};
		}
		case 'collection':
			return {
				...base(spec, place, describe(spec)),
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: containerProperties(spec)
					.map((property) =>
						fieldFor(property, {
							path: `${place.path}.${property.name}`,
							depth: place.depth + 1,
							required: false,
							name: safeName(property.name),
						}),
					)
					.sort(byDisplayName),
			};
		case 'group':
		case 'groupList':
			return {
				...base(spec, place, describe(spec)),
				type: 'fixedCollection',
				typeOptions: { multipleValues: kind === 'groupList' },
				placeholder: `Add ${label}`,
				default: {},
				options: [{ displayName: label, name: GROUP_NAME, values: groupValues(spec, place) }],
			};
		case 'json':
			return {
				...base(spec, place, describe(spec, 'JSON')),
				type: 'json',
				default: spec.type === 'array' ? '[]' : '{}',
				hint: `Shape: ${paramShape(spec)}`,
			};
		case 'string': {
			const example = exampleOf(spec);
			const hint = formatHint(spec);
			return {
				...base(spec, place, describe(spec)),
				type: 'string',
				...(spec.typeOptions?.password ? { typeOptions: { password: true } } : LONG_TEXT.has(spec.name) ? { typeOptions: { rows: 4 } } : {}),
				default: typeof spec.default === 'string' ? spec.default : '',
				...(example ? { placeholder: example } : {}),
				...(hint ? { hint } : {}),
			};
		}
	}
}

const binaryField = (show: Show): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	displayOptions: { show },
	hint: 'The name of the input binary field containing the file to upload',
	description: 'The node Base64-encodes this file into "file" and uses its file name as "filename" unless you set one',
});

/** Texts for the upload's params that the binary input changes. */
function uploadField(field: INodeProperties): INodeProperties {
	if (field.name === 'file') {
		return {
			...field,
			displayName: 'File (Base64)',
			description: 'The file content, Base64-encoded. When set, the input binary field is not read.',
		};
	}
	if (field.name === 'filename') {
		return { ...field, description: "Defaults to the input binary file's name" };
	}
	return field;
}

/** Every field of one method, shown for its resource and operation (and hidden in JSON mode). */
export function methodFields(method: MethodSpec): INodeProperties[] {
	const show: Show = { resource: [method.resource], operation: [method.method] };
	const params = userParams(method);
	const fieldShow: Show = params.length > 0 ? { ...show, jsonParameters: [false] } : show;
	const place = (param: ParamSpec, required: boolean): Place => ({
		path: `${method.resource}.${method.method}.${param.name}`,
		depth: 1,
		required,
		name: param.name,
	});
	const fields: INodeProperties[] = params
		.filter((param) => placementOf(method, param) === 'field')
		.map((param) => ({ ...fieldFor(param, place(param, true)), displayOptions: { show: fieldShow } }));
	if (isUpload(method)) fields.push(binaryField(show));
	if (method.paginated) fields.push(...pageFields(method, show));
	const additional = params
		.filter((param) => placementOf(method, param) === 'additional')
		.map((param) => fieldFor(param, place(param, false)))
		.map((field) => (isUpload(method) ? uploadField(field) : field))
		.sort(byDisplayName);
	if (additional.length > 0) fields.push({ ...additionalFields(additional), displayOptions: { show: fieldShow } });
	return fields;
}

/** The documented example of a method without the paging param, or the generated shape. */
function jsonExample(method: MethodSpec): string {
	const names = new Set(userParams(method).map((param) => param.name));
	const documented = method.examples[0]?.params;
	if (documented) {
		const kept = Object.fromEntries(Object.entries(documented).filter(([name]) => names.has(name)));
		if (Object.keys(kept).length > 0) return shapeText(kept);
	}
	return methodShape(method);
}

/** "Parameters as JSON" for the methods of one resource that take params. */
export function jsonModeFields(resource: NextpertiseResource, methods: readonly MethodSpec[]): INodeProperties[] {
	const withParams = methods.filter((method) => userParams(method).length > 0);
	if (withParams.length === 0) return [];
	const fields: INodeProperties[] = [
		{
			displayName: 'Parameters as JSON',
			name: 'jsonParameters',
			type: 'boolean',
			default: false,
			displayOptions: { show: { resource: [resource], operation: withParams.map((method) => method.method) } },
			description: "Whether to give the method's params as one JSON object instead of the fields below",
		},
	];
	for (const method of withParams) {
		fields.push({
			displayName: 'Parameters (JSON)',
			name: 'parametersJson',
			type: 'json',
			default: '{}',
			required: true,
			displayOptions: { show: { resource: [resource], operation: [method.method], jsonParameters: [true] } },
			description: 'The params of the JSON-RPC call as one object; they are checked like the fields before anything is sent',
			hint: `Example: ${jsonExample(method)}`,
		});
	}
	return fields;
}
