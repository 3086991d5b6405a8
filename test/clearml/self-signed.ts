/**
 * A self-signed certificate for 127.0.0.1 made with openssl, for the HTTPS tests.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `key.pem` and `cert.pem` (valid one day, SAN IP:127.0.0.1) into `dir` and returns them. */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
}
