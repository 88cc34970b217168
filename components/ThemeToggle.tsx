'use client';

import { useEffect } from 'react';
import { applyStoredTheme, setTheme, useTheme } from '@/lib/client/theme';

export function ThemeToggle() {
  const theme = useTheme();
  useEffect(() => {
    applyStoredTheme();
    window.dispatchEvent(new Event('kube-netmap-theme'));
  }, []);
  return (
    <button
      type="button"
      onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs whitespace-nowrap dark:border-slate-700"
      aria-label={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
      title={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
