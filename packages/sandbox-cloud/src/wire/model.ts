/** Typed access to the trimmed botocore EC2 model (`ec2-model.json`, then `ec2-model-added.json`
 * for actions added since the last full extraction: see `extract-ec2-model.ts`).
 *
 * The model is the single source of wire names: request parameter names (`queryName`, or the
 * capitalised `locationName`, or the member name, as botocore's EC2 serializer picks them) and
 * response element names (`locationName`, list items `item`).
 */
import addedJson from './ec2-model-added.json';
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

interface ShapesFile {
  readonly operations: Readonly<Record<string, { readonly input?: string; readonly output?: string }>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

interface ModelFile extends ShapesFile {
  readonly apiVersion: string;
  readonly xmlNamespace: string;
}

const model = modelJson as unknown as ModelFile;
const added = addedJson as unknown as ShapesFile;

/** Every action the two model files hold shapes for. */
export const MODEL_OPERATIONS: readonly string[] = [...Object.keys(model.operations), ...Object.keys(added.operations)];

/** EC2 API version every request must name. */
export const EC2_API_VERSION = model.apiVersion;
/** XML namespace of EC2 responses (with the trailing slash AWS sends). */
export const EC2_XML_NAMESPACE = model.xmlNamespace.endsWith('/') ? model.xmlNamespace : model.xmlNamespace + '/';

/** The shape named `name`; throws on a name the extractor did not copy (a bug, not bad input). */
export function shape(name: string): Shape {
  const s = model.shapes[name] ?? added.shapes[name];
  if (!s) throw new Error(`EC2 model has no shape ${name}; re-run extract-ec2-model.ts`);
  return s;
}

/** Input and output shape names of an action. */
export function operationShapes(action: string): { input?: string; output?: string } {
  const op = model.operations[action] ?? added.operations[action];
  if (!op) throw new Error(`EC2 model has no operation ${action}`);
  return op;
}

/** The query-string name of a request member, as botocore's EC2 serializer derives it. */
export function queryNameOf(memberName: string, m: MemberRef): string {
  if (m.queryName) return m.queryName;
  if (m.locationName) return m.locationName.charAt(0).toUpperCase() + m.locationName.slice(1);
  return memberName;
}
