import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import type { CredentialStore } from './credentialStore';

function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => String(credentials[name] ?? ''));
}

function resolveAll(
	values: Record<string, unknown> | undefined,
	credentials: ICredentialDataDecryptedObject,
): Record<string, unknown> {
	const resolved: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(values ?? {})) resolved[key] = resolveCredentialExpression(value, credentials);
	return resolved;
}

/**
 * The part of n8n's CLI CredentialsHelper that request helpers call, over an in-memory store:
 * generic `authenticate` with `$credentials` expressions, and `preAuthentication` that runs when
 * the expirable field is empty or expired and stores the result, as n8n does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	preAuthenticationCalls = 0;

	constructor(private readonly store: CredentialStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.store.type(typeName).authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const { headers, qs, body } = authenticate.properties;
		return {
			...options,
			headers: { ...options.headers, ...resolveAll(headers, credentials) },
			qs: { ...options.qs, ...resolveAll(qs, credentials) },
			...(body ? { body: { ...(options.body as object), ...resolveAll(body, credentials) } } : {}),
		} as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.store.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthenticationCalls++;
		// n8n hands the fetch a new helpers object with only httpRequest (restricted to the
		// credential's domains), not the one the request was made with.
		const wrapped = { helpers: { httpRequest: async (options: IHttpRequestOptions) => await helpers.helpers.httpRequest(options) } };
		const output = await type.preAuthentication.call(wrapped as IHttpRequestHelper, credentials);
		if (output[expirable.name] === undefined) return undefined;
		this.store.update(typeName, output as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output as ICredentialDataDecryptedObject);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the request helpers');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.store.get(typeName);
	}

	async updateCredentials(_nodeCredentials: unknown, typeName: string, data: ICredentialDataDecryptedObject) {
		this.store.update(typeName, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		return this.store.type(typeName).properties;
	}
}
