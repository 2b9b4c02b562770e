import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { forgetSharedTokens } from '../../nodes/shared/http/sharedToken';

/**
 * Plays the part of n8n's credentials table: holds one credential per type, with the defaults
 * of its properties applied, and keeps what preAuthentication stores (the access token) across
 * executions, as n8n does. A new store starts from nothing: also the tokens the package shares
 * between the executions of one process are forgotten.
 */
export class CredentialStore {
	private readonly data = new Map<string, ICredentialDataDecryptedObject>();

	constructor(readonly types: Record<string, ICredentialType>) {
		forgetSharedTokens();
	}

	set(typeName: string, values: ICredentialDataDecryptedObject): this {
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.type(typeName).properties) {
			if (property.type !== 'notice') defaults[property.name] = property.default as string;
		}
		this.data.set(typeName, { ...defaults, ...values });
		return this;
	}

	get(typeName: string): ICredentialDataDecryptedObject {
		const stored = this.data.get(typeName);
		if (!stored) throw new Error(`No test credential of type ${typeName}`);
		return { ...stored };
	}

	update(typeName: string, values: ICredentialDataDecryptedObject): void {
		this.data.set(typeName, { ...this.get(typeName), ...values });
	}

	type(typeName: string): ICredentialType {
		const type = this.types[typeName];
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		return type;
	}
}
