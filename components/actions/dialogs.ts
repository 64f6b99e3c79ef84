import type { TransferKind } from '../../lib/imageProgress';
import type { Topology } from '../../lib/topology';
import type { Done } from '../api/client';

/** Which dialog is open, and what it starts from. */
export type DialogRequest =
  | { kind: 'create-network'; lesson?: string }
  | { kind: 'run-container'; network?: string; lesson?: string }
  | { kind: 'connect'; networkId?: string; containerId?: string }
  | { kind: 'map-ports'; containerId: string }
  | { kind: 'probe'; containerId: string; target?: string; by?: 'ip' | 'name' }
  | { kind: 'lesson-cleanup'; lesson: string; title: string }
  | { kind: 'tag-image'; source?: string; target?: string; lesson?: string }
  | { kind: 'remove-image'; image: string }
  | { kind: 'confirm-remove'; target: 'network' | 'container'; id: string }
  | { kind: 'confirm-remove'; target: 'prune' }
  | { kind: 'image-transfer'; transfer: TransferKind; image?: string; lesson?: string }
  | { kind: 'scale-service'; serviceId: string }
  | { kind: 'publish-service-port'; serviceId: string }
  | { kind: 'unpublish-service-port'; serviceId: string; targetPort: number; protocol: 'tcp' | 'udp' | 'sctp' };

/** Every dialog gets the live picture, a way to close, and reports what it did. */
export interface DialogProps<R extends DialogRequest = DialogRequest> {
  request: R;
  topology: Topology;
  onClose: () => void;
  /** After a successful action: shows its docker command and closes the dialog. */
  onDone: (done: Done, summary: string) => void;
}
