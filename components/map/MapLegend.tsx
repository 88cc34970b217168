import { POLICY_KIND_SUPPORT } from '@/lib/analysis/policy/kinds';
import { MAP_KEYS } from './map-keys';

/** What the shapes and lines of the map mean; every state has a shape or line style, not only a colour. */
export function MapLegend({ whatIf = false }: { whatIf?: boolean }) {
  const item = 'flex items-center gap-1';
  return (
    <details
      className="absolute bottom-2 left-2 z-10 max-h-[calc(100%-1rem)] max-w-[calc(100%-1rem)] overflow-auto rounded border border-slate-300 bg-white/90 p-2 text-xs dark:border-slate-700 dark:bg-slate-900/90"
      data-testid="map-legend"
    >
      <summary className="cursor-pointer font-medium">Legend</summary>
      <ul className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1">
        <li className={item}>● pod (ready)</li>
        <li className={item}>◌ pod not ready (dashed, amber)</li>
        <li className={item}>◆ host-network pod</li>
        <li className={item}>⯃ workload (folded pods; click to expand)</li>
        <li className={item}>▲ Service: ok</li>
        <li className={item}>▲ dashed amber: warning; double red: error</li>
        <li className={item}>⬟ Ingress</li>
        <li className={item}>▰ Gateway (click for its listeners and routes)</li>
        <li className={item}>── teal: Gateway route, labelled host, path, share</li>
        <li className={item}>┄┤ red dashed, “✕ reason”: a backend the Gateway cannot use</li>
        <li className={item}>faded ▲ “(missing)”: a Service a route names that does not exist</li>
        <li className={item}>⬢ address range outside the cluster</li>
        <li className={item}>── endpoint ready; ┄┄ not ready</li>
        <li className={item}>━▶ allowed flow, labelled with its ports</li>
        <li className={item}>┈▷ grey dotted, “unknown: …”: a flow whose verdict is unknown (neither allowed nor denied)</li>
        <li className={item} data-testid="legend-not-enforced">┄▶ amber dashed: denied by policy, not enforced (the traffic flows)</li>
        <li className="col-span-2 mt-1 font-medium">An explained flow or a traced URL, hop by hop, labelled with its ports and verdict:</li>
        <li className={item} data-testid="legend-path-allowed">━▶ blue, “✓ allowed”</li>
        <li className={item} data-testid="legend-path-denied">┄┤ red dashed, “✕ denied by …”: the bar at the side that denies (at the start: the source’s egress; at the arrow: the destination’s ingress)</li>
        <li className={item}>◎ red double ring: the pod whose policies deny it; ○ dark ring: the others it runs through</li>
        <li className={item}>┈▷ grey dotted, “? unknown”</li>
        <li className={item}>━◆ violet, “◐ partly allowed”: some pods behind it allowed, some not</li>
        <li className={item}>┄▶ amber dashed, “⚠ denied, not enforced”: it flows</li>
        <li className="col-span-2 mt-1 font-medium">A selected pod:</li>
        <li className={item}>solid blue ring: reachable (egress)</li>
        <li className={item}>dotted purple ring: reaches it (ingress)</li>
        <li className={item}>dashed amber ring: denied by policy, not enforced</li>
        {whatIf && (
          <>
            <li className={item} data-testid="legend-change-added">━▶ green, “+ added”: the draft allows it</li>
            <li className={item} data-testid="legend-change-removed">┄┤ red dashed, “- removed”: the draft cuts it</li>
            <li className={item}>━◆ violet, “~ changed”: other ports</li>
            <li className={item}>┈● amber dotted, “? unknown”: cannot tell which</li>
            <li className={item}>double ring: a pod or range a change touches</li>
          </>
        )}
        <li className="col-span-2">Far out on a big map, each namespace shows what it holds; zoom in for its pods.</li>
        <li className="col-span-2">Labels: a pod’s workload and the end of its name that tells it from its siblings; hover for the full name.</li>
      </ul>
      <p className="mt-2 font-medium">Keys</p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5" data-testid="legend-keys">
        {MAP_KEYS.map(({ key, does }) => (
          <li key={key}>
            <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">{key}</kbd> {does}
          </li>
        ))}
      </ul>
      <p className="mt-2 font-medium">Policy kinds</p>
      <ul className="mt-1 flex flex-col gap-y-0.5" data-testid="legend-policy-kinds">
        {POLICY_KIND_SUPPORT.map(({ kinds, support }) => (
          <li key={kinds}>
            {kinds}: {support}
          </li>
        ))}
      </ul>
    </details>
  );
}
