import type { Engine } from '../../server/engine/engine';

/**
 * Calls `listener` with the path of every HTTP request the Engine's client dials, as it dials it. A count kept
 * apart from the Engine's own accounting (`Engine.onRequest`), so that tests and benchmarks can check that
 * accounting against it. It reaches past the Engine's private client on purpose: nothing outside tests does.
 */
export function onDial(engine: Engine, listener: (path: string) => void): void {
  const modem = engine['docker'].modem;
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => (listener(String(options.path)), dial(options, callback));
}
