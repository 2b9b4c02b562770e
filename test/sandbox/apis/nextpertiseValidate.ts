// Checks JSON-RPC `params` against the method catalogue: type, required, regex, enum, nested
// objects and array items. Deliberately not checked (see the catalogue's types.ts): `variants`
// ("one of" groups; the document does not say which combinations it accepts) and properties the
// catalogue does not list (the document's tables are not known to be closed).
import { isRecord } from '../http';
import type { CatalogueMethod, CatalogueParam } from './nextpertiseCatalogue';

export interface ParamProblem {
	/** Path of the parameter, e.g. `zipcode`, `filter.provider[0]`, `circuit[0].circuit`. */
	param: string;
	/** What the catalogue expects, e.g. `string matching ^[0-9]{4}[A-Z]{2}$`. */
	expected: string;
	/** What was sent; absent when the parameter was missing. */
	got?: unknown;
	problem: 'missing' | 'type' | 'format' | 'enum' | 'not an object';
}

function typeWord(spec: CatalogueParam): string {
	return spec.type === 'array' || spec.type === 'object' || spec.type === 'integer' ? `an ${spec.type}` : `a ${spec.type}`;
}

/** The expected format in words: type plus regex or options. */
export function expectedFormat(spec: CatalogueParam): string {
	const regexes = (spec.alternatives ?? [spec]).map((alternative) => alternative.regex).filter((regex) => regex !== undefined);
	let text = typeWord(spec);
	if (regexes.length > 0) text += ` matching ${regexes.join(' or ')}`;
	if (spec.enum) text += `, one of ${spec.enum.join('|')}`;
	if (spec.nullable) text += ' (or null)';
	return text;
}

function show(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function typeMatches(spec: CatalogueParam, value: unknown): boolean {
	switch (spec.type) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return isRecord(value);
		case 'array':
			return Array.isArray(value);
	}
}

function checkValue(value: unknown, spec: CatalogueParam, path: string, problems: ParamProblem[]): void {
	// null: allowed where the document lists it, and for parameters that are not required (the
	// document's own request examples send null for optional string parameters, e.g. zipcode's
	// housenrext); such a null is read as "not sent".
	if (value === null) {
		if (!spec.nullable && spec.required) problems.push({ param: path, expected: expectedFormat(spec), got: null, problem: 'type' });
		return;
	}
	if (!typeMatches(spec, value)) {
		problems.push({ param: path, expected: expectedFormat(spec), got: value, problem: 'type' });
		return;
	}
	if (typeof value === 'string') {
		const regexes = (spec.alternatives ?? [spec]).map((alternative) => alternative.regex).filter((regex) => regex !== undefined);
		if (regexes.length > 0 && !regexes.some((regex) => new RegExp(regex).test(value))) {
			problems.push({ param: path, expected: expectedFormat(spec), got: value, problem: 'format' });
			return;
		}
		if (spec.enum && !spec.enum.includes(value)) {
			problems.push({ param: path, expected: expectedFormat(spec), got: value, problem: 'enum' });
			return;
		}
	}
	if (isRecord(value) && spec.properties) checkObject(value, spec.properties, `${path}.`, problems);
	if (Array.isArray(value)) {
		value.forEach((item, index) => {
			const itemSpec = spec.items ?? spec.prefixItems?.[index];
			if (itemSpec) checkValue(item, itemSpec, `${path}[${index}]`, problems);
		});
	}
}

function checkObject(value: Record<string, unknown>, specs: readonly CatalogueParam[], prefix: string, problems: ParamProblem[]): void {
	for (const spec of specs) {
		const path = `${prefix}${spec.name}`;
		const present = Object.prototype.hasOwnProperty.call(value, spec.name);
		if (spec.required && (!present || isEmpty(value[spec.name]))) {
			problems.push({ param: path, expected: expectedFormat(spec), ...(present ? { got: value[spec.name] } : {}), problem: 'missing' });
			continue;
		}
		if (present && value[spec.name] !== undefined) checkValue(value[spec.name], spec, path, problems);
	}
}

/** Problems of `params` against the method's catalogue entry; empty when the params are fine. */
export function validateParams(method: CatalogueMethod, params: unknown): ParamProblem[] {
	if (params === undefined || params === null) params = {};
	if (!isRecord(params)) return [{ param: 'params', expected: 'an object', got: params, problem: 'not an object' }];
	const problems: ParamProblem[] = [];
	checkObject(params, method.params, '', problems);
	return problems;
}

/** One readable sentence per problem, naming the parameter and the expected format. */
export function describeProblem(problem: ParamProblem): string {
	const got = 'got' in problem ? `, got ${show(problem.got)}` : '';
	if (problem.problem === 'missing') return `'${problem.param}' is required: ${problem.expected}${got}`;
	return `'${problem.param}' must be ${problem.expected}${got}`;
}

/** Names (anywhere in params) whose values the catalogue marks as secrets, plus `password`. */
export function secretParamNames(method: CatalogueMethod | undefined): Set<string> {
	const names = new Set(['password']);
	const walk = (spec: CatalogueParam): void => {
		if (spec.typeOptions?.password) names.add(spec.name);
		for (const child of [...(spec.properties ?? []), ...(spec.items ? [spec.items] : []), ...(spec.prefixItems ?? []), ...(spec.alternatives ?? [])]) {
			walk(child);
		}
	};
	for (const spec of method?.params ?? []) walk(spec);
	return names;
}
