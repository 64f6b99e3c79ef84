import type { Activity } from '../../lib/topology';

/**
 * The last activity lines, newest first: what happened before a viewer opened
 * the page. Bounded, so a busy Engine costs the server no more than `capacity` lines.
 */
export class RecentActivity {
  private readonly lines: Activity[] = [];

  constructor(readonly capacity: number) {}

  add(activity: Activity): void {
    this.lines.unshift(activity);
    if (this.lines.length > this.capacity) this.lines.length = this.capacity;
  }

  newestFirst(): Activity[] {
    return [...this.lines];
  }
}
