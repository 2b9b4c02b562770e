// Client-side check of JSON-RPC params against the method catalogue, before anything is sent:
// types (with coercion, see coerce.ts), required, nullable, regexes (alternatives: one must match),
// enums, nested objects and array items. Empty lists and objects, and optional "" and null, are
// sent as given: the document's own examples send them. Like the API's own schema check, properties the catalogue
// does not list are passed on unchecked, and "one of" variants are not enforced (types.ts).
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../isRecord';
import type { ParamSpec } from '../catalogue';
import { coerceScalar } from './coerce';
import { alternativesOf, expectedText } from './formats';

export interface ParamProblem {
	/** Where, as the API sees it: `zipcode`, `filter.provider[0]`, `circuit[0].circuit`. */
	readonly path: string;
	/** A sentence naming the path, the expected format and what was given. */
	readonly message: string;
}

export interface CheckedParams {
	/** The params to send: coerced and normalised; optional "" and null are kept as given. */
	readonly params: IDataObject;
	readonly problems: readonly ParamProblem[];
}

/** Marks a value that is not sent (absent, or empty text given for an optional number or boolean). */
const NOT_SENT = Symbol('not sent');
type Checked = unknown | typeof NOT_SENT;

/** A value for a message: JSON, shortened; secrets are never shown. */
function shown(spec: ParamSpec, value: unknown): string {
	if (spec.typeOptions?.password) return '(hidden)';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

class Checker {
	readonly problems: ParamProblem[] = [];

	private wrong(spec: ParamSpec, path: string, value: unknown): typeof NOT_SENT {
		this.problems.push({ path, message: `${path} must be ${expectedText(spec)}, got ${shown(spec, value)}` });
		return NOT_SENT;
	}

	private missing(spec: ParamSpec, path: string, empty: boolean): typeof NOT_SENT {
		this.problems.push({ path, message: `${path} is required${empty ? ' but empty' : ''}: it must be ${expectedText(spec)}` });
		return NOT_SENT;
	}

	/** JSON text (from a JSON field or an expression) read as the object or list it should be. */
	private parsed(spec: ParamSpec, path: string, value: unknown): unknown {
		if (typeof value !== 'string') return value;
		const text = value.trim();
		if (!/^[[{]/.test(text)) return value;
		try {
			return JSON.parse(text) as unknown;
		} catch (error) {
			this.problems.push({ path, message: `${path} is not valid JSON (${(error as Error).message}); it must be ${expectedText(spec)}` });
			return NOT_SENT;
		}
	}

	value(spec: ParamSpec, value: unknown, path: string, required: boolean): Checked {
		if (value === undefined) return required ? this.missing(spec, path, false) : NOT_SENT;
		// An optional null is sent as given: the document's examples send it also where the type
		// table does not list null (carriercheck's housenrext, zipcode's filter.connectionpoint).
		if (value === null) return required ? this.missing(spec, path, true) : null;
		if (spec.type === 'object') return this.object(spec, value, path);
		if (spec.type === 'array') return this.array(spec, value, path);
		return this.scalar(spec, value, path, required);
	}

	private object(spec: ParamSpec, raw: unknown, path: string): Checked {
		const value = this.parsed(spec, path, raw);
		if (value === NOT_SENT) return NOT_SENT;
		// The document never says an object must have properties: {} is sent as given.
		if (!isRecord(value)) return this.wrong(spec, path, value);
		return this.properties(spec.properties ?? [], value, `${path}.`);
	}

	properties(specs: readonly ParamSpec[], value: Record<string, unknown>, prefix: string): IDataObject {
		const result: IDataObject = { ...(value as IDataObject) };
		for (const spec of specs) {
			const checked = this.value(spec, value[spec.name], `${prefix}${spec.name}`, spec.required);
			if (checked === NOT_SENT) delete result[spec.name];
			else result[spec.name] = checked as IDataObject[string];
		}
		return result;
	}

	private array(spec: ParamSpec, raw: unknown, path: string): Checked {
		const value = this.parsed(spec, path, raw);
		if (value === NOT_SENT) return NOT_SENT;
		// The document never says a list must have entries (set_tags clears tags with `"tags": []`).
		if (!Array.isArray(value)) return this.wrong(spec, path, value);
		const result: unknown[] = [];
		value.forEach((item: unknown, index) => {
			const itemSpec = spec.items ?? spec.prefixItems?.[index];
			const itemPath = `${path}[${index}]`;
			if (!itemSpec) result.push(item);
			else if (item === null || item === undefined) {
				if (itemSpec.nullable) result.push(null);
				else this.wrong(itemSpec, itemPath, item);
			} else {
				const checked = this.value(itemSpec, item, itemPath, false);
				if (checked !== NOT_SENT) result.push(checked);
			}
		});
		return result;
	}

	private scalar(spec: ParamSpec, raw: unknown, path: string, required: boolean): Checked {
		const coerced = coerceScalar(spec, raw);
		if (!coerced.ok) {
			if (raw === '' || (typeof raw === 'string' && raw.trim() === '' && spec.type !== 'string')) {
				return required ? this.missing(spec, path, true) : NOT_SENT;
			}
			return this.wrong(spec, path, raw);
		}
		const value = coerced.value;
		if (typeof value !== 'string') return value;
		// Optional empty text is sent as given, unchecked (the document's examples send
		// "serviceid": "" and "filter": {"zipcode": ""}).
		if (value.trim() === '') return required ? this.missing(spec, path, true) : raw;
		const formats = alternativesOf(spec).filter((alternative) => alternative.regex !== undefined);
		if (formats.length > 0 && !formats.some((alternative) => new RegExp(alternative.regex!).test(value))) {
			return this.wrong(spec, path, raw);
		}
		if (spec.enum && !spec.enum.includes(value)) return this.wrong(spec, path, raw);
		return value;
	}
}

/**
 * Checks (and coerces) `params` against the top-level parameter specs of a method. Problems name
 * the parameter path and the expected format; the params returned are what should be sent.
 */
export function checkParams(specs: readonly ParamSpec[], params: Record<string, unknown>): CheckedParams {
	const checker = new Checker();
	const checked = checker.properties(specs, params, '');
	return { params: checked, problems: checker.problems };
}
