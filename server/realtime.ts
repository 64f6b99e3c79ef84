import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServer, ServerToClient } from '../lib/realtime';
import type { Config } from './config';
import { checkHandshake } from './gate';
import type { ImageOperations } from './imageOperations';
import type { Lessons } from './lessons/service';
import type { TopologyStore } from './topology/store';

/** socket.io's default path, named because the server's upgrade listener must leave it alone. */
export const REALTIME_PATH = '/socket.io/';

/**
 * The socket.io contract of DESIGN.md. Every viewer gets the same broadcast
 * from the one store, so Engine requests do not grow with viewers.
 */
export function attachRealtime(
  http: HttpServer,
  store: TopologyStore,
  config: Config,
  lessons: Lessons,
  images: ImageOperations,
): Server<ClientToServer, ServerToClient> {
  const io = new Server<ClientToServer, ServerToClient>(http, {
    // WebSocket only: browsers always send Origin on it, which the gate checks.
    transports: ['websocket'],
    path: REALTIME_PATH,
    serveClient: false,
    // Leave other upgrades (Next's dev reload) to their own handler.
    destroyUpgrade: false,
    allowRequest: (req, callback) => {
      const refusal = checkHandshake(config, req);
      callback(refusal ? refusal.message : null, refusal === null);
    },
  });

  io.on('connection', (socket) => {
    socket.emit('engine:status', store.status());
    socket.emit('topology:snapshot', store.snapshot());
    socket.emit('activity:recent', store.recentActivity());
    for (const { id } of lessons.list().lessons) socket.emit('lesson:progress', lessons.view(id)!);
    for (const progress of images.running()) socket.emit('image:progress', progress);
    socket.on('topology:resync', (ack) => {
      if (typeof ack === 'function') ack(store.snapshot());
    });
  });

  store.on('patch', (patch) => io.emit('topology:patch', patch));
  store.on('snapshot', (snapshot) => io.emit('topology:snapshot', snapshot));
  store.on('status', (status) => io.emit('engine:status', status));
  store.on('activity', (activity) => io.emit('activity', activity));
  lessons.on('progress', (view) => io.emit('lesson:progress', view));
  images.on('progress', (progress) => io.emit('image:progress', progress));
  return io;
}
