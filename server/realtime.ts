import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServer, ServerToClient } from '../lib/realtime';
import type { Config } from './config';
import { checkHandshake } from './gate';
import type { Lessons } from './lessons/service';
import { siteNamed, snapshotOf, statusOf, summaryOf, type Site } from './sites';

/** socket.io's default path, named because the server's upgrade listener must leave it alone. */
export const REALTIME_PATH = '/socket.io/';

/**
 * The socket.io contract of DESIGN.md. Every viewer of an engine gets the same
 * broadcast from its one store, so Engine requests do not grow with viewers.
 * A viewer follows the first engine, or the one its handshake names
 * (`?engine=NAME`), or every engine (`?engines=all`); each payload names its engine.
 */
export function attachRealtime(http: HttpServer, sites: readonly Site[], config: Config, lessons: Lessons): Server<ClientToServer, ServerToClient> {
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
  const engines = () => sites.map(summaryOf);

  io.on('connection', (socket) => {
    const { engine, engines: every } = socket.handshake.query;
    let followed: Site[];
    try {
      followed = every === 'all' ? [...sites] : [siteNamed(sites, typeof engine === 'string' ? engine : null)];
    } catch (err) {
      socket.emit('engine:status', { status: 'unreachable', endpoint: '', detail: (err as Error).message, engine: String(engine) });
      socket.disconnect(true);
      return;
    }
    socket.emit('engines', engines());
    // A viewer of every engine also follows one watched later (follow below).
    if (every === 'all') void socket.join(EVERY_ENGINE);
    for (const site of followed) {
      void socket.join(room(site));
      socket.emit('engine:status', statusOf(site));
      socket.emit('topology:snapshot', snapshotOf(site));
      if (site.broken === undefined) {
        socket.emit(
          'activity:recent',
          site.store.recentActivity().map((a) => ({ ...a, engine: site.name })),
        );
        for (const progress of site.images.running()) socket.emit('image:progress', progress);
        socket.emit('audit', { ...site.store.auditReport(), engine: site.name });
      }
    }
    for (const { id } of lessons.list().lessons) socket.emit('lesson:progress', lessons.view(id)!);
    socket.on('topology:resync', (first, second) => {
      const [name, ack] = typeof first === 'function' ? [null, first] : [first, second];
      if (typeof ack !== 'function') return;
      const site = name === null ? followed[0]! : (every === 'all' ? sites : followed).find((s) => s.name === name);
      if (site) ack(snapshotOf(site));
    });
  });

  for (const site of sites) follow(io, sites, site);
  lessons.on('progress', (view) => io.emit('lesson:progress', view));
  return io;
}

const room = (site: Site) => `engine:${site.name}`;
/** The room of the viewers that follow every engine, `{ engines: "all" }`. */
const EVERY_ENGINE = 'engines:all';

/**
 * Sends an engine's changes to its viewers. Called for each engine at the start, and for one watched later
 * (already in `sites`), whose arrival every viewer hears of in `engines`.
 */
export function follow(io: Server<ClientToServer, ServerToClient>, sites: readonly Site[], site: Site): void {
  const engines = () => sites.map(summaryOf);
  io.in(EVERY_ENGINE).socketsJoin(room(site));
  io.emit('engines', engines());
  if (site.broken !== undefined) return;
  const { store, images, name } = site;
  const to = () => io.to(room(site));
  store.on('patch', (patch) => to().emit('topology:patch', { ...patch, engine: name }));
  store.on('snapshot', (snapshot) => {
    to().emit('topology:snapshot', { ...snapshot, engine: name });
    // A snapshot after a (re)connection carries the engine's version: the list of engines says it too.
    io.emit('engines', engines());
  });
  store.on('status', (status) => {
    to().emit('engine:status', { ...status, engine: name });
    io.emit('engines', engines());
  });
  store.on('activity', (activity) => to().emit('activity', { ...activity, engine: name }));
  store.on('audit', (report) => to().emit('audit', { ...report, engine: name }));
  images.on('progress', (progress) => to().emit('image:progress', progress));
}
