// Which pairs of classes a connection may flow between, as sets rather than pair by pair: a flow needs both sides,
// so the sources that may reach a destination are those whose egress side admits it (SideMemo.candidates, read
// backwards) among those its ingress side admits. The egress candidates are turned around once, rule by rule (each
// rule that can open an egress side adds the classes whose side it opens to every class it admits:
// SideRules.openings), so the work grows with the rules' admitted classes times the words of a set, not with the
// square of the classes.

import { Bitset } from './bitset';
import type { EquivalenceClass, PodEquivalence } from './equivalence';

export class PairCandidates {
  /** Per destination class, the sources whose egress candidates name it (those with every end aside). */
  private readonly egressTo: (Bitset | undefined)[];
  /** Sources whose egress side admits every other end. */
  private readonly egressToAll: Bitset;
  private readonly result: Bitset;

  constructor(private readonly equivalence: Pick<PodEquivalence, 'classes' | 'sides' | 'externalRanges'>) {
    const { classes, sides, externalRanges } = equivalence;
    const size = classes.length + externalRanges.length;
    this.egressTo = new Array(classes.length).fill(undefined);
    this.result = new Bitset(size);
    const { open, rules } = sides.egressOpenings();
    this.egressToAll = open;
    for (const { ends, subjects } of rules) {
      ends.forEach((end) => {
        if (end < classes.length) (this.egressTo[end] ??= new Bitset(size)).addAll(subjects);
      });
    }
  }

  /**
   * The source classes whose pair with `destination` may let some connection through or leave it unknown; every
   * other pair is closed (the own-node exception aside). The set is reused by the next call: read it before.
   */
  sourcesOf(destination: EquivalenceClass): Bitset {
    const { result } = this;
    const egress = this.egressTo[destination.id];
    if (egress) result.copyFrom(egress);
    else result.clear();
    result.addAll(this.egressToAll);
    const ingress = this.equivalence.sides.candidates('ingress', destination);
    if (ingress !== 'all') result.keepOnly(ingress);
    return result;
  }
}
