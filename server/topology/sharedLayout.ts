import { DEFAULT_OPTIONS, toElements, type GraphOptions } from '../../lib/graph/elements';
import { arrange, rearrange } from '../../lib/graph/arrangement';
import { arrangementChange, type Arrangement, type ArrangementChange } from '../../lib/graph/layout';
import type { Topology } from '../../lib/topology';

/** The picture with every network collapsed to its count: what the compact arrangement lays out. */
export const COMPACT_OPTIONS: GraphOptions = { ...DEFAULT_OPTIONS, collapsed: true };

/**
 * The one arrangement of the map that every viewer sees. It follows the
 * picture revision by revision, so a reload or a second screen shows the same
 * boxes in the same places; only Re-layout starts afresh. No Engine request.
 * One is kept for the full picture and one for the compact picture, where each
 * network is a small box holding its count (the default past a few hundred containers).
 */
export class SharedLayout {
  private arrangement: Arrangement;

  constructor(
    topology: Topology,
    private readonly options: GraphOptions = DEFAULT_OPTIONS,
  ) {
    this.arrangement = arrange(toElements(topology, options));
  }

  current(): Arrangement {
    return this.arrangement;
  }

  /** Places what the new picture adds, moving nothing else; null when nothing moved. */
  follow(topology: Topology, planned?: ReadonlyMap<string, number>): ArrangementChange | null {
    const elements = toElements(topology, this.options);
    const empty = Object.keys(this.arrangement.grids).length === 0;
    // The first picture of an engine is laid out as a whole, not one box at a time.
    const next = empty ? arrange(elements, this.arrangement.generation, planned) : rearrange(this.arrangement, elements, planned);
    return this.adopt(next);
  }

  /** Lays the whole picture out afresh, for everyone. */
  reset(topology: Topology, planned?: ReadonlyMap<string, number>): ArrangementChange {
    return this.adopt(arrange(toElements(topology, this.options), this.arrangement.generation + 1, planned))!;
  }

  private adopt(next: Arrangement): ArrangementChange | null {
    const change = arrangementChange(this.arrangement, next);
    this.arrangement = next;
    return change;
  }
}

/** What a snapshot or a patch carries of the two shared arrangements. */
export interface LayoutFields {
  layout?: Arrangement;
  compactLayout?: Arrangement;
}
export interface LayoutChanges {
  layout?: ArrangementChange;
  compactLayout?: ArrangementChange;
}

/** The full and the compact shared arrangements, followed together. */
export class MapLayouts {
  private readonly full: SharedLayout;
  private readonly compact: SharedLayout;

  constructor(topology: Topology) {
    this.full = new SharedLayout(topology);
    this.compact = new SharedLayout(topology, COMPACT_OPTIONS);
  }

  current(): Required<LayoutFields> {
    return { layout: this.full.current(), compactLayout: this.compact.current() };
  }

  follow(topology: Topology, planned?: ReadonlyMap<string, number>): LayoutChanges {
    return changes(this.full.follow(topology, planned), this.compact.follow(topology));
  }

  reset(topology: Topology, planned?: ReadonlyMap<string, number>): LayoutChanges {
    return changes(this.full.reset(topology, planned), this.compact.reset(topology));
  }
}

function changes(layout: ArrangementChange | null, compactLayout: ArrangementChange | null): LayoutChanges {
  return { ...(layout ? { layout } : {}), ...(compactLayout ? { compactLayout } : {}) };
}
