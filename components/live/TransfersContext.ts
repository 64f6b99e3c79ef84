'use client';

import { createContext, useContext } from 'react';
import type { ImageProgress } from '../../lib/imageProgress';

/** The latest image:progress of every pull and push, from the page's one live feed. */
export const TransfersContext = createContext<Record<string, ImageProgress>>({});

export const useTransfers = () => useContext(TransfersContext);
