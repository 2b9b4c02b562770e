// How a catalogue parameter is shown in n8n and read back: one decision, used by the node's field
// generator (description) and by the parameter collector (execute), so the two cannot drift apart.
import type { MethodSpec, ParamSpec } from '../catalogue';

/**
 * - `string`, `number`, `boolean`, `options`: one plain field.
 * - `multiValue`: an array of strings or numbers, a text field with `typeOptions.multipleValues`
 *   (numbers are typed as text and converted, so an entry can also be an expression).
 * - `multiOptions`: an array whose items have an enum.
 * - `collection`: an object none of whose properties is required (the user adds the ones to send).
 * - `group`: an object with required properties, a fixedCollection with one value group.
 * - `groupList`: an array of objects, a fixedCollection with multiple value groups.
 * - `json`: anything the fields above cannot show (deeper nesting, tuples, untyped arrays).
 */
export type UiKind =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiValue'
	| 'multiOptions'
	| 'collection'
	| 'group'
	| 'groupList'
	| 'json';

/** Objects and arrays of objects may nest this deep in the UI (the parameter itself counts as 1). */
export const MAX_CONTAINER_DEPTH = 2;

/** Name of the one value group of a `group` / `groupList` fixedCollection. */
export const GROUP_NAME = 'values';

/** Name of the collection that holds optional parameters (top level) and optional properties (groups). */
export const OPTIONAL_NAME = 'additionalFields';

const isScalar = (spec: ParamSpec) => spec.type !== 'object' && spec.type !== 'array';

function isScalarList(spec: ParamSpec): boolean {
	return spec.type === 'array' && spec.items !== undefined && !spec.prefixItems && isScalar(spec.items) && spec.items.type !== 'boolean';
}

/** The UI kind of `spec` at container depth `depth` (1 for a top-level parameter that is an object). */
export function uiKind(spec: ParamSpec, depth = 1): UiKind {
	switch (spec.type) {
		case 'string':
			return spec.enum ? 'options' : 'string';
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'array':
			if (isScalarList(spec)) return spec.items!.enum ? 'multiOptions' : 'multiValue';
			if (spec.items?.type === 'object' && spec.items.properties && depth <= MAX_CONTAINER_DEPTH && !spec.prefixItems) {
				return 'groupList';
			}
			return 'json';
		case 'object':
			if (!spec.properties || spec.properties.length === 0 || depth > MAX_CONTAINER_DEPTH) return 'json';
			return spec.properties.some((property) => property.required) ? 'group' : 'collection';
	}
}

/** The properties shown inside a container (`collection`, `group`, `groupList`). */
export function containerProperties(spec: ParamSpec): readonly ParamSpec[] {
	return (spec.type === 'array' ? spec.items?.properties : spec.properties) ?? [];
}

/**
 * The n8n parameter name of a documented property name. Documented names are used as they are,
 * except where they are not identifiers (`Terminate Voice` → `Terminate_Voice`).
 */
export function safeName(name: string): string {
	const safe = name.replace(/[^A-Za-z0-9_]+/g, '_');
	return /^[0-9]/.test(safe) ? `_${safe}` : safe;
}

/** Where a top-level parameter of a method is shown. */
export type Placement = 'field' | 'additional' | 'paging' | 'binary';

/**
 * Required parameters get their own field; the others go into Additional Fields. The paging
 * parameter of a paginated method is the node's job (Return All / Limit). The upload's `file` comes
 * from a binary property by default, so it is optional in the UI (Additional Fields, as Base64).
 */
export function placementOf(method: MethodSpec, param: ParamSpec): Placement {
	if (method.paging && param.name === method.paging.param) return 'paging';
	if (isUpload(method) && param.name === 'file') return 'additional';
	return param.required ? 'field' : 'additional';
}

/** The upload method, whose file comes from a binary property. */
export function isUpload(method: Pick<MethodSpec, 'resource' | 'method'>): boolean {
	return method.resource === 'attachments' && method.method === 'upload';
}

/** The top-level parameters the user fills in (everything but the paging parameter). */
export function userParams(method: MethodSpec): ParamSpec[] {
	return method.params.filter((param) => placementOf(method, param) !== 'paging');
}
