/** Search and filter: VPCs, peerings and transit gateways by name, id, CIDR, IP address, account:, ou:, region:, tag: (see graph/search.ts). */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeEvent, KeyboardEvent } from 'react';

import { entryOf } from '../graph/kinds';
import { chooseHit } from '../graph/search';
import type { SearchHit } from '../graph/search';
import { viewStateOf } from '../graph/view-state';
import { useAppStore } from '../store/store-context';

/** The id of the search input, for the `/` shortcut. */
export const SEARCH_INPUT_ID = 'graph-search';

/** The toolbar's search box with its result list. */
export function SearchBox() {
  const query = useAppStore((s) => s.query);
  const setQuery = useAppStore((s) => s.setQuery);
  const selectVpc = useAppStore((s) => s.selectVpc);
  const selectItem = useAppStore((s) => s.selectItem);
  const search = useAppStore((s) => viewStateOf(s).search);
  const hasSnapshot = useAppStore((s) => s.snapshot !== undefined);
  const { fitView } = useReactFlow();
  const [open, setOpen] = useState(false);
  // The list closes a moment after the box loses focus (so a click on a result lands first); a
  // focus or a keystroke before then keeps it open: Esc then / then typing happens within that moment.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepOpen = useCallback(() => {
    clearTimeout(closing.current);
    setOpen(true);
  }, []);
  useEffect(() => () => clearTimeout(closing.current), []);
  const [active, setActive] = useState(0);
  const hits = search && !search.problem ? search.hits.slice(0, 12) : [];

  const choose = useCallback(
    (hit: SearchHit) => {
      chooseHit({ selectVpc, selectItem }, hit);
      setOpen(false);
      void fitView({ nodes: hit.fit.map((id) => ({ id })), padding: 0.6, maxZoom: 1.2, duration: 300, includeHiddenNodes: true });
    },
    [selectVpc, selectItem, fitView],
  );
  const onChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      setQuery(e.target.value);
      setActive(0);
      keepOpen();
    },
    [setQuery, keepOpen],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((i) => Math.min(i + 1, hits.length - 1));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
      } else if (e.key === 'Enter') {
        const hit = hits[active];
        if (hit) choose(hit);
        else if (search && search.hits.length > 0) void fitView({ nodes: search.hits.flatMap((h) => h.fit).map((id) => ({ id })), padding: 0.2, duration: 300, includeHiddenNodes: true });
      } else if (e.key === 'Escape') {
        setQuery('');
        setOpen(false);
        e.currentTarget.blur();
      }
    },
    [hits, active, choose, search, fitView, setQuery],
  );
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={query}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onFocus={keepOpen}
        onBlur={() => {
          clearTimeout(closing.current);
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        placeholder="Search name, id, CIDR, IP, account:, ou:, region:, tag:   ( / )"
        aria-label="Search VPCs"
        disabled={!hasSnapshot}
        autoComplete="off"
        spellCheck={false}
      />
      {open && query.trim() && (
        <div className="search-results" role="listbox" aria-label="Search results">
          {search?.problem ? (
            <div className="search-problem" role="alert">
              {search.problem}
            </div>
          ) : hits.length === 0 ? (
            <div className="muted small search-empty">Nothing matches.</div>
          ) : (
            hits.map((h, i) => (
              <button
                key={h.id}
                type="button"
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-hit active' : 'search-hit'}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(h)}
              >
                <span className="search-hit-name">{h.label}</span>
                <span className="search-hit-why">
                  {entryOf(h.kind).search?.result?.noun[0]} · {h.why}
                </span>
              </button>
            ))
          )}
          {search && search.ids.size > hits.length && <div className="muted small search-more">{search.ids.size - hits.length} more highlighted on the canvas</div>}
        </div>
      )}
    </div>
  );
}
