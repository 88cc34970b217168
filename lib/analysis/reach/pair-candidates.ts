// Which pairs of classes a connection may flow between, as sets rather than pair by pair: a flow needs both sides,
// so the sources that may reach a destination are those whose egress side admits it (SideMemo.candidates, read
// backwards) among those its ingress side admits, and the destinations a source may reach are those whose ingress
// side admits it among those its egress side admits. A direction's candidates are turned around once, rule by rule
// (each rule that can open a side adds the classes whose side it opens to every class it admits:
// SideRules.openings), so the work grows with the rules' admitted classes times the words of a set, not with the
// square of the classes.

import type { Direction } from '../policy/types';
import { Bitset } from './bitset';
import type { EquivalenceClass, PodEquivalence } from './equivalence';

/** A direction's candidates turned around: per class, the classes whose side admits it. */
interface Admitters {
  /** Per class (by id), the classes whose side names it among its candidates (those with every end aside). */
  byClass: (Bitset | undefined)[];
  /** Classes whose side admits every other end. */
  all: Bitset;
}

export class PairCandidates {
  private readonly admitters: Partial<Record<Direction, Admitters>> = {};
  private readonly result: Bitset;

  constructor(private readonly equivalence: Pick<PodEquivalence, 'classes' | 'sides' | 'externalRanges'>) {
    const { classes, externalRanges } = equivalence;
    this.result = new Bitset(classes.length + externalRanges.length);
  }

  /**
   * The source classes whose pair with `destination` may let some connection through or leave it unknown; every
   * other pair is closed (the own-node exception aside). The set is reused by the next call: read it before.
   */
  sourcesOf(destination: EquivalenceClass): Bitset {
    return this.candidates(destination, 'ingress');
  }

  /**
   * The destination classes whose pair with `source` may let some connection through or leave it unknown; every
   * other pair is closed (the own-node exception aside). The set is reused by the next call: read it before.
   */
  destinationsOf(source: EquivalenceClass): Bitset {
    return this.candidates(source, 'egress');
  }

  /** Builds what the calls need ahead of them: every class's candidates in both directions, turned around. */
  prepare(): void {
    this.admittersOf('egress');
    this.admittersOf('ingress');
  }

  /** The classes the class's side in `direction` admits, among those whose other side admits the class. */
  private candidates(subject: EquivalenceClass, direction: Direction): Bitset {
    const { result } = this;
    const { byClass, all } = this.admittersOf(direction === 'egress' ? 'ingress' : 'egress');
    const other = byClass[subject.id];
    if (other) result.copyFrom(other);
    else result.clear();
    result.addAll(all);
    const own = this.equivalence.sides.candidates(direction, subject);
    if (own !== 'all') result.keepOnly(own);
    return result;
  }

  private admittersOf(direction: Direction): Admitters {
    const known = this.admitters[direction];
    if (known) return known;
    const { classes, sides } = this.equivalence;
    const size = this.result.size;
    const byClass: (Bitset | undefined)[] = new Array(classes.length).fill(undefined);
    const { open, rules } = sides.openings(direction);
    for (const { ends, subjects } of rules) {
      ends.forEach((end) => {
        if (end < classes.length) (byClass[end] ??= new Bitset(size)).addAll(subjects);
      });
    }
    return (this.admitters[direction] = { byClass, all: open });
  }
}
