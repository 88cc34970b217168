'use client';

import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'kube-netmap-theme';
const EVENT = 'kube-netmap-theme';

function current(): Theme {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Applies the stored theme (or the system's) to <html>; called once on load. */
export function applyStoredTheme(): void {
  const stored = localStorage.getItem(KEY);
  const dark = stored ? stored === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.classList.toggle('dark', dark);
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(KEY, theme);
  document.documentElement.classList.toggle('dark', theme === 'dark');
  window.dispatchEvent(new Event(EVENT));
}

/** The theme in effect, re-rendering when it changes (the map needs it for its canvas colours). */
export function useTheme(): Theme {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener(EVENT, onChange);
      return () => window.removeEventListener(EVENT, onChange);
    },
    current,
    () => 'light',
  );
}
