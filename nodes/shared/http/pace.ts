import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * How fast one node run may call its API: how many requests may be in flight (the node's
 * Parallel Requests, lowered while the API pushes back), and until when every new request waits.
 * A 429 (or a 503 with Retry-After) holds back every queued and retried request of the run for the
 * time the API asked and halves the number in flight; each run of successes as long as the current
 * number raises it by one again, up to what the node allows.
 */
export class Pace {
	private current: number;

	private successes = 0;

	private resumeAt = 0;

	constructor(private allowed = 1) {
		this.current = allowed;
	}

	/** Pace of one node run (n8n gives each run, and each try of Retry On Fail, its own context). */
	static of(context: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions): Pace {
		let pace = paces.get(context);
		if (!pace) {
			pace = new Pace();
			paces.set(context, pace);
		}
		return pace;
	}

	/** Sets how many requests the node allows in flight. */
	allow(count: number): void {
		this.allowed = Math.max(1, Math.floor(count));
		this.current = this.allowed;
		this.successes = 0;
	}

	/** How many requests may be in flight now. */
	get limit(): number {
		return this.current;
	}

	/** Waits while the API asked to hold back. */
	async ready(): Promise<void> {
		for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) await sleep(wait);
	}

	/** The API pushed back: nothing new is sent for `waitMs`, and fewer requests at once afterwards. */
	pushedBack(waitMs: number): void {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + waitMs);
		this.current = Math.max(1, Math.ceil(this.current / 2));
		this.successes = 0;
	}

	succeeded(): void {
		if (this.current >= this.allowed) return;
		this.successes++;
		if (this.successes >= this.current) {
			this.current++;
			this.successes = 0;
		}
	}
}

const paces = new WeakMap<object, Pace>();
