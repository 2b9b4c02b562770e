/**
 * API requests (token calls included; admin calls not) being handled right now, and the most that
 * were handled at the same time since the last reset. A request counts from its arrival until its
 * response is finished or its connection closes (held `trickle` / `hang` responses stay counted).
 */
export class InFlight {
	current = 0;
	max = 0;

	/** A request arrived; returns how many are in flight now, this one included. */
	enter(): number {
		this.current += 1;
		if (this.current > this.max) this.max = this.current;
		return this.current;
	}

	leave(): void {
		this.current = Math.max(0, this.current - 1);
	}

	/** The peak starts again from the requests still in flight. */
	reset(): void {
		this.max = this.current;
	}

	snapshot(): { current: number; max: number } {
		return { current: this.current, max: this.max };
	}
}
