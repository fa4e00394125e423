// @vitest-environment jsdom
/** The Export dialog's defaults against the one export implementation the CLI runs too. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { exportDiagram } from '../../../electron/export/export-diagram';
import type { ExportRequest } from '../../../shared/export/export-formats';
import { exportText } from '../../../shared/export/export-formats';
import { ExportDialog } from '../../../renderer/export/ExportDialog';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

afterEach(cleanup);

describe('ExportDialog', () => {
  it('draws in the theme `peerscape export` uses when none is named, whatever the canvas shows', async () => {
    const snapshot = buildReviewSnapshot();
    const requests: ExportRequest[] = [];
    render(
      <ExportDialog
        open
        onClose={() => undefined}
        requestExport={(request) => {
          requests.push(request);
          return exportDiagram(snapshot, request);
        }}
      />,
    );
    for (const format of ['svg', 'drawio'] as const) {
      fireEvent.change(screen.getByTestId('export-format'), { target: { value: format } });
      await waitFor(() => expect(requests.some((r) => r.format === format)).toBe(true));
      const asked = requests.filter((r) => r.format === format).at(-1)!;
      // The CLI passes no theme unless --theme is given: the dialog's default must draw the same file.
      const cli = exportText(snapshot, { format });
      const dialog = exportText(snapshot, { format, ...(asked.theme ? { theme: asked.theme } : {}) });
      expect(cli.ok && dialog.ok && dialog.value.text === cli.value.text, format).toBe(true);
    }
  });

  it('asks nothing of the API for Terraform until both VPCs are picked, and says what to pick', async () => {
    const snapshot = buildReviewSnapshot();
    const requests: ExportRequest[] = [];
    const vpcs = snapshot.topology.vpcs.map((v) => ({ id: v.id, ...(v.name ? { name: v.name } : {}), cidrs: v.cidrBlocks.map((b) => b.cidr), accountId: v.accountId, region: v.region }));
    render(<ExportDialog open onClose={() => undefined} vpcs={vpcs} requestExport={(request) => (requests.push(request), exportDiagram(snapshot, request))} />);
    fireEvent.change(screen.getByTestId('export-format'), { target: { value: 'tf' } });
    expect(screen.getByTestId('export-empty').textContent).toContain('Pick the two VPCs');
    await new Promise((r) => setTimeout(r, 300));
    expect(requests.filter((r) => r.format === 'tf')).toEqual([]);
  });
});
