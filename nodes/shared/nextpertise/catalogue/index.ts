// The Nextpertise method catalogue: every JSON-RPC method of the Nextpertise API v1.22 document,
// as data (see types.ts for what each field means and what the document leaves open).
import { ATTACHMENTS_METHODS } from './attachments';
import { BROADBAND_METHODS } from './broadband';
import { BROADBAND_BASIC_METHODS } from './broadbandBasic';
import { DIAGNOSTICS_METHODS } from './diagnostics';
import { EMAIL_METHODS } from './email';
import { ENDUSER_METHODS } from './enduser';
import { POSTCODES_METHODS } from './postcodes';
import { SUPPORT_METHODS } from './support';
import type { MethodSpec, NextpertiseResource } from './types';
import { USER_METHODS } from './user';

export type {
	ErrorCodeSpec,
	MethodExample,
	MethodSpec,
	NextpertiseResource,
	PagingSpec,
	ParamSpec,
	ParamType,
	ProductClass,
	ProductClassSpec,
} from './types';
export { ERROR_CODES, HTTP_ERROR_CODES } from './errorCodes';
export { PRODUCT_CLASSES, productClassOf, resourceOf } from './productClasses';

/** Methods per resource, each in the document's order. */
export const methodsByResource: Readonly<Record<NextpertiseResource, readonly MethodSpec[]>> = {
	broadband: BROADBAND_METHODS,
	broadbandBasic: BROADBAND_BASIC_METHODS,
	diagnostics: DIAGNOSTICS_METHODS,
	postcodes: POSTCODES_METHODS,
	enduser: ENDUSER_METHODS,
	email: EMAIL_METHODS,
	attachments: ATTACHMENTS_METHODS,
	support: SUPPORT_METHODS,
	user: USER_METHODS,
};

/** Every method of every product class, in the document's order. */
export const METHODS: readonly MethodSpec[] = Object.values(methodsByResource).flat();

/** Whether `value` is one of the nine resource values. */
export function isNextpertiseResource(value: string): value is NextpertiseResource {
	return Object.prototype.hasOwnProperty.call(methodsByResource, value);
}

/** The method `method` of resource `resource`, or undefined. Method names repeat across resources. */
export function findMethod(resource: string, method: string): MethodSpec | undefined {
	if (!isNextpertiseResource(resource)) return undefined;
	return methodsByResource[resource].find((spec) => spec.method === method);
}
