// How the map names a pod. Pods of one workload share its name and differ in a hash suffix
// (payments-697d5c8b9-x7k2p), which is the part a label cut to its width loses. The map writes the workload's name
// and the shortest tail of the rest that tells the pod from its siblings: "payments…x7k2p". The full name is on
// hover and in the side panel. Pure.

import type { Pod } from '@/lib/model';

/** A label line longer than this (at the map's 12px, about 150px) is split or shortened. */
const LINE = 24;
const ELLIPSIS = '…';

/** A name cut in its middle to fit one line: "very-long-work…ame-here". */
function fitLine(text: string): string {
  if (text.length <= LINE) return text;
  const keep = LINE - 1;
  return `${text.slice(0, Math.ceil(keep / 2))}${ELLIPSIS}${text.slice(text.length - Math.floor(keep / 2))}`;
}

/**
 * The short names of a workload's pods: the workload's name, then the fewest trailing dash-separated parts of the
 * rest that no sibling shares. A pod whose name does not start with its workload's, or whose rest is one part
 * (db-0, agent-x7k2p), keeps its name.
 */
function shortNames(workload: string, pods: readonly Pod[]): Map<Pod, string> {
  const prefix = `${workload}-`;
  const rests = pods.map((pod) => (pod.meta.name.startsWith(prefix) ? pod.meta.name.slice(prefix.length).split('-') : undefined));
  const names = new Map<Pod, string>();
  const longest = rests.reduce((max, rest) => Math.max(max, rest?.length ?? 0), 0);
  // For each tail length, how many pods share each tail: the first length at which a pod's tail is its own wins.
  const counts: Map<string, number>[] = [];
  for (let k = 1; k < longest; k++) {
    const count = new Map<string, number>();
    for (const rest of rests) if (rest && rest.length > k) count.set(rest.slice(-k).join('-'), (count.get(rest.slice(-k).join('-')) ?? 0) + 1);
    counts.push(count);
  }
  pods.forEach((pod, i) => {
    const rest = rests[i];
    let name = pod.meta.name;
    for (let k = 1; rest && k < rest.length; k++) {
      const tail = rest.slice(-k).join('-');
      if (counts[k - 1]!.get(tail) === 1) {
        name = `${workload}${ELLIPSIS}${tail}`;
        break;
      }
    }
    names.set(pod, name);
  });
  return names;
}

/** The short names of each workload's pods, by its pods' list (built once per model: see workloadPods). */
const cache = new WeakMap<readonly Pod[], Map<Pod, string>>();

/**
 * The label lines of a pod's name, `siblings` being its workload's pods (itself included; none for a bare pod): one
 * line when it fits ("payments…x7k2p"), else the workload on one line and the tail on the next
 * ("ingress-nginx-controller" / "…x7k2p"), or a whole name broken after a dash; a line still too long is shortened
 * in its middle.
 */
export function podNameLines(pod: Pod, siblings: readonly Pod[] | undefined): string[] {
  let names = siblings && cache.get(siblings);
  if (siblings && !names) cache.set(siblings, (names = shortNames(pod.workload.name, siblings)));
  const short = names?.get(pod) ?? pod.meta.name;
  if (short.length <= LINE) return [short];
  const cut = short.indexOf(ELLIPSIS);
  if (cut > 0) return [fitLine(short.slice(0, cut)), fitLine(short.slice(cut))];
  // A whole name too long for a line: broken after a dash when both halves fit, else cut in its middle.
  const dash = short.lastIndexOf('-', LINE - 1);
  if (dash > 0 && short.length - dash - 1 <= LINE) return [short.slice(0, dash + 1), short.slice(dash + 1)];
  return [fitLine(short)];
}
