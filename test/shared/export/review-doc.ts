/** The review fixture as an export document, for the exporter tests. */
import type { ExportDocument, ExportSelection } from '../../../shared/export/export-document';
import { buildExportDocument } from '../../../shared/export/export-document';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

/** The review fixture's document (optionally a selection of it); throws if the fixture is broken. */
export function reviewDocument(selection: ExportSelection = {}): ExportDocument {
  const built = buildExportDocument(buildReviewSnapshot(), selection);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}
