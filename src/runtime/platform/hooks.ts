import type { StackFrame } from '../report/stack.js'
import type { Poster, Sender, Spool } from '../delivery/types.js'

/**
 * What differs between platforms. The universal entry leaves these unset (fetch,
 * page-hide, no source maps); the Node entry (node.ts) fills them in, so a browser
 * bundle never imports node:https, the properties file or process hooks.
 */
export const hooks: {
  post?: Poster
  discord?: () => Sender
  mapFrame?: (frame: StackFrame) => StackFrame
  /** Node: where undeliverable reports wait for the next start (unset when spool-dir is off). */
  spool?: Spool
  /** Called once, when the first report is handed to a transport. */
  onActive?: () => void
  /**
   * Set by errorweave/otel: the active span's ids. Read at capture time, in the catch
   * block, where the failing call's span is still the active one.
   */
  activeTrace?: () => { traceId: string; spanId: string } | undefined
} = {}
