'use client';

import { useMemo } from 'react';
import type { GraphOptions } from '../../lib/graph/elements';
import { useUrlParam } from '../ui/useUrlState';

/** Past a few hundred containers a network's containers show as a count until asked for. */
const AUTO_COLLAPSE = 300;

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);
const joined = (values: readonly string[] | undefined): string | null => (values?.length ? values.join(',') : null);

/**
 * The map's filters, collapse and expanded networks, kept in the URL so a
 * link or a reload opens the same view.
 */
export function useMapOptions(containerCount: number): {
  options: GraphOptions;
  setOptions: (next: GraphOptions) => void;
  expand: (networkId: string) => void;
} {
  const [driver, setDriver] = useUrlParam('driver');
  const [scope, setScope] = useUrlParam('scope');
  const [project, setProject] = useUrlParam('project');
  const [stopped, setStopped] = useUrlParam('stopped');
  const [predefined, setPredefined] = useUrlParam('predefined');
  const [collapse, setCollapse] = useUrlParam('collapse');
  const [expanded, setExpanded] = useUrlParam('expand');

  const collapsed = collapse === null ? containerCount > AUTO_COLLAPSE : collapse === '1';
  const options = useMemo<GraphOptions>(
    () => ({
      showStopped: stopped !== '0',
      showPredefined: predefined !== '0',
      collapsed,
      expanded: list(expanded),
      drivers: list(driver),
      scopes: list(scope),
      projects: list(project),
    }),
    [stopped, predefined, collapsed, expanded, driver, scope, project],
  );

  const setOptions = (next: GraphOptions) => {
    setDriver(joined(next.drivers));
    setScope(joined(next.scopes));
    setProject(joined(next.projects));
    setStopped(next.showStopped ? null : '0');
    setPredefined(next.showPredefined ? null : '0');
    if (next.collapsed !== collapsed) {
      setCollapse(next.collapsed ? '1' : '0');
      setExpanded(null);
    }
  };
  const expand = (networkId: string) => setExpanded(joined([...list(expanded), networkId]));
  return { options, setOptions, expand };
}
