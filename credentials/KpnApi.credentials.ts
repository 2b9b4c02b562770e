import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	fetchKpnAccessToken,
	kpnBearerAuthentication,
	kpnCredentialProperties,
	kpnTokenTestRequest,
} from './common/kpnClientCredentials';

// Why preAuthentication + an expirable hidden field instead of extending oAuth2Api: n8n's
// OAuth2 client-credentials flow sends the secret as Basic auth by default, shows OAuth fields
// (scope, auth URL) that mean nothing for KPN, and does not let us refuse plain-http URLs or
// word token errors ourselves. preAuthentication stores the token with the credential (shared
// by all items and executions) and n8n refreshes it once and retries once on a 401.
export class KpnApi implements ICredentialType {
	name = 'kpnApi';

	displayName = 'KPN API';

	icon: Icon = { light: 'file:../icons/kpn.svg', dark: 'file:../icons/kpn.dark.svg' };

	documentationUrl = 'https://developer.kpn.com/page/getting-started';

	properties: INodeProperties[] = kpnCredentialProperties(
		'https://api-prd.kpn.com/oauth/client_credential/accesstoken?grant_type=client_credentials',
		'Create an app on developer.kpn.com → My Apps, add the APIs you need (SMS, Incident, Disturbance Detector) and copy its Consumer Key and Secret here.',
	);

	preAuthentication = fetchKpnAccessToken;

	authenticate = kpnBearerAuthentication;

	test = kpnTokenTestRequest;
}
