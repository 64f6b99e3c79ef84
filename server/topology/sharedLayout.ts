import { DEFAULT_OPTIONS, toElements } from '../../lib/graph/elements';
import { arrange, rearrange } from '../../lib/graph/arrangement';
import { arrangementChange, type Arrangement, type ArrangementChange } from '../../lib/graph/layout';
import type { Topology } from '../../lib/topology';

/**
 * The one arrangement of the map that every viewer sees. It follows the
 * picture revision by revision, so a reload or a second screen shows the same
 * boxes in the same places; only Re-layout starts afresh. No Engine request.
 */
export class SharedLayout {
  private arrangement: Arrangement;

  constructor(topology: Topology) {
    this.arrangement = arrange(toElements(topology, DEFAULT_OPTIONS));
  }

  current(): Arrangement {
    return this.arrangement;
  }

  /** Places what the new picture adds, moving nothing else; null when nothing moved. */
  follow(topology: Topology, planned?: ReadonlyMap<string, number>): ArrangementChange | null {
    const elements = toElements(topology, DEFAULT_OPTIONS);
    const empty = Object.keys(this.arrangement.grids).length === 0;
    // The first picture of an engine is laid out as a whole, not one box at a time.
    const next = empty ? arrange(elements, this.arrangement.generation, planned) : rearrange(this.arrangement, elements, planned);
    return this.adopt(next);
  }

  /** Lays the whole picture out afresh, for everyone. */
  reset(topology: Topology, planned?: ReadonlyMap<string, number>): ArrangementChange {
    return this.adopt(arrange(toElements(topology, DEFAULT_OPTIONS), this.arrangement.generation + 1, planned))!;
  }

  private adopt(next: Arrangement): ArrangementChange | null {
    const change = arrangementChange(this.arrangement, next);
    this.arrangement = next;
    return change;
  }
}
