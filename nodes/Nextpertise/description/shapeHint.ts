// Example shapes generated from the catalogue, for the hints of JSON fields: what the document says
// the value looks like, with format examples (2408ZE, 0101234567) and enum options filled in.
import type { MethodSpec, ParamSpec } from '../../shared/nextpertise/catalogue';
import { exampleOf } from '../../shared/nextpertise/params/formats';
import { userParams } from '../../shared/nextpertise/params/shape';

/** An example value of `spec`. */
export function exampleValue(spec: ParamSpec): unknown {
	switch (spec.type) {
		case 'string':
			if (spec.enum) return spec.enum[0];
			return exampleOf(spec) ?? (spec.typeOptions?.password ? '********' : 'text');
		case 'integer':
			return 0;
		case 'number':
			return 0;
		case 'boolean':
			return typeof spec.default === 'boolean' ? spec.default : false;
		case 'array':
			if (spec.prefixItems) return spec.prefixItems.map(exampleValue);
			return spec.items ? [exampleValue(spec.items)] : [];
		case 'object':
			return Object.fromEntries((spec.properties ?? []).map((property) => [property.name, exampleValue(property)]));
	}
}

/** Compact JSON of an example, for a one-line hint. */
export function shapeText(value: unknown): string {
	return JSON.stringify(value);
}

/** The example shape of a parameter, as JSON text. */
export function paramShape(spec: ParamSpec): string {
	return shapeText(exampleValue(spec));
}

/** The example shape of all the params a user gives for a method (not the paging parameter). */
export function methodShape(method: MethodSpec): string {
	return shapeText(Object.fromEntries(userParams(method).map((param) => [param.name, exampleValue(param)])));
}
