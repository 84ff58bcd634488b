import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command (kept for reuse). */
export function generateCertificate(directory: string): { certFile: string; keyFile: string } {
  mkdirSync(directory, { recursive: true })
  const certFile = path.join(directory, 'cert.pem')
  const keyFile = path.join(directory, 'key.pem')
  try {
    readFileSync(certFile)
    readFileSync(keyFile)
    return { certFile, keyFile }
  } catch {
    // not made yet
  }
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', '/CN=errorweave local collector']
      .concat(['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile]),
    { stdio: 'ignore' },
  )
  return { certFile, keyFile }
}
