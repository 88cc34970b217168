// Graphviz DOT: a digraph whose nodes may be grouped in clusters (drawn as boxes around them). kube-netmap writes
// the text only; render it with Graphviz (`dot -Tsvg`).

export interface GraphNode {
  id: string;
  label: string;
  /** The cluster the node is drawn in (a namespace); none for a node outside every cluster. */
  cluster?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** More DOT attributes of the edge (color, style). */
  attributes?: Record<string, string>;
}

export interface Graph {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A DOT quoted string: backslashes and double quotes escaped, line breaks as \n (Graphviz's own line break). */
export function dotString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')}"`;
}

const attributes = (values: Record<string, string>) =>
  `[${Object.entries(values)
    .map(([k, v]) => `${k}=${dotString(v)}`)
    .join(', ')}]`;

export function toDot(graph: Graph): string {
  const lines = [`digraph ${dotString(graph.name)} {`, '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  const clusters = new Map<string, GraphNode[]>();
  for (const node of graph.nodes) {
    if (node.cluster === undefined) lines.push(`  ${dotString(node.id)} ${attributes({ label: node.label })};`);
    else clusters.set(node.cluster, [...(clusters.get(node.cluster) ?? []), node]);
  }
  for (const [cluster, nodes] of clusters) {
    // Graphviz draws a subgraph as a box only when its name starts with "cluster".
    lines.push(`  subgraph ${dotString(`cluster_${cluster}`)} {`, `    label=${dotString(cluster)};`);
    for (const node of nodes) lines.push(`    ${dotString(node.id)} ${attributes({ label: node.label })};`);
    lines.push('  }');
  }
  for (const edge of graph.edges) lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)} ${attributes({ label: edge.label, ...edge.attributes })};`);
  lines.push('}');
  return lines.join('\n');
}
