import { generateKeyPairSync } from 'node:crypto'

/** One secret format: a sentence holding it, what must never leave, and a property that holds it. */
export interface SecretFormat {
  name: string
  text: string
  leaks: string[]
  /** [key, value] for objects; by default the sentence under a neutral key. */
  property?: [string, string]
}

const PEM = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'

/** Every format DESIGN.md section 8 names, each as it shows up in real errors. */
export const SECRET_FORMATS: SecretFormat[] = [
  { name: 'a password with spaces', text: 'login failed, password: correct horse battery staple', leaks: ['correct', 'horse', 'staple'], property: ['password', 'correct horse battery staple'] },
  { name: 'password= to the end of its value', text: 'retry with password=correct horse battery staple', leaks: ['correct', 'horse', 'staple'] },
  { name: 'an authToken key', text: 'authToken: tok-8f3a-live', leaks: ['tok-8f3a-live'], property: ['authToken', 'tok-8f3a-live'] },
  { name: 'a sessionToken key', text: 'sessionToken=sess-41c9-live', leaks: ['sess-41c9-live'], property: ['sessionToken', 'sess-41c9-live'] },
  { name: 'a secretKey key', text: '{"secretKey":"sk-fake-value-77","id":7}', leaks: ['sk-fake-value-77'], property: ['secretKey', 'sk-fake-value-77'] },
  { name: 'an x-api-key header', text: 'x-api-key: key-3b1d-live', leaks: ['key-3b1d-live'], property: ['x-api-key', 'key-3b1d-live'] },
  { name: 'AWS_SECRET_ACCESS_KEY', text: 'AWS_SECRET_ACCESS_KEY=not-a-known-shape', leaks: ['not-a-known-shape'], property: ['AWS_SECRET_ACCESS_KEY', 'not-a-known-shape'] },
  { name: 'a bearer token', text: 'upstream sent Bearer abcDEF123456ghiJKL', leaks: ['abcDEF123456ghiJKL'] },
  { name: 'basic credentials', text: 'upstream sent Basic dXNlcjpodW50ZXIy', leaks: ['dXNlcjpodW50ZXIy'] },
  { name: 'a JWT', text: `session ${JWT} expired`, leaks: ['eyJhbGciOiJIUzI1NiJ9', 'dozjgNryP4J3'] },
  { name: 'a database URL with credentials', text: 'connect postgres://app:Pa55w0rd@db.internal:5432/orders failed', leaks: ['Pa55w0rd'] },
  { name: 'an https URL with credentials', text: 'GET https://deploy:hunter2pass@git.example.com/repo', leaks: ['hunter2pass', 'deploy:'] },
  {
    name: 'a presigned S3 URL',
    text: 'GET https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAWHHZY2SWVBQISTN7%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=FQoGZXIvYXdzEJr&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024 403',
    leaks: ['AKIAWHHZY2SWVBQISTN7', 'FQoGZXIvYXdzEJr', 'fe5f80f77d5fa3bec'],
  },
  { name: 'sig= and token= in a query', text: 'GET https://cdn.example.com/v.mp4?sv=2024&sig=Zm9vYmFyYmF6cXV4&token=tk9z8y7x 403', leaks: ['Zm9vYmFyYmF6cXV4', 'tk9z8y7x'] },
  { name: 'access_token= in a query', text: 'callback?code=ok&access_token=ya29.a0AfH6SMBx&state=1 failed', leaks: ['ya29.a0AfH6SMBx'] },
  { name: 'a PEM private key', text: `bad key\n${PEM}`, leaks: [PEM.split('\n')[1].slice(0, 20), 'BEGIN PRIVATE KEY'] },
  { name: 'an AWS access key id', text: 'key id AKIAWHHZY2SWVBQISTN7 rejected', leaks: ['AKIAWHHZY2SWVBQISTN7'] },
  { name: 'an AWS secret access key', text: 'secret 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 rejected', leaks: ['4di4RX2G1zdW8FXpCEyGjFl6gdyK26CijxV6zXnU'] },
  { name: 'a GitHub personal token', text: 'push with ghp_gNSWPH8prVqsUeQCtDR3zzX6hqo35uwZqxZO denied', leaks: ['gNSWPH8prVqsUeQCtDR3zzX6hqo35uwZqxZO'] },
  { name: 'a GitHub OAuth token', text: 'oauth gho_OHjkJQQrkaPehMvbfrn2yzL7C5Mg3PR4hLLO denied', leaks: ['OHjkJQQrkaPehMvbfrn2yzL7C5Mg3PR4hLLO'] },
  { name: 'a GitHub fine-grained token', text: 'pat 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 denied', leaks: ['Oxl3gV3FGRmrCNnFZsGqgh'] },
  { name: 'a GitLab token without digits', text: 'clone with glpat-qwtHmcOJEZqgygcmtbaL denied', leaks: ['qwtHmcOJEZqgygcmtbaL'] },
  { name: 'a Slack bot token', text: 'slack xoxb-848541023034-8423395450892-GP1mxFyp9yIJX6uF68NcpP7B invalid_auth', leaks: ['GP1mxFyp9yIJX6uF68NcpP7B', '848541023034'] },
  { name: 'a Slack webhook URL', text: 'POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX 404', leaks: ['aBcDeFgHiJkLmNoPqRsTuVwX', 'T0123ABCD'] },
  { name: 'a Stripe secret key', text: 'stripe sk_live_EXvfqZgimdS7jnqFCiI5ydYg expired', leaks: ['EXvfqZgimdS7jnqFCiI5ydYg'] },
  { name: 'a Stripe restricted key', text: 'stripe rk_live_qTxIBAiCofjZUljbQ6oP3Q0w expired', leaks: ['qTxIBAiCofjZUljbQ6oP3Q0w'] },
  { name: 'a Google API key', text: 'maps AIzaf07I8PjUhmi2ogviaNfrWta57_cLkIFKaEa over quota', leaks: ['f07I8PjUhmi2ogviaNfrWta57'] },
  { name: 'a card number', text: 'card 4111 1111 1111 1111 declined', leaks: ['4111 1111 1111 1111'] },
  { name: 'a Korean resident number', text: '주민번호 900101-1234567 확인', leaks: ['900101-1234567'] },
  { name: 'a Korean mobile number', text: '연락처 010-1234-5678 로', leaks: ['010-1234-5678'] },
  { name: 'an international phone number', text: 'phone +1 415 555 0123', leaks: ['415 555 0123'] },
  { name: "an e-mail address's local part", text: 'no account for kim.minsu@example.com', leaks: ['kim.minsu'] },
]

