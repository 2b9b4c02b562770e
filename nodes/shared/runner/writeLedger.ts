import { createHash } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What happened to one item's write in an earlier try of the same node run. */
export type LedgerEntry =
	| { state: 'confirmed'; outputs: INodeExecutionData[]; label?: string }
	| { state: 'unconfirmed'; message: string; description?: string; httpCode?: string };

/**
 * Remembers the writes of one node run, so that when n8n runs the node again in the same execution
 * (node setting Retry On Fail) a write is never sent twice. n8n retries by calling `execute()` again
 * with the same execute data (the node, its input and its place in the execution), in the same
 * process (also on a queue-mode worker, which runs the whole execution). Keyed by that object, the
 * ledger belongs to one execution, one node and one run of it, and is freed with the execution.
 * Within it, a write is known by its item's index and a hash of what was prepared for it, so a
 * changed input is a new write.
 */
export class WriteLedger {
	private readonly entries = new Map<string, LedgerEntry>();

	static for(context: IExecuteFunctions): WriteLedger {
		let owner: object | undefined;
		try {
			owner = context.getExecuteData?.() as object | undefined;
		} catch {
			owner = undefined;
		}
		if (!owner || typeof owner !== 'object') return new WriteLedger();
		let ledger = ledgers.get(owner);
		if (!ledger) {
			ledger = new WriteLedger();
			ledgers.set(owner, ledger);
		}
		return ledger;
	}

	/** The key of one item's write. */
	static key(itemIndex: number, prepared: unknown): string {
		const hash = createHash('sha256');
		hash.update(JSON.stringify(prepared, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value)) ?? '');
		return `${itemIndex}:${hash.digest('base64')}`;
	}

	get(key: string): LedgerEntry | undefined {
		return this.entries.get(key);
	}

	confirm(key: string, outputs: INodeExecutionData[], label?: string): void {
		this.entries.set(key, { state: 'confirmed', outputs, label });
	}

	unconfirmed(key: string, failure: { message: string; description?: string | null; httpCode?: string | number | null }): void {
		this.entries.set(key, {
			state: 'unconfirmed',
			message: failure.message,
			description: failure.description ?? undefined,
			httpCode: failure.httpCode === undefined || failure.httpCode === null ? undefined : String(failure.httpCode),
		});
	}
}

const ledgers = new WeakMap<object, WriteLedger>();
