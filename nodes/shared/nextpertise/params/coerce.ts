// Scalar values as n8n hands them over (numbers as text from expressions, postcodes with a space)
// turned into what the catalogue's type asks for, or a refusal.
import type { ParamSpec } from '../catalogue';
import { isPostcodeSpec } from './formats';

export type Coerced = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const ok = (value: unknown): Coerced => ({ ok: true, value });
const refused: Coerced = { ok: false };

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** "2408 ze" → "2408ZE". */
export function normalisePostcode(value: string): string {
	return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Coerces one scalar. Integers and numbers accept numeric text; booleans accept "true"/"false";
 * strings accept numbers (e.g. a house number extension typed as 1). Postcodes are normalised, and
 * an enum value written in another case is corrected to the documented one; other text is kept as is.
 */
export function coerceScalar(spec: ParamSpec, value: unknown): Coerced {
	switch (spec.type) {
		case 'integer':
		case 'number': {
			let number: number | undefined;
			if (typeof value === 'number') number = value;
			else if (typeof value === 'string') {
				const text = value.trim();
				if ((spec.type === 'integer' ? INTEGER_TEXT : NUMBER_TEXT).test(text)) number = Number(text);
			}
			if (number === undefined || !Number.isFinite(number)) return refused;
			if (spec.type === 'integer' && !Number.isInteger(number)) return refused;
			return ok(number);
		}
		case 'boolean':
			if (typeof value === 'boolean') return ok(value);
			if (typeof value === 'string' && ['true', 'false'].includes(value.trim().toLowerCase())) {
				return ok(value.trim().toLowerCase() === 'true');
			}
			return refused;
		case 'string': {
			let text: string;
			if (typeof value === 'string') text = value;
			else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
			else return refused;
			if (isPostcodeSpec(spec)) text = normalisePostcode(text);
			if (spec.enum && !spec.enum.includes(text)) {
				const matches = spec.enum.filter((option) => option.toLowerCase() === text.trim().toLowerCase());
				if (matches.length === 1) text = matches[0];
			}
			return ok(text);
		}
		default:
			return refused;
	}
}
