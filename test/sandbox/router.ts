import type { ApiRequest, Reply } from './http';

export type Params = Record<string, string>;
export type Handler = (request: ApiRequest, params: Params) => Reply;

interface Route {
	method: string;
	segments: string[];
	handler: Handler;
}

export type RouteMatch =
	| { kind: 'found'; handler: Handler; params: Params }
	| { kind: 'methodNotAllowed'; allow: string[] }
	| { kind: 'notFound' };

function split(path: string): string[] {
	return path.split('/').filter((segment) => segment !== '');
}

/** Method + path-pattern table; `:name` segments become params (URL-decoded). */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: Handler): this {
		this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
		return this;
	}

	match(method: string, path: string): RouteMatch {
		const segments = split(path);
		const allow: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (params === undefined) continue;
			if (route.method === method) return { kind: 'found', handler: route.handler, params };
			allow.push(route.method);
		}
		return allow.length > 0 ? { kind: 'methodNotAllowed', allow } : { kind: 'notFound' };
	}
}

function matchSegments(pattern: string[], actual: string[]): Params | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Params = {};
	for (let index = 0; index < pattern.length; index++) {
		const expected = pattern[index];
		if (expected.startsWith(':')) {
			try {
				params[expected.slice(1)] = decodeURIComponent(actual[index]);
			} catch {
				return undefined;
			}
		} else if (expected !== actual[index]) {
			return undefined;
		}
	}
	return params;
}
