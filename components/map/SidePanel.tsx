'use client';

import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface PanelTab<Id extends string> {
  id: Id;
  label: string;
  /** The longer name, on hover and for screen readers when the label is short. */
  title?: string;
  /** A count beside the label (the Problems' findings). */
  count?: number;
  /** Whether the count is the current model's ('current'), an older model's ('updating'), or not there yet. */
  countState?: 'current' | 'updating' | 'diagnosing' | 'failed';
}

const WIDTH_KEY = 'kube-netmap.panel-width';
const COLLAPSED_KEY = 'kube-netmap.panel-collapsed';
const MIN_WIDTH = 320;
const MAX_WIDTH = 760;
/** Room for seven tabs on one line at the default width. */
const DEFAULT_WIDTH = 470;
/** How far an arrow key moves the panel's edge. */
const KEY_STEP = 24;

const clampWidth = (width: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));

function stored(key: string): string | null {
  return typeof window === 'undefined' ? null : window.localStorage.getItem(key);
}

/**
 * The panel beside the map: tabs on one line (they scroll sideways in a panel too narrow for them, never wrap), the
 * open tab's content below. Its left edge is dragged (or moved with the arrow keys) to resize it, and it collapses to
 * a narrow rail that gives the map the window; both are kept in the browser. The tabs follow the ARIA tabs pattern:
 * Tab reaches the open one, the arrow keys, Home and End move between them.
 */
export function SidePanel<Id extends string>({
  tabs,
  active,
  onSelect,
  children,
}: {
  tabs: PanelTab<Id>[];
  active: Id;
  onSelect: (id: Id) => void;
  children: ReactNode;
}) {
  const [width, setWidth] = useState(() => clampWidth(Number(stored(WIDTH_KEY) ?? DEFAULT_WIDTH) || DEFAULT_WIDTH));
  const [collapsed, setCollapsed] = useState(() => stored(COLLAPSED_KEY) === 'true');
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  const tabRefs = useRef(new Map<Id, HTMLButtonElement>());

  const resize = (next: number) => {
    const clamped = clampWidth(next);
    setWidth(clamped);
    window.localStorage.setItem(WIDTH_KEY, String(clamped));
  };
  const collapse = (on: boolean) => {
    setCollapsed(on);
    window.localStorage.setItem(COLLAPSED_KEY, String(on));
  };
  const onTabKey = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === active);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    tabRefs.current.get(id)?.focus();
  };

  if (collapsed) {
    return (
      <div className="flex w-8 shrink-0 flex-col items-center border-l border-slate-200 bg-white py-1 dark:border-slate-800 dark:bg-slate-900" data-testid="side-panel" data-collapsed="true">
        <button type="button" onClick={() => collapse(false)} aria-label="Open the side panel" title="Open the side panel" className="rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
          «
        </button>
      </div>
    );
  }
  return (
    <div className="relative flex shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" style={{ width }} data-testid="side-panel">
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the side panel"
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        tabIndex={0}
        className="absolute inset-y-0 -left-1 z-20 w-2 cursor-col-resize hover:bg-blue-500/30 focus-visible:bg-blue-500/40 focus-visible:outline-none"
        onPointerDown={(e: PointerEvent<HTMLDivElement>) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          if (drag.current) setWidth(clampWidth(drag.current.width + drag.current.x - e.clientX));
        }}
        onPointerUp={(e) => {
          if (!drag.current) return;
          resize(drag.current.width + drag.current.x - e.clientX);
          drag.current = undefined;
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') resize(width + KEY_STEP);
          else if (e.key === 'ArrowRight') resize(width - KEY_STEP);
          else return;
          e.preventDefault();
        }}
      />
      <div className="flex items-center border-b border-slate-200 dark:border-slate-800">
        <div role="tablist" aria-label="Panels" className="flex min-w-0 flex-1 overflow-x-auto p-1 text-xs whitespace-nowrap" onKeyDown={onTabKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                if (el) tabRefs.current.set(t.id, el);
                else tabRefs.current.delete(t.id);
              }}
              type="button"
              role="tab"
              id={`panel-tab-${t.id}`}
              aria-selected={active === t.id}
              aria-controls="side-panel-content"
              tabIndex={active === t.id ? 0 : -1}
              title={t.title}
              onClick={() => onSelect(t.id)}
              className={`shrink-0 rounded px-1.5 py-0.5 focus-visible:outline-2 focus-visible:outline-blue-600 ${active === t.id ? 'bg-slate-200 font-semibold dark:bg-slate-700' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {t.label}
              {t.countState === 'diagnosing' ? (
                <span data-testid="tab-count" data-state="diagnosing" className="ml-1 text-[10px] text-slate-500" aria-label="diagnosing">
                  …
                </span>
              ) : t.count ? (
                <span
                  data-testid="tab-count"
                  data-state={t.countState ?? 'current'}
                  data-count={t.count}
                  className={`ml-1 rounded-full px-1 text-[10px] font-semibold ${t.countState === 'current' || !t.countState ? 'bg-slate-300 dark:bg-slate-600' : 'bg-slate-200 text-slate-500 dark:bg-slate-700'}`}
                  aria-label={t.countState === 'current' || !t.countState ? `${t.count} findings` : `${t.count} findings of the model before the last change`}
                >
                  {t.count}
                  {t.countState === 'current' || !t.countState ? '' : '…'}
                </span>
              ) : null}
            </button>
          ))}
        </div>
        <button
          type="button"
          onClick={() => collapse(true)}
          aria-label="Collapse the side panel"
          title="Collapse the side panel"
          className="mr-1 shrink-0 rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          »
        </button>
      </div>
      <div role="tabpanel" id="side-panel-content" aria-labelledby={`panel-tab-${active}`} className="min-h-0 flex-1 overflow-auto">
        {children}
      </div>
    </div>
  );
}
