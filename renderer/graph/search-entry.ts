/** What each graph kind gives the search (renderer/graph/search.ts): its items and the words that find them. */
import type { Result } from '../../shared/core/result';
import type { CidrRange } from '../../shared/cidr/parse-cidr';
import type { DiagramAccount } from '../../shared/diagram/members';
import type { Topology } from '../../shared/model/topology';
import type { AppState } from '../store/app-state';
import type { GraphKind } from './kinds/kind-entry';

/** A word that finds an item: free text matches any term, `key:text` only terms of that key. */
export interface SearchTerm {
  /** `name`, `id`, `account`, `region` …; results say `<key> <value>` as why they matched. */
  readonly key: string;
  readonly value: string;
}

/** One searchable item of the canvas. */
export interface SearchEntry {
  readonly kind: GraphKind;
  /** Its node or edge id. */
  readonly id: string;
  readonly label: string;
  /** The entry that holds it (a VPC's region frame, a region's account frame): the holder's terms find it too. */
  readonly within?: string;
  /** In the order free text tries them. */
  readonly terms: readonly SearchTerm[];
  /** Matched by `tag:key[=value]`, and by free text after every term (its own and its holders'). */
  readonly tags?: Readonly<Record<string, string>>;
  /** The nodes to bring into view when it is chosen. */
  readonly fit: readonly string[];
}

/** What entries are made from: the diagram as drawn. */
export interface SearchSource {
  readonly topology: Topology;
  readonly members: readonly DiagramAccount[];
  /** Whether deleted peerings are drawn. */
  readonly showDeleted: boolean;
}

/** An address word: an IP address or a CIDR block. */
export type AddressQuery = { readonly kind: 'ip'; readonly text: string; readonly family: 'ipv4' | 'ipv6' } | { readonly kind: 'block'; readonly range: CidrRange };

/** The store actions a chosen result may call. */
export type SearchActions = Pick<AppState, 'selectVpc' | 'selectItem'>;

/** A kind's part of the search. */
export interface KindSearch {
  /** Its items as drawn, with their terms. */
  readonly entries: (source: SearchSource) => readonly SearchEntry[];
  /** Present when its items are results; frames have none: their terms find what they hold. */
  readonly result?: {
    /** What one result and several are called (`VPC`, `VPCs`). */
    readonly noun: readonly [string, string];
    /** Select a chosen result. */
    readonly choose: (actions: SearchActions, id: string) => void;
  };
  /** Its items holding an address or overlapping a block, with why (`10.2.3.4 in subnet-1 (10.2.3.0/24)`); a message when the address is unusable. */
  readonly address?: (topology: Topology, query: AddressQuery) => Result<ReadonlyMap<string, string>>;
}
