'use client';

import type { Core } from 'cytoscape';
import { useState } from 'react';
import { mapScene } from './map-scene';
import { mapSvg } from './map-svg';

/**
 * The map's background in each theme (the map section's bg-white and dark:bg-slate-900): an export carries it, so
 * the theme's label colours stay readable wherever the file is opened.
 */
const BACKGROUND = { light: '#ffffff', dark: '#0f172a' } as const;
/** A full map of a large cluster is scaled down to this many pixels a side, which image viewers still open. */
const MAX_PIXELS = 8192;

type Format = 'png-view' | 'png-full' | 'svg';

const FORMATS: { format: Format; label: string; title: string }[] = [
  { format: 'png-view', label: 'PNG, this view', title: 'The map as shown now, at twice the screen resolution' },
  { format: 'png-full', label: 'PNG, whole map', title: 'Every element drawn, whatever the zoom' },
  { format: 'svg', label: 'SVG, whole map', title: 'Vector drawing of every element, with its labels as text' },
];

/** `kube-netmap_demo_2025-01-31_1405`: the context (as a file name may hold it) and the local time. */
export function exportName(context: string, now: Date): string {
  const safe = context.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[_.]+|_+$/g, '') || 'context';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `kube-netmap_${safe}_${stamp}`;
}

/** Downloads the map as PNG (the view, or all of it) or SVG (all of it), named after the context and the time. */
export function MapExport({ cy, context, dark }: { cy: Core | undefined; context: string; dark: boolean }) {
  const [status, setStatus] = useState<{ text: string; error?: true } | undefined>(undefined);

  const save = async (format: Format) => {
    if (!cy || cy.destroyed() || cy.nodes().empty()) {
      setStatus({ text: 'The map is not drawn yet.', error: true });
      return;
    }
    const bg = BACKGROUND[dark ? 'dark' : 'light'];
    const name = exportName(context, new Date());
    try {
      if (format === 'svg') {
        const svg = mapSvg(mapScene(cy, { background: bg, title: `kube-netmap: ${context}, ${new Date().toISOString()}` }));
        download(new Blob([svg], { type: 'image/svg+xml' }), `${name}_full.svg`);
      } else {
        const full = format === 'png-full';
        const blob = await cy.png({ output: 'blob-promise', bg, full, scale: pngScale(cy, full) });
        download(blob, `${name}${full ? '_full' : ''}.png`);
      }
      setStatus({ text: `Saved ${name}` });
    } catch (error) {
      setStatus({ text: `The export failed: ${error instanceof Error ? error.message : String(error)}`, error: true });
    }
  };

  return (
    <details className="relative" data-testid="map-export">
      <summary className="cursor-pointer list-none rounded border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900" aria-label="Export the map">
        Export ▾
      </summary>
      <div className="absolute right-0 z-20 mt-1 flex w-44 flex-col gap-1 rounded border border-slate-300 bg-white p-1 shadow dark:border-slate-700 dark:bg-slate-900">
        {FORMATS.map(({ format, label, title }) => (
          <button
            key={format}
            type="button"
            title={title}
            data-testid={`map-export-${format}`}
            onClick={() => void save(format)}
            className="rounded px-2 py-0.5 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
          >
            {label}
          </button>
        ))}
        {status && (
          <p role="status" className={`px-2 text-[11px] break-all ${status.error ? 'text-red-700 dark:text-red-400' : 'text-slate-500'}`}>
            {status.text}
          </p>
        )}
      </div>
    </details>
  );
}

/**
 * Twice the map's resolution, less where a whole large map would pass MAX_PIXELS a side. Cytoscape sizes the image
 * from the drawing at zoom 1 (full) or from the map's box on screen (the view), times the scale.
 */
function pngScale(cy: Core, full: boolean): number {
  const size = full ? cy.elements(':visible').boundingBox({ includeLabels: true }) : { w: cy.width(), h: cy.height() };
  return Math.min(2, MAX_PIXELS / Math.max(1, size.w), MAX_PIXELS / Math.max(1, size.h));
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the URL is let go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