/** Ordinary text that must reach the collector exactly as written. */
export const ORDINARY_TEXT = [
  'order 12345 failed after 3000 ms',
  'user 550e8400-e29b-41d4-a716-446655440000 not found',
  'at 2026-11-24T10:00:00.000Z, retry at 2026-11-24',
  'timestamp 1764000000000 (1764000000) expired',
  'version 1.2.3, build 20261124, v2.0.0-beta.4',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 broke it',
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 mismatch',
  '    at OrderService.create (/home/app/src/session.ts:123:45)',
  '    at token (C:\\app\\src\\auth\\token.service.ts:7:19)',
  'GET https://shop.example.com/orders/42?page=2&sort=desc returned 500',
  "TypeError: Cannot read properties of undefined (reading 'token')",
  'Unexpected token } in JSON at position 5',
  'tests passed: 3 of 4, keyboard: us, tokens: 12',
  'import @nestjs/core@11.1.6 from node_modules/@nestjs/core',
  'price 1,234,567.89 KRW, ratio 0.75, id #A-1029',
  'listening on http://127.0.0.1:3000/api, connect ETIMEDOUT 10.0.0.1:5432',
  'Content-Type: application/json, Date: Fri, 04 Dec 2026 19:21:08 GMT',
  'traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '    at Module._compile (node:internal/modules/cjs/loader:1554:14)',
  'amount=12000&currency=KRW&orderId=ORD-20261124-0001',
]
