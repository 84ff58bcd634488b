import { expect, test } from 'vitest'
import { clientIpOf, parseIp } from '../../../src/runtime/context/client-ip.js'

test.each<[string, string | undefined, string | undefined, Parameters<typeof clientIpOf>[2], string | undefined]>([
  ['IPv4-mapped IPv6 peer shown as IPv4', '::ffff:127.0.0.1', undefined, false, '127.0.0.1'],
  ['IPv6 peer', '2001:db8::1', '203.0.113.7', false, '2001:db8::1'],
  ['IPv6 proxy trusted by CIDR', '2001:db8::1', '203.0.113.7', ['2001:db8::/32'], '203.0.113.7'],
  ['IPv6 proxy outside the CIDR', '2001:db9::1', '203.0.113.7', ['2001:db8::/32'], '2001:db9::1'],
  ['mapped peer trusted by an IPv4 range', '::ffff:10.0.0.5', '198.51.100.9', ['10.0.0.0/8'], '198.51.100.9'],
  ['ports and brackets in X-Forwarded-For', '10.0.0.5', '[2001:db8::7]:4711, 198.51.100.9:8080', true, '2001:db8::7'],
  ['a hop that is no address ends the trust at the last address', '127.0.0.1', 'evil<script>, 10.1.1.1', ['loopback', 'uniquelocal'], '10.1.1.1'],
  ['a bad CIDR in the list trusts nothing', '127.0.0.1', '203.0.113.7', ['127.0.0.1/99'], '127.0.0.1'],
  ['no peer and no trust', undefined, '203.0.113.7', false, undefined],
])('%s', (_, peer, forwarded, trust, expected) => {
  expect(clientIpOf(peer, forwarded, trust)).toBe(expected)
})

test('addresses parse strictly', () => {
  expect(parseIp('::')).toEqual(new Array(16).fill(0))
  expect(parseIp('fe80::1%eth0')).toHaveLength(16)
  for (const bad of ['256.1.1.1', '1.2.3', '1::2::3', '12345::', 'localhost', '', '1.2.3.4.5']) expect(parseIp(bad)).toBeUndefined()
})
