'use client';

import { useEffect, useState, type RefObject } from 'react';

const TYPING_PAUSE_MS = 250;

/**
 * The map's search box: names and kubectl-style label terms (see lib/graph/search). What it finds is lit on the
 * map; the text goes to the URL once typing pauses, so a copied link keeps the search.
 */
export function MapSearch({
  value,
  onChange,
  outcome,
  inputRef,
}: {
  value: string;
  onChange: (text: string) => void;
  outcome: { found: number } | { error: string } | undefined;
  /** For the `/` shortcut. */
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const [text, setText] = useState(value);
  // The URL can change under the box (back button, a link): then it shows the URL's text.
  const [urlValue, setUrlValue] = useState(value);
  if (value !== urlValue) {
    setUrlValue(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="flex min-w-0 items-center gap-1 text-xs">
      <span className="sr-only">Search the map</span>
      <input
        ref={inputRef}
        type="search"
        data-testid="map-search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Search (/): app=web"
        title="Names and labels (app=web, tier!=db); press / to get here"
        className="w-44 rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700"
        aria-describedby="map-search-outcome"
      />
      <span
        id="map-search-outcome"
        data-testid="map-search-outcome"
        title={outcome && 'error' in outcome ? outcome.error : undefined}
        className={`max-w-48 truncate whitespace-nowrap ${outcome && 'error' in outcome ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}
      >
        {outcome === undefined ? '' : 'error' in outcome ? outcome.error : `${outcome.found} found`}
      </span>
    </label>
  );
}
