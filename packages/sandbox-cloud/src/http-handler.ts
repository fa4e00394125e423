/** One HTTP request in, one AWS answer out: authentication, faults, dispatch, encoding, for
 * EC2, STS and IAM (Query protocol, XML answers), RAM (REST-JSON, `ram/service.ts`) and
 * Organizations (JSON 1.1, `organizations/service.ts`); the SSO portal's unsigned requests go to
 * `sso/portal.ts`.
 *
 * Order of checks, as AWS applies them: the request must be signed (SigV4, `AuthFailure` /
 * `InvalidClientTokenId` for unknown keys, `SignatureDoesNotMatch` for a bad signature,
 * `RequestExpired` / `ExpiredToken` for expired credentials), the region must be usable by the
 * account, then the action must exist, then throttling and injected server errors, then the
 * action runs. Every answer carries an `x-amzn-RequestId` header; nothing ever answers with a
 * stack trace: an unexpected exception is logged and answered as `InternalError`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { EC2_ACTIONS, isSupportedEc2Action, runEc2Action } from './ec2/dispatch';
import { AwsError } from './errors';
import type { FaultInjector } from './faults';
import { encodeIamError, runIamAction } from './iam/iam';
import { encodeOrganizationsError, organizationsOperation, runOrganizationsOperation } from './organizations/service';
import { deniedError, policyDenial } from './policy';
import { encodeRamError, ramOperation, runRamOperation } from './ram/service';
import { isKnownRegion, isOptInRegion } from './regions';
import { parseAuthorization, verifySigV4 } from './sigv4';
import type { World } from './state/world';
import { handleSsoPortal, isSsoPortalRequest } from './sso/portal';
import { encodeStsError, identityOf, runStsAction, STS_API_VERSION } from './sts/sts';
import { EC2_API_VERSION, operationShapes } from './wire/model';
import { decodeQueryInput } from './wire/query-decode';
import { encodeEc2Error, encodeEc2Response } from './wire/xml-encode';

/** What the handler needs from the server. */
export interface HandlerDeps {
  readonly world: () => World;
  readonly faults: FaultInjector;
  readonly log: (line: string) => void;
  /** Called after a state-changing call succeeded (autosave). */
  /** Called after a change and awaited before it is answered (the state is saved by then). */
  readonly onMutation: () => void | Promise<void>;
  /** Counts answers per action. */
  readonly count: (action: string) => void;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`, 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function paramsOf(url: string, body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  const q = url.indexOf('?');
  if (q >= 0) for (const [k, v] of new URLSearchParams(url.slice(q + 1))) params.set(k, v);
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

type Service = 'ec2' | 'sts' | 'ram' | 'organizations' | 'iam';

type AuthErrors = { unknownKey: [string, string, number]; badSignature: string; expired: [string, string, number] };

/** The Query services other than EC2 (STS, IAM) spell the authentication failures alike. */
const QUERY_AUTH_ERRORS: AuthErrors = {
  unknownKey: ['InvalidClientTokenId', 'The security token included in the request is invalid.', 403],
  badSignature: 'SignatureDoesNotMatch',
  expired: ['ExpiredToken', 'The security token included in the request is expired', 403],
};

/** The JSON services (RAM, Organizations) answer them as JSON exceptions. */
const JSON_AUTH_ERRORS: AuthErrors = {
  unknownKey: ['UnrecognizedClientException', 'The security token included in the request is invalid.', 403],
  badSignature: 'InvalidSignatureException',
  expired: ['ExpiredTokenException', 'The security token included in the request is expired', 403],
};

/** How each service spells the authentication failures. */
const AUTH_ERRORS: Readonly<Record<Service, AuthErrors>> = {
  ec2: {
    unknownKey: ['AuthFailure', 'AWS was not able to validate the provided access credentials', 401],
    badSignature: 'SignatureDoesNotMatch',
    expired: ['RequestExpired', 'Request has expired.', 400],
  },
  sts: QUERY_AUTH_ERRORS,
  iam: QUERY_AUTH_ERRORS,
  ram: JSON_AUTH_ERRORS,
  organizations: JSON_AUTH_ERRORS,
};

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Builds the request listener. */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((e: unknown) => {
      deps.log(`sandbox-cloud: unexpected failure while answering: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/xml;charset=UTF-8' });
        res.end(encodeEc2Error('InternalError', 'An internal error has occurred.', randomUUID()));
      }
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  let service: Service = 'ec2';
  const send = async (status: number, body: string, headers: Record<string, string> = { 'Content-Type': 'text/xml;charset=UTF-8' }): Promise<void> => {
    const delay = deps.faults.delayMs();
    if (delay > 0) await sleep(delay);
    if (res.destroyed) return;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId });
    res.end(body);
  };
  const JSON_TYPE = { 'Content-Type': 'application/json' };
  const sendError = (e: AwsError): Promise<void> => {
    if (service === 'organizations') return send(e.status, encodeOrganizationsError(e), { 'Content-Type': 'application/x-amz-json-1.1' });
    if (service === 'iam') return send(e.status, encodeIamError(e.code, e.message, requestId, e.status >= 500 ? 'Receiver' : 'Sender'));
    return service === 'ram'
      ? send(e.status, encodeRamError(e), { ...JSON_TYPE, 'x-amzn-ErrorType': e.code })
      : send(e.status, service === 'sts' ? encodeStsError(e.code, e.message, requestId, e.status >= 500 ? 'Receiver' : 'Sender') : encodeEc2Error(e.code, e.message, requestId));
  };

  try {
    if (isSsoPortalRequest(req)) {
      const out = handleSsoPortal(deps.world(), req, deps.count);
      if (out.mutating) await deps.onMutation();
      await send(out.status, out.body, { ...JSON_TYPE, ...out.headers });
      return;
    }
    const auth = parseAuthorization(req.headers.authorization);
    if (auth?.service === 'ram' || auth?.service === 'organizations' || auth?.service === 'iam') service = auth.service;
    if (req.method !== 'POST' && req.method !== 'GET' && !(service === 'ram' && req.method === 'DELETE')) {
      throw new AwsError('InvalidAction', `The sandbox cloud answers the EC2, STS and IAM Query APIs and Organizations' JSON API (POST /) and RAM's REST-JSON API, not ${req.method ?? '?'}.`);
    }
    const body = await readBody(req);
    const params = paramsOf(req.url ?? '/', service === 'ram' || service === 'organizations' ? Buffer.alloc(0) : body);
    if (service === 'ec2') service = auth?.service === 'sts' || (!auth && params.get('Version') === STS_API_VERSION) ? 'sts' : 'ec2';
    const world = deps.world();
    world.settle();

    // --- authentication -------------------------------------------------------------------
    if (!req.headers.authorization) {
      throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    }
    if (!auth) {
      throw new AwsError('IncompleteSignature', 'Authorization header requires a SigV4 Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).', 403);
    }
    if (!Object.hasOwn(AUTH_ERRORS, auth.service)) {
      throw new AwsError('InvalidAction', `The sandbox cloud serves the ${Object.keys(AUTH_ERRORS).join(', ')} services, not "${auth.service}".`);
    }
    const authErrors = AUTH_ERRORS[service];
    const key = world.keys.get(auth.accessKeyId);
    if (!key || (key.session && req.headers['x-amz-security-token'] !== key.session.sessionToken)) {
      throw new AwsError(...authErrors.unknownKey);
    }
    const signed = { method: req.method, url: req.url ?? '/', rawHeaders: req.rawHeaders, body };
    if (!verifySigV4(signed, auth, key.secretAccessKey)) {
      throw new AwsError(
        authErrors.badSignature,
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        403,
      );
    }
    const now = world.now();
    const expired = (key.session && now >= key.session.expiresAt) || deps.faults.credentialsExpired(key.accountId, key.account?.profile, now);
    if (expired) throw new AwsError(...authErrors.expired);

    const action = params.get('Action');
    if (service === 'sts') {
      deps.count(`sts:${action ?? ''}`);
      // STS's request quota is per calling account and per region (the signing region's endpoint).
      if (deps.faults.stsThrottled(key.accountId, auth.region, now)) {
        throw new AwsError('Throttling', 'Rate exceeded', 400);
      }
      const injected = deps.faults.serverError();
      if (injected) throw new AwsError(injected.code === 'Unavailable' ? 'ServiceUnavailable' : 'InternalFailure', injected.message, injected.status);
      const xml = runStsAction(world, deps.faults, key, params, requestId, auth.region);
      if (action === 'AssumeRole') await deps.onMutation();
      await send(200, xml);
      return;
    }

    if (service === 'organizations' || service === 'iam') {
      // Global services: any signing region reaches them, as a custom endpoint does on AWS.
      const op = service === 'organizations' ? organizationsOperation(req.headers['x-amz-target']) : (action ?? '');
      deps.count(`${service}:${op}`);
      if (deps.faults.throttled(key.accountId, 'global', `${service}:${op}`, false, now)) {
        throw service === 'organizations'
          ? new AwsError('TooManyRequestsException', 'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.', 400)
          : new AwsError('Throttling', 'Rate exceeded', 400);
      }
      const injected = deps.faults.serverError();
      if (injected) throw new AwsError(service === 'organizations' ? 'ServiceException' : 'ServiceFailure', injected.message, injected.status);
      if (service === 'iam') {
        // IAM's requests are served in us-east-1 (the region aws:RequestedRegion sees), so a
        // deny of every action in that region refuses them too.
        const denied = policyDenial(world, deps.faults, key.accountId, 'us-east-1', `iam:${op}`);
        if (denied) throw deniedError(denied, identityOf(key).arn, `iam:${op}`);
        await send(200, runIamAction(world, key.accountId, params, requestId));
      }
      else await send(200, runOrganizationsOperation(world, key.accountId, op, body), { 'Content-Type': 'application/x-amz-json-1.1' });
      return;
    }

    // --- EC2 and RAM (regional) ------------------------------------------------------------
    const region = auth.region;
    const account = world.accounts.get(key.accountId);
    if (!isKnownRegion(region) || (isOptInRegion(region) && !account?.optInRegions.includes(region))) {
      // A region the account cannot use does not know its credentials.
      const [code, message, status] = authErrors.unknownKey;
      throw new AwsError(code, `${message} (region ${region} is not enabled for account ${key.accountId} in the sandbox cloud)`, status);
    }
    const failure = deps.faults.regionFailure(key.accountId, region);
    if (failure === 'AuthFailure') throw new AwsError(...authErrors.unknownKey);
    if (service === 'ram') {
      const op = ramOperation(req.method, req.url ?? '/');
      deps.count(`ram:${op.name}`);
      if (failure === 'OptInRequired') throw new AwsError('AccessDeniedException', `You are not authorized to perform ram:${op.name}.`, 403);
      const denied = policyDenial(world, deps.faults, key.accountId, region, `ram:${op.name}`);
      if (denied) throw deniedError(denied, identityOf(key).arn, `ram:${op.name}`);
      if (deps.faults.throttled(key.accountId, region, `ram:${op.name}`, op.mutating, world.now())) throw new AwsError('ThrottlingException', 'Rate exceeded', 429);
      const injected = deps.faults.serverError();
      if (injected) throw new AwsError(injected.status === 503 ? 'ServiceUnavailableException' : 'ServerInternalException', injected.message, injected.status);
      world.settle();
      const json = runRamOperation(world, key.accountId, region, op, req.url ?? '/', body);
      if (op.mutating) await deps.onMutation();
      await send(200, json, JSON_TYPE);
      return;
    }
    if (failure === 'OptInRequired') {
      throw new AwsError('OptInRequired', 'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.', 403);
    }
    if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
    deps.count(action);
    if (!isSupportedEc2Action(action)) {
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
    }
    const denied = policyDenial(world, deps.faults, key.accountId, region, `ec2:${action}`);
    if (denied) throw deniedError(denied, identityOf(key).arn, `ec2:${action}`);
    const version = params.get('Version');
    if (!version) throw new AwsError('MissingParameter', 'The request must contain the parameter Version');
    if (version !== EC2_API_VERSION) {
      throw new AwsError('NoSuchVersion', `The requested version (${version}) of service AmazonEC2 does not exist`);
    }
    const entry = EC2_ACTIONS[action];
    // Buckets refill on the sandbox clock, so a test with a frozen clock sees exact counts.
    if (deps.faults.throttled(key.accountId, region, action, entry.mutating, world.now())) {
      throw new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    }
    const injected = deps.faults.serverError();
    if (injected) throw new AwsError(injected.code, injected.message, injected.status);
    // ClientToken: an idempotency token is accepted on every action (also where the model has
    // none) and ignored; a retry with the same token is harmless here.
    const input = decodeQueryInput(operationShapes(action).input, params, ['Action', 'Version', 'ClientToken']);
    const result = runEc2Action(world, key.accountId, region, action, input, requestId);
    if (entry.mutating) await deps.onMutation();
    await send(200, encodeEc2Response(action, requestId, result));
  } catch (e) {
    if (e instanceof AwsError) {
      await sendError(e);
      return;
    }
    deps.log(`sandbox-cloud: internal error ${requestId}: ${(e as Error)?.stack ?? String(e)}`);
    const internal = { ec2: 'InternalError', sts: 'InternalFailure', ram: 'ServerInternalException', organizations: 'ServiceException', iam: 'ServiceFailure' }[service];
    await sendError(new AwsError(internal, 'An internal error has occurred.', 500));
  }
}
