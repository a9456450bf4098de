// The @openid4vc/openid4vp package (0.4.6) acting as a verifier against Zhixin's wallet.
//
//   node verifier.mjs ISSUER_PUBLIC_JWK_JSON VCT CLAIMS PURPOSE
//
// Listens on 127.0.0.1 (ephemeral port), creates a signed request by reference (client id
// decentralized_identifier:did:jwk:…, JAR signed with the verifier's did:jwk key) asking for CLAIMS
// (comma-separated) of an SD-JWT VC of type VCT, and prints {"requestUri": …} as its first line. It then serves the
// request object and the direct_post response URI; the package parses and validates the response against the
// request (state, DCQL query ids); the SD-JWT presentation (issuer signature, disclosure digests, KB-JWT signature
// with cnf.jwk, aud, nonce, sd_hash) is checked here. It prints the outcome as a second JSON line and exits.
import { createHash, generateKeyPairSync, randomBytes, createPublicKey, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import { setGlobalConfig } from '@openid4vc/utils';
import { Openid4vpVerifier, parseOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp';

setGlobalConfig({ allowInsecureUrls: true });

const [issuerJwkJson, vct, claimList, purpose] = process.argv.slice(2);
const issuerJwk = JSON.parse(issuerJwkJson);
const claims = claimList.split(',').filter((c) => c.length > 0);

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const fromB64u = (s) => Buffer.from(s, 'base64url');
const jsonOf = (part) => JSON.parse(fromB64u(part).toString('utf8'));

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
const verifierJwk = { crv, kty, x, y };
const did = `did:jwk:${b64u(JSON.stringify(verifierJwk))}`;
const clientId = `decentralized_identifier:${did}`;

function verifyEs256(compact, jwk) {
  const [h, p, s] = compact.split('.');
  return verify('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, fromB64u(s));
}

const callbacks = {
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  signJwt: async (signer, { header, payload }) => {
    const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}`;
    const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return { jwt: `${input}.${b64u(sig)}`, signerJwk: verifierJwk };
  },
  verifyJwt: async () => ({ verified: false }),
  decryptJwe: async () => { throw new Error('JWE not used'); },
  encryptJwe: async () => { throw new Error('JWE not used'); },
};

/** Checks an SD-JWT VC presentation with key binding; returns the disclosed claims or throws. */
function checkSdJwt(presentation, nonce) {
  const parts = presentation.split('~');
  const kb = parts.pop();
  const issuerJwt = parts[0];
  const disclosures = parts.slice(1).filter((d) => d.length > 0);
  if (!verifyEs256(issuerJwt, issuerJwk)) throw new Error('issuer signature');
  const header = jsonOf(issuerJwt.split('.')[0]);
  const payload = jsonOf(issuerJwt.split('.')[1]);
  if (header.typ !== 'dc+sd-jwt') throw new Error(`typ ${header.typ}`);
  if (payload.vct !== vct) throw new Error(`vct ${payload.vct}`);
  const disclosed = {};
  for (const d of disclosures) {
    const digest = b64u(createHash('sha256').update(d).digest());
    if (!(payload._sd ?? []).includes(digest)) throw new Error('a disclosure has no signed digest');
    const [, name, value] = jsonOf(d);
    disclosed[name] = value;
  }
  if (!verifyEs256(kb, payload.cnf.jwk)) throw new Error('key binding signature');
  const kbHeader = jsonOf(kb.split('.')[0]);
  const kbPayload = jsonOf(kb.split('.')[1]);
  if (kbHeader.typ !== 'kb+jwt') throw new Error(`kb typ ${kbHeader.typ}`);
  if (kbPayload.aud !== clientId) throw new Error(`aud ${kbPayload.aud}`);
  if (kbPayload.nonce !== nonce) throw new Error('nonce');
  const sdHash = b64u(createHash('sha256').update(`${parts.join('~')}~`).digest());
  if (kbPayload.sd_hash !== sdHash) throw new Error('sd_hash');
  return disclosed;
}

const server = createServer();
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const nonce = b64u(randomBytes(24));
  const state = b64u(randomBytes(24));
  const verifier = new Openid4vpVerifier({ callbacks });
  const dcql = {
    credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: claims.map((c) => ({ path: [c] })) }],
    credential_sets: [{ options: [['pid']], purpose }],
  };
  const request = await verifier.createOpenId4vpAuthorizationRequest({
    authorizationRequestPayload: {
      response_type: 'vp_token', client_id: clientId, response_mode: 'direct_post', response_uri: `${base}/response`,
      nonce, state, dcql_query: dcql,
    },
    jar: { requestUri: `${base}/request`, jwtSigner: { method: 'did', didUrl: `${did}#0`, alg: 'ES256' }, expiresInSeconds: 120 },
  });
  const timer = setTimeout(() => finish({ error: 'no answer within 60 s' }), 60_000);
  function finish(result) {
    clearTimeout(timer);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    server.close();
    server.closeAllConnections?.();
  }
  server.on('request', async (req, res) => {
    if (req.method === 'GET' && req.url === '/request') {
      res.writeHead(200, { 'Content-Type': 'application/oauth-authz-req+jwt' }).end(request.jar.authorizationRequestJwt);
      return;
    }
    if (req.method === 'POST' && req.url === '/response') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = Object.fromEntries(new URLSearchParams(body));
      try {
        const parsed = await parseOpenid4vpAuthorizationResponse({
          authorizationResponse: form, authorizationRequestPayload: request.authorizationRequestPayload, callbacks,
        });
        if (form.state !== state) throw new Error('state');
        const presentation = parsed.dcql.presentations.pid;
        const first = Array.isArray(presentation) ? presentation[0] : presentation;
        const disclosed = checkSdJwt(first, parsed.expectedNonce);
        const extra = Object.keys(disclosed).filter((n) => !claims.includes(n));
        if (extra.length > 0) throw new Error(`disclosed claims that were not requested: ${extra}`);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        finish({ verified: true, claims: disclosed });
      } catch (e) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: String(e.message ?? e) }));
        finish({ verified: false, error: String(e.message ?? e) });
      }
      return;
    }
    res.writeHead(404).end();
  });
  process.stdout.write(`${JSON.stringify({ requestUri: request.authorizationRequest, clientId })}\n`);
});
