// The part of the node's Nextpertise method catalogue (nodes/shared/nextpertise/catalogue) the
// sandbox reads, so it validates with the same data the node does (one source of truth). The unit
// test test/unit/sandboxNextpertise.test.ts assigns the real catalogue to `SandboxCatalogue`, so
// tsc fails if the two drift apart.
import * as catalogue from '../../../nodes/shared/nextpertise/catalogue';

export type CatalogueParamType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface CatalogueParam {
	readonly name: string;
	readonly type: CatalogueParamType;
	readonly required: boolean;
	readonly nullable?: true;
	readonly description: string;
	readonly regex?: string;
	readonly enum?: readonly string[];
	readonly typeOptions?: { readonly password: true };
	readonly properties?: readonly CatalogueParam[];
	readonly items?: CatalogueParam;
	readonly prefixItems?: readonly CatalogueParam[];
	readonly alternatives?: readonly CatalogueParam[];
}

export type CataloguePaging =
	| { readonly style: 'page'; readonly param: 'pagination'; readonly itemsKey: string }
	| { readonly style: 'offset'; readonly param: 'paging'; readonly itemsKey: string };

export interface CatalogueMethod {
	readonly productClass: string;
	readonly resource: string;
	readonly method: string;
	readonly params: readonly CatalogueParam[];
	readonly paginated: boolean;
	readonly paging?: CataloguePaging;
	readonly examples: readonly { readonly title?: string; readonly params: Readonly<Record<string, unknown>> }[];
}

export interface CatalogueProductClass {
	readonly productClass: string;
	readonly resource: string;
	readonly path: string;
}

export interface CatalogueErrorCode {
	readonly code: string;
	readonly message: string;
	readonly meaning: string;
}

export interface SandboxCatalogue {
	readonly METHODS: readonly CatalogueMethod[];
	readonly PRODUCT_CLASSES: readonly CatalogueProductClass[];
	readonly ERROR_CODES: readonly CatalogueErrorCode[];
	findMethod(resource: string, method: string): CatalogueMethod | undefined;
}

export function loadCatalogue(): SandboxCatalogue {
	return catalogue;
}
