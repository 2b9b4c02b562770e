// Reads a method's params back from the node's generated fields (see shape.ts for how each
// parameter is shown) or from the "Parameters (JSON)" field. Nothing is checked here: the result
// goes through validate.ts, which coerces and checks it.
import type { MethodSpec, ParamSpec } from '../catalogue';
import { containerProperties, GROUP_NAME, OPTIONAL_NAME, placementOf, safeName, uiKind, userParams } from './shape';
import { isRecord } from '../../isRecord';
import { alternativesOf } from './formats';

const isEmptyEntry = (value: unknown) => value === undefined || value === null || value === '';

/**
 * A list field's entries: expressions that give lists are flattened, empty entries dropped. A list
 * field that is shown (or added) with no entries is an empty list, which is sent: `"tags": []`
 * clears a product's tags.
 */
function listOf(value: unknown): unknown {
	if (typeof value === 'string' && !value.trim().startsWith('[')) {
		// A multi-options expression may give "A, B".
		return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
	}
	if (!Array.isArray(value)) return value;
	return value.flat().filter((entry) => !isEmptyEntry(entry));
}

/** The properties of one value group: required ones are fields of the group, the others sit in its Additional Fields. */
function fromGroup(properties: readonly ParamSpec[], group: unknown, depth: number): unknown {
	if (!isRecord(group)) return group;
	const optional = isRecord(group[OPTIONAL_NAME]) ? group[OPTIONAL_NAME] : {};
	const result: Record<string, unknown> = {};
	for (const property of properties) {
		const key = safeName(property.name);
		const raw = property.required ? group[key] : optional[key];
		if (raw === undefined) continue;
		const value = fromUi(property, raw, depth + 1);
		if (value !== undefined) result[property.name] = value;
	}
	return result;
}

/** The API value of one parameter from its field value (`depth`: see shape.ts uiKind). */
export function fromUi(spec: ParamSpec, value: unknown, depth = 1): unknown {
	switch (uiKind(spec, depth)) {
		case 'collection': {
			if (!isRecord(value)) return value;
			const result: Record<string, unknown> = {};
			for (const property of containerProperties(spec)) {
				const raw = value[safeName(property.name)];
				if (raw === undefined) continue;
				const converted = fromUi(property, raw, depth + 1);
				if (converted !== undefined) result[property.name] = converted;
			}
			return Object.keys(result).length > 0 ? result : undefined;
		}
		case 'group': {
			if (!isRecord(value)) return value;
			if (value[GROUP_NAME] === undefined) return undefined;
			return fromGroup(containerProperties(spec), value[GROUP_NAME], depth);
		}
		case 'groupList': {
			if (!isRecord(value)) return value;
			const groups = value[GROUP_NAME];
			if (groups === undefined) return [];
			if (!Array.isArray(groups)) return groups;
			return groups.map((group: unknown) => fromGroup(containerProperties(spec), group, depth));
		}
		case 'multiValue':
		case 'multiOptions':
			return listOf(value);
		case 'json':
			// An untouched JSON field ('', '{}' or '[]') is not sent.
			return typeof value === 'string' && ['', '{}', '[]'].includes(value.replace(/\s+/g, '')) ? undefined : value;
		case 'string':
		case 'options':
			return value === '' ? emptyText(spec) : value;
		default:
			return value;
	}
}

/**
 * A text field that was added and left empty (n8n also gives '' for an expression that gives
 * null): '' as given (the document's examples send "serviceid": "" and "note": ""), except for an
 * optional parameter the document allows null for and whose format cannot be empty (a date, a
 * phone number): that is null, as in the document's order_connection example.
 */
function emptyText(spec: ParamSpec): unknown {
	if (spec.required || !spec.nullable) return '';
	const formats = alternativesOf(spec).filter((alternative) => alternative.regex !== undefined);
	const emptyFits = formats.length === 0 || formats.some((alternative) => new RegExp(alternative.regex!).test(''));
	return emptyFits && !spec.enum ? '' : null;
}

/**
 * The params of one item from the generated fields: `read(name)` gives a top-level field's value
 * (undefined when absent), `additional` is the item's Additional Fields.
 */
export function collectFromFields(
	method: MethodSpec,
	read: (name: string) => unknown,
	additional: Record<string, unknown>,
): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const param of userParams(method)) {
		const placement = placementOf(method, param);
		const raw = placement === 'field' ? read(param.name) : additional[param.name];
		if (raw === undefined) continue;
		const value = fromUi(param, raw);
		if (value !== undefined) params[param.name] = value;
		// A list shown as its own field and left empty (e.g. a JSON field left blank) is an empty list.
		else if (placement === 'field' && param.type === 'array') params[param.name] = [];
	}
	return params;
}

export type JsonParams = { readonly params: Record<string, unknown> } | { readonly problem: string };

/** The params of one item from "Parameters (JSON)": an object (or its JSON text); the paging parameter is the node's job. */
export function collectFromJson(method: MethodSpec, value: unknown): JsonParams {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return { params: {} };
		try {
			parsed = JSON.parse(value) as unknown;
		} catch (error) {
			return { problem: `Parameters (JSON) is not valid JSON: ${(error as Error).message}` };
		}
	}
	if (parsed === undefined || parsed === null) return { params: {} };
	if (!isRecord(parsed)) return { problem: 'Parameters (JSON) must be a JSON object of the method\'s params, e.g. {"nid": "2408ZE000100100"}' };
	const paging = method.paging?.param;
	if (paging && paging in parsed) {
		return {
			problem: `Parameters (JSON): remove "${paging}"; the node pages for you (use Return All or Limit, or One Page for a page of your choice)`,
		};
	}
	return { params: parsed };
}
