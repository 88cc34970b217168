// The matrix's open cell and pair as the link keeps them (`mx`, `mxp`; see map-url.ts), read and written by pure
// functions. A cell is `SOURCE>DESTINATION`, each a namespace or `*` for the outside (neither can be a namespace's
// name); a pair is `SOURCE>DESTINATION`, each a workload as connectivity names it (`shop/Deployment/api`) or `*`.

import { formatConnectivityEndpoint } from '@/lib/analysis/reach/connectivity';
import { OUTSIDE, type MatrixEnd, type MatrixGroup } from '@/lib/analysis/reach/connectivity-matrix';

const OUTSIDE_TEXT = '*';

export interface MatrixCellRef {
  source: MatrixGroup;
  destination: MatrixGroup;
}

/** A pair by its ends' texts (endText): found again among a drill-down's rows and columns. */
export interface MatrixPairRef {
  source: string;
  destination: string;
}

/** A group as the link writes it: its namespace, or `*`. */
export const groupText = (group: MatrixGroup) => (group.type === 'outside' ? OUTSIDE_TEXT : group.namespace);
const readGroup = (text: string): MatrixGroup => (text === OUTSIDE_TEXT ? OUTSIDE : { type: 'namespace', namespace: text });

/** An end as the link writes it: `shop/Deployment/api`, or `*`. */
export const endText = (end: MatrixEnd) => (end.type === 'outside' ? OUTSIDE_TEXT : formatConnectivityEndpoint(end));

export const formatMatrixCell = (cell: MatrixCellRef) => `${groupText(cell.source)}>${groupText(cell.destination)}`;

/** The cell a link names, or undefined when it names none (an empty side, no `>`). */
export function readMatrixCell(text: string | undefined): MatrixCellRef | undefined {
  const [source, destination, ...rest] = text?.split('>') ?? [];
  if (!source || !destination || rest.length > 0) return undefined;
  return { source: readGroup(source), destination: readGroup(destination) };
}

export const formatMatrixPair = (pair: MatrixPairRef) => `${pair.source}>${pair.destination}`;

export function readMatrixPair(text: string | undefined): MatrixPairRef | undefined {
  const [source, destination, ...rest] = text?.split('>') ?? [];
  if (!source || !destination || rest.length > 0) return undefined;
  return { source, destination };
}
