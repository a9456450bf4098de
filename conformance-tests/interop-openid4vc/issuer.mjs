// The @openid4vc/openid4vci and @openid4vc/oauth2 packages (0.4.6) acting as an issuer against Zhixin's wallet.
//
//   node issuer.mjs VCT TX_CODE
//
// Listens on 127.0.0.1 (ephemeral port) and prints {"offerUri": …, "issuerDid": …} as its first line: a
// pre-authorized code offer by value with a numeric tx_code. It serves the issuer and authorization server metadata,
// the token endpoint (the package parses and verifies the pre-authorized code and tx_code and creates the access
// token response), the nonce endpoint, and the credential endpoint (the package parses the request and verifies the
// JWT proof: typ, signature, aud, nonce). The SD-JWT VC (name, age_over_18, resident_id as disclosures, bound to the
// proof's jwk, signed by a did:jwk) is built here. After issuing once it prints {"issued": true, …} and exits.
import { createHash, generateKeyPairSync, randomBytes, createPublicKey, sign, verify } from 'node:crypto';
import { createServer } from 'node:http';
import { setGlobalConfig } from '@openid4vc/utils';
import { Oauth2AuthorizationServer, preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import { Openid4vciIssuer } from '@openid4vc/openid4vci';

setGlobalConfig({ allowInsecureUrls: true });

const [vct, txCode] = process.argv.slice(2);
const b64u = (buf) => Buffer.from(buf).toString('base64url');
const fromB64u = (s) => Buffer.from(s, 'base64url');
const json64 = (o) => b64u(JSON.stringify(o));

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
const issuerJwk = { crv, kty, x, y };
const did = `did:jwk:${b64u(JSON.stringify(issuerJwk))}`;

function signCompact(header, payload) {
  const input = `${json64(header)}.${json64(payload)}`;
  return `${input}.${b64u(sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }))}`;
}

const callbacks = {
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (n) => new Uint8Array(randomBytes(n)),
  signJwt: async (signer, { header, payload }) => ({ jwt: signCompact(header, payload), signerJwk: issuerJwk }),
  verifyJwt: async (signer, { compact }) => {
    const jwk = signer.method === 'jwk' ? signer.publicJwk : null;
    if (!jwk) return { verified: false };
    const [h, p, s] = compact.split('.');
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, fromB64u(s));
    return ok ? { verified: true, signerJwk: jwk } : { verified: false };
  },
  decryptJwe: async () => { throw new Error('JWE not used'); },
  encryptJwe: async () => { throw new Error('JWE not used'); },
  clientAuthentication: () => {},
};

function sdJwt(holderJwk) {
  const disclosures = [['name', '李四'], ['age_over_18', true], ['resident_id', '11010519491231002X']]
    .map(([n, v]) => b64u(JSON.stringify([b64u(randomBytes(16)), n, v])));
  const digests = disclosures.map((d) => b64u(createHash('sha256').update(d).digest()));
  const jwt = signCompact({ alg: 'ES256', typ: 'dc+sd-jwt', kid: `${did}#0` },
    { iss: did, vct, iat: Math.floor(Date.now() / 1000), cnf: { jwk: holderJwk }, _sd: digests, _sd_alg: 'sha-256' });
  return `${jwt}~${disclosures.map((d) => `${d}~`).join('')}`;
}

const server = createServer();
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const issuer = new Openid4vciIssuer({ callbacks });
  const as = new Oauth2AuthorizationServer({ callbacks });
  const credentialIssuer = issuer.createCredentialIssuerMetadata({
    credential_issuer: base, credential_endpoint: `${base}/credential`, nonce_endpoint: `${base}/nonce`,
    credential_configurations_supported: {
      pid: {
        format: 'dc+sd-jwt', vct, cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
      },
    },
  });
  const asMetadata = as.createAuthorizationServerMetadata({
    issuer: base, token_endpoint: `${base}/token`, 'pre-authorized_grant_anonymous_access_supported': true,
  });
  const issuerMetadata = { credentialIssuer, authorizationServers: [asMetadata], originalDraftVersion: 'V1', knownCredentialConfigurations: credentialIssuer.credential_configurations_supported };
  const code = b64u(randomBytes(24));
  let accessToken;
  let cNonce;
  const { credentialOffer } = await issuer.createCredentialOffer({
    issuerMetadata, credentialConfigurationIds: ['pid'],
    grants: { [preAuthorizedCodeGrantIdentifier]: { 'pre-authorized_code': code, tx_code: { input_mode: 'numeric', length: txCode.length } } },
  });
  const timer = setTimeout(() => finish({ issued: false, error: 'no credential request within 60 s' }), 60_000);
  function finish(result) {
    clearTimeout(timer);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    server.close();
    server.closeAllConnections?.();
  }
  const json = (res, status, body) => res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
  server.on('request', async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = { headers: new Headers(req.headers), method: req.method, url: `${base}${req.url}` };
    try {
      if (req.method === 'GET' && req.url === '/.well-known/openid-credential-issuer') return json(res, 200, credentialIssuer);
      if (req.method === 'GET' && req.url === '/.well-known/oauth-authorization-server') return json(res, 200, asMetadata);
      if (req.method === 'POST' && req.url === '/token') {
        const parsed = as.parseAccessTokenRequest({ request, accessTokenRequest: Object.fromEntries(new URLSearchParams(body)) });
        await as.verifyPreAuthorizedCodeAccessTokenRequest({
          authorizationServerMetadata: asMetadata, grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest,
          request, expectedPreAuthorizedCode: code, expectedTxCode: txCode,
        });
        const response = await as.createAccessTokenResponse({
          authorizationServer: base, audience: base, expiresInSeconds: 300, subject: b64u(randomBytes(16)),
          signer: { method: 'jwk', alg: 'ES256', publicJwk: issuerJwk },
        });
        accessToken = response.access_token;
        return json(res, 200, response);
      }
      if (req.method === 'POST' && req.url === '/nonce') {
        cNonce = b64u(randomBytes(24));
        return json(res, 200, issuer.createNonceResponse({ cNonce }));
      }
      if (req.method === 'POST' && req.url === '/credential') {
        if (!accessToken || req.headers.authorization !== `Bearer ${accessToken}`) return json(res, 401, { error: 'invalid_token' });
        const parsed = issuer.parseCredentialRequest({ issuerMetadata, credentialRequest: JSON.parse(body) });
        const jwt = parsed.proofs?.jwt?.[0];
        const proof = await issuer.verifyCredentialRequestJwtProof({ issuerMetadata, jwt, expectedNonce: cNonce });
        cNonce = undefined;
        const credential = sdJwt(proof.signer.publicJwk);
        json(res, 200, issuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] }));
        return finish({ issued: true, holderJwk: proof.signer.publicJwk });
      }
      return json(res, 404, { error: 'not_found' });
    } catch (e) {
      return json(res, 400, { error: e.errorResponse?.error ?? 'invalid_request', error_description: String(e.message ?? e) });
    }
  });
  process.stdout.write(`${JSON.stringify({ offerUri: credentialOffer, issuerDid: did })}\n`);
});
