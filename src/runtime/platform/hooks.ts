import type { StackFrame } from '../report/stack.js'
import type { Poster, Sender, Spool } from '../delivery/types.js'
import type { Report } from '../report/types.js'

/** The report fields a context scope fills (DESIGN.md section 11). */
export type ContextFields = Pick<Report, 'request' | 'user' | 'tags' | 'contexts' | 'traceId' | 'spanId'>

/**
 * What differs between platforms. The universal entry leaves these unset (fetch,
 * page-hide, no source maps); the Node entry (node.ts) fills them in, so a browser
 * bundle never imports node:https, the properties file or process hooks.
 */
export const hooks: {
  post?: Poster
  discord?: () => Sender
  otlp?: () => Sender
  mapFrame?: (frame: StackFrame) => StackFrame
  /** Set by the Node entry: node:util's brand check, which runs no Proxy trap. */
  isPromise?: (value: unknown) => boolean
  /** Set by the Node entry: the classification rules for Node's error codes and database or broker clients. */
  serverCategory?: (error: unknown) => Report['category']
  /** Node: where undeliverable reports wait for the next start (unset when spool-dir is off). */
  spool?: Spool
  /** Called once, when the first report is handed to a transport. */
  onActive?: () => void
  /**
   * Set by errorweave/otel: the active span's ids. Read at capture time, in the catch
   * block, where the failing call's span is still the active one.
   */
  activeTrace?: () => { traceId: string; spanId: string } | undefined
  /** Set by errorweave/otel: records a new occurrence on the active span, in the catch block (a span ends right after). */
  recordOnSpan?: (error: unknown) => void
  /**
   * Set by the context API on its first use (context/store.ts), so an app that never
   * uses it ships none of it: a capture takes a reference to the current scope, the
   * report reads the scope when it is built.
   */
  context?: {
    capture(error: unknown, scope?: unknown): unknown
    fields(scope: unknown): ContextFields
    userId(scope: unknown): string | undefined
  }
} = {}
