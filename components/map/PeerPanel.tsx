import type { Highlight, HighlightDirection } from '@/lib/graph/highlight';

const DIRECTIONS: { value: HighlightDirection; label: string }[] = [
  { value: 'egress', label: 'Can reach (egress)' },
  { value: 'ingress', label: 'Reached by (ingress)' },
  { value: 'both', label: 'Both' },
];

/**
 * The selected pod's peers as the engine lists them: ports and the policies behind each; where the network plugin
 * does not enforce NetworkPolicy, the peers the policies deny after them, with the engine's note (their traffic flows).
 */
export function PeerPanel({
  title,
  highlight,
  direction,
  onDirection,
  onClose,
}: {
  title: string;
  highlight: Highlight;
  direction: HighlightDirection;
  onDirection: (d: HighlightDirection) => void;
  onClose: () => void;
}) {
  return (
    <aside aria-label="Selected pod" data-testid="peer-panel" className="flex h-full flex-col gap-2 overflow-auto p-3 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold break-all">{title}</h2>
        <button type="button" onClick={onClose} className="rounded border px-2 text-xs" aria-label="Clear the selection">
          ✕
        </button>
      </div>
      <div role="radiogroup" aria-label="Direction" className="flex gap-1">
        {DIRECTIONS.map((d) => (
          <button
            key={d.value}
            type="button"
            role="radio"
            aria-checked={direction === d.value}
            onClick={() => onDirection(d.value)}
            className={`rounded border px-2 py-0.5 text-xs ${direction === d.value ? 'border-blue-600 font-semibold' : 'border-slate-300 dark:border-slate-700'}`}
          >
            {d.label}
          </button>
        ))}
      </div>
      {highlight.unknown && (
        <p role="status" className="rounded border border-amber-500 p-2 text-xs">
          Unknown: {highlight.unknown}
        </p>
      )}
      {highlight.notEnforced && (
        <p role="status" data-testid="peer-not-enforced" className="rounded border border-dashed border-amber-600 p-2 text-xs">
          <span aria-hidden="true">⚠</span> {highlight.notEnforced.note.text}. The peers the policies deny are listed after those they allow, and drawn amber and dashed.
        </p>
      )}
      {highlight.rows.length === 0 ? (
        <p className="text-slate-500">No peers in this direction.</p>
      ) : (
        <ul className="space-y-1">
          {highlight.rows.map((row) => (
            <li
              key={`${row.direction}:${row.peerId}`}
              data-testid="peer-row"
              data-peer-id={row.peerId}
              data-direction={row.direction}
              {...(row.enforcement ? { 'data-enforcement': row.enforcement.status } : {})}
              className={`rounded border p-1.5 ${row.enforcement ? 'border-dashed border-amber-600' : 'border-slate-200 dark:border-slate-800'}`}
            >
              <div className="font-mono text-xs break-all">
                {row.direction === 'egress' ? '→' : '←'} {row.peerLabel}
              </div>
              <div className={`text-xs ${row.enforcement ? 'text-amber-800 dark:text-amber-300' : ''}`}>
                {row.enforcement && <span aria-hidden="true">⚠ </span>}
                {row.ports}
              </div>
              {row.policies.length > 0 && <div className="text-xs text-slate-500">by {row.policies.join(', ')}</div>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
