/** Encodes action results as EC2 Query XML, driven by the model's output shapes.
 *
 * Element names come from each member's `locationName` (else its name); lists are wrapped
 * elements whose members are `<item>` (EC2 lists are never flattened); booleans are
 * `true`/`false`; timestamps ISO 8601 with milliseconds, as AWS sends them. An empty list is
 * written as an empty element (`<vpcSet/>`), which the SDK reads as `[]`.
 */
import { EC2_XML_NAMESPACE, operationShapes, shape } from './model';

const XML_SPECIAL = /[&<>"']/;

/** Escapes text for an XML element body or attribute. */
export function escapeXml(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

function scalarText(type: string, value: unknown): string {
  if (type === 'timestamp') {
    const d = value instanceof Date ? value : new Date(value as string | number);
    return d.toISOString();
  }
  if (type === 'boolean') return value ? 'true' : 'false';
  return escapeXml(String(value));
}

function encodeValue(shapeName: string, value: unknown, element: string, out: string[]): void {
  if (value === undefined || value === null) return;
  const s = shape(shapeName);
  if (s.type === 'structure') {
    out.push(`<${element}>`);
    encodeMembers(shapeName, value as Record<string, unknown>, out);
    out.push(`</${element}>`);
    return;
  }
  if (s.type === 'list') {
    const items = value as readonly unknown[];
    if (items.length === 0) {
      out.push(`<${element}/>`);
      return;
    }
    const member = s.member;
    if (!member) throw new Error(`list shape ${shapeName} has no member`);
    const itemName = member.locationName ?? 'item';
    out.push(`<${element}>`);
    for (const item of items) encodeValue(member.shape, item, itemName, out);
    out.push(`</${element}>`);
    return;
  }
  out.push(`<${element}>${scalarText(s.type, value)}</${element}>`);
}

function encodeMembers(shapeName: string, value: Record<string, unknown>, out: string[]): void {
  const s = shape(shapeName);
  for (const [name, m] of Object.entries(s.members ?? {})) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    encodeValue(m.shape, v, m.locationName ?? name, out);
  }
}

/** The XML body of a successful EC2 response for `action`. Actions without output answer `<return>true</return>`. */
export function encodeEc2Response(action: string, requestId: string, result: object | undefined): string {
  const { output } = operationShapes(action);
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<${action}Response xmlns="${EC2_XML_NAMESPACE}">`,
    `<requestId>${escapeXml(requestId)}</requestId>`,
  ];
  if (output) encodeMembers(output, (result ?? {}) as Record<string, unknown>, out);
  else out.push('<return>true</return>');
  out.push(`</${action}Response>`);
  return out.join('');
}

/** The EC2 error envelope (`<Response><Errors><Error>…`), as the EC2 error-codes page shows it. */
export function encodeEc2Error(code: string, message: string, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
