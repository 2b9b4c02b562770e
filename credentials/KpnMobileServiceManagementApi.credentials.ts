import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	fetchKpnAccessToken,
	kpnBearerAuthentication,
	kpnCredentialProperties,
	kpnTokenTestRequest,
} from './common/kpnClientCredentials';

// Same client-credentials flow as kpnApi (see the reason there), with Mobile Service
// Management's own token endpoint.
export class KpnMobileServiceManagementApi implements ICredentialType {
	name = 'kpnMobileServiceManagementApi';

	displayName = 'KPN Mobile Service Management API';

	icon: Icon = { light: 'file:../icons/kpn.svg', dark: 'file:../icons/kpn.dark.svg' };

	documentationUrl = 'https://developer.kpn.com/page/getting-started';

	properties: INodeProperties[] = kpnCredentialProperties(
		'https://api-prd.kpn.com/oauth/grip/msm/accesstoken?grant_type=client_credentials',
		'Use the Consumer Key and Secret of a developer.kpn.com app that has the Mobile Service Management API. It has its own token URL.',
	);

	preAuthentication = fetchKpnAccessToken;

	authenticate = kpnBearerAuthentication;

	test = kpnTokenTestRequest;
}
