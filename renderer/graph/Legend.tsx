/** The canvas legend: each kind's rows (renderer/graph/kinds), in the sections of LEGEND_COLUMNS. */
import { Panel } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { ComponentType } from 'react';

import { EMPTY_TOPOLOGY } from '../../shared/model/topology';
import { KIND_ENTRIES } from './kinds';
import type { GraphKind } from './kinds';
import type { LegendSection } from './legend-parts';
import { LEGEND_COLUMNS, SECTION_SHOWN } from './legend-parts';
import { useAppStore } from '../store/store-context';

/** Each section's rows from every kind that has some, in table order. */
function rowsOf(section: LegendSection): [GraphKind, ComponentType][] {
  return KIND_ENTRIES.flatMap(([kind, entry]) => {
    const rows = entry.legend?.[section];
    return rows ? [[kind, rows] as [GraphKind, ComponentType]] : [];
  });
}

type Column = { section: LegendSection; label: string; rows: [GraphKind, ComponentType][] }[];

let columns: Column[] | undefined;

/** The columns with at least one row, each with its sections that have rows (built on first render rather than at import, when the kinds table may still be loading). */
function columnsOf(): Column[] {
  columns ??= LEGEND_COLUMNS.map((column) => column.map(({ section, label }) => ({ section, label, rows: rowsOf(section) })).filter((s) => s.rows.length > 0)).filter((c) => c.length > 0);
  return columns;
}

/** Where the legend's open or collapsed state is remembered, across sessions. */
export const LEGEND_OPEN_KEY = 'peerscape.legend.open';

function rememberedOpen(): boolean {
  try {
    return window.localStorage.getItem(LEGEND_OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

/** Legend panel in the canvas's bottom-left corner; collapsed or open as it was last left. */
export function Legend() {
  const [open, setOpen] = useState(rememberedOpen);
  const topology = useAppStore((s) => s.snapshot?.topology);
  const toggle = useCallback(
    () =>
      setOpen((o) => {
        try {
          window.localStorage.setItem(LEGEND_OPEN_KEY, String(!o));
        } catch {
          // Storage refused (a private window): the legend still toggles, for this session only.
        }
        return !o;
      }),
    [],
  );
  return (
    <Panel position="bottom-left" className="legend" aria-label="Legend">
      <button type="button" className="legend-toggle" onClick={toggle} aria-expanded={open} title={open ? 'Collapse the legend' : 'Show the legend'}>
        Legend {open ? '▾' : '▸'}
      </button>
      {open && (
        <div className="legend-body">
          {columnsOf()
            .map((column) => column.filter(({ section }) => SECTION_SHOWN[section]?.(topology ?? EMPTY_TOPOLOGY) ?? true))
            .filter((column) => column.length > 0)
            .map((column) => (
              <div key={column[0]!.section} className="legend-items">
                {column.map(({ section, label, rows }, i) => (
                  <SectionRows key={section} label={label} gap={i > 0} rows={rows} />
                ))}
              </div>
            ))}
        </div>
      )}
    </Panel>
  );
}

function SectionRows({ label, gap, rows }: { label: string; gap: boolean; rows: readonly [GraphKind, ComponentType][] }) {
  return (
    <>
      <span className={gap ? 'legend-label legend-label-gap' : 'legend-label'}>{label}</span>
      {rows.map(([kind, Rows]) => (
        <Rows key={kind} />
      ))}
    </>
  );
}
