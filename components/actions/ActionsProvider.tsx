'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Topology } from '../../lib/topology';
import { api, errorDetailOf, type Done } from '../api/client';
import { ConfirmRemoveDialog } from './ConfirmRemoveDialog';
import { CommandToast, type Outcome } from './CommandToast';
import { ConnectDialog } from './ConnectDialog';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import type { DialogRequest } from './dialogs';
import { ImageTransferDialog } from './ImageTransferDialog';
import { LessonCleanupDialog } from './LessonCleanupDialog';
import { MapPortsDialog } from './MapPortsDialog';
import { ProbeDialog } from './ProbeDialog';
import { PublishServicePortDialog } from './PublishServicePortDialog';
import { RemoveImageDialog } from './RemoveImageDialog';
import { RunContainerDialog } from './RunContainerDialog';
import { ScaleServiceDialog } from './ScaleServiceDialog';
import { TagImageDialog } from './TagImageDialog';
import { UnpublishServicePortDialog } from './UnpublishServicePortDialog';

interface Actions {
  /** Demo screens: no actions anywhere. */
  readOnly: boolean;
  open: (request: DialogRequest) => void;
  /** A one-click action (start, stop, remove, disconnect…): runs it and shows its command or its refusal. */
  /** `summary` says what happened when it worked ("web stopped"), `failed` what did not when it was refused ("could not stop web"). */
  /** Runs one API call (`api.…`) from a button, and tells its outcome in the command toast. */
  perform: (call: () => Promise<Done>, summary: string, failed: string) => Promise<boolean>;
}

const ActionsContext = createContext<Actions>({ readOnly: true, open: () => undefined, perform: async () => false });

export const useActions = () => useContext(ActionsContext);

/** Holds the open dialog and the last outcome, and tells everyone whether this Portolan is read-only. */
export function ActionsProvider({ topology, children }: { topology: Topology | null; children: ReactNode }) {
  const [readOnly, setReadOnly] = useState(true);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    // Health answers 503 while the engine is away, with readOnly all the same.
    api
      .health()
      .then((health) => live && setReadOnly(health.readOnly === true))
      .catch(() => live && setReadOnly(false));
    return () => {
      live = false;
    };
  }, []);

  const done = useCallback((result: Done, summary: string) => {
    setOutcome({ ok: true, summary, command: result.command, at: Date.now() });
    setDialog(null);
  }, []);

  const perform = useCallback(async (call: () => Promise<Done>, summary: string, failed: string) => {
    try {
      const result = await call();
      setOutcome({ ok: true, summary, command: result.command, at: Date.now() });
      return true;
    } catch (err) {
      setOutcome({ ok: false, summary: failed, error: errorDetailOf(err), at: Date.now() });
      return false;
    }
  }, []);

  const value = useMemo<Actions>(() => ({ readOnly, open: setDialog, perform }), [readOnly, perform]);
  const close = () => setDialog(null);

  return (
    <ActionsContext.Provider value={value}>
      {children}
      {topology && dialog && !readOnly && (
        <>
          {dialog.kind === 'create-network' && <CreateNetworkDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'run-container' && <RunContainerDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'connect' && <ConnectDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'map-ports' && <MapPortsDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'probe' && <ProbeDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'lesson-cleanup' && <LessonCleanupDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'tag-image' && <TagImageDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'remove-image' && <RemoveImageDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'confirm-remove' && <ConfirmRemoveDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'image-transfer' && <ImageTransferDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'scale-service' && <ScaleServiceDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'publish-service-port' && <PublishServicePortDialog request={dialog} topology={topology} onClose={close} onDone={done} />}
          {dialog.kind === 'unpublish-service-port' && (
            <UnpublishServicePortDialog request={dialog} topology={topology} onClose={close} onDone={done} />
          )}
        </>
      )}
      {outcome && <CommandToast key={outcome.at} outcome={outcome} onClose={() => setOutcome(null)} />}
    </ActionsContext.Provider>
  );
}
