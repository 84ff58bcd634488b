/*
 * The smallest woven browser app: configure delivery to the collector over HTTPS and
 * one annotated function. The size benchmark weaves it with the plugin and bundles it.
 */
import { configure } from 'errorweave'

configure({ serverUrl: 'https://collector.example.com/errors', apikey: 'bench-key' })

/** @ErrorMonitor */
export async function loadUser(id: string): Promise<unknown> {
  const response = await fetch(`/users/${encodeURIComponent(id)}`)
  if (!response.ok) throw new Error(`user ${id}: HTTP ${response.status}`)
  return response.json()
}
