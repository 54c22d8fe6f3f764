/** Time is injected: the domain never reads the system clock itself. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

/** A clock that stands still unless moved: for tests and replays. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
