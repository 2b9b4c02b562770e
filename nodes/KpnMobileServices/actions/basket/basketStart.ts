import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemProblem, numericId } from '../common';

/**
 * The body that opens a basket (POST /contracting/basket), one of the four ways KPN's Mobile
 * Service Management guide describes; each is sent on its own, never mixed with another:
 * - change a contract: { contractId }
 * - new contract for a subscriber: { accountGroupId }, with orderId to reactivate a terminated one
 * - combine a fixed and a mobile contract: { fixedContractId, mobileContractId }, both needed
 * - modify a template: { templateIdToModify }
 */
export function basketStartBody(context: IExecuteFunctions, itemIndex: number): IDataObject | NodeOperationError {
	const basketFor = context.getNodeParameter('basketFor', itemIndex, 'contract') as string;
	const fail = itemProblem(context, itemIndex);
	const id = (parameter: string, label: string, example: string) => numericId(context, itemIndex, parameter, label, example);

	if (basketFor === 'subscriber') {
		const subscriber = id('subscriberId', 'Subscriber', '1234568');
		if (subscriber instanceof NodeOperationError) return subscriber;
		const body: IDataObject = { accountGroupId: Number(subscriber) };
		const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const orderId = String(additional.orderId ?? '').trim();
		if (orderId !== '') {
			if (!/^\d+$/.test(orderId) || !Number.isSafeInteger(Number(orderId))) {
				return fail(`Termination Order ID: "${orderId}" is not an ID`, "KPN's IDs are whole numbers");
			}
			body.orderId = Number(orderId);
		}
		return body;
	}
	if (basketFor === 'combineFixedMobile') {
		const fixed = id('fixedContractId', 'Fixed Contract', '9876543');
		if (fixed instanceof NodeOperationError) return fixed;
		const mobile = id('mobileContractId', 'Mobile Contract', '9876544');
		if (mobile instanceof NodeOperationError) return mobile;
		if (fixed === mobile) {
			return fail(
				`Mobile Contract: ${mobile} is also the Fixed Contract`,
				'Combining needs two contracts: one fixed and one mobile',
			);
		}
		return { fixedContractId: Number(fixed), mobileContractId: Number(mobile) };
	}
	if (basketFor === 'modifyTemplate') {
		const template = id('templateIdToModify', 'Template ID', '1234567');
		if (template instanceof NodeOperationError) return template;
		return { templateIdToModify: Number(template) };
	}
	if (basketFor !== 'contract') {
		return fail(
			`Basket For: "${basketFor}" is not a way to open a basket`,
			'Use Change an Existing Contract, New Contract for a Subscriber, Combine Fixed and Mobile Contracts or Modify a Template',
		);
	}
	const contract = id('contractId', 'Contract', '9876543');
	if (contract instanceof NodeOperationError) return contract;
	return { contractId: Number(contract) };
}
