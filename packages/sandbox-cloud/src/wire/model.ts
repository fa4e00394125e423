/** Typed access to the trimmed EC2 model (`ec2-model.json`, built by `extract-ec2-model.ts`).
 *
 * The model is the single source of wire names: request parameter names (`queryName`, or the
 * capitalised `locationName`, or the member name, as the EC2 query serializers pick them) and
 * response element names (`locationName`, list items `item`).
 */
import modelJson from './ec2-model.json';

/** A member of a structure shape. */
export interface MemberRef {
  readonly shape: string;
  readonly locationName?: string;
  readonly queryName?: string;
}

/** One shape of the model. */
export interface Shape {
  readonly type: string;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly member?: MemberRef;
  readonly required?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
}

interface ModelFile {
  readonly apiVersion: string;
  readonly xmlNamespace: string;
  readonly operations: Readonly<Record<string, { readonly input?: string; readonly output?: string }>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

const model = modelJson as unknown as ModelFile;

/** EC2 API version every request must name. */
export const EC2_API_VERSION = model.apiVersion;
/** XML namespace of EC2 responses (with the trailing slash AWS sends). */
export const EC2_XML_NAMESPACE = model.xmlNamespace.endsWith('/') ? model.xmlNamespace : model.xmlNamespace + '/';

/** The shape named `name`; throws on a name the extractor did not copy (a bug, not bad input). */
export function shape(name: string): Shape {
  const s = model.shapes[name];
  if (!s) throw new Error(`EC2 model has no shape ${name}; re-run extract-ec2-model.ts`);
  return s;
}

/** Input and output shape names of an action. */
export function operationShapes(action: string): { input?: string; output?: string } {
  const op = model.operations[action];
  if (!op) throw new Error(`EC2 model has no operation ${action}`);
  return op;
}

/** The query-string name of a request member, as the SDKs' EC2 serializers derive it. */
export function queryNameOf(memberName: string, m: MemberRef): string {
  if (m.queryName) return m.queryName;
  if (m.locationName) return m.locationName.charAt(0).toUpperCase() + m.locationName.slice(1);
  return memberName;
}
