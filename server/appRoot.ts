import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's folder (package.json, .next, lessons): one level above this file, which is also where the image's
 * bundle of the server sits (server/index.mjs), so every module finds the app through this one constant.
 */
export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
