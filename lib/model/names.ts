// How objects of the model are named and ordered in answers. Every layer (sources, analysis, graph, UI) names an
// object and sorts names the same way, so these live beside the model's types.

/** Compares by UTF-16 code units, so the order is the same in every locale (Go's sort.Strings order). */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `namespace/name` as a person reads it in an answer, or `name` for a cluster-scoped object. */
export const qualifiedName = (o: { meta: { namespace?: string; name: string } }): string =>
  o.meta.namespace === undefined ? o.meta.name : `${o.meta.namespace}/${o.meta.name}`;
