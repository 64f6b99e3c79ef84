// Small line icons as SVG data URIs, drawn by cytoscape inside nodes.
//
// Every <svg> states its width and height, not only a viewBox. cytoscape draws a
// background image with drawImage's source-rectangle form, the rectangle being
// img.width × img.height. For an SVG with no intrinsic size Chromium reports its
// default object size there (300 × 150 fitted to the viewBox: 300 × 120, 150 × 150)
// but sizes the picture it draws by the canvas drawn into, so the rectangle cut
// out the wrong part: slightly on screen (small texture canvases: "ROO", "EXPO"),
// badly in the PNG export's one large canvas (badges shrank to a magnified
// corner, icons vanished).

const svg = (body: string, color: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`,
  )}`;

const DRIVER_SHAPES: Record<string, string> = {
  // a bridge: deck and arch
  bridge: '<path d="M2 16h20"/><path d="M4 16c2-6 14-6 16 0"/><path d="M8 16v-3M12 16v-4M16 16v-3"/>',
  // a house: the host's own stack
  host: '<path d="M3 11l9-7 9 7"/><path d="M5 10v10h14V10"/><path d="M10 20v-6h4v6"/>',
  // nothing: no network at all
  null: '<circle cx="12" cy="12" r="8"/><path d="M6.5 17.5l11-11"/>',
  // layers: a network laid over many hosts
  overlay: '<path d="M12 3l9 5-9 5-9-5z"/><path d="M3 13l9 5 9-5"/><path d="M3 17.5l9 5 9-5"/>',
  // a card with its own MAC: a NIC of its own on the parent interface
  macvlan: '<rect x="3" y="6" width="18" height="12" rx="2"/><path d="M7 10v4M10 10v4M13 10v4M17 10v4"/>',
  // a fork: one interface shared by IP
  ipvlan: '<path d="M12 21v-8"/><path d="M12 13L6 5M12 13l6-8"/><circle cx="6" cy="4" r="1.5"/><circle cx="18" cy="4" r="1.5"/>',
};

export function driverIcon(driver: string, color: string): string {
  return svg(DRIVER_SHAPES[driver] ?? '<circle cx="12" cy="12" r="8"/><path d="M12 8v8M8 12h8"/>', color);
}

export const HOST_ICON = (color: string) =>
  svg('<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/><path d="M7 8h4M7 11h7"/>', color);

/** The root badge: a red pill lettered ROOT. */
export const ROOT_BADGE = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="16" viewBox="0 0 40 16"><rect width="40" height="16" rx="8" fill="#dc2626"/><text x="20" y="12" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">ROOT</text></svg>',
)}`;

/** The exposed badge (an orange pill lettered EXPOSED): a port published on every interface. */
export const EXPOSED_BADGE = `data:image/svg+xml;utf8,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="16" viewBox="0 0 56 16"><rect width="56" height="16" rx="8" fill="#ea580c"/><text x="28" y="12" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">EXPOSED</text></svg>',
)}`;

/** A pill lettered with a word, for what a swarm node's state means: the word, not only the colour, says it. */
const pill = (word: string, width: number, fill: string) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><rect width="${width}" height="16" rx="8" fill="${fill}"/><text x="${width / 2}" y="12" font-family="sans-serif" font-size="10" font-weight="700" fill="#fff" text-anchor="middle">${word}</text></svg>`,
  )}`;

/** A swarm node the manager cannot hear from, and the tasks it last ran. */
export const DOWN_BADGE = pill('DOWN', 44, '#b91c1c');
/** A node drained of its tasks: it takes none. */
export const DRAINED_BADGE = pill('DRAINED', 60, '#b45309');
/** A node paused: it keeps its tasks but takes no new ones. */
export const PAUSED_BADGE = pill('PAUSED', 56, '#b45309');
