// The @openid4vc/* packages (0.4.6) acting as a holder wallet against Zhixin's issuer and verifier.
//
//   node wallet.mjs receive OFFER_URI [TX_CODE]          -> {"credential": "...", "privateJwk": {...}, ...}
//   node wallet.mjs present REQUEST_URI STATE_FILE CLAIMS -> {"status": 200, "body": {...}, ...}
//
// The packages do the protocol (offer, metadata, token, nonce, proof JWT, credential request; request object
// resolution and JAR checks, authorization response, direct_post). Crypto callbacks use node:crypto; the SD-JWT
// presentation (disclosure selection, KB-JWT) is built here because the packages leave it to the caller.
// Prints one JSON object on stdout; exits 1 with {"error": ...} when a step fails.
import { createHash, generateKeyPairSync, randomBytes, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { setGlobalConfig } from '@openid4vc/utils';
import { clientAuthenticationAnonymous } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { Openid4vpClient } from '@openid4vc/openid4vp';

setGlobalConfig({ allowInsecureUrls: true }); // the Java test serves plain http on 127.0.0.1

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const json64 = (obj) => b64u(JSON.stringify(obj));
const fromB64u = (s) => Buffer.from(s, 'base64url');

let holderPrivate; // KeyObject

function signCompact(header, payload, privateKey) {
  const input = `${json64(header)}.${json64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64u(sig)}`;
}

function publicJwkOf(keyObject) {
  const { kty, crv, x, y } = keyObject.export({ format: 'jwk' });
  return { kty, crv, x, y };
}

/** did:jwk only: the DID is the base64url of the JWK. */
function resolveDidJwk(didUrl) {
  const did = didUrl.split('#')[0];
  if (!did.startsWith('did:jwk:')) throw new Error(`only did:jwk is resolved here, got ${did}`);
  return JSON.parse(fromB64u(did.substring('did:jwk:'.length)).toString('utf8'));
}

const callbacks = {
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (n) => new Uint8Array(randomBytes(n)),
  clientAuthentication: clientAuthenticationAnonymous(),
  signJwt: async (signer, { header, payload }) => {
    if (signer.method !== 'jwk' || signer.alg !== 'ES256') throw new Error(`cannot sign for ${signer.method}/${signer.alg}`);
    return { jwt: signCompact(header, payload, holderPrivate), signerJwk: signer.publicJwk };
  },
  verifyJwt: async (signer, { compact }) => {
    const jwk = signer.method === 'did' ? resolveDidJwk(signer.didUrl) : signer.method === 'jwk' ? signer.publicJwk : null;
    if (!jwk) return { verified: false };
    const [h, p, s] = compact.split('.');
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, fromB64u(s));
    return ok ? { verified: true, signerJwk: jwk } : { verified: false, signerJwk: jwk };
  },
  decryptJwe: async () => { throw new Error('JWE not used'); },
  encryptJwe: async () => { throw new Error('JWE not used'); },
};

async function receive(offerUri, txCode) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  holderPrivate = privateKey;
  const publicJwk = publicJwkOf(createPublicKey(privateKey));
  const client = new Openid4vciClient({ callbacks });
  const offer = await client.resolveCredentialOffer(offerUri);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer, issuerMetadata, txCode: txCode || undefined,
  });
  const credentialConfigurationId = offer.credential_configuration_ids[0];
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata, credentialConfigurationId, nonce: c_nonce,
    signer: { method: 'jwk', alg: 'ES256', publicJwk },
  });
  const response = await client.retrieveCredentials({
    issuerMetadata, accessToken: accessTokenResponse.access_token, credentialConfigurationId, proofs: { jwt: [jwt] },
  });
  const body = response.credentialResponse;
  const credential = body.credentials?.[0]?.credential ?? body.credential;
  return { credential, configurationId: credentialConfigurationId, holderJwk: publicJwk, privateJwk: privateKey.export({ format: 'jwk' }) };
}

/** SD-JWT: keep the disclosures whose claim name is asked for (top level), then add a KB-JWT. */
function presentSdJwt(sdJwt, claims, aud, nonce) {
  const parts = sdJwt.split('~');
  const issuerJwt = parts[0];
  const disclosures = parts.slice(1).filter((d) => d.length > 0);
  const chosen = disclosures.filter((d) => {
    const arr = JSON.parse(fromB64u(d).toString('utf8'));
    return arr.length === 3 && claims.includes(arr[1]);
  });
  const withoutKb = `${issuerJwt}~${chosen.map((d) => `${d}~`).join('')}`;
  const sdHash = b64u(createHash('sha256').update(withoutKb).digest());
  const kb = signCompact({ alg: 'ES256', typ: 'kb+jwt' },
    { iat: Math.floor(Date.now() / 1000), aud, nonce, sd_hash: sdHash }, holderPrivate);
  return withoutKb + kb;
}

async function present(requestUri, stateFile, claimList) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  holderPrivate = createPrivateKey({ key: state.privateJwk, format: 'jwk' });
  const claims = claimList.split(',').filter((c) => c.length > 0);
  const client = new Openid4vpClient({ callbacks });
  const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: requestUri });
  const resolved = await client.resolveOpenId4vpAuthorizationRequest({ authorizationRequestPayload: parsed.params });
  const request = resolved.authorizationRequestPayload;
  const queryId = resolved.dcql.query.credentials[0].id;
  const presentation = presentSdJwt(state.credential, claims, request.client_id, request.nonce);
  const { authorizationResponsePayload } = await client.createOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request,
    authorizationResponsePayload: { vp_token: { [queryId]: [presentation] } },
  });
  const { response } = await client.submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: request, authorizationResponsePayload,
  });
  const text = await response.text();
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  return {
    status: response.status, body, clientId: request.client_id, clientPrefix: resolved.client.prefix,
    signedBy: resolved.jar?.signer?.method, version: resolved.version,
    purpose: resolved.dcql.query.credential_sets?.[0]?.purpose,
  };
}

const [cmd, ...args] = process.argv.slice(2);
try {
  let out;
  if (cmd === 'receive') {
    out = await receive(args[0], args[1]);
  } else if (cmd === 'present') {
    out = await present(args[0], args[1], args[2] ?? '');
  } else {
    throw new Error('usage: wallet.mjs receive OFFER_URI [TX_CODE] | present REQUEST_URI STATE_FILE CLAIMS');
  }
  process.stdout.write(JSON.stringify(out));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e?.message ?? e), name: e?.name, details: e?.errorResponse ?? e?.response?.status ?? null }));
  process.exitCode = 1;
}
