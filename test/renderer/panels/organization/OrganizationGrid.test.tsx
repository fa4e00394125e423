// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { DiscoveryCell } from '../../../../shared/api/events';
import { OrganizationGrid } from '../../../../renderer/panels/organization/OrganizationGrid';
import { installJsdomShims } from '../../jsdom-shims';

beforeAll(installJsdomShims);
afterEach(cleanup);

const REGIONS = Array.from({ length: 17 }, (_, i) => `eu-test-${i + 1}`);

/** 200 accounts in 10 OUs × 17 regions; account 7's third region failed on its SCP. */
function bigOrganisation(): DiscoveryCell[] {
  const cells: DiscoveryCell[] = [];
  for (let a = 0; a < 200; a++) {
    const accountId = String(100000000000 + a);
    const about = { profile: `PeerscapeReadOnly@${accountId}`, accountId, accountName: `Account ${a}`, ouPath: `Workloads/Team ${a % 10}` };
    cells.push({ ...about, region: '*', state: 'done' });
    REGIONS.forEach((region, r) =>
      cells.push(
        a === 7 && r === 2
          ? { ...about, region, state: 'failed', cause: 'scp-denied', message: 'An SCP denies ec2:DescribeVpcs: ask the organisation’s administrators.' }
          : { ...about, region, state: r % 2 ? 'done' : 'running' },
      ),
    );
  }
  return cells;
}

describe('the organisation grid', () => {
  it('at 200 accounts × 17 regions starts with OUs collapsed and renders only the rows in view', () => {
    render(<OrganizationGrid cells={bigOrganisation()} />);
    const table = screen.getByRole('table', { name: 'Organization scan progress' });
    expect(screen.getByTestId('org-progress-count').textContent).toBe('1600 of 3400 cells done, 1 failed, 1799 running · 200 accounts × 17 regions');
    const toggles = within(table).getAllByRole('button', { expanded: false });
    expect(toggles).toHaveLength(10);
    expect(table.querySelectorAll('[data-account]')).toHaveLength(0);

    // Opening every OU (scrolling down to reach the headers out of view): 210 rows, of which only a screenful and a margin are in the page.
    const body = screen.getByTestId('org-grid-body');
    let top = 0;
    for (let i = 0; i < 100; i++) {
      const closed = table.querySelector('button[aria-expanded="false"]');
      if (closed) fireEvent.click(closed);
      else if (top < 210 * 24) fireEvent.scroll(body, { target: { scrollTop: (top += 300) } });
      else break;
    }
    expect(table.getAttribute('aria-rowcount')).toBe('211');
    fireEvent.scroll(body, { target: { scrollTop: 0 } });
    const shown = table.querySelectorAll('[data-account]').length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(30);
    expect(table.querySelector('[data-account="100000000000"]')).not.toBeNull();

    // Scrolled to the end: the last OU's last account is rendered, the first one is not.
    fireEvent.scroll(body, { target: { scrollTop: 210 * 24 } });
    expect(table.querySelector('[data-account="100000000199"]')).not.toBeNull();
    expect(table.querySelector('[data-account="100000000000"]')).toBeNull();
  });

  it('gives a failed cell its cause and fix, and lists an account’s failures when it is chosen', () => {
    render(<OrganizationGrid cells={bigOrganisation().filter((c) => c.ouPath === 'Workloads/Team 7')} />);
    const row = document.querySelector('[data-account="100000000007"]')!;
    const failed = row.querySelector('[data-state="failed"]')!;
    expect(failed.getAttribute('data-cause')).toBe('scp-denied');
    expect(failed.getAttribute('title')).toBe('Account 7 (100000000007) · eu-test-3: failed [scp-denied] — An SCP denies ec2:DescribeVpcs: ask the organisation’s administrators.');
    fireEvent.click(within(row as HTMLElement).getByRole('button', { name: 'Account 7' }));
    expect(screen.getByTestId('org-account-failures').textContent).toContain('eu-test-3 [scp-denied]: An SCP denies');
  });
});
