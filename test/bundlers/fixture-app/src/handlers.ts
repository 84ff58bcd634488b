/** @ErrorMonitor */
export const parseLength = (input: string): number => JSON.parse(input).value.length

/** @ErrorMonitor({ comment: 'request handler' }) */
export function handle(request: { body: string }): number {
  const size = parseLength(request.body)
  return size * 2
}

/** Not annotated: its errors are never reported. */
export function plainParse(input: string): number {
  return JSON.parse(input).value.length
}
