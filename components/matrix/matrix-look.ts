import type { CellVerdict } from '@/lib/analysis/reach/connectivity-matrix';

// How each verdict of the matrix looks: an icon and a word carry it, the colour only repeats them (as on the map,
// where allowed flows are blue and unknown ones amber).

export const VERDICT_LOOK: Record<CellVerdict, { icon: string; word: string; className: string; meaning: string }> = {
  all: {
    icon: '●',
    word: 'all',
    className: 'border-blue-700 bg-blue-100 text-blue-900 dark:border-blue-400 dark:bg-blue-950 dark:text-blue-100',
    meaning: 'every connection, for every pod pair',
  },
  some: {
    icon: '◐',
    word: 'some',
    className: 'border-sky-600 bg-sky-50 text-sky-900 dark:border-sky-500 dark:bg-sky-950/60 dark:text-sky-100',
    meaning: 'some connections, or not for every pod pair',
  },
  none: {
    icon: '○',
    word: 'none',
    className: 'border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300',
    meaning: 'no connection allowed',
  },
  unknown: {
    icon: '?',
    word: 'unknown',
    className: 'border-dashed border-amber-600 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950/60 dark:text-amber-100',
    meaning: 'some verdict is unknown: neither allowed nor denied can be claimed',
  },
  empty: {
    icon: '–',
    word: 'no pair',
    className: 'border-transparent text-slate-400 dark:text-slate-600',
    meaning: 'no pod pair (a single pod and itself, or the outside and itself)',
  },
};
