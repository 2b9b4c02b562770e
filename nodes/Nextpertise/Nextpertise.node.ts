import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { parallelRequestsOption } from '../shared/fields/parallelRequests';
import { requestTimeoutOption } from '../shared/fields/requestTimeout';
import { NEXTPERTISE_OPTIONS_COLLECTION } from '../shared/nextpertise/transport';
import { callMethod } from './actions/callMethod';
import { DEFAULT_RESOURCE, operationProperties, RESOURCE_OPTIONS, SIMPLIFY_FIELD } from './description/resources';
import {
	getCarriers,
	getCircuits,
	getContractDurations,
	getEndusers,
	getHouseNumberExtensions,
	getHouseNumbers,
	getProviders,
	getSlas,
} from './methods/loadOptions';

/**
 * The Nextpertise API (JSON-RPC 2.0): one resource per product class, one operation per method,
 * all generated from the method catalogue (nodes/shared/nextpertise/catalogue).
 */
export class Nextpertise implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nextpertise',
		name: 'nextpertise',
		icon: { light: 'file:../../icons/nextpertise.svg', dark: 'file:../../icons/nextpertise.dark.svg' },
		group: ['output'],
		// 1.1: zipcode's Simplify (on by default); version 1 keeps the full reply.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Check broadband availability, order and manage connections, tickets, e-mail and more with the Nextpertise API',
		defaults: { name: 'Nextpertise' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nextpertiseApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCE_OPTIONS,
				default: DEFAULT_RESOURCE,
			},
			...operationProperties,
			SIMPLIFY_FIELD,
			{
				displayName: 'Options',
				name: NEXTPERTISE_OPTIONS_COLLECTION,
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [parallelRequestsOption, requestTimeoutOption],
			},
		],
	};

	methods = {
		loadOptions: {
			getCarriers,
			getCircuits,
			getContractDurations,
			getEndusers,
			getHouseNumberExtensions,
			getHouseNumbers,
			getProviders,
			getSlas,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await callMethod.call(this)];
	}
}
